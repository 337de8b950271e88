"""Who to ask next: the contacts to approach, ranked, each with its reasons in words.

A contact scores for each reason that applies (working at a target employer, an alum of the
user's school, suggested by someone the user met, a dormant tie, a field the user is heading
to, a specific reason to talk already written). People already in play (asked in the last 30
days, met, or a call planned) and people who declined are left out.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from infoview.coach.research import is_specific
from infoview.models import Contact, Conversation, Outreach, Profile, Source, Target
from infoview.pipeline import is_declined, is_sent
from infoview.research import fold
from infoview.store import Store
from infoview.targets import org_groups, org_key

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


def _memo(func: Callable[[str], str]) -> Callable[[str], str]:
    """Remember a text function's results: organizations, titles and fields repeat a lot."""
    seen: dict[str, str] = {}

    def remembered(text: str) -> str:
        found = seen.get(text)
        if found is None:
            found = seen[text] = func(text)
        return found

    return remembered


def school_key(text: str) -> str:
    """Return a school's words for matching: "Westfall University (PhD, 2019)" -> "westfall
    university"; "PhD Biology, Westfall University" -> "phd biology westfall university"."""
    return f" {org_key(text.split('(')[0])} "


def _school_match(
    education: Sequence[str], schools: Sequence[str], folder: Callable[[str], str]
) -> str:
    for place in education:
        words = folder(place)
        for school in schools:
            if school.strip() and (school in words or words in school):
                return place
    return ""


@dataclass
class _Context:
    """What every contact is checked against, worked out once per ranking."""

    today: date
    met: set[str]
    names: dict[str, str]
    at_target: dict[str, Target]
    schools: list[str]
    fields: list[str]
    dormant_before: date
    folder: Callable[[str], str]
    school_words: Callable[[str], str]
    field_of: dict[tuple[str, str], str]

    def field_match(self, contact: Contact) -> str:
        pair = (contact.field, contact.title)
        found = self.field_of.get(pair)
        if found is None:
            text = f"{self.folder(contact.field)} {self.folder(contact.title)}"
            found = self.field_of[pair] = next((f for f in self.fields if f in text), "")
        return found


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
            who = ctx.names.get(contact.referred_by, "someone you met")  # type: ignore[arg-type]
            reasons.append(f"suggested by {who}, whom you met")
    target = ctx.at_target.get(contact.id)
    if target is not None:
        score, count = score + target.motivation, count + 1
        if words:
            reasons.append(
                f"works at {target.organization}, a target employer "
                f"(motivation {target.motivation} of 3)"
            )
    if ctx.schools and contact.education:
        place = _school_match(contact.education, ctx.schools, ctx.school_words)
        if place:
            score, count = score + ALUMNI_POINTS, count + 1
            if words:
                reasons.append(f"studied at {place}, like you")
    if ctx.fields and (contact.field or contact.title):
        field = ctx.field_match(contact)
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


