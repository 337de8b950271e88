"""Every next step and reminder opens the right page, contact, list and record."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from infoview.dates import business_days_after
from infoview.models import AskStatus, CallPlan, Contact, Conversation, Outreach, PlanItem

RESEARCH = "pages/2_Research.py"
CONVERSATIONS = "pages/5_Conversations.py"
CONTACT = "pages/9_Contact.py"


def _links(at, label: str):
    return [p.proto for p in at.get("page_link") if p.proto.label == label]


def _names(at) -> list[str]:
    return at.dataframe[0].value["Name"].tolist()


def test_research_the_people_they_suggested_lists_exactly_them(app, store):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    store.save(Contact(full_name="Sam Lee", referred_by=ana.id))
    store.save(Contact(full_name="Kim Park", referred_by=ana.id))
    store.save(Contact(full_name="Someone Else"))
    day = date.today() - timedelta(days=3)
    store.save(
        Conversation(
            contact_id=ana.id, happened_on=day, thank_you_sent_on=day, report_back_done_on=day
        )
    )
    at = app(CONTACT, contact=ana.id)
    [step] = _links(at, "Research the people they suggested")
    assert step.page == "Research" and step.query_string == f"referred_by={ana.id}"
    at = app(RESEARCH, referred_by=ana.id)
    assert sorted(_names(at)) == ["Kim Park", "Sam Lee"]
    assert any("suggested" in m.value and "Ana Ruiz" in m.value for m in at.markdown)
    next(b for b in at.button if b.label == "Show everyone").click().run()
    assert len(_names(at)) == 4


def test_find_someone_lists_the_others_at_the_organization(app, store):
    ana = store.save(Contact(full_name="Ana Ruiz", organization="Globex, Inc.", reason="x y"))
    store.save(Contact(full_name="Bo Chen", organization="globex"))
    store.save(Contact(full_name="Cy Dee", organization="Initech"))
    today = date.today()
    # Sent long enough ago for "try a second person" (3 business days), not yet the follow-up.
    sent = next(
        today - timedelta(days=k)
        for k in range(3, 12)
        if business_days_after(today - timedelta(days=k), 3, "US")
        <= today
        < business_days_after(today - timedelta(days=k), 7, "US")
    )
    store.save(Outreach(contact_id=ana.id, status=AskStatus.SENT, sent_on=sent))
    at = app()
    [find] = [
        p.proto
        for p in at.get("page_link")
        if p.proto.page == "Research" and "org=" in p.proto.query_string
    ]
    assert "contact=" not in find.query_string
    at = app(RESEARCH, org="Globex, Inc.")
    assert sorted(_names(at)) == ["Ana Ruiz", "Bo Chen"]


def test_an_archived_contacts_next_step_is_to_restore_them(app, store):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy", archived=True))
    at = app(CONTACT, contact=ana.id)
    [step] = _links(at, "Restore them from the archive to work with them again")
    assert step.page == "Research" and step.query_string == f"contact={ana.id}"
    at = app(RESEARCH, contact=ana.id)
    assert any(b.label == "Restore from archive" for b in at.button)
    assert not _links(at, "Next: craft the ask →")


def test_log_the_conversation_opens_the_scheduled_call_on_its_day(app, store):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    store.save(
        Outreach(contact_id=ana.id, status=AskStatus.REPLIED, sent_on=date.today() - timedelta(9))
    )
    store.save(CallPlan(contact_id=ana.id, items=[PlanItem(text="How did you start?")]))
    day = date.today() - timedelta(days=2)
    call = store.save(
        Conversation(
            contact_id=ana.id,
            scheduled_at=datetime(day.year, day.month, day.day, 15, tzinfo=UTC),
            timezone="UTC",
        )
    )
    at = app(CONTACT, contact=ana.id)
    [step] = _links(at, "Log the conversation after the call")
    assert step.query_string == f"contact={ana.id}&conversation={call.id}"
    # A session that last looked at a new conversation still opens the scheduled one.
    at = app(CONVERSATIONS, contact=ana.id)
    picker = next(s for s in at.selectbox if s.label == "Conversation")
    at.session_state[picker.key] = "new"
    at.run()
    at.query_params["conversation"] = call.id
    at.run()
    assert next(s for s in at.selectbox if s.label == "Conversation").value == call.id
    happened = next(w for w in at.date_input if w.label == "Day you talked")
    assert happened.value == day


def test_back_to_the_list_stays_on_the_list(app, store):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    store.save(Contact(full_name="Bo Chen"))
    at = app(RESEARCH)
    at.text_input(key="rs_query").set_value("ana").run()
    at.selectbox(key="rs_pick").select(ana.id).run()
    assert at.query_params["contact"] in (ana.id, [ana.id])
    next(b for b in at.button if "All contacts" in b.label).click().run()
    assert "contact" not in at.query_params
    at.run()
    assert "contact" not in at.query_params
    # The list comes back as it was left: the search box shows the search it filters by.
    assert at.text_input(key="rs_query").value == "ana"
    assert _names(at) == ["Ana Ruiz"]
