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
