"""Synthetic datasets for benchmarks: a LinkedIn-sized network with referral trees and asks.

``large_dataset`` builds the 30,000-contact network every page must stay fast with; every
record is a validated model and every ``contact_id`` and ``referred_by`` names a contact in
the same dataset. The same seed gives the same data.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

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
    Sector,
    Source,
    StatusChange,
)
from infoview.questions import REFERRAL_ID
from infoview.store import Store

HISTORY_DAYS = 8 * 365  # how far back LinkedIn connections reach
ASK_WINDOW_DAYS = 730  # asks and conversations happen in the last two years
REPORT_BACK_DAYS = 28


def _names(text: str) -> list[str]:
    return text.split()


_FIRST = _names(
    "Ada Amir Ana Ben Bo Caro Chen Dara Eli Emeka Eva Finn Gia Hana Ines Ivan Jae Jon Kai Kofi "
    "Lea Li Luz Mai Max Mia Nia Noor Olu Omar Pia Raj Rosa Sam Sol Tao Uma Val Wen Yara Zoë"
)
_LAST = _names(
    "Abe Ali Berg Cruz Diaz Dube Egan Fox Gao Haas Ito Jain Khan Kim Lund Mbah Mori Nair Ngo "
    "Obi Ortiz Park Quinn Rao Roy Sahin Silva Tan Uddin Vega Wolf Xu Yadav Zhou"
)
_ORGS = [
    ("Halden University", Sector.ACADEMIA),
    ("Westfall University", Sector.ACADEMIA),
    ("Crestmoor College", Sector.ACADEMIA),
    ("Lumen Bio", Sector.INDUSTRY),
    ("Meridian Analytics", Sector.INDUSTRY),
    ("Tessellate AI", Sector.INDUSTRY),
    ("National Bioresearch Council", Sector.GOVERNMENT),
    ("Harbor City Office of Innovation", Sector.GOVERNMENT),
    ("Open Lab Foundation", Sector.NONPROFIT),
    ("Brightwater Institute for Science Policy", Sector.NONPROFIT),
    ("The Science Desk", Sector.OTHER),
    ("Kestrel Ventures", Sector.OTHER),
]
_TITLES = [
    "Research Scientist",
    "Data Scientist",
    "Program Officer",
    "Policy Analyst",
    "Lab Manager",
    "Associate Professor",
    "Product Manager",
    "Grants Manager",
    "Science Writer",
    "Consultant",
]
_FIELDS = ["Science policy", "Data science", "University administration", "Philanthropy"]
_QUESTIONS = [
    "What does a typical week look like in your role?",
    "Which skills do you use most?",
    "What changed most in your field over the last few years?",
    "Who else would you suggest I talk to?",
]
_ENDED = (AskStatus.DECLINED, AskStatus.NO_REPLY, AskStatus.SENT, AskStatus.DRAFT)


def small_dataset(today: date) -> dict[str, list[Record]]:
    """Build a 50-contact dataset with asks and conversations of every kind."""
    return large_dataset(today, contacts=50, asks=20, conversations=8)


def large_dataset(
    today: date,
    contacts: int = 30_000,
    asks: int = 2_000,
    conversations: int = 800,
    seed: int = 0,
) -> dict[str, list[Record]]:
    """Build a LinkedIn-shaped network plus referral trees, asks and conversations."""
    if contacts < 10:
        raise ValueError("a benchmark dataset needs at least 10 contacts")
    rng = random.Random(seed)
    n_referrals = max(4, contacts // 20)
    people = [_connection(today, rng, i) for i in range(contacts - n_referrals)]
    joined_ago = [(today - c.joined_on).days for c in people]

    chosen = rng.sample(range(len(people)), min(asks, len(people) - 1))
    statuses = _statuses(len(chosen), conversations, rng)
    outreach = []
    replied: list[tuple[int, int]] = []  # (contact index, days ago it was answered)
    for n, (index, status) in enumerate(zip(chosen, statuses, strict=True)):
        ask, answered = _ask(today, rng, n, people[index], joined_ago[index], status)
        outreach.append(ask)
        people[index] = _researched(people[index], rng)
        if status == AskStatus.REPLIED:
            replied.append((index, answered))

    talks = [
        _conversation(today, rng, n, people[index].id, answered)
        for n, (index, answered) in enumerate(
            replied[k % len(replied)] for k in range(conversations if replied else 0)
        )
    ]
    met_on = {t.contact_id: (today - t.happened_on).days for t in talks if t.happened_on}
    people += _referrals(today, rng, n_referrals, people, joined_ago, met_on)
    upcoming = [t for t in talks if t.happened_on is None]
    plans = [_plan(today, n, t.contact_id) for n, t in enumerate(upcoming[:50])]
    return {
        "profile": [
            Profile(name="Bench User", fields=_FIELDS[:3], country="US", **_at(today, 900))
        ],
        "contacts": people,
        "outreach": outreach,
        "plans": plans,
        "conversations": talks,
    }


def write_dataset(store: Store, records: dict[str, list[Record]]) -> int:
    """Write a dataset into the store in one commit; return how many records were written."""
    return store.save_many([r for table in records.values() for r in table])


def _at(today: date, ago: int, hour: int = 14) -> dict[str, Any]:
    moment = datetime.combine(today - timedelta(days=ago), time(hour), UTC)
    return {"created_at": moment, "updated_at": moment}


def _moment(today: date, ago: int, hour: int) -> datetime:
    return datetime.combine(today - timedelta(days=ago), time(hour), UTC)


def _connection(today: date, rng: random.Random, i: int) -> Contact:
    """One LinkedIn import row: name, organisation, title and profile address only."""
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    org, sector = rng.choice(_ORGS)
    manual = rng.random() < 0.08
    # Powers of a uniform draw pile dates toward today: networks grow faster lately.
    ago = 1 + int((365 if manual else HISTORY_DAYS - 1) * rng.random() ** 1.7)
    return Contact(
        id=f"bench-c{i:06d}",
        full_name=f"{first} {last}",
        organization=org,
        title=rng.choice(_TITLES),
        sector=sector,
        linkedin_url=f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{i:x}",
        source=Source.MANUAL if manual else Source.LINKEDIN,
        joined_on=today - timedelta(days=ago),
        **_at(today, ago),
    )


def _researched(contact: Contact, rng: random.Random) -> Contact:
    return contact.model_copy(
        update={
            "field": rng.choice(_FIELDS),
            "reason": f"Their work at {contact.organization} is the path I am exploring.",
            "tags": [rng.choice(["policy", "data", "admin", "alumni"])],
        }
    )


def _statuses(count: int, conversations: int, rng: random.Random) -> list[AskStatus]:
    """Enough replies for the conversations, and at least one ask of every other status."""
    others = min(len(_ENDED), count)
    n_replied = min(count - others, max(conversations, count * 45 // 100))
    rest = count - n_replied - others
    tail = rng.choices(_ENDED, weights=(3, 4, 2, 1), k=rest)
    statuses = [AskStatus.REPLIED] * n_replied + list(_ENDED[:others]) + tail
    rng.shuffle(statuses)
    return statuses


def _ask(
    today: date, rng: random.Random, n: int, contact: Contact, joined_ago: int, status: AskStatus
) -> tuple[Outreach, int]:
    """An ask with a history that agrees with its status; returns it and its answer's age."""
    window = min(joined_ago, ASK_WINDOW_DAYS)
    sent = rng.randint(1, min(window, 14)) if status == AskStatus.SENT else rng.randint(1, window)
    answered = max(0, sent - rng.randint(1, 10 if status == AskStatus.NO_REPLY else 7))
    history = [StatusChange(status=AskStatus.DRAFT, at=_moment(today, sent, 9))]
    dates: dict[str, Any] = {}
    if status != AskStatus.DRAFT:
        history.append(StatusChange(status=AskStatus.SENT, at=_moment(today, sent, 13)))
        dates["sent_on"] = today - timedelta(days=sent)
    if status in (AskStatus.REPLIED, AskStatus.DECLINED, AskStatus.NO_REPLY):
        history.append(StatusChange(status=status, at=_moment(today, answered, 17)))
        if status != AskStatus.NO_REPLY:
            dates["replied_on"] = today - timedelta(days=answered)
    first = contact.full_name.split()[0]
    ask = Outreach(
        id=f"bench-a{n:05d}",
        contact_id=contact.id,
        topics=[rng.choice(_FIELDS).lower()],
        mode=rng.choice(list(CallMode)),
        subject=f"A question about your work at {contact.organization}",
        body=f"Dear {first},\n\nCould I ask you about your path into your role? "
        "I would be glad to call you for 15 minutes.\n\nThank you,\nBench User",
        status=status,
        history=history,
        created_at=history[0].at,
        updated_at=history[-1].at,
        **dates,
    )
    return ask, answered


