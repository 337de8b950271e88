"""What a coach reads about a client: journey, asks with scores, plans, reply rate."""

from datetime import date

from infoview.coaching import client_summary
from infoview.models import AskStatus, CallPlan, Contact, Outreach, PlanItem, Profile
from infoview.store import Store


def test_an_empty_client_has_started_nothing():
    summary = client_summary(Store(), date(2026, 3, 2))
    assert summary.steps_reached == 0
    assert summary.asks == summary.plans == []
    assert summary.reply_rate is None
    assert summary.last_active is None


def test_a_client_summary_counts_steps_asks_replies_and_plans():
    store = Store()
    store.save(Profile(past="Teacher for six years"))
    ada = store.save(Contact(full_name="Ada Ruiz", reason="Same school"))
    bo = store.save(Contact(full_name="Bo Li"))
    store.save(
        Outreach(
            contact_id=ada.id, subject="Quick question", body="Hi Ada", status=AskStatus.REPLIED
        )
    )
    store.save(Outreach(contact_id=bo.id, subject="Hello", body="Hi", status=AskStatus.SENT))
    store.save(Outreach(contact_id=bo.id, subject="Draft", body=""))
    store.save(CallPlan(contact_id=ada.id, items=[PlanItem(text="What surprised you?")]))
    summary = client_summary(store, date(2026, 3, 2))
    assert summary.steps_reached == 4  # story, research, asks, plans; no conversation yet
    assert (summary.sent, summary.replied, summary.reply_rate) == (2, 1, 0.5)
    assert [a.subject for a in summary.asks] == ["Draft", "Hello", "Quick question"]
    assert summary.asks[0].score == 0  # an empty draft scores nothing
    assert all(0 < a.score <= 100 for a in summary.asks[1:])
    assert [(p.contact, p.questions) for p in summary.plans] == [("Ada Ruiz", 1)]
    assert summary.last_active == max(r.updated_at for r in store.all("plans"))


def test_the_cohort_counts_steps_weeks_and_who_went_quiet():
    from datetime import UTC, datetime, timedelta

    from infoview.coaching import cohort

    today = date(2026, 3, 4)  # a Wednesday
    busy, quiet, empty = Store(), Store(), Store()
    ada = busy.save(Contact(full_name="Ada", reason="Same field"))
    busy.save(Outreach(contact_id=ada.id, status=AskStatus.REPLIED, sent_on=date(2026, 3, 2)))
    busy.save(Outreach(contact_id=ada.id, status=AskStatus.SENT, sent_on=date(2026, 3, 3)))
    busy.save(Outreach(contact_id=ada.id, status=AskStatus.NO_REPLY, sent_on=date(2026, 2, 24)))
    busy.save(Outreach(contact_id=ada.id, status=AskStatus.SENT, sent_on=date(2025, 1, 1)))
    old = datetime(2026, 2, 1, tzinfo=UTC)
    quiet.restore_records([Contact(full_name="Bo", created_at=old, updated_at=old)])  # kept times
    result = cohort([("Busy", busy), ("Quiet", quiet), ("Empty", empty)], today)
    assert result.clients == 3
    assert result.per_step["2 · Research"] == 1
    assert result.per_step["3 · Craft the ask"] == 1
    assert result.per_step["1 · Your story"] == 0
    assert len(result.weeks) == 8 and result.weeks[-1].week == date(2026, 3, 2)
    assert (result.weeks[-1].sent, result.weeks[-1].replied) == (2, 1)
    assert (result.weeks[-2].sent, result.weeks[-2].replied, result.weeks[-2].rate) == (1, 0, 0.0)
    assert sum(w.sent for w in result.weeks) == 3  # the 2025 ask is outside the eight weeks
    assert result.inactive == ["Quiet", "Empty"]
    assert today - timedelta(days=14) > old.date()
