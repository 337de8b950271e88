"""Follow through: logging with referrals, corrections, what is due, stages and Home's figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from infoview import store as store_module
from infoview.conversations import (
    conversation_from_log,
    default_report_back,
    delete_conversation,
    log_conversation,
    move_conversation,
    notes_for_log,
    referrals_from_rows,
    schedule_at,
    scheduled_parts,
)
from infoview.figures import figures, is_empty, journey
from infoview.models import (
    AskStatus,
    CallPlan,
    Contact,
    Conversation,
    Outreach,
    PlanItem,
    Profile,
    QuestionNote,
    Source,
)
from infoview.next_steps import contact_next_step, next_step, pipeline_rows, stages_of
from infoview.pipeline import Stage
from infoview.reminders import all_reminders, dismiss, dismissal_id, due_view, home_due, restore
from infoview.store import StaleRecordError, Store
from infoview.timeline import timeline

ANA = Contact(id="ana", full_name="Ana Ruiz", organization="City Health", reason="Policy work")
BO = Contact(id="bo", full_name="Bo Chen", organization="Acme")
NY = "America/New_York"
THU = date(2026, 11, 26)  # Thanksgiving in the US


def held(day: date = THU, **extra) -> Conversation:
    return Conversation(id="c1", contact_id="ana", happened_on=day, **extra)


# ---------------------------------------------------------------- dates and zones


def test_report_back_defaults_to_six_weeks_after_the_call():
    assert default_report_back(date(2026, 11, 26)) == date(2027, 1, 7)


def test_a_call_keeps_its_wall_clock_time_across_daylight_saving():
    before = schedule_at(date(2026, 3, 7), time(10, 0), NY)
    after = schedule_at(date(2026, 3, 9), time(10, 0), NY)
    assert before.astimezone(UTC).hour == 15  # EST, UTC-5
    assert after.astimezone(UTC).hour == 14  # EDT, UTC-4


def test_scheduled_parts_give_back_what_was_entered():
    at = schedule_at(date(2026, 12, 1), time(9, 30), "Asia/Kolkata")
    conv = Conversation(contact_id="ana", scheduled_at=at, timezone="Asia/Kolkata")
    assert scheduled_parts(conv, "UTC", THU) == (date(2026, 12, 1), time(9, 30), "Asia/Kolkata")
    unscheduled = Conversation(contact_id="ana", timezone="Not/AZone")
    assert scheduled_parts(unscheduled, "Europe/Paris", THU) == (THU, time(10, 0), "Europe/Paris")


# ---------------------------------------------------------------- the log and referrals


def test_referral_rows_become_contacts_suggested_by_the_person():
    rows = [
        {"name": "Sam Lee", "organization": "Harbor City", "title": "Analyst", "why": "Hires"},
        {"name": "", "organization": "", "title": "", "why": ""},
        {"name": "Kim Park", "organization": "", "title": "", "why": ""},
    ]
    people, problems = referrals_from_rows(rows, "ana", THU, ["r1", "r2", "r3"])
    assert problems == []
    assert [(p.id, p.full_name) for p in people] == [("r1", "Sam Lee"), ("r3", "Kim Park")]
    assert all(p.referred_by == "ana" and p.source == Source.REFERRAL for p in people)
    assert people[0].reason == "Hires" and people[0].joined_on == THU


def test_a_referral_row_without_a_name_is_refused():
    rows = [{"name": "Sam"}, {"name": " ", "organization": "Acme"}]
    people, problems = referrals_from_rows(rows, "ana", THU, ["r1", "r2"])
    assert [p.full_name for p in people] == ["Sam"]
    assert problems == ["Person 2: Name: a name is required"]


def test_notes_start_from_what_was_noted_then_the_plan():
    plan = [PlanItem(text="How did you start?"), PlanItem(text="Who else should I talk to?")]
    noted = [QuestionNote(question="How did you start?", note="By accident")]
    notes = notes_for_log(plan, noted)
    assert [(n.question, n.note) for n in notes] == [
        ("How did you start?", "By accident"),
        ("Who else should I talk to?", ""),
    ]


def test_the_log_drops_empty_notes_and_sets_the_report_back_date():
    base = Conversation(id="c1", contact_id="ana")
    logged = conversation_from_log(
        base,
        {
            "happened_on": THU,
            "notes": [("Q1", "A lot"), ("Q2", "  ")],
            "insights": "Policy moves slowly",
            "offered": ["Share my notes", ""],
        },
    )
    assert [n.question for n in logged.question_notes] == ["Q1"]
    assert logged.report_back_due == date(2027, 1, 7)
    assert logged.offered == ["Share my notes"]


def test_correcting_the_day_moves_a_default_reminder_but_not_a_chosen_one():
    default = held(report_back_due=default_report_back(THU))
    moved = conversation_from_log(default, {"happened_on": date(2026, 11, 20)})
    assert moved.report_back_due == date(2027, 1, 1)
    chosen = held(report_back_due=date(2027, 2, 1))
    kept = conversation_from_log(chosen, {"happened_on": date(2026, 11, 20)})
    assert kept.report_back_due == date(2027, 2, 1)


def test_logging_with_referrals_is_one_commit(tmp_path, monkeypatch):
    store = Store.in_dir(tmp_path)
    store.save(ANA)
    writes = []
    real = store_module.atomic_write
    monkeypatch.setattr(store_module, "atomic_write", lambda p, b: (writes.append(p), real(p, b)))
    people, _ = referrals_from_rows([{"name": "Sam"}, {"name": "Kim"}], "ana", THU, ["r1", "r2"])
    log_conversation(store, held(), people, expected_revision=0)
    assert len(writes) == 1
    again = Store.in_dir(tmp_path)
    assert again.get("conversations", "c1") is not None
    assert {c.full_name for c in again.contacts() if c.referred_by == "ana"} == {"Sam", "Kim"}


def test_a_failed_log_saves_neither_the_conversation_nor_the_referrals(tmp_path, monkeypatch):
    store = Store.in_dir(tmp_path)
    store.save(ANA)
    people, _ = referrals_from_rows([{"name": "Sam"}, {"name": "Kim"}], "ana", THU, ["r1", "r2"])
    real_save = Store.save

    def failing(self, record, expected_revision=None):
        if getattr(record, "full_name", "") == "Kim":
            raise OSError("disk full")
        return real_save(self, record, expected_revision)

    monkeypatch.setattr(Store, "save", failing)
    with pytest.raises(OSError):
        log_conversation(store, held(), people, expected_revision=0)
    monkeypatch.setattr(Store, "save", real_save)
    again = Store.in_dir(tmp_path)
    assert again.count("conversations") == 0
    assert [c.full_name for c in again.contacts()] == ["Ana Ruiz"]


def test_saving_the_same_log_twice_stores_each_person_once():
    store = Store()
    store.save(ANA)
    people, _ = referrals_from_rows([{"name": "Sam"}], "ana", THU, ["r1"])
    log_conversation(store, held(), people, expected_revision=0)
    log_conversation(store, held(), people, expected_revision=0)
    assert store.count("conversations") == 1
    assert store.count("contacts") == 2


def test_a_log_over_a_change_made_elsewhere_is_refused():
    store = Store()
    store.save(ANA)
    first = log_conversation(store, held(), [], expected_revision=0)
    store.save(first.model_copy(update={"insights": "other tab"}), expected_revision=1)
    with pytest.raises(StaleRecordError):
        log_conversation(store, first.model_copy(update={"advice": "x"}), [], expected_revision=1)


# ---------------------------------------------------------------- corrections


def test_moving_a_conversation_takes_the_chosen_referrals_along():
    store = Store()
    store.save_many([ANA, BO])
    sam = Contact(id="sam", full_name="Sam", referred_by="ana", source=Source.REFERRAL)
    kim = Contact(id="kim", full_name="Kim", referred_by="ana", source=Source.REFERRAL)
    conv = log_conversation(store, held(), [sam, kim], expected_revision=0)
    move_conversation(store, conv, "bo", ["sam"], expected_revision=conv.revision)
    assert store.get("conversations", "c1").contact_id == "bo"
    assert store.contact("sam").referred_by == "bo"
    assert store.contact("kim").referred_by == "ana"


def test_moving_to_the_same_or_a_missing_contact_is_refused():
    store = Store()
    store.save(ANA)
    conv = log_conversation(store, held(), [], expected_revision=0)
    with pytest.raises(ValueError, match="already"):
        move_conversation(store, conv, "ana")
    with pytest.raises(ValueError, match="no longer exists"):
        move_conversation(store, conv, "ghost")
    assert store.get("conversations", "c1").contact_id == "ana"


def test_deleting_a_conversation_drops_its_dismissals_only():
    store = Store()
    store.save(ANA)
    log_conversation(store, held(), [], expected_revision=0)
    dismiss(store, "conv:c1:thanks")
    dismiss(store, "ask:a9:second")
    assert delete_conversation(store, "c1")
    assert store.count("conversations") == 0
    assert [d.key for d in store.all("dismissals")] == ["ask:a9:second"]


# ---------------------------------------------------------------- what is due


def test_dismissing_twice_stores_one_record_and_restore_brings_it_back():
    store = Store()
    dismiss(store, "conv:c1:thanks")
    dismiss(store, "conv:c1:thanks")
    assert [d.id for d in store.all("dismissals")] == [dismissal_id("conv:c1:thanks")]
    assert restore(store, "conv:c1:thanks")
    assert store.count("dismissals") == 0
    assert not restore(store, "conv:c1:thanks")


def test_a_held_conversation_owes_a_thank_you_by_the_next_day_and_a_report_back_later():
    reminders = all_reminders({"ana": ANA}, [], [held()], Profile(), THU, NY)
    view = due_view(reminders, set(), THU)
    # One rule everywhere: a thank-you is due within a day of the call (Conversations says
    # "send it by" the same day); the LinkedIn request within two.
    assert view.now == []
    assert [(r.kind, r.due) for r in view.soon] == [
        ("thank_you", THU + timedelta(days=1)),
        ("linkedin", THU + timedelta(days=2)),
    ]
    assert [r.kind for r in due_view(reminders, set(), THU + timedelta(days=1)).now] == [
        "thank_you"
    ]
    later = due_view(reminders, set(), date(2027, 1, 4))
    assert [(r.kind, r.due) for r in later.soon] == [("report_back", date(2027, 1, 7))]


def test_done_items_disappear():
    done = held(thank_you_sent_on=THU, report_back_done_on=date(2027, 1, 2))
    two_weeks_on = date(2026, 12, 11)  # the LinkedIn request's moment has passed too
    assert all_reminders({"ana": ANA}, [], [done], Profile(), two_weeks_on, NY) == []


def test_dismissed_items_are_hidden_but_listed_to_bring_back():
    reminders = all_reminders({"ana": ANA}, [], [held()], Profile(), THU, NY)
    view = due_view(reminders, {"conv:c1:thanks"}, THU)
    assert view.now == []
    assert [r.key for r in view.dismissed] == ["conv:c1:thanks"]


def test_a_call_is_due_on_the_users_day_not_utcs():
    # 01:30 UTC on Nov 27 is still the evening of Nov 26 in New York.
    at = datetime(2026, 11, 27, 1, 30, tzinfo=UTC)
    call = Conversation(id="c2", contact_id="ana", scheduled_at=at, timezone="Europe/London")
    in_ny = due_view(all_reminders({"ana": ANA}, [], [call], Profile(), THU, NY), set(), THU)
    assert [(r.kind, r.due) for r in in_ny.now] == [("call", THU)]
    in_tokyo = all_reminders({"ana": ANA}, [], [call], Profile(), THU, "Asia/Tokyo")
    assert [(r.kind, r.due) for r in in_tokyo] == [("call", date(2026, 11, 27))]


def test_follow_ups_count_business_days_and_skip_holidays():
    sent = Outreach(id="a1", contact_id="bo", status=AskStatus.SENT, sent_on=date(2026, 11, 23))
    reminders = all_reminders({"bo": BO}, [sent], [], Profile(country="US"), THU, NY)
    view = due_view(reminders, set(), THU)
    assert view.now == []  # Thanksgiving does not count: +3 business days is Fri Nov 27
    assert [(r.kind, r.due) for r in view.soon] == [
        ("second_contact", date(2026, 11, 27)),
        ("follow_up", date(2026, 12, 3)),  # +7 business days, just inside this week
    ]


def test_no_follow_ups_once_they_talked_or_the_contact_is_archived():
    sent = Outreach(id="a1", contact_id="ana", status=AskStatus.SENT, sent_on=date(2026, 11, 2))
    talked = all_reminders({"ana": ANA}, [sent], [held()], Profile(), THU, NY)
    assert {r.kind for r in talked} == {"thank_you", "linkedin", "report_back"}
    gone = ANA.model_copy(update={"archived": True})
    assert all_reminders({"ana": gone}, [sent], [held()], Profile(), THU, NY) == []


def test_home_due_follows_the_data():
    store = Store()
    store.save(ANA)
    log_conversation(store, held(), [], expected_revision=0)
    fri = THU + timedelta(days=1)
    assert [r.kind for r in home_due(store, fri, NY).now] == ["thank_you"]
    dismiss(store, "conv:c1:thanks")
    assert home_due(store, fri, NY).now == []
    restore(store, "conv:c1:thanks")
    assert [r.kind for r in home_due(store, fri, NY).now] == ["thank_you"]


# ---------------------------------------------------------------- stages and next steps


def test_stage_comes_from_conversations_and_referrals():
    store = Store()
    store.save_many([ANA, BO])
    scheduled = Conversation(
        id="s", contact_id="bo", scheduled_at=datetime(2026, 12, 1, tzinfo=UTC)
    )
    store.save(scheduled)
    log_conversation(store, held(), [], expected_revision=0)
    assert stages_of(store) == {"ana": Stage.MET, "bo": Stage.CONNECTED}
    conv = store.get("conversations", "c1")
    store.save(conv.model_copy(update={"thank_you_sent_on": THU}))
    assert stages_of(store)["ana"] == Stage.THANKED
    store.save(Contact(full_name="Sam", referred_by="ana", source=Source.REFERRAL))
    assert stages_of(store)["ana"] == Stage.GAVE_REFERRALS


@pytest.mark.parametrize(
    ("stage", "kwargs", "expected"),
    [
        (Stage.CONNECTED, {}, ("research", "Research them and write down why you want to talk")),
        (Stage.RESEARCHED, {}, ("ask", "Craft the ask")),
        (Stage.REPLIED, {}, ("questions", "Plan your questions")),
        (Stage.REPLIED, {"has_plan": True}, ("conversations", "Schedule the call")),
        (
            Stage.REPLIED,
            {"has_plan": True, "open_call": True},
            ("conversations", "Log the conversation after the call"),
        ),
        (Stage.MET, {"thanked": False}, ("conversations", "Send a thank-you note")),
        (
            Stage.ASKED,
            {"declined": True},
            ("research", "They said no this time: research someone else"),
        ),
        (Stage.GAVE_REFERRALS, {}, ("research", "Research the people they suggested")),
    ],
)
def test_next_step(stage, kwargs, expected):
    step = next_step(stage, **kwargs)
    assert (step.action, step.label) == expected


def test_next_step_from_records_after_a_call():
    plan = CallPlan(contact_id="ana", items=[PlanItem(text="Q")])
    step = contact_next_step(Stage.MET, [], [plan], [held()])
    assert step.label == "Send a thank-you note"
    thanked = held(thank_you_sent_on=THU)
    assert contact_next_step(Stage.THANKED, [], [plan], [thanked]).label.startswith("Report back")


# ---------------------------------------------------------------- figures and progress


def test_figures_count_what_home_shows():
    contacts = [
        ANA,
        BO,
        Contact(full_name="Sam", referred_by="ana"),
        Contact(full_name="Old", archived=True),
    ]
    asks = [
        Outreach(contact_id="ana", status=AskStatus.REPLIED),
        Outreach(contact_id="bo", status=AskStatus.DECLINED),
        Outreach(contact_id="bo", status=AskStatus.SENT),
        Outreach(contact_id="bo", status=AskStatus.DRAFT),
    ]
    convs = [held(), Conversation(contact_id="bo")]
    f = figures(contacts, asks, convs)
    assert (f.contacts, f.asks_sent, f.replies, f.conversations, f.referrals) == (3, 3, 2, 1, 1)


def test_journey_counts_each_step():
    plans = [CallPlan(contact_id="ana", items=[PlanItem(text="Q")]), CallPlan(contact_id="bo")]
    j = journey(Profile(name="Noor"), [ANA, BO], [], plans, [held()])
    assert (j.story_done, j.story_total) == (1, 9)
    assert (j.contacts, j.researched, j.asks_sent, j.plans, j.conversations) == (2, 1, 0, 1, 1)


def test_pipeline_rows_hold_contacts_in_play_furthest_first():
    cy = Contact(id="cy", full_name="Cy", reason="x")
    dee = Contact(id="dee", full_name="Dee", reason="y")
    old = Contact(id="old", full_name="Old", reason="z", archived=True)
    stages = {"ana": Stage.MET, "bo": Stage.CONNECTED, "cy": Stage.RESEARCHED, "dee": Stage.REPLIED}
    rows = pipeline_rows([ANA, BO, cy, dee, old], stages, declined={"dee"})
    assert [(c.id, s) for c, s in rows] == [("ana", Stage.MET), ("cy", Stage.RESEARCHED)]


def test_timeline_lists_the_story_newest_first():
    sam = Contact(full_name="Sam", referred_by="ana", joined_on=THU)
    ask = Outreach(
        contact_id="ana",
        status=AskStatus.REPLIED,
        sent_on=date(2026, 11, 2),
        replied_on=date(2026, 11, 4),
    )
    anna = ANA.model_copy(update={"joined_on": date(2026, 10, 1)})
    events = timeline(anna, [ask], [held(thank_you_sent_on=date(2026, 11, 27))], BO, [sam])
    assert [(e.day, e.text) for e in events] == [
        (date(2026, 11, 27), "You sent a thank-you note"),
        (THU, "You talked"),
        (THU, "They suggested you talk to Sam"),
        (date(2026, 11, 4), "They replied"),
        (date(2026, 11, 2), "You sent an ask"),
        (date(2026, 10, 1), "Suggested to you by Bo Chen"),
    ]


def test_a_first_visit_is_an_empty_database():
    store = Store()
    assert is_empty(store)
    store.save(Profile(name="Noor"))
    assert not is_empty(store)


def test_upcoming_call_rescheduled_shows_again_under_a_new_key():
    at = datetime.combine(THU + timedelta(days=2), time(15), UTC)
    call = Conversation(id="c3", contact_id="ana", scheduled_at=at)
    first = all_reminders({"ana": ANA}, [], [call], Profile(), THU, "UTC")
    moved = call.model_copy(update={"scheduled_at": at + timedelta(days=1)})
    second = all_reminders({"ana": ANA}, [], [moved], Profile(), THU, "UTC")
    assert first[0].key != second[0].key


def test_a_next_step_names_the_record_it_concerns():
    plan = CallPlan(contact_id="ana", items=[PlanItem(text="How did you start?")])
    call = Conversation(
        id="call", contact_id="ana", scheduled_at=datetime(2026, 11, 20, 15, tzinfo=UTC)
    )
    step = contact_next_step(Stage.REPLIED, [], [plan], [call], ANA)
    assert step.query("ana") == {"contact": "ana", "conversation": "call"}
    assert contact_next_step(Stage.MET, [], [plan], [held()], ANA).query("ana") == {
        "contact": "ana",
        "conversation": "c1",
    }
    done = held(thank_you_sent_on=THU, report_back_done_on=THU)
    step = contact_next_step(Stage.GAVE_REFERRALS, [], [plan], [done], ANA)
    assert step.query("ana") == {"referred_by": "ana"}
    archived = ANA.model_copy(update={"archived": True})
    step = contact_next_step(Stage.GAVE_REFERRALS, [], [plan], [done], archived)
    assert step.label.startswith("Restore") and step.query("ana") == {"contact": "ana"}