def _conversation(
    today: date, rng: random.Random, n: int, contact_id: str, answered: int
) -> Conversation:
    """A call after a reply: scheduled when it falls in the future, else held and logged.

    The first is always scheduled and the second always waits for a thank-you, so even a
    small dataset has both.
    """
    happened = -rng.randint(1, 10) if n == 0 else answered - rng.randint(1, 10)
    if n == 1:
        happened = max(happened, 0)
    if happened < 0:
        return Conversation(
            id=f"bench-t{n:05d}",
            contact_id=contact_id,
            scheduled_at=_moment(today, happened, 15),
            timezone="America/New_York",
            **_at(today, answered),
        )
    thanked = n != 1 and happened >= 1 and rng.random() < 0.85
    due = today - timedelta(days=happened - REPORT_BACK_DAYS)
    done = due <= today and rng.random() < 0.5
    return Conversation(
        id=f"bench-t{n:05d}",
        contact_id=contact_id,
        scheduled_at=_moment(today, happened, 15),
        happened_on=today - timedelta(days=happened),
        question_notes=[QuestionNote(question=q, note="Noted.") for q in _QUESTIONS],
        insights="The field values clear writing.",
        advice="Talk to more people in the field.",
        next_steps="Write a thank-you; follow the referral.",
        thank_you_sent_on=today - timedelta(days=happened - 1) if thanked else None,
        report_back_due=due,
        report_back_done_on=due if done else None,
        **_at(today, happened, hour=20),
    )


