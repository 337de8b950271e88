"""Who to ask next: the contacts to approach, ranked, each with its reasons in words.

A contact scores for each reason that applies (working at a target employer, an alum of the
user's school, suggested by someone the user met, a dormant tie, a field the user is heading
to, a specific reason to talk already written). People already in play (asked in the last 30
days, met, or a call planned) and people who declined are left out.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from infoview.coach.research import is_specific
from infoview.figures import suggested_by
from infoview.models import Contact, Conversation, Outreach, Profile, Source, Target
from infoview.pipeline import is_declined, is_sent
from infoview.research import fold
from infoview.store import Store
from infoview.targets import org_key

RECENT_ASK_DAYS = 30
DORMANT_YEARS = 2
SHOWN = 10

# Points per reason: a target's motivation counts 1 to 3 on its own.
SUGGESTED_POINTS = 3
ALUMNI_POINTS = 2
FIELD_POINTS = 2
RESEARCHED_POINTS = 2
DORMANT_POINTS = 1


@dataclass(frozen=True)
class Candidate:
    """A contact worth approaching next and why, strongest reason first."""

    contact: Contact
    score: int
    reasons: tuple[str, ...]


def _asked_recently(asks: Iterable[Outreach], today: date) -> bool:
    since = today - timedelta(days=RECENT_ASK_DAYS)
    return any(is_sent(a) and a.sent_on is not None and a.sent_on >= since for a in asks)


@lru_cache(maxsize=65_536)
def _fold(text: str) -> str:
    """fold, remembered: organizations, titles and fields repeat a lot across a network."""
    return fold(text)


@lru_cache(maxsize=65_536)
def school_key(text: str) -> str:
    """Return a school's words for matching: "Westfall University (PhD, 2019)" -> "westfall
    university"; "PhD Biology, Westfall University" -> "phd biology westfall university"."""
    return f" {org_key(text.split('(')[0])} "


@dataclass(frozen=True)
class _Prefs:
    """What of the user's profile the reasons read: their schools and the fields they want."""

    schools: tuple[str, ...]
    fields: tuple[str, ...]

    @classmethod
    def of(cls, profile: Profile) -> _Prefs:
        return cls(
            schools=tuple(k for k in (school_key(s) for s in profile.schools) if k.strip()),
            fields=tuple(f for f in (fold(f).strip() for f in profile.fields) if f),
        )

    def school(self, contact: Contact) -> str:
        """Return the contact's school that is also the user's, else ""."""
        if self.schools:
            for place in contact.education:
                words = school_key(place)
                for school in self.schools:
                    if school in words or words in school:
                        return place
        return ""

    def field(self, contact: Contact) -> str:
        """Return the user's field that the contact works in, else ""."""
        if self.fields and (contact.field or contact.title):
            text = f"{_fold(contact.field)} {_fold(contact.title)}"
            return next((f for f in self.fields if f in text), "")
        return ""


# What ranking needs of one contact, worked out once and kept until that contact changes:
# the points and reasons that read only the contact and the profile (school, field, a
# researched reason), the organization's key, the name as sorted, whether it is archived,
# who suggested it, and when it joined if it is a LinkedIn connection (a dormant tie).
_Facts = tuple[int, int, str, str, bool, str | None, date | None]


def _facts(contact: Contact, prefs: _Prefs) -> _Facts:
    score = count = 0
    if prefs.school(contact):
        score, count = score + ALUMNI_POINTS, count + 1
    if prefs.field(contact):
        score, count = score + FIELD_POINTS, count + 1
    if contact.reason and is_specific(contact.reason):
        score, count = score + RESEARCHED_POINTS, count + 1
    return (
        score,
        count,
        org_key(contact.organization) if contact.organization else "",
        contact.full_name.casefold(),
        contact.archived,
        contact.referred_by,
        contact.joined_on if contact.source == Source.LINKEDIN else None,
    )


