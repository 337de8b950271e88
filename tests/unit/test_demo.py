"""The sample dataset: deterministic, realistic in shape, loaded and removed in one commit."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from infoview.demo import sample_records, slug
from infoview.models import (
    AskStatus,
    Contact,
    Conversation,
    Dismissal,
    Outreach,
    Profile,
    Record,
    Source,
)
from infoview.sample_store import has_sample, load_sample, remove_sample
from infoview.store import Store

TODAY = date(2025, 3, 14)


@pytest.fixture(scope="module")
def data() -> dict[str, list[Record]]:
    return sample_records(TODAY)


@pytest.fixture
def commits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the store's commits (its revision counts every record written, not commits)."""
    made: list[int] = []
    real = Store._commit

    def counting(self: Store) -> None:
        made.append(1)
        real(self)

    monkeypatch.setattr(Store, "_commit", counting)
    return made


def _researched(data: dict[str, list[Record]]) -> list[Contact]:
    return [c for c in data["contacts"] if not c.id.startswith("sample-li-")]


def _depth(contact: Contact, by_id: dict[str, Contact]) -> int:
    depth = 0
    while contact.referred_by:
        contact = by_id[contact.referred_by]
        depth += 1
    return depth


def test_the_same_day_gives_the_same_data(data):
    assert sample_records(TODAY) == data


def test_another_day_shifts_every_date_but_nothing_else(data):
    # Two weeks on, so the calls moved off weekends move the same way.
    later = sample_records(TODAY + timedelta(days=14))
    assert [c.full_name for c in later["contacts"]] == [c.full_name for c in data["contacts"]]
    assert [c.joined_on - timedelta(days=14) for c in later["contacts"]] == [
        c.joined_on for c in data["contacts"]
    ]
    assert later != data


def test_counts_are_in_the_stated_ranges(data):
    researched = _researched(data)
    history = [c for c in data["contacts"] if c.id.startswith("sample-li-")]
    held = [c for c in data["conversations"] if c.happened_on]
    assert len(data["profile"]) == 1
    assert 38 <= len(researched) <= 42
    assert 250 <= len(history) <= 400
    assert 22 <= len(data["outreach"]) <= 28
    assert 10 <= len(held) <= 14
    assert 2 <= len(data["plans"]) <= 5


def test_asks_cover_every_status(data):
    statuses = Counter(a.status for a in data["outreach"])
    assert statuses == {
        AskStatus.REPLIED: 14,
        AskStatus.DECLINED: 3,
        AskStatus.NO_REPLY: 3,
        AskStatus.SENT: 3,
        AskStatus.DRAFT: 2,
    }


def test_researched_contacts_span_every_sector_and_are_researched(data):
    researched = _researched(data)
    assert len({c.sector for c in researched}) == 5
    with_reason = [c for c in researched if c.reason]
    assert len(with_reason) >= 36
    assert all(c.organization and c.title and c.linkedin_url for c in researched)
    assert any(c.outside_field for c in researched)
    assert any(c.archived for c in researched)
    assert any(not n.isascii() for n in (c.full_name for c in researched))


def test_referral_chains_reach_three_deep(data):
    by_id = {c.id: c for c in data["contacts"]}
    depths = {c.full_name: _depth(c, by_id) for c in data["contacts"]}
    assert depths["Samir Khoury"] == 3
    assert depths["Jae-won Park"] == 3
    assert depths["Ingrid Solberg"] == 0
    for contact in data["contacts"]:
        assert (contact.source == Source.REFERRAL) == (contact.referred_by is not None)


def test_a_referral_joins_on_the_day_its_referrer_was_met(data):
    by_id = {c.id: c for c in data["contacts"]}
    met = {c.contact_id: c.happened_on for c in data["conversations"] if c.happened_on}
    referrals = [c for c in data["contacts"] if c.referred_by]
    assert len(referrals) >= 9
    for contact in referrals:
        assert contact.joined_on == met[contact.referred_by], by_id[contact.referred_by].full_name


def test_every_record_validates_and_is_flagged_as_sample(data):
    for table, records in data.items():
        for record in records:
            again = type(record).model_validate(record.model_dump(mode="json"))
            assert again == record, (table, record.id)
            assert record.sample is True
            assert record.id == "me" or record.id.startswith("sample-")


def test_every_child_record_points_at_a_sample_contact(data):
    ids = {c.id for c in data["contacts"]}
    for table in ("outreach", "plans", "conversations"):
        assert all(r.contact_id in ids for r in data[table])