def _referrals(
    today: date,
    rng: random.Random,
    count: int,
    people: list[Contact],
    joined_ago: list[int],
    met_on: dict[str, int],
) -> list[Contact]:
    """Referral trees: the first three form a chain, the rest branch from met contacts."""
    by_id = {c.id: c for c in people}
    ages = {c.id: ago for c, ago in zip(people, joined_ago, strict=True)}
    met = list(met_on)
    made: list[Contact] = []
    for j in range(count):
        if 0 < j < 3 or (made and rng.random() < 0.4):
            parent = made[-1] if j < 3 else rng.choice(made)
            parent_ago = ages[parent.id]
        elif met:
            parent = by_id[rng.choice(met)]
            parent_ago = met_on[parent.id]
        else:
            parent = rng.choice(people)
            parent_ago = ages[parent.id]
        # A referral joins the network on or after the day its referrer was met.
        ago = rng.randint(0, parent_ago)
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        org, sector = rng.choice(_ORGS)
        child = Contact(
            id=f"bench-r{j:05d}",
            full_name=f"{first} {last}",
            organization=org,
            title=rng.choice(_TITLES),
            sector=sector,
            field=rng.choice(_FIELDS),
            reason=f"{parent.full_name} suggested we talk.",
            referred_by=parent.id,
            source=Source.REFERRAL,
            joined_on=today - timedelta(days=ago),
            **_at(today, ago),
        )
        ages[child.id] = ago
        made.append(child)
    return made


def _plan(today: date, n: int, contact_id: str) -> CallPlan:
    return CallPlan(
        id=f"bench-p{n:04d}",
        contact_id=contact_id,
        items=[
            PlanItem(text=q, minutes=3, question_id=REFERRAL_ID if q == _QUESTIONS[-1] else None)
            for q in _QUESTIONS
        ],
        **_at(today, 1),
    )


def busiest_contact(records: dict[str, list[Record]]) -> str:
    """Return the id of the contact with the most asks, plans and conversations.

    The per-contact pages are timed on this person, so they draw everything they can.
    """
    counts: dict[str, int] = {}
    for table in ("outreach", "plans", "conversations"):
        for record in records.get(table, []):
            counts[record.contact_id] = counts.get(record.contact_id, 0) + 1
    return max(sorted(counts), key=lambda contact_id: counts[contact_id])
