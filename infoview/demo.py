"""The sample dataset: a fictional postdoc's network, the same every time for a given day.

Everything here is invented: the people, the organisations and their web addresses
(``example.org``-style domains and made-up LinkedIn slugs). Dates are counted back from the
``today`` the caller passes, so the data always looks current; every record carries the
``sample`` flag so it can be removed in one click.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

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
    SkillTranslation,
    Source,
    StatusChange,
    Target,
)
from infoview.questions import REFERRAL_ID
from infoview.store import CONTACT_CHILDREN, Store

SAMPLE_ID_PREFIX = "sample-"
LINKEDIN_HISTORY = 320
_SEED = 9
_HOME_TZ = "America/New_York"
_REPORT_BACK_DAYS = 28
_IMPORTED = 115  # days ago the fictional user imported her LinkedIn connections


def sample_records(today: date) -> dict[str, list[Record]]:
    """Build the whole sample dataset, keyed by store table name, dated back from ``today``."""
    rng = random.Random(_SEED)
    contacts = _researched_contacts(today) + _linkedin_history(today, rng)
    return {
        "profile": [_profile(today)],
        "contacts": contacts,
        "outreach": [_ask(today, spec) for spec in _ASKS],
        "plans": [_plan(today, key, minutes, items) for key, minutes, items in _PLANS],
        "conversations": [_held(today, key, spec) for key, spec in _TALKS.items()]
        + [_scheduled(today, *spec) for spec in _UPCOMING],
        "targets": [_target(today, number, spec) for number, spec in enumerate(_TARGETS)],
    }


def load_sample(store: Store, today: date) -> int:
    """Write the sample dataset in one commit and return how many records were written.

    A profile the user already saved is kept: the sample profile only fills an empty one.
    """
    records = sample_records(today)
    existing = store.get("profile", "me")
    if existing is not None and not existing.sample:
        records["profile"] = []
    return store.save_many([r for table in records.values() for r in table])


def has_sample(store: Store) -> bool:
    """Return True while any sample record is in the store."""
    return store.cached(
        ("has_sample",), lambda: any(r.sample for t in _ALL_TABLES for r in store.all(t))
    )


def remove_sample(store: Store) -> int:
    """Delete every sample record in one commit and unlink the user's records from them.

    The user's contacts referred by a sample contact lose that link; the user's asks, plans
    and conversations about a sample contact, and dismissals naming a sample record, go
    with it. Returns how many records were deleted.
    """
    with store.transaction():
        doomed = {table: {r.id for r in store.all(table) if r.sample} for table in _ALL_TABLES}
        gone_contacts = doomed["contacts"]
        for table in CONTACT_CHILDREN:
            doomed[table] |= {
                r.id
                for r in store.all(table)
                if r.contact_id in gone_contacts  # type: ignore[attr-defined]
            }
        every_id = set().union(*doomed.values())
        doomed["dismissals"] |= {
            r.id
            for r in store.all("dismissals")
            if any(word in every_id for word in _words(r.key))  # type: ignore[attr-defined]
        }
        removed = 0
        for table, ids in doomed.items():
            removed += store.delete_where(table, lambda r, ids=ids: r.id in ids)
        for contact in store.contacts(include_archived=True):
            if contact.referred_by in gone_contacts:
                store.save(contact.model_copy(update={"referred_by": None}))
        return removed


_ALL_TABLES = (
    "profile",
    "contacts",
    "outreach",
    "plans",
    "conversations",
    "dismissals",
    "touches",
    "rhythms",
    "targets",
)


def _words(key: str) -> Iterable[str]:
    # Reminder keys name records between colons, e.g. "ask:<id>:followup1".
    return key.replace(":", " ").replace("/", " ").split()


# ---------------------------------------------------------------------------- builders
def _day(today: date, ago: int) -> date:
    return today - timedelta(days=ago)


def _at(today: date, ago: int, hour: int = 15, minute: int = 0) -> datetime:
    """A moment on a past day, in UTC (15:00 UTC is mid-morning in New York)."""
    return datetime.combine(_day(today, ago), time(hour, minute), UTC)


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


def _profile(today: date) -> Profile:
    return Profile(**_PROFILE, **_stamps(today, 120))


def _researched_contacts(today: date) -> list[Contact]:
    contacts = []
    for spec in _CONTACTS:
        spec = dict(spec)
        key = spec.pop("key")
        joined = spec.pop("joined")
        since = spec.pop("since", None)
        domain = spec.pop("domain", None)
        by = spec.pop("by", None)
        name_slug = slug(spec["full_name"])
        links: dict[str, Any] = {
            "linkedin_url": f"https://www.linkedin.com/in/{name_slug}-example",
        }
        if domain:
            links["bio_url"] = f"https://www.{domain}/people/{name_slug}"
            if key in _ASKED:
                links["email"] = f"{name_slug.replace('-', '.')}@{domain}"
        if spec.pop("site", False):
            links["website"] = f"https://{name_slug.replace('-', '')}.example.com"
        source = spec.pop("source", Source.REFERRAL if by else Source.MANUAL)
        contacts.append(
            Contact(
                id=_cid(key),
                position_since=_months_back(today, since) if since is not None else None,
                referred_by=_cid(by) if by else None,
                source=source,
                joined_on=_day(today, joined),
                **links,
                **spec,
                **_stamps(today, min(joined, _IMPORTED)),
            )
        )
    return contacts


def _linkedin_history(today: date, rng: random.Random) -> list[Contact]:
    """A few hundred plain LinkedIn connections over two years, more of them recently."""
    taken = {spec["full_name"] for spec in _CONTACTS}
    pairs = [(f, last) for f in _FIRST for last in _LAST if f"{f} {last}" not in taken]
    people = []
    for n, (first, last) in enumerate(rng.sample(pairs, LINKEDIN_HISTORY), start=1):
        name = f"{first} {last}"
        # A uniform draw raised to a power above 1 piles dates toward today: faster growth lately.
        ago = 1 + int(729 * rng.random() ** 1.6)
        people.append(
            Contact(
                id=f"{SAMPLE_ID_PREFIX}li-{n:03d}",
                full_name=name,
                organization=rng.choice(_ORGS),
                title=rng.choice(_TITLES),
                linkedin_url=f"https://www.linkedin.com/in/{slug(name)}-{rng.randrange(16**4):04x}",
                source=Source.LINKEDIN,
                joined_on=_day(today, ago),
                **_stamps(today, min(ago, _IMPORTED), hour=rng.randrange(12, 23)),
            )
        )
    return people


def _cid(key: str) -> str:
    return f"{SAMPLE_ID_PREFIX}contact-{key}"


def _ask(today: date, spec: dict[str, Any]) -> Outreach:
    key, status = spec["key"], spec["status"]
    first = next(c["full_name"] for c in _CONTACTS if c["key"] == key).split()[0]
    mode, minutes = spec.get("mode", CallMode.PHONE), spec.get("minutes", 15)
    offer = {
        CallMode.PHONE: f"I would be glad to call you for {minutes} minutes whenever suits you.",
        CallMode.VIDEO: f"I would be glad to set up a {minutes}-minute video call at your "
        "convenience.",
        CallMode.IN_PERSON: f"I would be glad to meet for {minutes} minutes wherever is easiest "
        "for you.",
    }[mode]
    body = (
        f"Dear {first},\n\n{spec['hook']}\n\n{spec['ask']} {offer}\n\n"
        "With thanks,\nNoor Haddad\nPostdoctoral Fellow, Molecular Biology, Halden University"
    )
    # A sent ask was drafted the evening before it went out.
    drafted = spec["sent"] + 1 if "sent" in spec else spec["drafted"]
    history = [StatusChange(status=AskStatus.DRAFT, at=_at(today, drafted, 21))]
    sent_on = replied_on = None
    if status != AskStatus.DRAFT:
        sent_on = _day(today, spec["sent"])
        history.append(StatusChange(status=AskStatus.SENT, at=_at(today, spec["sent"], 13, 40)))
    if status in (AskStatus.REPLIED, AskStatus.DECLINED, AskStatus.NO_REPLY):
        ended = spec["ended"]
        history.append(StatusChange(status=status, at=_at(today, ended, 17, 25)))
        if status != AskStatus.NO_REPLY:
            replied_on = _day(today, ended)
    return Outreach(
        id=f"{SAMPLE_ID_PREFIX}ask-{key}",
        contact_id=_cid(key),
        topics=spec["topics"],
        minutes=minutes,
        mode=mode,
        subject=spec["subject"],
        body=body,
        status=status,
        history=history,
        planned_send=today if status == AskStatus.DRAFT and spec.get("planned") else None,
        sent_on=sent_on,
        replied_on=replied_on,
        created_at=history[0].at,
        updated_at=history[-1].at,
        sample=True,
    )


def _plan(today: date, key: str, minutes: int, items: list[tuple[str, float]]) -> CallPlan:
    ask = next(a for a in _ASKS if a["key"] == key)
    return CallPlan(
        id=f"{SAMPLE_ID_PREFIX}plan-{key}",
        contact_id=_cid(key),
        minutes=minutes,
        # The who-else question is the planner's referral question (kept last), not a second one.
        items=[
            PlanItem(text=text, minutes=m, question_id=REFERRAL_ID if text == _WHO_ELSE else None)
            for text, m in items
        ],
        **_stamps(today, ask["ended"] - 1, hour=22),
    )


def _held(today: date, key: str, spec: dict[str, Any]) -> Conversation:
    ago = spec["ago"]
    ask = next(a for a in _ASKS if a["key"] == key)
    thanked = spec.get("thanked")
    done = spec.get("reported")
    last_event = ago - max(thanked or 0, done or 0)
    return Conversation(
        id=f"{SAMPLE_ID_PREFIX}talk-{key}",
        contact_id=_cid(key),
        scheduled_at=_at(today, ago, 15, 30),
        timezone=_HOME_TZ,
        mode=ask.get("mode", CallMode.PHONE),
        minutes=ask.get("minutes", 15),
        happened_on=_day(today, ago),
        question_notes=[QuestionNote(question=q, note=n) for q, n in spec["notes"]],
        insights=spec["insights"],
        advice=spec["advice"],
        next_steps=spec["next"],
        reflection=spec["reflection"],
        offered=spec.get("offered", []),
        thank_you_sent_on=_day(today, ago - thanked) if thanked is not None else None,
        report_back_due=_day(today, ago - _REPORT_BACK_DAYS),
        report_back_done_on=_day(today, ago - done) if done is not None else None,
        created_at=_at(today, ask["ended"], 18),
        updated_at=_at(today, last_event, 23),
        sample=True,
    )


def _scheduled(today: date, key: str, in_days: int, hour: int, minute: int) -> Conversation:
    ask = next(a for a in _ASKS if a["key"] == key)
    when = datetime.combine(today + timedelta(days=in_days), time(hour, minute), ZoneInfo(_HOME_TZ))
    return Conversation(
        id=f"{SAMPLE_ID_PREFIX}talk-{key}",
        contact_id=_cid(key),
        scheduled_at=when,
        timezone=_HOME_TZ,
        mode=ask.get("mode", CallMode.PHONE),
        minutes=ask.get("minutes", 15),
        **_stamps(today, ask["ended"], hour=18),
    )


# ----------------------------------------------------------------------------- content
# All of it invented for InfoView. Days are counted back from today.

_PROFILE: dict[str, Any] = {
    "name": "Noor Haddad",
    "signature": "Noor Haddad, PhD\nPostdoctoral Fellow, Department of Molecular Biology\n"
    "Halden University",
    "email": "noor.haddad@halden.example.edu",
    "schools": [
        "Westfall University (PhD, Molecular Biology)",
        "Crestmoor College (BS, Biochemistry)",
    ],
    "current_role": "Postdoctoral Fellow in Molecular Biology, Halden University",
    "country": "US",
    "timezone": _HOME_TZ,
    "past": "A community-college chemistry class got me hooked on biology. I studied "
    "biochemistry at Crestmoor, then did a PhD at Westfall on how cells sort their proteins. "
    "Along the way I ran the department's seminar series and taught three cohorts of "
    "undergraduates at the bench.",
    "present": "I am in the third year of a postdoc at Halden, studying how stressed cells "
    "reroute membrane proteins. I analyse my own sequencing data, co-wrote the lab's last two "
    "grant renewals and mentor two graduate students. I enjoy the analysis and the writing "
    "more than the pipetting.",
    "future": "Within two years I want work where evidence shapes decisions beyond one lab: "
    "advising on research funding, analysing data for a health or policy team, or helping a "
    "university run its research. I want to keep one foot in science without running a lab "
    "of my own.",
    "goals": "Talk with fifteen people across science policy, data science and research "
    "administration this semester; learn which fits my strengths; find one small project (a "
    "policy brief, a public analysis, a committee seat) to test the fit.",
    "fields": ["Science policy", "Data science", "University administration"],
    "skills": [
        SkillTranslation(
            skill="Designing experiments with proper controls",
            translation="Framing a policy question so evidence can answer it, and noticing "
            "when it cannot.",
        ),
        SkillTranslation(
            skill="RNA-seq analysis in R and Python",
            translation="Cleaning, modelling and charting messy data with reproducible code: "
            "the daily work of a data scientist.",
        ),
        SkillTranslation(
            skill="Writing grant proposals",
            translation="Persuasive writing for busy readers who decide about money: briefs, "
            "memos and funding strategy.",
        ),
        SkillTranslation(
            skill="Mentoring graduate and undergraduate students",
            translation="Managing and developing people, and running a team's training.",
        ),
        SkillTranslation(
            skill="Running the department seminar series",
            translation="Planning events, juggling calendars and working across offices: the "
            "everyday craft of research administration.",
        ),
    ],
    "offers": [
        "A bench scientist's view of how grant rules play out in a real lab",
        "Help with R, reproducible analysis and plotting",
        "Introductions to Halden's postdoc association",
        "A careful read of science writing for technical accuracy",
    ],
    "intro": "I'm Noor Haddad, a molecular biology postdoc at Halden University. I study how "
    "cells reroute proteins under stress, and the parts of the job I like best are analysing "
    "the data and writing the grants that pay for it. I'm exploring careers where evidence "
    "shapes decisions beyond one lab (science policy, data science and research "
    "administration) and talking with people who made that move about what the work is "
    "really like.",
    "intro_edited": True,
}

_A, _I, _G, _N, _O = (
    Sector.ACADEMIA,
    Sector.INDUSTRY,
    Sector.GOVERNMENT,
    Sector.NONPROFIT,
    Sector.OTHER,
)

# One dict per researched contact: Contact fields, plus key, joined (days ago), since
# (months in the current position), domain (for the bio page and email), by (referrer's key).
_CONTACTS: list[dict[str, Any]] = [
    # A science-policy referral chain: Ingrid -> Kwame -> Lucía -> Samir.
    {
        "key": "ingrid",
        "full_name": "Ingrid Solberg",
        "joined": 110,
        "since": 50,
        "organization": "Brightwater Institute for Science Policy",
        "title": "Senior Fellow",
        "sector": _N,
        "field": "Science policy",
        "domain": "brightwater.example.org",
        "previous_employers": [
            "National Bioresearch Council (policy fellow)",
            "Westfall University (postdoc)",
        ],
        "education": ["PhD Cell Biology, Westfall University"],
        "site": True,
        "reason": "She went from a cell-biology postdoc to writing Brightwater's briefs on lab "
        "funding, which is exactly the move I am weighing.",
        "common_ground": "Both trained in Westfall's cell biology program; her brief on funding "
        "cycles describes my own lab's year.",
        "tags": ["science policy", "think tank", "Westfall"],
    },
    {
        "key": "kwame",
        "full_name": "Kwame Asante",
        "joined": 95,
        "since": 38,
        "by": "ingrid",
        "organization": "National Bioresearch Council",
        "title": "Program Officer",
        "sector": _G,
        "field": "Science policy",
        "domain": "nbrc.example.gov",
        "previous_employers": [
            "Brightwater Institute for Science Policy (fellow)",
            "Lumen Bio (research scientist)",
        ],
        "education": ["PhD Biochemistry, Halden University"],
        "reason": "He manages a molecular biology grant portfolio and got there through a "
        "one-year policy fellowship, the route Ingrid told me to look at.",
        "common_ground": "Halden PhD; my lab holds one of the council's grants.",
        "tags": ["science policy", "funding", "Halden"],
    },
    {
        "key": "lucia",
        "full_name": "Lucía Domínguez",
        "joined": 80,
        "since": 26,
        "by": "kwame",
        "organization": "Eastbrook State Legislature, Committee on Higher Education",
        "title": "Science Advisor",
        "sector": _G,
        "field": "Science policy",
        "domain": "legislature.eastbrook.example.gov",
        "previous_employers": ["Center for Evidence in Science Policy (policy analyst)"],
        "education": ["MPP, Westfall University", "BS Chemistry, Crestmoor College"],
        "reason": "She turns research into one-page notes for state legislators; I want to know "
        "how much of that job is science and how much is negotiation.",
        "common_ground": "Crestmoor alumni, two years apart.",
        "tags": ["science policy", "state government", "Crestmoor"],
    },
    {
        "key": "samir",
        "full_name": "Samir Khoury",
        "joined": 55,
        "since": 74,
        "by": "lucia",
        "organization": "Halden University, Office of Government Relations",
        "title": "Director of Government Relations",
        "sector": _A,
        "field": "University administration",
        "domain": "halden.example.edu",
        "previous_employers": ["Eastbrook State Senate (legislative aide)"],
        "education": ["JD, Westfall University", "BA Political Science, Halden University"],
        "reason": "He represents my university at the state capitol, a job where policy and "
        "university administration meet.",
        "common_ground": "Same university; Lucía introduced us.",
        "tags": ["university administration", "science policy", "Halden"],
    },
    {
        "key": "hiroshi",
        "full_name": "Hiroshi Tanaka",
        "joined": 80,
        "since": 62,
        "by": "kwame",
        "organization": "Office of Research Budget Analysis",
        "title": "Senior Analyst",
        "sector": _G,
        "field": "Science policy",
        "domain": "orba.example.gov",
        "previous_employers": ["Eastbrook State Department of Health (budget analyst)"],
        "education": ["PhD Genetics, Westfall University"],
        "reason": "He wrote his office's report on postdoc pay and can tell me whether an "
        "analyst's job would use my quantitative side.",
        "common_ground": "We overlapped in Westfall's genetics building.",
        "tags": ["science policy", "budgets", "Westfall"],
    },
    # A data-science chain: Mei-Lin -> Tomás -> Priyanka -> Jae-won.
    {
        "key": "meilin",
        "full_name": "Mei-Lin Chou",
        "joined": 500,
        "since": 28,
        "source": Source.LINKEDIN,
        "organization": "Northgate Health Data",
        "title": "Data Science Manager",
        "sector": _I,
        "field": "Data science",
        "domain": "northgate.example.com",
        "previous_employers": [
            "Meridian Analytics (data scientist)",
            "Halden University (postdoc)",
        ],
        "education": ["PhD Bioinformatics, Westfall University"],
        "reason": "She left a postdoc for data science three years ago and now hires analysts, "
        "so she knows what a hiring manager wants from a biologist.",
        "common_ground": "We shared a bench in the same Westfall lab.",
        "tags": ["data science", "health data", "former labmate"],
    },
    {
        "key": "tomas",
        "full_name": "Tomás Herrera",
        "joined": 70,
        "since": 40,
        "by": "meilin",
        "organization": "Meridian Analytics",
        "title": "Lead Data Scientist",
        "sector": _I,
        "field": "Data science",
        "domain": "meridian-analytics.example.com",
        "previous_employers": ["Cobalt Genomics (research scientist)"],
        "education": ["PhD Statistics, Halden University"],
        "reason": "He builds the models clinical-trial sponsors rely on, the most direct "
        "translation of my RNA-seq work.",
        "common_ground": "Halden; we both work on statistical genomics.",
        "tags": ["data science", "clinical trials", "Halden"],
    },
    {
        "key": "priyanka",
        "full_name": "Priyanka Deshpande",
        "joined": 40,
        "since": 14,
        "by": "tomas",
        "organization": "Tessellate AI",
        "title": "Machine Learning Engineer",
        "sector": _I,
        "field": "Data science",
        "domain": "tessellate.example.com",
        "previous_employers": [
            "Meridian Analytics (data scientist)",
            "Crestmoor College (postdoc)",
        ],
        "education": ["PhD Biophysics, Crestmoor College"],
        "reason": "She left a postdoc for industry only last year, so her job search is fresh "
        "in her mind.",
        "common_ground": "Crestmoor; the same postdoc-to-industry question.",
        "tags": ["data science", "machine learning", "Crestmoor"],
    },
    {
        "key": "jaewon",
        "full_name": "Jae-won Park",
        "joined": 1,
        "since": 50,
        "by": "priyanka",
        "organization": "Harbor City Office of Innovation",
        "title": "Analytics Lead",
        "sector": _G,
        "field": "Data science",
        "reason": "Priyanka says he hires scientists to work on city data and enjoys talking "
        "with people leaving the lab.",
        "tags": ["data science", "city government"],
    },
    # A university-administration chain: Naomi -> Darnell -> Émilie.
    {
        "key": "naomi",
        "full_name": "Naomi Feldman",
        "joined": 75,
        "since": 86,
        "organization": "Halden University, Graduate School",
        "title": "Associate Dean for Postdoctoral Affairs",
        "sector": _A,
        "field": "University administration",
        "domain": "halden.example.edu",
        "previous_employers": ["Westfall University (assistant director, career services)"],
        "education": ["PhD Neuroscience, Westfall University"],
        "reason": "She built Halden's postdoc office from nothing and knows every route into "
        "research administration on campus.",
        "common_ground": "I have been to three of her workshops; both Westfall PhDs.",
        "tags": ["university administration", "postdoc affairs", "Halden"],
    },
    {
        "key": "darnell",
        "full_name": "Darnell Washington",
        "joined": 60,
        "since": 48,
        "by": "naomi",
        "organization": "Westfall University, Office of Research Development",
        "title": "Director of Research Development",
        "sector": _A,
        "field": "University administration",
        "domain": "westfall.example.edu",
        "previous_employers": [
            "Riverbend Science Museum (grant writer)",
            "Westfall University (research scientist)",
        ],
        "education": ["PhD Microbiology, Halden University"],
        "reason": "His team helps faculty plan their largest grants; my grant writing would "
        "count there directly.",
        "common_ground": "Halden PhD; we both moved from microbiology-adjacent labs to grants.",
        "tags": ["university administration", "research development"],
    },
    {
        "key": "emilie",
        "full_name": "Émilie Laurent",
        "joined": 30,
        "since": 22,
        "by": "darnell",
        "organization": "Crestmoor College, Office of the Provost",
        "title": "Assistant Vice Provost for Research",
        "sector": _A,
        "field": "University administration",
        "domain": "crestmoor.example.edu",
        "previous_employers": ["Westfall University (research development manager)"],
        "education": ["PhD Molecular Biology, Halden University"],
        "reason": "She moved from research development to the provost's office in five years, "
        "which shows how an administration career grows.",
        "common_ground": "Molecular biology PhD at Halden; Crestmoor is my undergraduate college.",
        "tags": ["university administration", "Crestmoor"],
    },
    # Asked, outside the chains.
    {
        "key": "siobhan",
        "full_name": "Siobhán Gallagher",
        "joined": 65,
        "since": 44,
        "organization": "The Science Desk",
        "title": "Science Editor",
        "sector": _O,
        "field": "Science communication",
        "outside_field": True,
        "domain": "sciencedesk.example.com",
        "site": True,
        "previous_employers": ["Harbor City Ledger (reporter)"],
        "education": ["MA Science Writing, Westfall University", "BS Biology, Halden University"],
        "reason": "She edits a newsletter policymakers read; writing for them is a skill every "
        "path I am considering needs.",
        "common_ground": "Her explainers on research funding circulate in my department.",
        "tags": ["science communication", "writing"],
    },
    {
        "key": "rafael",
        "full_name": "Rafael Costa",
        "joined": 40,
        "since": 58,
        "organization": "Cobalt Genomics",
        "title": "Director of Research Operations",
        "sector": _I,
        "field": "Research operations",
        "domain": "cobaltgenomics.example.com",
        "previous_employers": ["Cobalt Genomics (senior scientist)", "Lumen Bio (scientist)"],
        "education": ["PhD Molecular Biology, Westfall University"],
        "reason": "He grew Cobalt's labs from one floor to three; operations is a management "
        "path that values bench experience.",
        "common_ground": "Molecular biology at Westfall; I run ordering and training in my lab.",
        "tags": ["industry", "operations"],
    },
    {
        "key": "thandiwe",
        "full_name": "Thandiwe Nkosi",
        "joined": 35,
        "since": 66,
        "organization": "Open Lab Foundation",
        "title": "Program Director",
        "sector": _N,
        "field": "Philanthropy",
        "domain": "openlab.example.org",
        "previous_employers": [
            "Student Futures Trust (director)",
            "Crestmoor College (research associate)",
        ],
        "education": ["PhD Immunology, Halden University"],
        "reason": "She designed the foundation's grants that fund early-career scientists "
        "rather than projects: the funding side of science policy.",
        "common_ground": "Halden PhD; we both care about mentoring.",
        "tags": ["philanthropy", "funding", "science policy"],
    },
    {
        "key": "elif",
        "full_name": "Elif Şahin",
        "joined": 20,
        "since": 32,
        "organization": "Lumen Bio",
        "title": "Scientific Program Manager",
        "sector": _I,
        "field": "Academic partnerships",
        "domain": "lumenbio.example.com",
        "previous_employers": ["Westfall University (postdoc)"],
        "education": ["PhD Pharmacology, Westfall University"],
        "reason": "She manages Lumen Bio's partnerships with universities, where science and "
        "administration meet.",
        "common_ground": "Heard her talk at Halden's industry day; Westfall PhD.",
        "tags": ["industry", "partnerships"],
    },
    {
        "key": "benedikt",
        "full_name": "Benedikt Huber",
        "joined": 50,
        "since": 30,
        "organization": "Kestrel Ventures",
        "title": "Principal",
        "sector": _O,
        "field": "Venture capital",
        "outside_field": True,
        "domain": "kestrel.example.com",
        "previous_employers": ["Fernhill Consulting (consultant)"],
        "education": ["PhD Chemical Biology, Westfall University"],
        "reason": "He checks the science behind start-up pitches: evaluating evidence as a job.",
        "common_ground": "Westfall PhD.",
        "notes": "Declined kindly: travelling for a month. Suggested I write again in spring.",
        "tags": ["venture capital", "outside my field"],
    },
    {
        "key": "valentina",
        "full_name": "Valentina Russo",
        "joined": 90,
        "since": 42,
        "organization": "Westfall University, Office of the Provost",
        "title": "Chief of Staff",
        "sector": _A,
        "field": "University administration",
        "domain": "westfall.example.edu",
        "previous_employers": ["Westfall University (lab manager, chemistry)"],
        "education": ["MS Chemistry, Westfall University"],
        "reason": "Her path from lab manager to chief of staff is one of the few admin careers "
        "I have found that starts at the bench.",
        "common_ground": "Westfall.",
        "notes": "Declined: her office is in the middle of an accreditation review. Try again "
        "in a couple of months.",
        "tags": ["university administration", "Westfall"],
    },
    {
        "key": "marcus",
        "full_name": "Marcus Bell",
        "joined": 25,
        "since": 96,
        "organization": "Eastbrook State Department of Health, Office of Science",
        "title": "Deputy Director",
        "sector": _G,
        "field": "Public health",
        "domain": "health.eastbrook.example.gov",
        "previous_employers": ["Halden University (research faculty)"],
        "education": ["PhD Epidemiology, Halden University"],
        "reason": "His office writes the plain-language guides on lab testing that I share "
        "with friends: science advice in public service.",
        "common_ground": "Halden.",
        "notes": "Declined: on leave until spring.",
        "tags": ["public health", "state government"],
    },
    {
        "key": "dmitri",
        "full_name": "Dmitri Volkov",
        "joined": 65,
        "since": 34,
        "organization": "Tessellate AI",
        "title": "Head of Data Science",
        "sector": _I,
        "field": "Data science",
        "domain": "tessellate.example.com",
        "previous_employers": ["Northgate Health Data (principal data scientist)"],
        "education": ["PhD Physics, Crestmoor College"],
        "reason": "His team's posts on modelling small biological data sets match problems I "
        "solve in my RNA-seq work.",
        "notes": "No answer after a polite follow-up at seven business days.",
        "tags": ["data science", "machine learning"],
    },
    {
        "key": "keisha",
        "full_name": "Keisha Monroe",
        "joined": 45,
        "since": 52,
        "organization": "Scientists in Civic Life",
        "title": "Policy Director",
        "sector": _N,
        "field": "Science policy",
        "domain": "civicscience.example.org",
        "previous_employers": ["Harbor City Council (policy aide)"],
        "education": ["MPA, Halden University", "BS Biology, Crestmoor College"],
        "reason": "Her group trains researchers to testify at city councils: policy work at a "
        "local scale.",
        "notes": "No answer; followed up once.",
        "tags": ["science policy", "civic engagement"],
    },
    {
        "key": "yusuf",
        "full_name": "Yusuf Demir",
        "joined": 33,
        "since": 20,
        "organization": "Fernhill Consulting",
        "title": "Senior Consultant",
        "sector": _I,
        "field": "Consulting",
        "domain": "fernhill.example.com",
        "previous_employers": ["Halden University (postdoc)"],
        "education": ["PhD Cell Biology, Halden University"],
        "reason": "His case study on helping a hospital network decide which research cores to "
        "keep shows consulting where lab knowledge matters.",
        "notes": "No answer; followed up once.",
        "tags": ["consulting", "industry", "Halden"],
    },
    {
        "key": "arjun",
        "full_name": "Arjun Mehta",
        "joined": 12,
        "since": 46,
        "organization": "Halden University, Office of Research Integrity",
        "title": "Research Integrity Officer",
        "sector": _A,
        "field": "University administration",
        "domain": "halden.example.edu",
        "previous_employers": ["Crestmoor College (compliance manager)"],
        "education": ["PhD Pharmacology, Crestmoor College"],
        "reason": "His data-management session is the one my students still quote; the rules "
        "that keep research honest interest me.",
        "tags": ["university administration", "research integrity", "Halden"],
    },
    {
        "key": "hana",
        "full_name": "Hana Nováková",
        "joined": 5,
        "since": 29,
        "organization": "Center for Evidence in Science Policy",
        "title": "Senior Data Analyst",
        "sector": _N,
        "field": "Science policy",
        "domain": "cesp.example.org",
        "previous_employers": ["Northgate Health Data (analyst)"],
        "education": ["MS Statistics, Westfall University"],
        "reason": "Her analysis of how state research grants are spread across institutions is "
        "the data work in service of policy that I would like to do.",
        "tags": ["science policy", "data science"],
    },
    {
        "key": "zoe",
        "full_name": "Zoë Castellanos",
        "joined": 6,
        "since": 18,
        "organization": "Riverbend Science Museum",
        "title": "Manager of Strategic Initiatives",
        "sector": _N,
        "field": "Science communication",
        "domain": "riverbend.example.org",
        "previous_employers": ["Crestmoor College (outreach coordinator)"],
        "education": ["MS Microbiology, Crestmoor College"],
        "reason": "She led the museum's partnership with researchers on its exhibit about how "
        "vaccines are tested.",
        "tags": ["museums", "science communication"],
    },
    {
        "key": "seun",
        "full_name": "Oluwaseun Adeyemi",
        "joined": 4,
        "since": 36,
        "organization": "Westfall University, Office of Innovation",
        "title": "Technology Transfer Officer",
        "sector": _A,
        "field": "University administration",
        "domain": "westfall.example.edu",
        "previous_employers": ["Cobalt Genomics (scientist)"],
        "education": ["PhD Biochemistry, Westfall University"],
        "reason": "A recent invention disclosure in my lab showed me how much happens between "
        "a discovery and a licence; he handles that step.",
        "tags": ["technology transfer", "university administration"],
    },
    # Researched, not asked yet.
    {
        "key": "soren",
        "full_name": "Søren Mikkelsen",
        "joined": 400,
        "since": 60,
        "source": Source.LINKEDIN,
        "organization": "Center for Evidence in Science Policy",
        "title": "Senior Policy Advisor",
        "sector": _N,
        "field": "Science policy",
        "domain": "cesp.example.org",
        "previous_employers": ["Nordic Science Council (research advisor)"],
        "education": ["PhD Biochemistry, Westfall University"],
        "reason": "He compares how different countries fund postdocs; his work would sharpen "
        "the brief I am drafting.",
        "common_ground": "Met at the Westfall policy symposium.",
        "tags": ["science policy", "international"],
    },
    {
        "key": "chiamaka",
        "full_name": "Chiamaka Obi",
        "joined": 22,
        "since": 36,
        "organization": "Halden University, Core Facilities",
        "title": "Assistant Director, Core Facilities",
        "sector": _A,
        "field": "University administration",
        "domain": "halden.example.edu",
        "previous_employers": [
            "Crestmoor College (core facility manager)",
            "Cobalt Genomics (research technician)",
        ],
        "education": ["MS Molecular Biology, Halden University"],
        "reason": "She runs the sequencing core my lab depends on: a campus administration job "
        "that keeps its hands on science.",
        "common_ground": "I use her core every month.",
        "tags": ["university administration", "core facilities", "Halden"],
    },
    {
        "key": "raphael",
        "full_name": "Raphaël Dubois",
        "joined": 18,
        "since": 30,
        "organization": "Eastbrook State Department of Health",
        "title": "Biostatistician",
        "sector": _G,
        "field": "Data science",
        "domain": "health.eastbrook.example.gov",
        "previous_employers": ["Meridian Analytics (statistician)"],
        "education": ["MS Biostatistics, Westfall University"],
        "reason": "He analyses the state's lab-testing data: public-health data science, a path "
        "I had not considered.",
        "tags": ["data science", "public health"],
    },
    {
        "key": "aisha",
        "full_name": "Aisha Rahman",
        "joined": 14,
        "since": 48,
        "organization": "Crestmoor College, Graduate Career Development",
        "title": "Director of Graduate Career Development",
        "sector": _A,
        "field": "University administration",
        "domain": "crestmoor.example.edu",
        "previous_employers": ["Westfall University (career counsellor)"],
        "education": [
            "PhD Higher Education, Westfall University",
            "BS Biochemistry, Crestmoor College",
        ],
        "reason": "She tracks where PhDs end up; she will know which paths people like me "
        "actually take.",
        "common_ground": "Crestmoor biochemistry alumni.",
        "tags": ["careers", "Crestmoor"],
    },
    {
        "key": "bjorn",
        "full_name": "Björn Ekström",
        "joined": 9,
        "since": 24,
        "organization": "Harbor City Office of Innovation",
        "title": "Research Program Manager",
        "sector": _G,
        "field": "Science policy",
        "previous_employers": ["Open Lab Foundation (program manager)"],
        "education": ["MPA, Halden University", "MS Ecology, Westfall University"],
        "reason": "He pairs researchers with city departments: policy work at the scale of one "
        "city.",
        "tags": ["science policy", "city government"],
    },
    {
        "key": "leilani",
        "full_name": "Leilani Kahale",
        "joined": 8,
        "since": 27,
        "organization": "The Science Desk",
        "title": "Data Journalist",
        "sector": _O,
        "field": "Science communication",
        "outside_field": True,
        "domain": "sciencedesk.example.com",
        "previous_employers": ["Harbor City Ledger (graphics reporter)"],
        "education": ["BA Journalism, Halden University"],
        "reason": "She turns research data into charts for a general audience, where my "
        "analysis and writing interests meet.",
        "common_ground": "Siobhán Gallagher's colleague.",
        "tags": ["science communication", "data visualisation"],
    },
    {
        "key": "fatima",
        "full_name": "Fatima Zahra Bennani",
        "joined": 18,
        "since": 20,
        "by": "thandiwe",
        "organization": "Open Lab Foundation",
        "title": "Grants Manager",
        "sector": _N,
        "field": "Philanthropy",
        "domain": "openlab.example.org",
        "previous_employers": ["Halden University (grants officer)"],
        "education": ["MA Public Policy, Westfall University"],
        "reason": "She moved from a university grants office to a foundation, the two worlds I "
        "am comparing.",
        "tags": ["philanthropy", "funding"],
    },
    {
        "key": "grace",
        "full_name": "Grace Kim",
        "joined": 300,
        "since": 34,
        "source": Source.LINKEDIN,
        "organization": "Lumen Bio",
        "title": "Product Manager",
        "sector": _I,
        "field": "Data science",
        "domain": "lumenbio.example.com",
        "previous_employers": ["Halden University (postdoc)"],
        "education": ["PhD Chemistry, Halden University"],
        "reason": "She left a Halden postdoc to manage lab-data software, a role that mixes "
        "science, data and people.",
        "common_ground": "Met at postdoc association events.",
        "tags": ["industry", "product management", "Halden"],
    },
    {
        "key": "camila",
        "full_name": "Camila Ortega",
        "joined": 6,
        "since": 8,
        "organization": "National Bioresearch Council",
        "title": "Science Policy Fellow",
        "sector": _G,
        "field": "Science policy",
        "domain": "nbrc.example.gov",
        "previous_employers": ["Westfall University (postdoc)"],
        "education": ["PhD Neuroscience, Westfall University"],
        "reason": "She is in the middle of the fellowship Ingrid and Kwame both recommended, so "
        "she knows what the application really asks.",
        "tags": ["science policy", "fellowship"],
    },
    {
        "key": "ana",
        "full_name": "Ana Lúcia Ferreira",
        "joined": 4,
        "since": 40,
        "organization": "Fernhill Consulting",
        "title": "Senior Consultant",
        "sector": _I,
        "field": "Consulting",
        "domain": "fernhill.example.com",
        "previous_employers": ["Cobalt Genomics (senior scientist)"],
        "education": ["PhD Molecular Biology, Halden University"],
        "reason": "A Halden molecular biology PhD who advises hospitals on research strategy; "
        "she may answer what I asked Yusuf.",
        "common_ground": "Same department at Halden, ten years earlier.",
        "tags": ["consulting", "Halden"],
    },
    {
        "key": "kofi",
        "full_name": "Kofi Mensah",
        "joined": 620,
        "source": Source.LINKEDIN,
        "organization": "Riverbend Science Museum",
        "title": "Education Program Lead",
        "sector": _N,
        "field": "Science communication",
        "tags": ["museums"],
    },
    {
        "key": "nadia",
        "full_name": "Nadia Petrova",
        "joined": 3,
        "since": 72,
        "organization": "Westfall University, Department of Biology",
        "title": "Research Administrator",
        "sector": _A,
        "field": "University administration",
        "domain": "westfall.example.edu",
        "previous_employers": ["Westfall University (lab manager)"],
        "education": ["MS Biology, Westfall University"],
        "reason": "She handles every grant in a biology department, the day-to-day end of "
        "research administration I have seen least of.",
        "tags": ["university administration", "grants"],
    },
    {
        "key": "liesel",
        "full_name": "Liesel Brandt",
        "joined": 150,
        "since": 55,
        "organization": "Hollis & Ward LLP",
        "title": "Patent Agent",
        "sector": _O,
        "field": "Patent law",
        "outside_field": True,
        "archived": True,
        "previous_employers": ["Westfall University (postdoc)"],
        "education": ["PhD Genetics, Westfall University"],
        "reason": "She moved from a genetics PhD into patent work; worth understanding before "
        "ruling it out.",
        "notes": "Archived: after reading about the training path, patent work is not for me.",
        "tags": ["patent law", "outside my field"],
    },
    {
        "key": "wei",
        "full_name": "Wei Zhang",
        "joined": 200,
        "since": 54,
        "source": Source.LINKEDIN,
        "organization": "Halden University, Data Science Program",
        "title": "Director, Master's Program in Data Science",
        "sector": _A,
        "field": "Data science",
        "domain": "halden.example.edu",
        "site": True,
        "previous_employers": ["Crestmoor College (assistant professor of statistics)"],
        "education": ["PhD Statistics, Westfall University"],
        "reason": "He admits many career changers to Halden's data science master's and knows "
        "who succeeds without one.",
        "tags": ["data science", "education", "Halden"],
    },
]

# One dict per ask. sent / ended / drafted are days ago; ended is the reply, decline or the
# day it was marked "no reply".
_R, _D, _X, _S, _DR = (
    AskStatus.REPLIED,
    AskStatus.DECLINED,
    AskStatus.NO_REPLY,
    AskStatus.SENT,
    AskStatus.DRAFT,
)
_ASKS: list[dict[str, Any]] = [
    {
        "key": "ingrid",
        "status": _R,
        "sent": 104,
        "ended": 102,
        "topics": ["moving from the bench to policy research", "writing briefs for funders"],
        "subject": "A Westfall cell biologist asking about your move into policy",
        "hook": "Your Brightwater brief on how funding cycles shape early-career labs is the "
        "clearest account I have read of a problem I live with as a postdoc. I also noticed we "
        "both came through Westfall's cell biology program.",
        "ask": "Could I ask how you made the jump from postdoc to policy research, and what "
        "you wish you had known first?",
    },
    {
        "key": "kwame",
        "status": _R,
        "sent": 93,
        "ended": 90,
        "topics": ["the work of a program officer", "policy fellowships"],
        "subject": "Ingrid Solberg suggested I write to you",
        "hook": "Ingrid Solberg suggested I write: she said your year as a policy fellow was the "
        "best preparation for running a grant portfolio. My lab at Halden holds one of the "
        "council's grants, so I have seen your program from the other side.",
        "ask": "Would you tell me what a program officer's week looks like and how the "
        "fellowship led you there?",
    },
    {
        "key": "meilin",
        "status": _R,
        "sent": 78,
        "ended": 77,
        "mode": CallMode.VIDEO,
        "minutes": 20,
        "topics": ["hiring biologists into data science", "what to learn first"],
        "subject": "From our old bench to data science",
        "hook": "It has been a while since we shared a bench at Westfall! I have followed your "
        "move into data science, and now that you hire analysts at Northgate, you are the "
        "person I most want to hear from.",
        "ask": "What do you look for when a biologist applies, and what should I learn first?",
    },
    {
        "key": "naomi",
        "status": _R,
        "sent": 74,
        "ended": 64,
        "mode": CallMode.IN_PERSON,
        "minutes": 30,
        "topics": ["routes into research administration"],
        "subject": "A question about paths into research administration",
        "hook": "Your workshop on careers beyond the bench is what got me thinking seriously "
        "about research administration. You built Halden's postdoc office from scratch, so you "
        "have seen almost every route into this work.",
        "ask": "Could you tell me which roles on campus suit someone with grant-writing and "
        "mentoring experience?",
    },
    {
        "key": "lucia",
        "status": _R,
        "sent": 66,
        "ended": 62,
        "topics": ["advising legislators", "writing one-page notes"],
        "subject": "Kwame Asante suggested I ask you about advising legislators",
        "hook": "Kwame Asante thought you would be the right person to ask: you turn research "
        "into short notes for the higher education committee. I am a molecular biology postdoc "
        "at Halden, and a fellow Crestmoor graduate.",
        "ask": "How much of your work is science and how much is negotiation, and how did you "
        "learn the second part?",
    },
    {
        "key": "siobhan",
        "status": _R,
        "sent": 57,
        "ended": 55,
        "topics": ["writing for policymakers"],
        "subject": "A scientist who wants to write for policymakers",
        "hook": "Your Science Desk explainers on research funding are the ones my colleagues "
        "forward around the department. Writing clearly for decision makers is a skill every "
        "career I am exploring needs, and you do it every week.",
        "ask": "What separates a useful explainer from a lecture, and how could a scientist "
        "practise writing one?",
    },
    {
        "key": "tomas",
        "status": _R,
        "sent": 50,
        "ended": 47,
        "mode": CallMode.VIDEO,
        "minutes": 20,
        "topics": ["statistics for clinical trials", "skills that carry over"],
        "subject": "Mei-Lin Chou's suggestion: statistics for clinical trials",
        "hook": "Mei-Lin Chou told me you build the models Meridian's clinical-trial clients "
        "rely on, and that you came from a genomics team yourself. My work is RNA-seq analysis "
        "at Halden, so your path looks like the most direct translation of what I do.",
        "ask": "Which of my skills would carry over, and which gaps would you close first?",
    },
    {
        "key": "darnell",
        "status": _R,
        "sent": 39,
        "ended": 36,
        "topics": ["research development"],
        "subject": "Naomi Feldman suggested we talk about research development",
        "hook": "Naomi Feldman suggested I reach out: your team at Westfall helps faculty plan "
        "their largest grant applications. I have co-written two renewals in my lab and enjoyed "
        "the strategy more than I expected.",
        "ask": "What does a good research development officer do that a good scientist does "
        "not, and how did you learn it?",
    },
    {
        "key": "rafael",
        "status": _R,
        "sent": 33,
        "ended": 31,
        "topics": ["research operations", "leaving the bench"],
        "subject": "How bench experience shapes research operations",
        "hook": "I read your interview on how Cobalt Genomics grew its labs from one floor to "
        "three without losing track of budgets or safety. I manage ordering and training in my "
        "lab at Halden, a small version of the same job.",
        "ask": "Could you tell me what research operations involves day to day and how you "
        "moved into it?",
    },
    {
        "key": "thandiwe",
        "status": _R,
        "sent": 27,
        "ended": 24,
        "mode": CallMode.VIDEO,
        "minutes": 20,
        "topics": ["designing grant programs", "careers in philanthropy"],
        "subject": "Your early-career grants at the Open Lab Foundation",
        "hook": "The Open Lab Foundation's early-career grants are among the few that fund "
        "people rather than projects, and you designed the program. I am a Halden postdoc "
        "exploring the funding side of science.",
        "ask": "How do you decide what a program should reward, and what background helped you "
        "most?",
    },
    {
        "key": "hiroshi",
        "status": _R,
        "sent": 21,
        "ended": 19,
        "topics": ["budget analysis in government"],
        "subject": "Kwame Asante suggested I ask about budget analysis",
        "hook": "Kwame Asante mentioned your office's report on postdoctoral pay, which I read "
        "twice. I do a lot of quantitative work as a postdoc and wonder where it fits in "
        "government. We also overlapped in Westfall's genetics building.",
        "ask": "Would you tell me what an analyst's projects look like and how much of the work "
        "is numbers?",
    },
    {
        "key": "priyanka",
        "status": _R,
        "sent": 10,
        "ended": 8,
        "mode": CallMode.VIDEO,
        "topics": ["leaving a postdoc for industry"],
        "subject": "Tomás Herrera suggested we talk about leaving the postdoc",
        "hook": "Tomás Herrera said you moved from a Crestmoor postdoc into machine learning "
        "last year, so the search is still fresh for you. I am a Halden postdoc in molecular "
        "biology weighing the same step.",
        "ask": "What made the difference in your search, and what would you do differently?",
    },
    {
        "key": "samir",
        "status": _R,
        "sent": 14,
        "ended": 11,
        "mode": CallMode.IN_PERSON,
        "minutes": 20,
        "topics": ["government relations for a university"],
        "subject": "Lucía Domínguez suggested I ask about government relations",
        "hook": "Lucía Domínguez suggested we meet: you speak for Halden at the state capitol, "
        "where two of my interests meet, policy and university administration. I am a "
        "molecular biology postdoc here at Halden.",
        "ask": "Could you tell me how your work divides between campus and capitol, and how "
        "scientists can help?",
    },
    {
        "key": "elif",
        "status": _R,
        "sent": 12,
        "ended": 9,
        "mode": CallMode.VIDEO,
        "minutes": 20,
        "topics": ["academic partnerships in industry"],
        "subject": "Academic partnerships at Lumen Bio",
        "hook": "Your talk at Halden's industry day on how Lumen Bio chooses its academic "
        "partners was the most practical session of the day. Managing those partnerships "
        "combines the science and the administration I enjoy.",
        "ask": "What does a scientific program manager spend the week on, and what background "
        "helps most?",
    },
    {
        "key": "benedikt",
        "status": _D,
        "sent": 45,
        "ended": 43,
        "topics": ["scientific due diligence"],
        "subject": "A biologist curious about scientific due diligence",
        "hook": "Your note on how Kestrel Ventures checks the science behind a pitch made me "
        "realise that weighing evidence is a job in itself. I am a molecular biology postdoc "
        "at Halden exploring careers outside the lab.",
        "ask": "Could I ask how a scientist ends up doing due diligence, and what the work asks "
        "of you?",
    },
    {
        "key": "valentina",
        "status": _D,
        "sent": 85,
        "ended": 83,
        "mode": CallMode.IN_PERSON,
        "minutes": 20,
        "topics": ["how a provost's office runs"],
        "subject": "From lab manager to chief of staff",
        "hook": "I am a Halden postdoc exploring university administration, and your path from "
        "lab manager to chief of staff in Westfall's provost's office is one of the few I have "
        "found that starts at the bench.",
        "ask": "Would you share how you made that move and what the role asks of you day to day?",
    },
    {
        "key": "marcus",
        "status": _D,
        "sent": 22,
        "ended": 20,
        "topics": ["science advice in a health department"],
        "subject": "Science advice inside a state health department",
        "hook": "Your office's plain-language guides on lab testing were the first government "
        "science writing I wanted to share with friends. I am a molecular biology postdoc at "
        "Halden exploring science in public service.",
        "ask": "Could you tell me how scientists in your office split their time between "
        "analysis and advice?",
    },
    {
        "key": "dmitri",
        "status": _X,
        "sent": 60,
        "ended": 48,
        "mode": CallMode.VIDEO,
        "topics": ["hiring scientists into data science"],
        "subject": "Modelling small biological data sets",
        "hook": "Tessellate AI's posts on building models from small biological data sets speak "
        "directly to problems I solve in my RNA-seq work at Halden.",
        "ask": "Could I ask what you look for when you hire scientists from a lab background?",
    },
    {
        "key": "keisha",
        "status": _X,
        "sent": 40,
        "ended": 29,
        "topics": ["local science policy", "volunteering"],
        "subject": "Bringing scientists into city hall",
        "hook": "Scientists in Civic Life's workshop on testifying at city council showed me "
        "that researchers can serve locally, not only at the national level. I am a Halden "
        "postdoc exploring science policy.",
        "ask": "How did you come to lead the policy work, and where do volunteers like me "
        "usually start?",
    },
    {
        "key": "yusuf",
        "status": _X,
        "sent": 30,
        "ended": 19,
        "topics": ["consulting for life-science clients"],
        "subject": "A first year at Fernhill after a Halden postdoc",
        "hook": "Your case study on helping a hospital network decide which research cores to "
        "keep showed me consulting work where lab knowledge matters. I am a molecular biology "
        "postdoc at Halden, where you did yours.",
        "ask": "Would you tell me what a first year at Fernhill looks like for someone with a PhD?",
    },
    {
        "key": "emilie",
        "status": _S,
        "sent": 6,
        "topics": ["careers in a provost's office"],
        "subject": "Darnell Washington suggested I write about the provost's office",
        "hook": "Darnell Washington suggested I write: you moved from research development to "
        "the vice provost's office in five years, and he says you explain that path better "
        "than anyone. I am a molecular biology postdoc at Halden.",
        "ask": "Could I ask what changed as your work grew from single grants to a whole "
        "college's research?",
    },
    {
        "key": "arjun",
        "status": _S,
        "sent": 9,
        "topics": ["research integrity as a career"],
        "subject": "Research integrity as a career",
        "hook": "Your session on data management in Halden's responsible-conduct course is the "
        "one my students still quote. The rules that keep research honest interest me as much "
        "as the research itself.",
        "ask": "Would you tell me how you came to research integrity and what a typical case "
        "involves?",
    },
    {
        "key": "hana",
        "status": _S,
        "sent": 2,
        "mode": CallMode.VIDEO,
        "topics": ["data analysis for science policy"],
        "subject": "Your analysis of state research grants",
        "hook": "Your analysis of how state research grants are spread across institutions is "
        "the kind of data work I would love to do: careful numbers in service of a policy "
        "question. I am a Halden postdoc doing RNA-seq analysis in R.",
        "ask": "Could you tell me how projects at the Center start and which tools you use "
        "every day?",
    },
    {
        "key": "zoe",
        "status": _DR,
        "drafted": 3,
        "planned": True,
        "topics": ["museum strategy"],
        "subject": "How scientists shape a museum's strategy",
        "hook": "Riverbend's new exhibit on how vaccines are tested shows the museum working "
        "closely with researchers, and you led that partnership. I am a molecular biology "
        "postdoc at Halden.",
        "ask": "Could I ask how a scientist helps shape a museum's plans?",
    },
    {
        "key": "seun",
        "status": _DR,
        "drafted": 1,
        "topics": ["technology transfer"],
        "subject": "Between a discovery and a licence",
        "hook": "A recent invention disclosure in my Halden lab showed me how much happens "
        "between a discovery and a licence, and you handle that step at Westfall.",
        "ask": "Would you tell me what a technology transfer officer's week looks like?",
    },
]
_ASKED = {spec["key"] for spec in _ASKS}


def _pool(text: str) -> list[str]:
    return text.split()


_WHO_ELSE = "Who else would you suggest I talk to?"

# Conversations held: ago (days), thanked / reported (days after the call, None = not yet).
_TALKS: dict[str, dict[str, Any]] = {
    "ingrid": {
        "ago": 95,
        "thanked": 0,
        "reported": 30,
        "notes": [
            (
                "How did you move from the postdoc into policy research?",
                "A one-year policy fellowship at the National Bioresearch Council; two reports "
                "written there became the portfolio Brightwater hired her from.",
            ),
            (
                "What does a typical week look like?",
                "About half writing and editing briefs, a quarter meeting agency staff, the rest "
                "reading new studies. Deadlines follow the budget calendar, not the semester.",
            ),
            (
                "Which skill do you use most that you did not expect?",
                "Cutting. A brief longer than two pages does not get read.",
            ),
            (_WHO_ELSE, "Kwame Asante, a program officer who came through the same fellowship."),
        ],
        "insights": "Policy research rewards summarising a field fairly, including the studies "
        "you disagree with. Short, clear writing counts for more than publications.",
        "advice": "Write two practice briefs on topics I know well and show them around. Apply "
        "for the fellowship a year before I want to start.",
        "next": "Draft a two-page brief on postdoc funding delays; write to Kwame Asante.",
        "reflection": "The writing side appeals to me more than I expected. I was nervous for "
        "the first minute and then forgot to be.",
        "offered": ["The postdoc association's survey on funding delays"],
    },
    "kwame": {
        "ago": 80,
        "thanked": 0,
        "reported": 25,
        "notes": [
            (
                "What does a program officer's week look like?",
                "Progress reports, applicant questions, one or two review panels per cycle. A lot "
                "of email and a lot of reading.",
            ),
            (
                "How did the fellowship lead to this job?",
                "The fellowship placed him in this office; he applied when a permanent post "
                "opened.",
            ),
            (
                "What is hardest about the role?",
                "Telling good scientists no. The panel decides, but he delivers the news.",
            ),
            (
                _WHO_ELSE,
                "Lucía Domínguez for state-level advising; Hiroshi Tanaka for budget analysis.",
            ),
        ],
        "insights": "Program officers shape a field through the questions they write into "
        "calls for proposals, not only through which grants get funded.",
        "advice": "Volunteer as an early-career reviewer for a foundation to learn how panels "
        "think.",
        "next": "Join the Open Lab Foundation's reviewer pool; write to Lucía and Hiroshi.",
        "reflection": "The part about saying no was sobering but useful. I could see myself in "
        "this job.",
        "offered": ["Feedback on a draft call for proposals from a postdoc's point of view"],
    },
    "meilin": {
        "ago": 70,
        "thanked": 1,
        "reported": 35,
        "notes": [
            (
                "What do you look for when a biologist applies?",
                "One public project with clean code and a readable write-up beats a list of "
                "methods on a CV.",
            ),
            (
                "What should I learn first?",
                "SQL, and the basics of designing A/B tests. My statistics are closer than I "
                "think.",
            ),
            (
                "What surprised you most after leaving academia?",
                "How fast decisions are made on partial data, and how much of the job is "
                "explaining results to non-specialists.",
            ),
            (_WHO_ELSE, "Tomás Herrera at Meridian, who works on clinical-trial data."),
        ],
        "insights": "Data teams value judgment and communication as much as modelling. A "
        "biology PhD is an asset for health data, not a handicap.",
        "advice": "Turn one of my RNA-seq analyses into a public portfolio piece with a "
        "plain-language summary.",
        "next": "Start an SQL course; tidy the analysis repository; write to Tomás.",
        "reflection": "Easy to talk with an old friend, yet I still learned a lot about how her "
        "team works.",
        "offered": ["Try her team's onboarding notebook as a newcomer"],
    },
    "naomi": {
        "ago": 60,
        "thanked": 0,
        "reported": 28,
        "notes": [
            (
                "Which campus roles suit someone with grant-writing experience?",
                "Research development, sponsored programs, and the grants office of a large "
                "department. Each has its own rhythm.",
            ),
            (
                "How did you build the postdoc office?",
                "Started half-time in career services, gathered data on what postdocs needed and "
                "took the case to the dean.",
            ),
            (
                "What do hiring committees in administration look for?",
                "Proof you have run something: a seminar series, a committee, a training program.",
            ),
            (_WHO_ELSE, "Darnell Washington, research development at Westfall."),
        ],
        "insights": "Administrative careers grow by taking on a problem nobody owns and "
        "showing results with numbers.",
        "advice": "Join a university committee this year: it is the quickest way to see how "
        "decisions get made.",
        "next": "Ask to join the postdoc advisory committee; write to Darnell.",
        "reflection": "My seminar-series work counts as real experience. That changes how I "
        "describe myself.",
        "offered": ["Help analyse this year's postdoc survey"],
    },
    "lucia": {
        "ago": 55,
        "thanked": 1,
        "reported": 30,
        "notes": [
            (
                "How much of your work is science and how much negotiation?",
                "About a third science. The rest is understanding what each member needs, and "
                "when.",
            ),
            (
                "How did you learn the negotiation part?",
                "Watching senior staff, and two years as an analyst before this role.",
            ),
            (
                "What makes a note useful to a legislator?",
                "One page, the decision in the first line, and what happens if they do nothing.",
            ),
            (_WHO_ELSE, "Samir Khoury, who handles government relations for Halden."),
        ],
        "insights": "State-level advising is faster and more personal than federal work; one "
        "good relationship can matter more than a report.",
        "advice": "Attend a committee hearing in person and notice which testimony draws "
        "follow-up questions.",
        "next": "Watch the next higher-education committee hearing; write to Samir.",
        "reflection": "The pace would suit me. I need practice putting the decision in the "
        "first line.",
        "offered": ["Explain the science behind a lab-safety bill if one comes up"],
    },
    "siobhan": {
        "ago": 48,
        "thanked": 0,
        "reported": 21,
        "notes": [
            (
                "What separates a useful explainer from a lecture?",
                "Start from the reader's question, not the science. Cut the history of the field.",
            ),
            (
                "How could a scientist practise?",
                "Rewrite your latest abstract for a city council member, then for a twelve-year-"
                "old.",
            ),
            (
                "What trends do you see in science coverage?",
                "Readers want to know who decides and who pays, not only what was found.",
            ),
            (_WHO_ELSE, "She will think about it and write back."),
        ],
        "insights": "Science writing for decision makers is about consequences: what changes, "
        "and for whom.",
        "advice": "Pitch one short piece to the Science Desk's reader-essay section.",
        "next": "Write the two abstract rewrites; draft a pitch.",
        "reflection": "Outside my field, yet the most practical call so far. I need the writing "
        "practice whichever path I choose.",
        "offered": ["Fact-check a piece on gene editing"],
    },
    "tomas": {
        "ago": 40,
        "thanked": 1,
        "reported": 30,
        "notes": [
            (
                "Which of my skills carry over?",
                "Handling noisy, high-dimensional data; designing controls; explaining "
                "uncertainty.",
            ),
            (
                "Which gaps would you close first?",
                "Survival analysis, and the regulatory basics of clinical trials.",
            ),
            (
                "What does a typical project look like?",
                "Three to six months, one sponsor, and an analysis plan agreed before any data "
                "arrives.",
            ),
            (_WHO_ELSE, "Priyanka Deshpande, who joined Tessellate AI from a postdoc last year."),
        ],
        "insights": "Clinical-trial analytics is closer to my training than general tech data "
        "science; domain knowledge counts.",
        "advice": "Take a survival-analysis course and redo a published trial analysis from "
        "open data.",
        "next": "Enrol in the survival-analysis course; write to Priyanka.",
        "reflection": "The first time a job description felt within reach rather than a stretch.",
        "offered": ["My notes on normalising sequencing data"],
    },
    "darnell": {
        "ago": 30,
        "thanked": 0,
        "notes": [
            (
                "What does a research development officer do that a scientist does not?",
                "Sees the whole funding landscape at once and introduces people across "
                "departments who would never meet otherwise.",
            ),
            (
                "How did you learn it?",
                "Writing grants for a science museum, where every proposal spoke to several "
                "audiences.",
            ),
            ("What is the hardest part?", "Every lab's deadline becomes the team's deadline."),
            (_WHO_ELSE, "Émilie Laurent, now in the vice provost's office at Crestmoor."),
        ],
        "insights": "Research development is a service role that rewards curiosity about every "
        "field rather than depth in one.",
        "advice": "Offer to help a faculty member outside my department assemble a team grant.",
        "next": "Write to Émilie; ask my PI about helping with the center grant.",
        "reflection": "I liked the matchmaking. I am less sure about the deadline pressure.",
        "offered": ["Review the biology sections of a center-grant draft"],
    },
    "rafael": {
        "ago": 25,
        "thanked": 1,
        "notes": [
            (
                "What does research operations involve day to day?",
                "Budgets, vendors, safety, space and hiring lab staff: keeping sixty scientists "
                "able to work.",
            ),
            (
                "How did you move into it from the bench?",
                "Volunteered to run his team's move to a new building and never went back.",
            ),
            (
                "What makes a postdoc a strong candidate?",
                "Evidence of managing shared equipment or a budget, and staying calm under "
                "pressure.",
            ),
        ],
        "insights": "Operations is where bench experience earns the most respect outside "
        "research itself.",
        "advice": "Keep a record of every operational task I take on in the lab, with numbers.",
        "next": "Write up the freezer-inventory project with the money it saved.",
        "reflection": "Less aligned with my interests than policy, but a good option to keep in "
        "mind.",
    },
    "thandiwe": {
        "ago": 18,
        "thanked": 0,
        "notes": [
            (
                "How do you decide what a program should reward?",
                "Ask early-career scientists what nearly made them leave, then fund the fix.",
            ),
            (
                "What background helped you most?",
                "Five years of research plus a stint running a student-support charity.",
            ),
            (
                "What trends do you see in science funding?",
                "Foundations are moving toward funding people and teams for longer.",
            ),
            (_WHO_ELSE, "Fatima Zahra Bennani, the foundation's grants manager."),
        ],
        "insights": "Foundations can take risks government funders cannot, which makes the "
        "work creative.",
        "advice": "Read three years of a foundation's annual reports before applying anywhere "
        "in philanthropy.",
        "next": "Read the reports; write to Fatima Zahra.",
        "reflection": "This call tied policy to my interest in mentoring.",
        "offered": ["Speak on a panel for the foundation's early-career fellows"],
    },
    "hiroshi": {
        "ago": 12,
        "thanked": 0,
        "notes": [
            (
                "What do an analyst's projects look like?",
                "Each starts with a question from legislative staff and takes two weeks to six "
                "months.",
            ),
            (
                "How much of the work is numbers?",
                "Most of it, but the product is always a short memo.",
            ),
            (
                "What would you learn first if starting over?",
                "Public budgeting basics; the science is the easy part.",
            ),
            (_WHO_ELSE, "No name yet; he will check with a colleague."),
        ],
        "insights": "Analysts are valued for neutrality; I would have to be comfortable not "
        "advocating.",
        "advice": "Take an introductory public-finance course.",
        "next": "Start the course; send Hiroshi my draft brief for comments.",
        "reflection": "Made me ask whether I want to advocate or to analyse.",
        "offered": ["A postdoc's view on the pay survey's questions"],
    },
    "priyanka": {
        "ago": 1,
        "notes": [
            (
                "What made the difference in your job search?",
                "A referral from a former labmate, and a take-home project she treated like a "
                "paper.",
            ),
            (
                "What would you do differently?",
                "Start talking to people six months earlier; skip postings that only say 'PhD "
                "preferred'.",
            ),
            (
                "What does a typical day look like now?",
                "Stand-up in the morning, a few hours of modelling, code review in the afternoon.",
            ),
            (
                _WHO_ELSE,
                "Jae-won Park, who runs analytics at the Harbor City Office of Innovation.",
            ),
        ],
        "insights": "Searches move quickly once someone refers you; her cold applications "
        "rarely went anywhere.",
        "advice": "Ask every contact for one more name, and keep track of them.",
        "next": "Send a thank-you today; write to Jae-won next week.",
        "reflection": "Encouraging. I need to start the portfolio piece this month.",
        "offered": ["Introduce her to two Halden students interested in machine learning"],
    },
}

# Calls still to come: contact key, days ahead, hour and minute in New York.
_UPCOMING = [("samir", 3, 10, 30), ("elif", 6, 14, 0)]

_PLANS: list[tuple[str, int, list[tuple[str, float]]]] = [
    (
        "samir",
        20,
        [
            ("How does your work divide between campus and the capitol?", 4),
            ("Which issues take most of your time this year?", 4),
            ("Where can scientists on campus help your office most?", 4),
            ("What background would you look for in someone joining your team?", 4),
            (_WHO_ELSE, 2),
        ],
    ),
    (
        "elif",
        20,
        [
            ("What does a typical week look like for a scientific program manager?", 4),
            ("How do you choose which universities to partner with?", 4),
            ("Which skills from your research years do you use most?", 4),
            ("What should someone coming from a postdoc learn first?", 3),
            (_WHO_ELSE, 2),
        ],
    ),
    (
        "priyanka",
        15,
        [
            ("What made the difference in your job search?", 4),
            ("What would you do differently?", 3),
            ("What does a typical day look like now?", 3),
            (_WHO_ELSE, 2),
        ],
    ),
]

# Pools for the LinkedIn history: invented combinations, fictional organisations.
_FIRST = _pool("""
    Adaeze Aiden Alejandro Amara Anika Beatriz Bilal Carmen Chen Chloé Daniel Deepa Diego Efua
    Elena Emeka Farah Felix Gabriel Gwen Hamid Ines Isaac Jana Javier Jonas Kai Kavya Layla Leon
    Lina Luca Malik Maren Mateus Maya Miguel Mira Nikhil Noa Olga Omar Paloma Pedro Quinn Rania
    Ravi Rosa Ruth Sacha Sana Sebastián Shira Sofia Tariq Tessa Theo Uma Vera Victor Wren Ximena
    Yara Yohannes Zainab Zofia
