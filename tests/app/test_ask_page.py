"""The Craft the ask page through Streamlit's AppTest."""

from __future__ import annotations

import re
from datetime import date, timedelta

from infoview.dates import business_days_after, today_in
from infoview.models import (
    AskStatus,
    Contact,
    Outreach,
    Profile,
    StatusChange,
    UserTemplate,
    utcnow,
)
from infoview.store import Store
from infoview.ui import pages

PAGE = pages.ASK.path
REASON = "Your move from a protein chemistry postdoc into science policy is the path I hope for."


def _setup(store, **extra) -> Contact:
    store.save(Profile(name="Sam Rivera", current_role="postdoc in ecology"))
    values = {
        "full_name": "Amara Okafor",
        "organization": "Office of Science Policy",
        "title": "Policy Analyst",
        "sector": "government",
        "email": "amara@example.org",
        "reason": REASON,
    }
    return store.save(Contact(**{**values, **extra}))


def _w(at, cid: str, name: str):
    """Return the draft widget of one field."""
    key = f"askw_{cid}_{name}"
    for kind in (at.text_input, at.text_area, at.number_input, at.radio, at.selectbox):
        found = [w for w in kind if w.key == key]
        if found:
            return found[0]
    for widget in at.get("date_input"):
        if widget.key == key:
            return widget
    raise AssertionError(f"no widget {key}")


def _button(at, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r}; have {[b.label for b in at.button]}"
    return found[0]


