"""The sample dataset: a fictional postdoc's network, the same every time for a given day.

The content (people, asks, calls, the pools for the LinkedIn history) is data, in
``infoview/data/sample_network.toml``; this module builds records from it. Dates are counted
back from the ``today`` the caller passes, so the data always looks current; every record
carries the ``sample`` flag so it can be removed in one click.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from infoview.content import SampleAsk, SampleContact, SampleTalk, SampleUpcoming, sample_network
from infoview.models import (
    AskStatus,
    CallMode,
    CallPlan,
    Contact,
    Conversation,
    Outreach,
    PlanItem,
    Profile,
    QuestionNote,
    Record,
    Source,
    StatusChange,
    Target,
)
from infoview.questions import REFERRAL_ID

SAMPLE_ID_PREFIX = "sample-"


def sample_records(today: date) -> dict[str, list[Record]]:
    """Build the whole sample dataset, keyed by store table name, dated back from ``today``."""
    net = sample_network()
    rng = random.Random(net.seed)
    contacts = _researched_contacts(today) + _linkedin_history(today, rng)
    return {
        "profile": [Profile(**net.profile, **_stamps(today, 120))],
        "contacts": contacts,
        "outreach": [_ask(today, spec) for spec in net.asks],
        "plans": [_plan(today, spec.key, spec.minutes, spec.items) for spec in net.plans],
        "conversations": [_held(today, spec) for spec in net.talks]
        + [_scheduled(today, spec) for spec in net.upcoming],
        "targets": [_target(today, number, spec) for number, spec in enumerate(_TARGETS)],
    }


# ---------------------------------------------------------------------------- builders
def _day(today: date, ago: int) -> date:
    return today - timedelta(days=ago)


def _at(today: date, ago: int, hour: int = 15, minute: int = 0) -> datetime:
    """A moment on a past day, in UTC (15:00 UTC is mid-morning in New York)."""
    return datetime.combine(_day(today, ago), time(hour, minute), UTC)


def _weekday_ago(today: date, ago: int, latest: int = 0, earliest: int | None = None) -> int:
    """Return ``ago`` moved to the nearest weekday, for a call: people rarely talk on weekends.

    The result stays at least ``latest`` days ago (what follows the call stays in the past)
    and at most ``earliest`` (the call stays after the reply that set it up).
    """
    for shift in (0, 1, -1, 2, -2):
        moved = ago + shift
        if moved < latest or (earliest is not None and moved > earliest):
            continue
        if _day(today, moved).weekday() < 5:
            return moved
    return ago


def _months_back(today: date, months: int) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, 1)


def slug(name: str) -> str:
    """Turn a name into a web-address slug: 'Zoë Castellanos' -> 'zoe-castellanos'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in plain.lower()).split())


def _stamps(today: date, ago: int, hour: int = 15) -> dict[str, Any]:
    moment = _at(today, ago, hour)
    return {"created_at": moment, "updated_at": moment, "sample": True}


def _target(today: date, number: int, spec: dict[str, Any]) -> Target:
    return Target(id=f"{SAMPLE_ID_PREFIX}target-{number}", **spec, **_stamps(today, 90))


# The sample user's target employers, in the method's terms (motivation 3 is a dream job).
_TARGETS: list[dict[str, Any]] = [
    {
        "organization": "Brightwater Institute for Science Policy",
        "motivation": 3,
        "postings": True,
        "alumni": True,
        "notes": "Their fellowship class for next year was announced; two fellows came from "
        "bench science.",
    },
    {
        "organization": "National Bioresearch Council",
        "motivation": 3,
        "alumni": True,
        "notes": "Program officer roles open a few times a year.",
    },
    {"organization": "Northgate Health Data", "motivation": 2, "postings": True},
    {"organization": "Open Lab Foundation", "motivation": 2},
    {"organization": "Lumen Bio", "motivation": 1, "notes": "Curious how their policy team works."},
]