def _dates(value: Any, path: str = "") -> list[tuple[str, date]]:
    if isinstance(value, date):
        return [(path, value)]
    if isinstance(value, dict):
        return [d for k, v in value.items() for d in _dates(v, f"{path}.{k}".lstrip("."))]
    if isinstance(value, list):
        return [d for v in value for d in _dates(v, path)]
    return []


def test_no_date_lies_in_the_future_except_calls_and_report_backs(data):
    future = []
    for table, records in data.items():
        for record in records:
            for path, value in _dates(record.model_dump()):
                day = value.date() if isinstance(value, datetime) else value
                if day > TODAY:
                    future.append((table, record.id, path))
    upcoming = {c.id for c in data["conversations"] if c.happened_on is None}
    allowed = [f for f in future if f[2] == "report_back_due"]
    scheduled = [f for f in future if f[2] == "scheduled_at"]
    assert {f[1] for f in scheduled} == upcoming
    assert sorted(future) == sorted(allowed + scheduled)


def test_two_calls_are_scheduled_and_one_thank_you_is_due(data):
    upcoming = [c for c in data["conversations"] if c.happened_on is None]
    assert len(upcoming) == 2
    assert all(c.scheduled_at.date() > TODAY for c in upcoming)
    unthanked = [c for c in data["conversations"] if c.happened_on and not c.thank_you_sent_on]
    assert [c.happened_on for c in unthanked] == [TODAY - timedelta(days=1)]
    held = [c for c in data["conversations"] if c.happened_on]
    assert sum(1 for c in held if c.thank_you_sent_on) == len(held) - 1
    assert all(c.question_notes and c.insights and c.advice and c.next_steps for c in held)


def test_ask_history_agrees_with_status_and_dates(data):
    for ask in data["outreach"]:
        steps = [h.status for h in ask.history]
        times = [h.at for h in ask.history]
        assert times == sorted(times), ask.id
        assert steps[0] == AskStatus.DRAFT
        assert steps[-1] == ask.status
        if ask.status == AskStatus.DRAFT:
            assert steps == [AskStatus.DRAFT] and ask.sent_on is None
            continue
        assert steps[1] == AskStatus.SENT and ask.sent_on == times[1].date()
        if ask.status in (AskStatus.REPLIED, AskStatus.DECLINED):
            assert ask.replied_on == times[-1].date() > ask.sent_on
        else:
            assert ask.replied_on is None


def test_every_conversation_follows_a_reply(data):
    replied = {a.contact_id: a.replied_on for a in data["outreach"] if a.status == "replied"}
    for talk in data["conversations"]:
        assert talk.contact_id in replied
        when = talk.happened_on or talk.scheduled_at.date()
        assert when > replied[talk.contact_id]
        if talk.thank_you_sent_on:
            assert talk.happened_on <= talk.thank_you_sent_on <= TODAY


def test_asks_and_calls_come_after_the_contact_joined(data):
    joined = {c.id: c.joined_on for c in data["contacts"]}
    for ask in data["outreach"]:
        assert (ask.sent_on or ask.history[0].at.date()) >= joined[ask.contact_id], ask.id
    for talk in data["conversations"]:
        assert (talk.happened_on or TODAY) > joined[talk.contact_id], talk.id


def test_asks_are_short_and_signed(data):
    for ask in data["outreach"]:
        assert len(ask.body.split()) < 100, ask.subject
        assert ask.subject and ask.body.startswith("Dear ")
        assert "?" in ask.body


def test_linkedin_history_holds_only_what_an_export_holds(data):
    history = [c for c in data["contacts"] if c.id.startswith("sample-li-")]
    assert all(c.source == Source.LINKEDIN for c in history)
    assert all(c.linkedin_url.startswith("https://www.linkedin.com/in/") for c in history)
    assert not any(c.reason or c.email or c.referred_by or c.previous_employers for c in history)
    days = sorted((TODAY - c.joined_on).days for c in history)
    assert days[0] >= 1 and days[-1] <= 730
    assert days[-1] - days[0] > 600
    assert len({c.full_name for c in history}) == len(history)


def test_profile_is_filled(data):
    me: Profile = data["profile"][0]
    assert me.id == "me" and me.name == "Noor Haddad"
    assert me.country == "US" and me.timezone == "America/New_York"
    assert len(me.skills) >= 4 and all(s.translation for s in me.skills)
    assert me.offers and me.fields and me.schools and me.intro and me.signature


def test_slug_drops_accents_and_punctuation():
    assert slug("Zoë Castellanos") == "zoe-castellanos"
    assert slug("Jae-won Park") == "jae-won-park"
    assert slug("Hollis & Ward") == "hollis-ward"


