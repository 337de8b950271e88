"""Keep in touch: each person's rhythm, when they were last heard from, and who is drifting away.

Every contact the user has talked to (a conversation held, or a time in touch logged) gets an
ideal and a longest gap between interactions: the defaults for their relationship from the
profile's settings, or their own. Any interaction resets the clock. Past the ideal gap a
contact is amber, past the longest red; the most overdue (days past the ideal gap over the
gap) come first. A snooze hides a contact until a day; "don't remind" leaves them out.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import ValidationError

from infoview.figures import suggested_by
from infoview.models import (
    Channel,
    Contact,
    Conversation,
    Dismissal,
    Outreach,
    Profile,
    Rhythm,
    Target,
    TouchBase,
    friendly_errors,
)
from infoview.pipeline import is_answered, is_sent
from infoview.store import Store
from infoview.targets import org_key, targets_by_key

MET = "met"
REFERRER = "referrer"
RELATIONSHIP_LABELS = {MET: "met in a conversation", REFERRER: "introduced you to someone"}

OK = "ok"
AMBER = "amber"
RED = "red"

SNOOZE_WEEK = 7
SNOOZE_MONTH = 30

# The labels keyed by channel, for a select box's format_func.
CHANNEL_LABELS: dict[Channel, str] = {c: c.label for c in Channel}

# What reset the clock, as the app names it.
ASK_SENT = "your ask"
ASK_ANSWERED = "their answer to your ask"
CONVERSATION = "your conversation"
THANK_YOU = "your thank-you"
REPORT_BACK = "your report-back"
TOUCHED_BASE = "being in touch"


class RhythmError(ValueError):
    """A rhythm, snooze or time in touch that cannot be saved; the message says why."""


@dataclass(frozen=True)
class Warmth:
    """Where one contact stands in their rhythm on a given day."""

    contact_id: str
    relationship: str
    ideal: int
    longest: int
    last: date
    last_kind: str
    due: date  # the day the ideal gap is reached (or the snooze ends, if later)
    snoozed_until: date | None
    days_since: int
    own: bool  # the contact's own gaps rather than the defaults

    @property
    def level(self) -> str:
        """Return OK until the due day, then AMBER, and RED once past the longest gap."""
        if self.days_since < (self.due - self.last).days:
            return OK
        return RED if self.days_since > self.longest else AMBER

    @property
    def priority(self) -> float:
        """Return how overdue: days past the ideal gap, over the gap (0 until due)."""
        return 0.0 if self.level == OK else (self.days_since - self.ideal) / self.ideal


def rhythm_id(contact_id: str) -> str:
    """Return the id of a contact's rhythm record: the same contact always gives the same id."""
    return "rhythm-" + hashlib.sha1(contact_id.encode("utf-8")).hexdigest()[:32]


def default_gaps(profile: Profile, relationship: str) -> tuple[int, int]:
    """Return the profile's (ideal, longest) gap in days for a relationship, repaired if odd."""
    ideal, longest = profile.rhythm_referrer if relationship == REFERRER else profile.rhythm_met
    ideal = max(1, int(ideal))
    return ideal, max(ideal, int(longest))


def contact_gaps(
    profile: Profile, relationship: str, rhythm: Rhythm | None
) -> tuple[int, int, bool] | None:
    """Return (ideal, longest, own) for one contact, or None when they are not to be reminded."""
    if rhythm is not None and rhythm.off:
        return None
    ideal, longest = default_gaps(profile, relationship)
    own = False
    if rhythm is not None and rhythm.ideal_days:
        ideal, own = rhythm.ideal_days, True
        longest = max(ideal, rhythm.max_days or max(longest, ideal * 2))
    elif rhythm is not None and rhythm.max_days:
        longest, own = max(ideal, rhythm.max_days), True
    return ideal, longest, own


def interactions(
    asks: Iterable[Outreach], convs: Iterable[Conversation], touches: Iterable[TouchBase]
) -> list[tuple[date, str]]:
    """Return every dated interaction with one contact as (day, what), in no particular order."""
    out: list[tuple[date, str]] = []
    for ask in asks:
        if ask.sent_on is not None and is_sent(ask):
            out.append((ask.sent_on, ASK_SENT))
        if ask.replied_on is not None and is_answered(ask):
            out.append((ask.replied_on, ASK_ANSWERED))
    for conv in convs:
        for day, kind in (
            (conv.happened_on, CONVERSATION),
            (conv.thank_you_sent_on, THANK_YOU),
            (conv.report_back_done_on, REPORT_BACK),
        ):
            if day is not None:
                out.append((day, kind))
    out += [(touch.on, TOUCHED_BASE) for touch in touches]
    return out


