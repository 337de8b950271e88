"""A contact's page through Streamlit's AppTest."""

from __future__ import annotations

from datetime import date, timedelta

from infoview.models import AskStatus, CallPlan, Contact, Conversation, Outreach, PlanItem, Source

PAGE = "pages/9_Contact.py"


def _labels(at) -> list[str]:
    return [p.proto.label for p in at.get("page_link")]


def test_empty_network_points_to_research(app):
    at = app(PAGE)
    assert "Nobody is in your network yet" in at.info[0].value


def test_unknown_contact_is_explained(app, store):
    store.save(Contact(full_name="Ana Ruiz"))
    at = app(PAGE, contact="gone")
    assert "no longer exists" in at.warning[0].value


def test_whole_story_in_one_place(app, store):
    tom = store.save(Contact(full_name="Tom Herrera"))
    ana = store.save(
        Contact(
            full_name="Ana Ruiz", organization="City Health", reason="Policy", referred_by=tom.id
        )
    )
    sam = store.save(Contact(full_name="Sam Lee", referred_by=ana.id, source=Source.REFERRAL))
    day = date.today() - timedelta(days=2)
    store.save(
        Outreach(
            contact_id=ana.id,
            status=AskStatus.REPLIED,
            subject="A question about policy",
            sent_on=day - timedelta(days=5),
            replied_on=day - timedelta(days=3),
        )
    )
    store.save(CallPlan(contact_id=ana.id, items=[PlanItem(text="How did you start?")]))
    talk = store.save(
        Conversation(contact_id=ana.id, happened_on=day, insights="Fellowships matter")
    )
    at = app(PAGE, contact=ana.id)
    assert not at.exception
    assert at.title[0].value == "Ana Ruiz"
    assert "Stage: **Gave referrals**" in at.caption[0].value
    next_step = next(
        p.proto for p in at.get("page_link") if p.proto.label == "Send a thank-you note"
    )
    # The next step opens the conversation waiting for its thank-you, not just the contact.
    assert next_step.page == "Conversations"
    assert next_step.query_string == f"contact={ana.id}&conversation={talk.id}"
    labels = _labels(at)
    assert "Tom Herrera" in labels and "Sam Lee" in labels
    people = {p.proto.label: p.proto.query_string for p in at.get("page_link")}
    assert people["Sam Lee"] == f"contact={sam.id}"
    assert any("Fellowships matter" in m.value for m in at.markdown)
    assert any("They suggested you talk to Sam Lee" in m.value for m in at.markdown)
    assert any(e.label == "1 questions for a 15-minute call" for e in at.expander)


def test_next_step_for_a_researched_contact_is_the_ask(app, store):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    at = app(PAGE, contact=ana.id)
    link = next(p.proto for p in at.get("page_link") if p.proto.label == "Craft the ask")
    assert link.query_string == f"contact={ana.id}"


def test_markdown_in_a_name_stays_text(app, store):
    ana = store.save(Contact(full_name="![x](http://127.0.0.1:9/a.png) Ana"))
    at = app(PAGE, contact=ana.id)
    assert at.title[0].value.startswith("\\!\\[x\\]")
