"""Home through Streamlit's AppTest: the welcome, sample data, what is due, figures, stages."""

from __future__ import annotations

from datetime import date, timedelta

from infoview.dates import today_in
from infoview.models import (
    AskStatus,
    CallPlan,
    Contact,
    Conversation,
    Outreach,
    PlanItem,
    Profile,
)
from infoview.sample_store import load_sample
from infoview.store import Store


def _click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def _links(at, text: str):
    return [p.proto for p in at.get("page_link") if text in p.proto.label]


def test_first_visit_welcomes_and_offers_sample_data_that_one_click_removes(app, data_dir):
    at = app()
    assert at.title[0].value == "Welcome to InfoView"
    assert not at.metric
    _click(at, "Explore with sample data")
    assert Store.in_dir(data_dir).count("contacts") > 40
    assert at.metric[0].label == "Contacts" and int(at.metric[0].value.replace(",", "")) > 40
    _click(at, "Remove sample data")
    assert Store.in_dir(data_dir).count("contacts") == 0
    assert at.title[0].value == "Welcome to InfoView"


def test_removing_sample_data_keeps_the_users_own_records(app, store, data_dir):
    mine = store.save(Contact(full_name="My Own Contact", reason="Mine"))
    load_sample(store, date.today())
    at = app()
    assert not any(b.label == "Explore with sample data" for b in at.button)
    _click(at, "Remove sample data")
    assert [c.full_name for c in Store.in_dir(data_dir).contacts()] == [mine.full_name]
    assert not any(b.label == "Remove sample data" for b in at.button)


def test_a_thank_you_is_due_and_can_be_dismissed_and_brought_back(app, store, data_dir):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    talk = store.save(Conversation(contact_id=ana.id, happened_on=date.today() - timedelta(days=1)))
    at = app()
    [row] = [m.value for m in at.markdown if "Send Ana a thank" in m.value]
    assert ":small[:gray[Send a thank" in row  # the detail, in the same element
    [act] = _links(at, "Write it")
    assert act.page == "Conversations"
    assert act.query_string == f"contact={ana.id}&conversation={talk.id}"
    _click(at, "Dismiss")
    assert Store.in_dir(data_dir).count("dismissals") == 1
    assert _links(at, "Write it") == []
    assert any("Nothing is due today" in s.value for s in at.success)
    assert any(e.label == "Dismissed reminders (1)" for e in at.expander)
    _click(at, "Bring back")
    assert Store.in_dir(data_dir).count("dismissals") == 0
    assert any("Send Ana a thank" in m.value for m in at.markdown)


def test_done_items_leave_home(app, store):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    yesterday = date.today() - timedelta(days=1)
    store.save(
        Conversation(
            contact_id=ana.id,
            happened_on=yesterday,
            thank_you_sent_on=yesterday,
            report_back_done_on=date.today(),
        )
    )
    at = app()
    assert not any("Send Ana" in m.value or "Tell Ana" in m.value for m in at.markdown)
    assert any("Nothing is due today" in s.value for s in at.success)


def test_figures_and_where_each_contact_stands(app, store):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    bo = store.save(Contact(full_name="Bo Chen", reason="Data"))
    store.save(Contact(full_name="Cy Referred", referred_by=ana.id))
    store.save(Outreach(contact_id=ana.id, status=AskStatus.REPLIED, sent_on=date.today()))
    store.save(Outreach(contact_id=bo.id, status=AskStatus.SENT, sent_on=date.today()))
    store.save(Conversation(contact_id=ana.id, happened_on=date.today()))
    at = app()
    assert {m.label: m.value for m in at.metric} == {
        "Contacts": "3",
        "Asks sent": "2",
        "Replies": "1",
        "Conversations": "1",
        "Referrals": "1",
    }
    table = at.dataframe[0].value
    assert table["Name"].tolist() == ["Ana Ruiz", "Bo Chen"]
    assert table["Stage"].tolist() == ["Gave referrals", "Asked"]
    assert table["Next step"].tolist() == [
        "Send a thank-you note",
        "Follow up, or record their reply",
    ]
    assert any("2 of 3 contacts have a reason" in c.value for c in at.caption)
    assert "1 conversation logged" in [c.value for c in at.caption]


def test_the_journey_counts_one_of_each_in_the_singular(app, store):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    store.save(
        Outreach(contact_id=ana.id, status=AskStatus.SENT, sent_on=date.today(), subject="Hi")
    )
    store.save(CallPlan(contact_id=ana.id, minutes=15, items=[PlanItem(text="Why?", minutes=2)]))
    at = app()
    captions = [c.value for c in at.caption]
    assert "1 of 1 contact has a reason to talk" in captions
    assert "1 ask sent" in captions
    assert "1 call plan" in captions
    assert "0 conversations logged" in captions


def test_today_is_the_users_own_day(app, store):
    store.save(Profile(name="Noor", timezone="Pacific/Kiritimati"))
    store.save(Contact(full_name="Ana Ruiz"))
    at = app()
    day = today_in("Pacific/Kiritimati")
    assert at.caption[0].value.startswith(f"{day:%A %d %B %Y}")


def test_long_lists_show_a_few_until_asked_for_more(app, store):
    yesterday = date.today() - timedelta(days=1)
    for i in range(8):
        person = store.save(Contact(full_name=f"Person {i}", reason="x"))
        store.save(
            Conversation(contact_id=person.id, happened_on=yesterday, report_back_done_on=yesterday)
        )
    at = app()
    assert len(_links(at, "Write it")) == 6
    at.toggle(key="home_more_now").set_value(True).run()
    assert len(_links(at, "Write it")) == 8


def test_choosing_a_contact_opens_their_page(app, store):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    at = app()
    at.selectbox(key="home_open_contact").set_value(ana.id).run()
    assert not at.exception
    assert at.title[0].value == "Ana Ruiz"