def test_load_sample_writes_everything_in_one_commit(data, commits):
    store = Store()
    written = load_sample(store, TODAY)
    assert written == sum(len(r) for r in data.values())
    assert commits == [1]
    assert store.count("contacts") == len(data["contacts"])
    assert store.profile().name == "Noor Haddad"
    assert has_sample(store)


def test_loaded_sample_survives_a_reopen_from_disk(tmp_path, data):
    load_sample(Store.in_dir(tmp_path), TODAY)
    reopened = Store.in_dir(tmp_path)
    assert reopened.count("contacts") == len(data["contacts"])
    assert reopened.count("conversations") == len(data["conversations"])


def test_load_sample_keeps_a_profile_the_user_saved():
    store = Store()
    store.save(Profile(name="Real Person"))
    load_sample(store, TODAY)
    assert store.profile().name == "Real Person"
    assert store.profile().sample is False


def _user_records(store: Store) -> dict[str, Record]:
    """Add the user's own records, some of them linked to sample ones."""
    ingrid = "sample-contact-ingrid"
    mine = Contact(full_name="Ravi Own", referred_by=ingrid, source=Source.REFERRAL)
    other = Contact(full_name="Lee Own")
    records = {
        "mine": mine,
        "other": other,
        "my_ask": Outreach(contact_id=other.id, subject="Mine"),
        "ask_to_sample": Outreach(contact_id=ingrid, subject="To Ingrid again"),
        "talk_with_sample": Conversation(contact_id=ingrid, happened_on=TODAY),
        "dismissed_sample": Dismissal(key="ask:sample-ask-ingrid:followup1"),
        "dismissed_mine": Dismissal(key=f"conv:{other.id}:thanks"),
    }
    with store.transaction():
        for record in records.values():
            store.save(record)
    return records


def test_remove_sample_keeps_user_records_and_clears_their_links(data, commits):
    store = Store()
    load_sample(store, TODAY)
    mine = _user_records(store)
    commits.clear()

    removed = remove_sample(store)

    assert commits == [1]
    assert removed == sum(len(r) for r in data.values()) + 3
    assert not has_sample(store)
    assert store.contact(mine["mine"].id).referred_by is None
    assert store.contact(mine["other"].id) is not None
    assert store.get("outreach", mine["my_ask"].id) is not None
    assert store.get("dismissals", mine["dismissed_mine"].id) is not None
    assert store.get("outreach", mine["ask_to_sample"].id) is None
    assert store.get("conversations", mine["talk_with_sample"].id) is None
    assert store.get("dismissals", mine["dismissed_sample"].id) is None
    assert store.count("contacts") == 2
    assert store.profile().name == ""


def test_remove_sample_keeps_the_users_profile():
    store = Store()
    store.save(Profile(name="Real Person"))
    load_sample(store, TODAY)
    remove_sample(store)
    assert store.profile().name == "Real Person"
    assert store.count("contacts") == 0


def test_remove_sample_without_sample_data_changes_nothing(commits):
    store = Store()
    store.save(Contact(full_name="Only Mine"))
    commits.clear()
    assert remove_sample(store) == 0
    assert commits == []
    assert store.count("contacts") == 1
    assert not has_sample(store)


def test_each_sample_plan_asks_who_else_once_as_the_referral_question_last():
    from infoview.questions import ensure_referral_last, is_referral

    for plan in sample_records(date(2026, 11, 26))["plans"]:
        who_else = [item for item in plan.items if "who else" in item.text.casefold()]
        assert len(who_else) <= 1
        kept = ensure_referral_last(plan.items, referral_removed=False)
        assert [item for item in kept if is_referral(item)] == kept[-1:]
        assert len(kept) == len(plan.items) + (0 if who_else else 1)


@pytest.mark.parametrize("offset", range(7))
def test_sample_calls_fall_on_weekdays_whatever_day_today_is(offset):
    today = date(2026, 11, 30) + timedelta(days=offset)  # Monday to Sunday
    calls = sample_records(today)["conversations"]
    home = ZoneInfo(sample_records(today)["profile"][0].timezone)
    days = [c.happened_on or c.scheduled_at.astimezone(home).date() for c in calls]
    assert [d for d in days if d.weekday() >= 5] == []
    for call in calls:  # moving a call keeps what follows it in order and in the past
        if call.happened_on is None:
            assert call.scheduled_at.astimezone(home).date() >= today
            continue
        assert call.happened_on <= today
        if call.thank_you_sent_on:
            assert call.happened_on <= call.thank_you_sent_on <= today
        if call.report_back_done_on:
            assert call.happened_on <= call.report_back_done_on <= today