""")
_LAST = _pool("""
    Abebe Almeida Andersson Baptiste Bauer Begum Castillo Cohen Dahl Das Eriksen Esposito
    Fofanah Fontaine García Gupta Hale Hoang Ibrahim Iyer Jansen Jiménez Kagame Kowalski Kumar
    Larsen Lee Lopes Mbeki Moreau Müller Nakamura Nguyen Novak Okafor Olsen Osei Patel Pereira
    Quispe Reyes Rossi Sato Schmidt Silva Singh Sokolova Suzuki Takahashi Torres Urban Vargas
    Weber Wójcik Yamamoto Yilmaz Zhou Zubiri
""")
_ORGS = """
Halden University
Westfall University
Crestmoor College
Lumen Bio
Cobalt Genomics
Meridian Analytics
Northgate Health Data
Tessellate AI
Fernhill Consulting
Brightwater Institute for Science Policy
Open Lab Foundation
Riverbend Science Museum
National Bioresearch Council
Harbor City Office of Innovation
Eastbrook State Department of Health
Center for Evidence in Science Policy
Scientists in Civic Life
The Science Desk
Kestrel Ventures
Alder Biotherapeutics
Quarry Lane Hospital
Silverpine Diagnostics
Hollis & Ward LLP
Marlow Instruments
""".strip().splitlines()
_TITLES = """
Postdoctoral Researcher
Graduate Student
Research Scientist
Senior Scientist
Lab Manager
Data Scientist
Data Analyst
Bioinformatician
Program Manager
Policy Analyst
Grants Officer
Assistant Professor
Associate Professor
Research Associate
Product Manager
Consultant
Science Writer
Clinical Research Coordinator
Field Application Scientist
Operations Manager
Communications Specialist
Software Engineer
Quality Assurance Specialist
Medical Science Liaison
""".strip().splitlines()