def _researched_contacts(today: date) -> list[Contact]:
    net = sample_network()
    asked = {spec.key for spec in net.asks}
    talks = {talk.key for talk in net.talks}
    return [
        _contact(today, spec, spec.key in asked, net.imported, spec.by in talks)
        for spec in net.contacts
    ]


def _contact(
    today: date, spec: SampleContact, asked: bool, imported: int, met_on_call: bool = False
) -> Contact:
    name_slug = slug(spec.full_name)
    links: dict[str, Any] = {"linkedin_url": f"https://www.linkedin.com/in/{name_slug}-example"}
    if spec.domain:
        links["bio_url"] = f"https://www.{spec.domain}/people/{name_slug}"
        if asked:
            links["email"] = f"{name_slug.replace('-', '.')}@{spec.domain}"
    if spec.site:
        links["website"] = f"https://{name_slug.replace('-', '')}.example.com"
    joined = spec.joined
    if met_on_call and spec.by and joined == sample_network().talk(spec.by).ago:
        joined = _call_ago(today, spec.by)  # met on the call with the referrer, wherever it moved
    return Contact(
        id=_cid(spec.key),
        position_since=_months_back(today, spec.since) if spec.since is not None else None,
        referred_by=_cid(spec.by) if spec.by else None,
        source=spec.source or (Source.REFERRAL if spec.by else Source.MANUAL),
        joined_on=_day(today, joined),
        **links,
        **spec.fields,
        **_stamps(today, min(joined, imported)),
    )


def _linkedin_history(today: date, rng: random.Random) -> list[Contact]:
    """A few hundred plain LinkedIn connections over two years, more of them recently."""
    net = sample_network()
    pools = net.linkedin
    taken = {spec.full_name for spec in net.contacts}
    pairs = [
        (first, last)
        for first in pools.first_names
        for last in pools.last_names
        if f"{first} {last}" not in taken
    ]
    people = []
    for n, (first, last) in enumerate(rng.sample(pairs, net.linkedin_history), start=1):
        name = f"{first} {last}"
        # A uniform draw raised to a power above 1 piles dates toward today: faster growth lately.
        ago = 1 + int(729 * rng.random() ** 1.6)
        people.append(
            Contact(
                id=f"{SAMPLE_ID_PREFIX}li-{n:03d}",
                full_name=name,
                organization=rng.choice(pools.organizations),
                title=rng.choice(pools.titles),
                linkedin_url=f"https://www.linkedin.com/in/{slug(name)}-{rng.randrange(16**4):04x}",
                source=Source.LINKEDIN,
                joined_on=_day(today, ago),
                **_stamps(today, min(ago, net.imported), hour=rng.randrange(12, 23)),
            )
        )
    return people


def _cid(key: str) -> str:
    return f"{SAMPLE_ID_PREFIX}contact-{key}"


def _ask(today: date, spec: SampleAsk) -> Outreach:
    key, status = spec.key, spec.status
    first = sample_network().contact(key).full_name.split()[0]
    mode, minutes = spec.mode, spec.minutes
    offer = {
        CallMode.PHONE: f"I would be glad to call you for {minutes} minutes whenever suits you.",
        CallMode.VIDEO: f"I would be glad to set up a {minutes}-minute video call at your "
        "convenience.",
        CallMode.IN_PERSON: f"I would be glad to meet for {minutes} minutes wherever is easiest "
        "for you.",
    }[mode]
    body = (
        f"Dear {first},\n\n{spec.hook}\n\n{spec.ask} {offer}\n\n"
        "With thanks,\nNoor Haddad\nPostdoctoral Fellow, Molecular Biology, Halden University"
    )
    # A sent ask was drafted the evening before it went out.
    drafted = spec.sent + 1 if spec.sent is not None else spec.drafted
    history = [StatusChange(status=AskStatus.DRAFT, at=_at(today, drafted, 21))]
    sent_on = replied_on = None
    if status != AskStatus.DRAFT:
        sent_on = _day(today, spec.sent)
        history.append(StatusChange(status=AskStatus.SENT, at=_at(today, spec.sent, 13, 40)))
    if status in (AskStatus.REPLIED, AskStatus.DECLINED, AskStatus.NO_REPLY):
        ended = spec.ended
        history.append(StatusChange(status=status, at=_at(today, ended, 17, 25)))
        if status != AskStatus.NO_REPLY:
            replied_on = _day(today, ended)
    return Outreach(
        id=f"{SAMPLE_ID_PREFIX}ask-{key}",
        contact_id=_cid(key),
        topics=spec.topics,
        minutes=minutes,
        mode=mode,
        subject=spec.subject,
        body=body,
        status=status,
        history=history,
        planned_send=today if status == AskStatus.DRAFT and spec.planned else None,
        sent_on=sent_on,
        replied_on=replied_on,
        created_at=history[0].at,
        updated_at=history[-1].at,
        sample=True,
    )


