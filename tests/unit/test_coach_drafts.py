"""Reviews of the thank-you, follow-up and report-back emails (#15)."""

from __future__ import annotations

import pytest

from infoview.coach.drafts import review_note


def body(*sentences: str) -> str:
    return "Hi Dana,\n\n" + " ".join(sentences) + "\n\nBest,\nSam"


THANKS = "Thank you for taking the time to talk with me."
LEARNED = "I especially appreciated what you said about how fellows split their week."


def level(review, rule):
    found = next((f for f in review.findings if f.rule == rule), None)
    return None if found is None else str(found.level)


def test_a_good_thank_you_passes_and_a_late_one_warns():
    good = review_note("thank_you", "Thank you", body(THANKS, LEARNED), days_since_call=1)
    assert good.score == 100
    late = review_note("thank_you", "Thank you", body(THANKS, LEARNED), days_since_call=4)
    assert level(late, "timing") == "warn"


@pytest.mark.parametrize(
    "sentence",
    [
        "I especially appreciated what you said about your career.",
        "It was great to talk.",
    ],
)
def test_a_thank_you_must_name_one_specific_thing(sentence):
    review = review_note("thank_you", "Thank you", body(THANKS, sentence))
    assert level(review, "specific") == "warn"


def test_a_thank_you_asks_for_nothing_new():
    asks = body(THANKS, LEARNED, "Could you introduce me to your manager?")
    assert level(review_note("thank_you", "Thanks", asks), "new_ask") == "warn"
    job = body(THANKS, LEARNED, "Please keep me in mind for openings on your team.")
    assert level(review_note("thank_you", "Thanks", job), "job_ask") == "problem"
    negated = body(THANKS, LEARNED, "I'm not asking for anything more.")
    assert level(review_note("thank_you", "Thanks", negated), "new_ask") == "ok"
    blank = body(THANKS, "I especially appreciated what you said about [one thing].")
    assert level(review_note("thank_you", "Thanks", blank), "placeholders") == "problem"


def test_a_follow_up_is_short_kind_and_restates_the_ask():
    good = body(
        "I'm following up on my note from last week in case it got buried.",
        "Would 15 minutes in the coming weeks work for you?",
    )
    assert review_note("follow_up", "Following up", good).score == 100
    guilt = body("I haven't heard back from you.", "Would 15 minutes in the coming weeks work?")
    assert level(review_note("follow_up", "Following up", guilt), "guilt") == "warn"
    no_ask = body("I'm following up on my note from last week.")
    assert level(review_note("follow_up", "Following up", no_ask), "restates_ask") == "warn"
    long = body("I'm following up. " * 30, "Would 15 minutes work?")
    assert level(review_note("follow_up", "Following up", long), "length") == "warn"


def test_a_report_back_says_what_you_did():
    good = body(
        "I wanted to let you know how your advice helped.",
        "Since we talked, I joined the policy network you mentioned.",
    )
    assert review_note("report_back", "An update", good).score == 100
    vague = body("I wanted to let you know your advice was great. Thanks again.")
    assert level(review_note("report_back", "An update", vague), "what_you_did") == "warn"


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        review_note("cold_interest", "s", "b")