def has_talked(convs: Iterable[Conversation], touches: Sequence[TouchBase]) -> bool:
    """True once a conversation was held or a time in touch was logged."""
    return bool(touches) or any(c.happened_on is not None for c in convs)


def warmth(
    contact_id: str,
    relationship: str,
    gaps: tuple[int, int, bool],
    last: tuple[date, str],
    today: date,
    snoozed_until: date | None = None,
) -> Warmth:
    """Return where a contact stands: due once the ideal gap (or a later snooze) is reached."""
    ideal, longest, own = gaps
    day, kind = last
    due = day + timedelta(days=ideal)
    snooze = snoozed_until if snoozed_until is not None and snoozed_until > due else None
    return Warmth(
        contact_id=contact_id,
        relationship=relationship,
        ideal=ideal,
        longest=longest,
        last=day,
        last_kind=kind,
        due=snooze or due,
        snoozed_until=snooze,
        days_since=(today - day).days,
        own=own,
    )


def contact_warmth(
    contact: Contact,
    profile: Profile,
    today: date,
    *,
    asks: Iterable[Outreach] = (),
    convs: Iterable[Conversation] = (),
    touches: Sequence[TouchBase] = (),
    rhythm: Rhythm | None = None,
    referred_someone: bool = False,
) -> Warmth | None:
    """Return one contact's warmth, or None (never talked to, archived, or "don't remind")."""
    convs = list(convs)
    if contact.archived or not has_talked(convs, touches):
        return None
    relationship = REFERRER if referred_someone else MET
    gaps = contact_gaps(profile, relationship, rhythm)
    if gaps is None:
        return None
    happened = [i for i in interactions(asks, convs, touches) if i[0] <= today]
    if not happened:
        return None  # only future-dated records: nothing to measure from yet
    # On a tie the later step of the same day names it (a report-back over its conversation).
    last = max(reversed(happened), key=lambda item: item[0])
    snooze = rhythm.snoozed_until if rhythm is not None else None
    return warmth(contact.id, relationship, gaps, last, today, snooze)


def losing_touch(warmths: Iterable[Warmth]) -> list[Warmth]:
    """Return the contacts past their ideal gap, most overdue first."""
    due = [w for w in warmths if w.level != OK]
    return sorted(due, key=lambda w: (-w.priority, w.last, w.contact_id))