def _score_all(
    contacts: Sequence[Contact],
    ctx: _Context,
    asks: Mapping[str, Sequence[Outreach]],
    convs: Mapping[str, Sequence[Conversation]],
) -> list[tuple[int, int, int]]:
    """Return (score, reasons, index) of every contact worth asking: the same rules as
    ``_check``, written out flat because this loop runs over every contact (30,000 at most).
    """
    met, at_target, schools, fields = ctx.met, ctx.at_target, ctx.schools, ctx.fields
    dormant_before, school_words, today, linkedin = (
        ctx.dormant_before,
        ctx.school_words,
        ctx.today,
        Source.LINKEDIN,
    )
    names, field_of, field_match = ctx.names, ctx.field_of, ctx.field_match
    # Met or a call planned (already in play), declined, or asked lately: worked out from the
    # few people with records rather than looked up for every contact.
    left_out = set(convs)
    left_out.update(
        cid
        for cid, theirs in asks.items()
        if theirs and (is_declined(theirs) or _asked_recently(theirs, today))
    )
    scored = []
    for index, contact in enumerate(contacts):
        cid = contact.id
        if cid in left_out:
            if cid in met:  # named in "suggested by …, whom you met"
                names[cid] = contact.full_name
            continue
        if contact.archived:
            continue
        score = count = 0
        if contact.referred_by in met:
            score, count = SUGGESTED_POINTS, 1
        target = at_target.get(cid)
        if target is not None:
            score, count = score + target.motivation, count + 1
        if (
            schools
            and contact.education
            and _school_match(contact.education, schools, school_words)
        ):
            score, count = score + ALUMNI_POINTS, count + 1
        if fields and (contact.field or contact.title):
            field = field_of.get((contact.field, contact.title))
            if field is None:
                field = field_match(contact)
            if field:
                score, count = score + FIELD_POINTS, count + 1
        if contact.reason and is_specific(contact.reason):
            score, count = score + RESEARCHED_POINTS, count + 1
        if contact.source == linkedin and contact.joined_on <= dormant_before and not asks.get(cid):
            score, count = score + DORMANT_POINTS, count + 1
        if score:
            scored.append((score, count, index))
    return scored


def rank(
    contacts: Iterable[Contact],
    profile: Profile,
    today: date,
    *,
    asks: Mapping[str, Sequence[Outreach]],
    convs: Mapping[str, Sequence[Conversation]],
    targets: Iterable[Target],
    by_org: Mapping[str, Sequence[Contact]],
    limit: int = SHOWN,
) -> list[Candidate]:
    """Return the best contacts to approach next, with their reasons, best first.

    Every contact is scored without words; only the few shown get their reasons written.
    """
    contacts = list(contacts)
    met = {cid for cid, found in convs.items() if any(c.happened_on for c in found)}
    at_target: dict[str, Target] = {}
    for target in targets:
        for person in by_org.get(org_key(target.organization), ()):
            at_target[person.id] = target
    ctx = _Context(
        today=today,
        met=met,
        names={},  # filled by _score_all as it passes the people met
        at_target=at_target,
        schools=[k for k in (school_key(s) for s in profile.schools) if k.strip()],
        fields=[f for f in (fold(f).strip() for f in profile.fields) if f],
        dormant_before=today - timedelta(days=365 * DORMANT_YEARS),
        folder=_memo(fold),
        school_words=_memo(school_key),
        field_of={},
    )
    scored = _score_all(contacts, ctx, asks, convs)
    if not scored:
        return []
    # The best ``limit`` by score and reasons; among equals at the cut, by name.
    best = heapq.nlargest(limit, scored)
    # (score, reasons, -1) sorts below every item with that score and reasons (indexes are >= 0).
    cut = (best[-1][0], best[-1][1], -1)
    close = [item for item in scored if item > cut]
    close.sort(key=lambda item: (-item[0], -item[1], contacts[item[2]].full_name.casefold()))
    out = []
    for _score, _count, index in close[:limit]:
        contact = contacts[index]
        checked, _, reasons = _check(contact, ctx, asks.get(contact.id, ()), words=True)
        out.append(Candidate(contact, checked, tuple(reasons)))
    return out


def reasons_text(candidate: Candidate) -> str:
    """Return the reasons as one sentence: "Suggested by Ana, whom you met; studied at ..."."""
    text = "; ".join(candidate.reasons)
    return text[:1].upper() + text[1:] + "."


def ask_next(store: Store, today: date) -> list[Candidate]:
    """Return who to ask next, cached on the store until the data changes."""
    return store.cached(
        ("ask_next", today),
        lambda: rank(
            store.contacts(),
            store.profile(),
            today,
            asks=store.by_contact("outreach"),  # type: ignore[arg-type]
            convs=store.by_contact("conversations"),  # type: ignore[arg-type]
            targets=store.all("targets"),  # type: ignore[arg-type]
            by_org=org_groups(store),
        ),
    )