def _plan(today: date, key: str, minutes: int, items: list[tuple[str, float]]) -> CallPlan:
    net = sample_network()
    ended = net.ask(key).ended
    return CallPlan(
        id=f"{SAMPLE_ID_PREFIX}plan-{key}",
        contact_id=_cid(key),
        minutes=minutes,
        # The who-else question is the planner's referral question (kept last), not a second one.
        items=[
            PlanItem(
                text=text, minutes=m, question_id=REFERRAL_ID if text == net.who_else else None
            )
            for text, m in items
        ],
        **_stamps(today, _ended(ended) - 1, hour=22),
    )


def _call_ago(today: date, key: str) -> int:
    """Return how many days ago the call with ``key`` was held, moved off a weekend."""
    net = sample_network()
    spec = net.talk(key)
    after = max(spec.thanked or 0, spec.reported or 0)
    return _weekday_ago(today, spec.ago, after, net.ask(key).ended)


def _held(today: date, spec: SampleTalk) -> Conversation:
    net = sample_network()
    ask = net.ask(spec.key)
    thanked, done = spec.thanked, spec.reported
    ago = _call_ago(today, spec.key)
    last_event = ago - max(thanked or 0, done or 0)
    return Conversation(
        id=f"{SAMPLE_ID_PREFIX}talk-{spec.key}",
        contact_id=_cid(spec.key),
        scheduled_at=_at(today, ago, 15, 30),
        timezone=net.home_timezone,
        mode=ask.mode,
        minutes=ask.minutes,
        happened_on=_day(today, ago),
        question_notes=[QuestionNote(question=n.question, note=n.answer) for n in spec.notes],
        insights=spec.insights,
        advice=spec.advice,
        next_steps=spec.next,
        reflection=spec.reflection,
        offered=spec.offered,
        thank_you_sent_on=_day(today, ago - thanked) if thanked is not None else None,
        report_back_due=_day(today, ago - net.report_back_days),
        report_back_done_on=_day(today, ago - done) if done is not None else None,
        created_at=_at(today, _ended(ask.ended), 18),
        updated_at=_at(today, last_event, 23),
        sample=True,
    )


def _scheduled(today: date, spec: SampleUpcoming) -> Conversation:
    net = sample_network()
    ask = net.ask(spec.key)
    zone = net.home_timezone
    day = today + timedelta(days=spec.in_days)
    while day.weekday() >= 5:  # an upcoming call is set on a weekday
        day += timedelta(days=1)
    return Conversation(
        id=f"{SAMPLE_ID_PREFIX}talk-{spec.key}",
        contact_id=_cid(spec.key),
        scheduled_at=datetime.combine(day, time(spec.hour, spec.minute), ZoneInfo(zone)),
        timezone=zone,
        mode=ask.mode,
        minutes=ask.minutes,
        **_stamps(today, _ended(ask.ended), hour=18),
    )


def _ended(days_ago: int | None) -> int:
    # The content's validator makes sure every call's ask has ended; this tells the type checker.
    assert days_ago is not None
    return days_ago