def _first_line(text: str, limit: int = 140) -> str:
    line = next((part.strip(" -•*\t") for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def suggested_reason(
    contact: Contact,
    convs: Iterable[Conversation],
    today: date,
    target: Target | None = None,
) -> str:
    """Return one reason to write now, in words: a due report-back, noted news, or a next step."""
    dated = [(c.happened_on, c) for c in convs if c.happened_on and c.happened_on <= today]
    held = [c for _day, c in sorted(dated, key=lambda pair: pair[0])]
    for conv in reversed(held):
        if conv.report_back_done_on is None:
            return (
                "Your report-back is due: tell them what you did with their advice since "
                f"{conv.happened_on:%d %b %Y}."
            )
    if target is not None and target.notes.strip():
        return f"You noted about {target.organization}: {_first_line(target.notes)}"
    if held and held[-1].next_steps.strip():
        return f"Ask how it went since your talk: {_first_line(held[-1].next_steps)}"
    org = contact.organization.strip()
    if org:
        return f"Ask what has changed at {org} and share one thing you have done since."
    return "Share one thing you have done since you last spoke, and ask how they are."


def reminder_key(w: Warmth) -> str:
    """Return the key of a contact's keep-in-touch reminder: it changes with each interaction."""
    return f"touch:{w.contact_id}:{w.last.isoformat()}"


# ------------------------------------------------------------------ store-level reads


def rhythms_by_contact(store: Store) -> dict[str, Rhythm]:
    """Return each contact's rhythm record. After two contacts are merged the kept one may
    hold both; its own (the id rhythm_id gives it, which the settings write) wins."""
    out: dict[str, Rhythm] = {}
    for record in store.all(Rhythm):
        rhythm: Rhythm = record
        if rhythm.contact_id not in out or rhythm.id == rhythm_id(rhythm.contact_id):
            out[rhythm.contact_id] = rhythm
    return out


@dataclass(frozen=True)
class _Records:
    """What every rhythm is worked out from, read from the store once, by contact id."""

    profile: Profile
    touches: dict[str, list[TouchBase]]
    convs: dict[str, list[Conversation]]
    asks: dict[str, list[Outreach]]
    rhythms: dict[str, Rhythm]
    introducers: Mapping[str, object]  # who introduced someone, by id

    @classmethod
    def read(cls, store: Store) -> _Records:
        """Read the records of every contact (archived ones too: they may have introduced)."""
        return cls(
            store.profile(),
            store.by_contact(TouchBase),
            store.by_contact(Conversation),
            store.by_contact(Outreach),
            rhythms_by_contact(store),
            suggested_by(store),
        )

    def talked_to(self) -> set[str]:
        """Return the ids of the few contacts with a conversation or a time in touch."""
        return set(self.touches) | set(self.convs)

    def relationship(self, contact_id: str) -> str:
        """Return REFERRER for someone who introduced the user to someone, else MET."""
        return REFERRER if contact_id in self.introducers else MET


def warmth_of_all(store: Store, today: date) -> dict[str, Warmth]:
    """Return every rhythm-tracked contact's warmth (memoised until the data changes)."""

    def build() -> dict[str, Warmth]:
        records = _Records.read(store)
        out: dict[str, Warmth] = {}
        # Only people talked to have a rhythm: walk the few with conversations or touches.
        for cid in records.talked_to():
            contact = store.contact(cid)
            if contact is None:
                continue
            found = contact_warmth(
                contact,
                records.profile,
                today,
                asks=records.asks.get(cid, []),
                convs=records.convs.get(cid, []),
                touches=records.touches.get(cid, []),
                rhythm=records.rhythms.get(cid),
                referred_someone=cid in records.introducers,
            )
            if found is not None:
                out[cid] = found
        return out

    return store.cached(("warmth", today), build)


# ------------------------------------------------------------------ writes


def rhythm_of(store: Store, contact_id: str) -> Rhythm | None:
    """Return a contact's own rhythm record, if they have one."""
    return store.get(Rhythm, rhythm_id(contact_id))


def _save_rhythm(store: Store, contact_id: str, **changes: object) -> Rhythm:
    current = rhythm_of(store, contact_id)
    base = current.model_dump() if current is not None else {}
    base.update(id=rhythm_id(contact_id), contact_id=contact_id, **changes)
    try:
        record = Rhythm.model_validate(base)
    except ValidationError as exc:
        raise RhythmError("; ".join(friendly_errors(exc))) from exc
    return store.save(record)


def snooze(store: Store, contact_id: str, today: date, days: int) -> Rhythm:
    """Hide a contact from "Losing touch" for ``days`` days (their rhythm is unchanged)."""
    if store.contact(contact_id) is None:
        raise RhythmError("That contact no longer exists.")
    return _save_rhythm(store, contact_id, snoozed_until=today + timedelta(days=days))


def set_rhythm(
    store: Store, contact_id: str, ideal: int | None, longest: int | None, off: bool
) -> Rhythm:
    """Give a contact their own gaps (None: the default) or turn their reminders off."""
    if store.contact(contact_id) is None:
        raise RhythmError("That contact no longer exists.")
    return _save_rhythm(store, contact_id, ideal_days=ideal, max_days=longest, off=off)


def log_touch(
    store: Store, contact_id: str, on: date, channel: str, note: str, today: date
) -> TouchBase:
    """Record a time the user was in touch with a contact; refuse a day in the future."""
    if store.contact(contact_id) is None:
        raise RhythmError("That contact no longer exists.")
    if on > today:
        raise RhythmError("That day is still to come: log a time in touch once it has happened.")
    try:
        touch = TouchBase(contact_id=contact_id, on=on, channel=Channel(channel), note=note)
    except (ValidationError, ValueError) as exc:
        raise RhythmError("; ".join(friendly_errors(exc))) from exc
    return store.save(touch)


def touches_of(store: Store, contact_id: str) -> list[TouchBase]:
    """Return one contact's logged times in touch, newest first."""
    found: list[TouchBase] = store.touches(contact_id)
    return sorted(found, key=lambda t: (t.on, t.created_at), reverse=True)


def delete_touch(store: Store, touch_id: str) -> bool:
    """Delete one logged time in touch."""
    return store.delete(TouchBase, touch_id)


@dataclass(frozen=True)
class Drifting:
    """A contact on Home's "Losing touch" list, with a reason to write."""

    contact: Contact
    warmth: Warmth
    reason: str


def losing_touch_list(store: Store, today: date) -> list[Drifting]:
    """Return the contacts past their ideal gap, most overdue first (memoised)."""

    def build() -> list[Drifting]:
        convs = store.by_contact(Conversation)
        targets = targets_by_key(store)
        # A keep-in-touch reminder dismissed from "This week" stays away until the next
        # interaction gives it a new key.
        dismissed = {d.key for d in store.all(Dismissal)}
        out = []
        for w in losing_touch(warmth_of_all(store, today).values()):
            contact = store.contact(w.contact_id)
            if contact is None or reminder_key(w) in dismissed:
                continue
            target = targets.get(org_key(contact.organization))
            reason = suggested_reason(contact, convs.get(contact.id, []), today, target)
            out.append(Drifting(contact, w, reason))
        return out

    return store.cached(("losing_touch", today), build)


def since_text(w: Warmth) -> str:
    """Return how long since the last interaction, in words ("14 weeks since your thank-you")."""
    weeks = w.days_since // 7
    gap = f"{weeks} weeks" if weeks >= 2 else f"{w.days_since} days"
    return f"{gap} since {w.last_kind}"


# ------------------------------------------------------------------ kept warm, month by month

KEPT_WARM_MONTHS = 24
WITHIN = "Within their rhythm"
PAST_IDEAL = "Past the ideal gap"
PAST_LONGEST = "Past the longest gap"
WARM_STATES = (WITHIN, PAST_IDEAL, PAST_LONGEST)


@dataclass(frozen=True)
class Tie:
    """One person met: when, every day the two of you were in touch, and their gaps."""

    met_on: date
    days: tuple[date, ...]  # sorted
    ideal: int
    longest: int


def _month_ends(first: date, today: date, months: int) -> list[date]:
    ends = []
    year, month = today.year, today.month
    while len(ends) < months:
        start = date(year, month, 1)
        if start < first.replace(day=1):
            break
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        ends.append(min(today, nxt - timedelta(days=1)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return ends[::-1]


def kept_warm_by_month(
    ties: Iterable[Tie], today: date, months: int = KEPT_WARM_MONTHS
) -> list[tuple[date, str, int]]:
    """Return (month's last day, state, people) for each month: of the people met by then,
    how many were within their rhythm, past the ideal gap, or past the longest, that day.
    """
    ties = list(ties)
    if not ties:
        return []
    out = []
    for end in _month_ends(min(t.met_on for t in ties), today, months):
        counts = dict.fromkeys(WARM_STATES, 0)
        for tie in ties:
            if tie.met_on > end:
                continue
            last = tie.days[bisect_right(tie.days, end) - 1]
            since = (end - last).days
            state = (
                WITHIN
                if since < tie.ideal
                else PAST_IDEAL
                if since <= tie.longest
                else PAST_LONGEST
            )
            counts[state] += 1
        out += [(end.replace(day=1), state, counts[state]) for state in WARM_STATES]
    return out


def ties_of(store: Store) -> list[Tie]:
    """Return every person met (a conversation held or a time in touch), with their gaps."""
    records = _Records.read(store)
    out = []
    for cid in records.talked_to():
        contact = store.contact(cid)
        theirs_convs = records.convs.get(cid, [])
        theirs_touches = records.touches.get(cid, [])
        if contact is None or contact.archived:
            continue
        met = [c.happened_on for c in theirs_convs if c.happened_on] + [
            t.on for t in theirs_touches
        ]
        if not met:
            continue
        gaps = contact_gaps(records.profile, records.relationship(cid), records.rhythms.get(cid))
        if gaps is None:
            continue
        theirs_asks = records.asks.get(cid, [])
        days = sorted(d for d, _ in interactions(theirs_asks, theirs_convs, theirs_touches))
        out.append(Tie(min(met), tuple(days), gaps[0], gaps[1]))
    return out
