"""The Conversations page reviews the thank-you and report-back like the Ask page (#15)."""

from __future__ import annotations

from tests.app.test_conversations_page import PAGE, _logged, _widget


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_the_thank_you_is_reviewed_and_the_review_follows_the_text(app, store):
    ana, _ = _logged(store)
    at = app(PAGE, contact=ana.id)
    # Nothing learned typed yet: the blank is flagged and the score is low.
    text = _markdown(at)
    assert "The coach:" in text and "Every blank filled in" in text
    assert "one specific thing you learned" in text
    _widget(at, "text_input", "cv_learned_").set_value("how fellows split their week").run()
    thanks = _markdown(at).split("Report back")[0]
    assert "one specific thing you learned" not in thanks
    # An edit that asks for something new is noticed.
    body = next(w for w in at.text_area if "cv_ty_" in w.key and "_body_" in w.key)
    body.set_value(
        body.value.replace("Thanks again,", "Could you introduce me to your boss?\n\nThanks again,")
    ).run()
    assert "Asks for nothing new" in _markdown(at)
    assert "asks for something new" in _markdown(at)


def test_the_report_back_says_what_you_did(app, store):
    ana, _ = _logged(store)
    at = app(PAGE, contact=ana.id)
    _widget(at, "text_input", "cv_outcome_").set_value("joined the policy network you named").run()
    report = _markdown(at).split("Report back")[-1]
    assert "Says what you did with their advice" not in report.split("Done well")[0]