def _plain(text: str) -> str:
    """Return Markdown with md_escape's backslashes and invisible word joiners taken out."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def _text(at) -> str:
    return _plain("\n".join([m.value for m in at.markdown] + [c.value for c in at.caption]))


def _errors(at) -> str:
    return _plain("\n".join(e.value for e in at.error))


def _asks(data_dir, cid: str) -> list[Outreach]:
    return Store.in_dir(data_dir).by_contact("outreach").get(cid, [])


def _today() -> date:
    return today_in("")


def test_without_contacts_the_page_points_to_research(app):
    at = app(PAGE)
    assert not at.exception
    assert "nobody to write to yet" in at.info[0].value
    link = next(p.proto for p in at.get("page_link") if p.proto.label == "Go to 2 · Research")
    assert link.page == "Research"


def test_without_a_chosen_contact_the_page_offers_the_picker(app, store):
    _setup(store)
    at = app(PAGE)
    assert "Choose the person you want to write to" in at.info[0].value
    assert at.selectbox[0].label == "Contact"
    assert not at.text_area


def test_the_contact_comes_from_the_query_and_the_draft_is_ready(app, store):
    contact = _setup(store)
    at = app(PAGE, contact=contact.id)
    assert not at.exception
    assert at.header[0].value == "Amara Okafor"
    body = _w(at, contact.id, "body").value
    assert body.startswith("Hi Amara,") and "15 minutes" in body
    # No topics yet: the coach asks for them, and the mailto carries the address.
    assert "[one or two specific topics]" in body
    assert "Still to fill in" in _text(at)
    link = next(b.proto for b in at.get("link_button") if b.proto.label == "Open in my mail app")
    assert link.url.startswith("mailto:amara@example.org?subject=")


def test_a_contact_without_a_reason_gets_a_nudge_back_to_research(app, store):
    contact = _setup(store, reason="")
    at = app(PAGE, contact=contact.id)
    assert "not written down why" in at.info[0].value
    link = next(p.proto for p in at.get("page_link") if "compelling reason" in p.proto.label)
    assert link.page == "Research" and contact.id in link.query_string


def test_topics_minutes_and_mode_shape_the_draft(app, store):
    contact = _setup(store)
    at = app(PAGE, contact=contact.id)
    _w(at, contact.id, "topic0").set_value("grant writing").run()
    _w(at, contact.id, "topic1").set_value("hiring in policy offices").run()
    _w(at, contact.id, "mode").set_value("video").run()
    _w(at, contact.id, "minutes").set_value(20).run()
    assert not at.exception
    body = _w(at, contact.id, "body").value
    assert "grant writing and hiring in policy offices" in body
    assert "20 minutes for a video call" in body
    assert _w(at, contact.id, "subject").value == "A question about grant writing"
    assert "Still to fill in" not in _text(at)


def test_minutes_out_of_range_are_explained_and_block_sending(app, store):
    contact = _setup(store)
    at = app(PAGE, contact=contact.id)
    _w(at, contact.id, "minutes").set_value(25).run()
    assert "25 minutes is a lot to ask for a phone call" in at.warning[0].value
    assert _button(at, "Mark as sent").disabled
    _w(at, contact.id, "mode").set_value("in person").run()
    assert not any("a lot to ask" in w.value for w in at.warning)
    assert not _button(at, "Mark as sent").disabled


def test_editing_the_body_changes_the_review(app, store):
    contact = _setup(store)
    at = app(PAGE, contact=contact.id)
    _w(at, contact.id, "topic0").set_value("grant writing").run()
    before = at.metric[0].value
    assert "Generic ask" not in _text(at)
    body = _w(at, contact.id, "body").value
    edited = body.replace("Would you have", "Could I pick your brain? Would you have")
    _w(at, contact.id, "body").set_value(edited).run()
    assert "Generic ask: “pick your brain”" in _text(at)
    assert at.metric[0].value != before
    assert "You have edited the draft" in _text(at)
    # The edit is the user's now: a new topic does not overwrite it...
    _w(at, contact.id, "topic1").set_value("policy fellowships").run()
    assert _w(at, contact.id, "body").value == edited
    # ...until they regenerate, and the edited text can be brought back.
    _button(at, "Regenerate from template").click().run()
    assert "policy fellowships" in _w(at, contact.id, "body").value
    _button(at, "Bring back my edits").click().run()
    assert _w(at, contact.id, "body").value == edited


def test_save_draft_and_it_survives_a_page_switch(app, store, data_dir):
    contact = _setup(store)
    at = app(PAGE, contact=contact.id)
    _w(at, contact.id, "topic0").set_value("grant writing").run()
    _w(at, contact.id, "body").set_value("Hi Amara,\n\nMy own words about grant writing.").run()
    assert "Unsaved changes" in _text(at)
    at.switch_page(pages.RESEARCH.path).run()
    at.query_params["contact"] = contact.id
    at.switch_page(PAGE).run()
    assert _w(at, contact.id, "body").value == "Hi Amara,\n\nMy own words about grant writing."
    _button(at, "Save draft").click().run()
    assert not at.exception
    [saved] = _asks(data_dir, contact.id)
    assert saved.status == AskStatus.DRAFT and saved.topics == ["grant writing"]
    assert saved.body.endswith("My own words about grant writing.")
    assert "All changes saved." in _text(at)
    _button(at, "Save draft").click().run()  # a second click stores nothing new
    assert [a.revision for a in _asks(data_dir, contact.id)] == [1]


def test_every_part_of_an_unsaved_draft_survives_a_page_switch_per_contact(app, store, data_dir):
    contact = _setup(store)
    other = store.save(Contact(full_name="Bo Chen", organization="Lab", reason="Your lab"))
    later = _today() + timedelta(days=9)
    at = app(PAGE, contact=contact.id)
    _w(at, contact.id, "topic0").set_value("grant writing").run()
    _w(at, contact.id, "minutes").set_value(20).run()
    _w(at, contact.id, "mode").set_value("video").run()
    _w(at, contact.id, "planned").set_value(later).run()
    _w(at, contact.id, "subject").set_value("Twenty minutes on grant writing?").run()
    # Typed in the same run as the switch: the value travels with it.
    _w(at, contact.id, "body").set_value("Hi Amara,\n\nUnsaved words.")
    at.query_params["contact"] = other.id
    at.switch_page(PAGE).run()  # another contact's draft, then another page
    assert _w(at, other.id, "body").value.startswith("Hi Bo,")
    at.query_params.clear()
    at.switch_page(pages.RESEARCH.path).run()
    at.query_params["contact"] = contact.id
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert _w(at, contact.id, "topic0").value == "grant writing"
    assert (_w(at, contact.id, "minutes").value, _w(at, contact.id, "mode").value) == (20, "video")
    assert _w(at, contact.id, "planned").value == later
    assert _w(at, contact.id, "subject").value == "Twenty minutes on grant writing?"
    assert _w(at, contact.id, "body").value == "Hi Amara,\n\nUnsaved words."
    assert "Unsaved changes" in _text(at)
    assert _asks(data_dir, contact.id) == []  # nothing is written until Save


def test_mark_as_sent_then_replied_records_dates_and_history(app, store, data_dir):
    contact = _setup(store)
    at = app(PAGE, contact=contact.id)
    _w(at, contact.id, "topic0").set_value("grant writing").run()
    _button(at, "Mark as sent").click().run()
    assert not at.exception
    [ask] = _asks(data_dir, contact.id)
    assert (ask.status, ask.sent_on) == (AskStatus.SENT, _today())
    assert [h.status for h in ask.history] == [AskStatus.DRAFT, AskStatus.SENT]
    assert "grant writing" in ask.body
    text = _text(at)
    assert "Sent, waiting for a reply" in text and "If no reply comes" in text
    assert "try a second person at Office of Science Policy" in text

    _button(at, "They replied").click().run()
    [ask] = _asks(data_dir, contact.id)
    assert (ask.status, ask.replied_on) == (AskStatus.REPLIED, _today())
    assert [h.status for h in ask.history][-1] == AskStatus.REPLIED
    assert "If no reply comes" not in _text(at)  # a reply cancels the reminders
    frame = at.dataframe[0].value
    assert list(frame["Status"]) == ["Draft", "Sent, waiting for a reply", "Replied"]


def test_undo_sent_brings_the_draft_back(app, store, data_dir):
    contact = _setup(store)
    at = app(PAGE, contact=contact.id)
    _w(at, contact.id, "body").set_value("Hi Amara,\n\nWould 15 minutes work?").run()
    _button(at, "Mark as sent").click().run()
    _button(at, "Undo sent (back to draft)").click().run()
    assert not at.exception
    [ask] = _asks(data_dir, contact.id)
    assert (ask.status, ask.sent_on) == (AskStatus.DRAFT, None)
    assert _w(at, contact.id, "body").value == "Hi Amara,\n\nWould 15 minutes work?"


def test_follow_ups_list_a_colleague_then_offer_a_follow_up_email(app, store, data_dir):
    contact = _setup(store)
    lena = store.save(Contact(full_name="Lena Park", organization="office of science policy"))
    today = _today()
    sent = today - timedelta(days=4)
    while business_days_after(sent, 3, "US") > today:
        sent -= timedelta(days=1)
    ask = store.save(
        Outreach(
            contact_id=contact.id,
            topics=["grant writing"],
            subject="S",
            body="B",
            status=AskStatus.SENT,
            sent_on=sent,
            history=[StatusChange(status=AskStatus.SENT, at=utcnow())],
        )
    )
    at = app(PAGE, contact=contact.id)
    assert "Others at Office of Science Policy" in _text(at)
    links = [p.proto for p in at.get("page_link") if p.proto.label.startswith("Lena Park")]
    assert _plain(links[0].label) == "Lena Park — office of science policy"
    assert links[0].query_string.endswith(lena.id)

    store = Store.in_dir(data_dir)
    earlier = today - timedelta(days=20)
    store.save(ask.model_copy(update={"sent_on": earlier}), expected_revision=ask.revision)
    at = app(PAGE, contact=contact.id)
    text = _text(at)
    assert "Mark the ask to Amara as no reply?" in text
    _button(at, "Mark as no reply").click().run()
    assert _asks(data_dir, contact.id)[0].status == AskStatus.NO_REPLY


def test_the_follow_up_email_has_its_own_mailto(app, store):
    contact = _setup(store)
    today = _today()
    sent = today - timedelta(days=10)
    while business_days_after(sent, 7, "US") > today:
        sent -= timedelta(days=1)
    store.save(
        Outreach(
            contact_id=contact.id,
            topics=["grant writing"],
            status=AskStatus.SENT,
            sent_on=sent,
            body="B",
            subject="S",
        )
    )
    at = app(PAGE, contact=contact.id)
    links = {b.proto.label: b.proto.url for b in at.get("link_button")}
    url = links["Open the follow-up in my mail app"]
    assert url.startswith("mailto:amara@example.org?subject=Following%20up%3A%2015%20minutes")


def test_fix_a_date_refuses_a_reply_before_sending(app, store, data_dir):
    contact = _setup(store)
    day = date(2025, 3, 3)
    store.save(
        Outreach(
            contact_id=contact.id,
            status=AskStatus.REPLIED,
            sent_on=day,
            replied_on=day + timedelta(days=2),
            body="B",
        )
    )
    at = app(PAGE, contact=contact.id)
    replied = next(d for d in at.get("date_input") if d.label == "Answered on")
    replied.set_value(day - timedelta(days=1))
    _button(at, "Save the dates").click().run()
    assert "cannot come before" in _errors(at)
    next(d for d in at.get("date_input") if d.label == "Answered on").set_value(
        day + timedelta(days=1)
    )
    _button(at, "Save the dates").click().run()
    assert _asks(data_dir, contact.id)[0].replied_on == day + timedelta(days=1)


def test_delete_a_draft_after_confirming(app, store, data_dir):
    contact = _setup(store)
    store.save(Outreach(contact_id=contact.id, subject="S", body="Old draft"))
    at = app(PAGE, contact=contact.id)
    assert _w(at, contact.id, "body").value == "Old draft"
    assert _button(at, "Delete this draft").disabled
    next(c for c in at.checkbox if c.label == "Yes, delete it").check().run()
    _button(at, "Delete this draft").click().run()
    assert _asks(data_dir, contact.id) == []
    assert _w(at, contact.id, "body").value.startswith("Hi Amara,")


def test_a_better_send_date_can_be_taken(app, store):
    contact = _setup(store)
    at = app(PAGE, contact=contact.id)
    saturday = _today() + timedelta(days=(5 - _today().weekday()) % 7 or 7)
    _w(at, contact.id, "planned").set_value(saturday).run()
    assert "Better to wait" in at.warning[0].value
    use = next(b for b in at.button if b.label.startswith("Use "))
    use.click().run()
    planned = _w(at, contact.id, "planned").value
    assert planned > saturday and planned.weekday() < 5
    assert any("A good day to send" in s.value for s in at.success)


def _open(at, key: str):
    """Open a lazy expander (its content is only drawn once open)."""
    at.session_state[key] = True
    return at.run()


def _codes(at) -> list[str]:
    return [c.value for c in at.code]


def test_copy_boxes_are_drawn_only_when_their_expander_is_opened(app, store):
    contact = _setup(store)
    at = app(PAGE, contact=contact.id)
    assert not at.code  # a code box loads a syntax highlighter: not on every visit
    _open(at, f"ask_copy_{contact.id}")
    subject, body = _codes(at)
    assert subject == _w(at, contact.id, "subject").value.strip()
    assert body == _w(at, contact.id, "body").value.strip()


def test_the_sent_email_and_the_follow_up_text_open_on_request(app, store):
    contact = _setup(store)
    ask = store.save(
        Outreach(
            contact_id=contact.id,
            subject="About policy",
            body="Hi Amara, the sent text.",
            status=AskStatus.SENT,
            sent_on=_today(),
        )
    )
    at = app(PAGE, contact=contact.id)
    assert not at.code
    _open(at, f"ask_sent_text_{ask.id}")
    assert _codes(at) == ["About policy", "Hi Amara, the sent text."]
    _open(at, f"ask_follow_preview_{ask.id}")
    assert any(code.startswith("Following up") for code in _codes(at))


def test_the_template_editor_is_drawn_only_when_opened_and_keeps_typed_text(app, store):
    contact = _setup(store)
    at = app(PAGE, contact=contact.id)
    assert not [w for w in at.text_input if w.key.startswith("ask_tpl_")]
    _open(at, "ask_tpl_open")
    key = next(w.key for w in at.text_input if w.key.startswith("ask_tpl_") and "name" in w.key)
    at.text_input(key=key).set_value("Warm and short").run()
    at.session_state["ask_tpl_open"] = False
    at.run()
    assert not [w for w in at.text_input if w.key == key]
    _open(at, "ask_tpl_open")
    assert at.text_input(key=key).value == "Warm and short"


def test_user_template_save_render_and_friendly_errors(app, store, data_dir):
    contact = _setup(store)
    at = _open(app(PAGE, contact=contact.id), "ask_tpl_open")
    tid = next(w.key for w in at.text_input if w.key.startswith("ask_tpl_") and "name" in w.key)
    prefix = tid.removesuffix("_name")
    at.text_input(key=f"{prefix}_name").set_value("Short and warm")
    at.text_input(key=f"{prefix}_subject").set_value("About {{ first_topic or 'your path' }}")
    at.text_area(key=f"{prefix}_body").set_value("Hi {{ frist_name }},").run()
    assert "Unknown variable 'frist_name'. Did you mean 'first_name'?" in _errors(at)
    _button(at, "Save template").click().run()
    assert "Not saved yet" in _errors(at)
    assert Store.in_dir(data_dir).count("templates") == 0

    at.text_area(key=f"{prefix}_body").set_value("Hi {{ first_name }}, {{ minutes }} minutes?")
    at.run()
    assert not at.error
    _button(at, "Save template").click().run()
    [saved] = Store.in_dir(data_dir).all("templates")
    assert saved.name == "Short and warm"

    template = _w(at, contact.id, "template")
    template.set_value(f"user:{saved.id}").run()
    assert _w(at, contact.id, "body").value == "Hi Amara, 15 minutes?"
    assert _w(at, contact.id, "subject").value == "About your path"


def test_a_sandbox_escape_is_an_error_message_not_a_traceback(app, store):
    contact = _setup(store)
    store.save(UserTemplate(id="evil", name="Evil", subject="x", body="{{ ''.__class__.__mro__ }}"))
    at = _open(app(PAGE, contact=contact.id), "ask_tpl_open")
    at.selectbox(key="ask_tpl_pick").set_value("evil").run()
    assert not at.exception
    assert "The template tries to use '__class__', which is not allowed" in _errors(at)
    _w(at, contact.id, "template").set_value("user:evil").run()
    assert not at.exception
    assert "Your draft below was left as it was" in _errors(at)
    assert "__mro__" not in _w(at, contact.id, "body").value


def test_a_save_over_a_change_made_elsewhere_is_refused_and_the_text_kept(app, store, data_dir):
    contact = _setup(store)
    at = app(PAGE, contact=contact.id)
    _button(at, "Save draft").click().run()
    [saved] = _asks(data_dir, contact.id)
    Store.in_dir(data_dir).save(
        saved.model_copy(update={"body": "From the other tab"}), expected_revision=1
    )
    _w(at, contact.id, "body").set_value("Hi Amara,\n\nMine, typed here.").run()
    _button(at, "Save draft").click().run()
    assert not at.exception
    assert "changed in another tab" in _plain(at.warning[0].value)
    assert _w(at, contact.id, "body").value == "Hi Amara,\n\nMine, typed here."
    assert _asks(data_dir, contact.id)[0].body == "From the other tab"
    _button(at, "Load the newer version").click().run()
    assert _w(at, contact.id, "body").value == "From the other tab"
    _button(at, "Bring back my edits").click().run()
    _button(at, "Save draft").click().run()
    assert _asks(data_dir, contact.id)[0].body == "Hi Amara,\n\nMine, typed here."


def test_markdown_in_names_is_shown_as_text(app, store):
    hostile = "![x](http://127.0.0.1:9/a.png) **Zoë**"
    contact = _setup(store, full_name=hostile, organization="[Acme](http://evil.test)")
    store.save(Outreach(contact_id=contact.id, status=AskStatus.NO_REPLY, sent_on=date(2025, 3, 3)))
    at = app(PAGE, contact=contact.id)
    assert not at.exception
    shown = [m.value for m in at.markdown] + [b.label for b in at.button]
    shown += [h.value for h in at.header] + [c.value for c in at.caption]
    assert not any("![x](" in text or "[Acme](" in text for text in shown)
    assert any(label.endswith("\\*\\*Zoë\\*\\*") for label in (b.label for b in at.button))