@dataclass
class _Context:
    """What every contact is checked against, worked out once per ranking."""

    today: date
    met: set[str]
    names: dict[str, str]
    at_org: dict[str, Target]  # target employers by organization key
    prefs: _Prefs
    dormant_before: date


def _check(
    contact: Contact, ctx: _Context, theirs: Sequence[Outreach], words: bool
) -> tuple[int, int, list[str]]:
    """Return (score, how many reasons, the reasons in words when ``words``).

    ``_score_all`` applies the same rules without words; a test holds the two together.
    """
    score = count = 0
    reasons: list[str] = []
    if contact.referred_by in ctx.met:
        score, count = score + SUGGESTED_POINTS, count + 1
        if words:
            who = ctx.names.get(contact.referred_by, "someone you met")
            reasons.append(f"suggested by {who}, whom you met")
    target = ctx.at_org.get(org_key(contact.organization)) if contact.organization else None
    if target is not None:
        score, count = score + target.motivation, count + 1
        if words:
            reasons.append(
                f"works at {target.organization}, a target employer "
                f"(motivation {target.motivation} of 3)"
            )
    place = ctx.prefs.school(contact)
    if place:
        score, count = score + ALUMNI_POINTS, count + 1
        if words:
            reasons.append(f"studied at {place}, like you")
    field = ctx.prefs.field(contact)
    if field:
        score, count = score + FIELD_POINTS, count + 1
        if words:
            reasons.append(f"works in {field}, a field you are heading to")
    if contact.reason and is_specific(contact.reason):
        score, count = score + RESEARCHED_POINTS, count + 1
        if words:
            reasons.append("you researched them and wrote a specific reason to talk")
    if contact.source == Source.LINKEDIN and not theirs and contact.joined_on <= ctx.dormant_before:
        score, count = score + DORMANT_POINTS, count + 1
        if words:
            reasons.append(
                f"a dormant tie: connected in {contact.joined_on.year} and never asked; "
                "old ties often bring the freshest help"
            )
    return score, count, reasons


# A contact's place in the ranking, best first: (-score, -reasons, name as sorted, id).
_Key = tuple[int, int, str, str]


def _key(cid: str, facts: _Facts, ctx: _Context, asked: bool) -> _Key | None:
    """Return a contact's ranking key (None: archived, or no reason at all).

    The same rules as ``_check``, from the contact's kept ``facts``; ``asked`` is whether
    there is any ask to them (a dormant tie is one never asked).
    """
    score, count, org, name, archived, referred_by, linked_on = facts
    if archived:
        return None
    if referred_by in ctx.met:
        score, count = score + SUGGESTED_POINTS, count + 1
    if org and ctx.at_org:
        target = ctx.at_org.get(org)
        if target is not None:
            score, count = score + target.motivation, count + 1
    if linked_on is not None and linked_on <= ctx.dormant_before and not asked:
        score, count = score + DORMANT_POINTS, count + 1
    return (-score, -count, name, cid) if score else None


def _left_out(
    ctx: _Context,
    asks: Mapping[str, Sequence[Outreach]],
    convs: Mapping[str, Sequence[Conversation]],
) -> set[str]:
    """Met or a call planned (already in play), declined, or asked lately."""
    out = set(convs)
    out.update(
        cid
        for cid, theirs in asks.items()
        if theirs and (is_declined(theirs) or _asked_recently(theirs, ctx.today))
    )
    return out


def _score_all(
    facts: Mapping[str, _Facts],
    ctx: _Context,
    asks: Mapping[str, Sequence[Outreach]],
    convs: Mapping[str, Sequence[Conversation]],
) -> list[_Key]:
    """Return the ranking key of every contact worth asking, in no order."""
    left_out = _left_out(ctx, asks, convs)
    keys = (
        _key(cid, found, ctx, bool(asks.get(cid)))
        for cid, found in facts.items()
        if cid not in left_out
    )
    return [key for key in keys if key is not None]


def _context(
    prefs: _Prefs,
    today: date,
    targets: Iterable[Target],
    convs: Mapping[str, Sequence[Conversation]],
    contact_of: Callable[[str], Contact | None],
) -> _Context:
    at_org: dict[str, Target] = {}
    for target in targets:
        key = org_key(target.organization)
        if key:
            at_org[key] = target
    names = {}
    for cid, found in convs.items():
        person = contact_of(cid)
        if person is not None and any(c.happened_on for c in found):
            names[cid] = person.full_name
    return _Context(
        today=today,
        met=set(names),
        names=names,
        at_org=at_org,
        prefs=prefs,
        dormant_before=today - timedelta(days=365 * DORMANT_YEARS),
    )


def _worded(
    best: Iterable[_Key],
    ctx: _Context,
    asks: Mapping[str, Sequence[Outreach]],
    contact_of: Callable[[str], Contact | None],
) -> list[Candidate]:
    """Write the reasons of the few contacts shown."""
    out = []
    for *_, cid in best:
        contact = contact_of(cid)
        if contact is not None:
            checked, _, reasons = _check(contact, ctx, asks.get(cid, ()), words=True)
            out.append(Candidate(contact, checked, tuple(reasons)))
    return out


def rank(
    contacts: Iterable[Contact],
    profile: Profile,
    today: date,
    *,
    asks: Mapping[str, Sequence[Outreach]],
    convs: Mapping[str, Sequence[Conversation]],
    targets: Iterable[Target],
    limit: int = SHOWN,
) -> list[Candidate]:
    """Return the best contacts to approach next, with their reasons, best first.

    Every contact is scored without words; only the few shown get their reasons written.
    Among equal scores and reasons, by name (then by id).
    """
    by_id = {contact.id: contact for contact in contacts}
    prefs = _Prefs.of(profile)
    facts = {cid: _facts(contact, prefs) for cid, contact in by_id.items()}
    ctx = _context(prefs, today, targets, convs, by_id.get)
    return _worded(
        heapq.nsmallest(limit, _score_all(facts, ctx, asks, convs)), ctx, asks, by_id.get
    )


def reasons_text(candidate: Candidate) -> str:
    """Return the reasons as one sentence: "Suggested by Ana, whom you met; studied at ..."."""
    text = "; ".join(candidate.reasons)
    return text[:1].upper() + text[1:] + "."


def ask_next(store: Store, today: date) -> list[Candidate]:
    """Return who to ask next (``rank`` of the store's contacts), cached until the data changes.

    After a change only what changed is worked out again: every contact's facts and its key
    without the reasons that read other records are kept on the store, sorted, and redone
    for the contacts that changed (or for all of them when the profile, the targets or the
    day change). The few whose key those other records move (people asked, met, declined or
    suggested by someone met) are scored one by one and merged with the best of the rest.
    """
    return store.cached(("ask_next", today), lambda: _ranked(store, today))


def _ranked(store: Store, today: date) -> list[Candidate]:
    prefs = _Prefs.of(store.profile())
    facts = store.per_record("ask_next", prefs, Contact, lambda c: _facts(c, prefs))
    asks, convs = store.by_contact(Outreach), store.by_contact(Conversation)
    ctx = _context(prefs, today, store.targets(), convs, store.contact)
    alone = replace(ctx, met=set(), names={})  # no one met, no one asked
    version = (prefs, tuple((k, t.motivation) for k, t in ctx.at_org.items()), today)
    order = store.sorted_records(
        "ask_next_order", version, Contact, lambda c: _key(c.id, facts[c.id], alone, False)
    )
    suggested = suggested_by(store)
    left_out = _left_out(ctx, asks, convs)
    moved = left_out.union(asks, *(suggested.get(cid, ()) for cid in ctx.met))
    keys = [
        key
        for cid in moved
        if cid in facts and cid not in left_out
        for key in [_key(cid, facts[cid], ctx, bool(asks.get(cid)))]
        if key is not None
    ]
    rest = (key for key in order if key[3] not in moved)
    keys += itertools.islice(rest, SHOWN)
    return _worded(heapq.nsmallest(SHOWN, keys), ctx, asks, store.contact)
