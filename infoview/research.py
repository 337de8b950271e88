"""Research step logic: the checklist, tenure, list filtering and paging, form conversion."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from infoview.coach.research import reason_is_specific
from infoview.models import SECTOR_LABELS as SECTOR_LABELS  # re-exported for the pages
from infoview.models import SOURCE_LABELS as SOURCE_LABELS
from infoview.models import Contact, Conversation, Outreach, Source
from infoview.pipeline import Stage, contact_stage
from infoview.store import Store
from infoview.wording import fold, split_lines, split_tags

PAGE_SIZE = 25


@dataclass(frozen=True)
class CheckItem:
    """One point good research covers and whether it is known."""

    label: str
    done: bool
    hint: str


def research_checklist(contact: Contact) -> list[CheckItem]:
    """Return which of the research points are known for a contact."""
    return [
        CheckItem("Where they work now", bool(contact.organization), "Their current employer."),
        CheckItem("Their current title", bool(contact.title), "What they do there."),
        CheckItem(
            "How long in this position",
            contact.position_since is not None,
            "Month and year they started.",
        ),
        CheckItem(
            "Where they worked before",
            bool(contact.previous_employers),
            "Earlier employers show the path they took.",
        ),
        CheckItem("Where they studied", bool(contact.education), "Schools and degrees."),
        CheckItem("LinkedIn profile", bool(contact.linkedin_url), "A good place to start."),
        CheckItem(
            "Company bio or personal site",
            bool(contact.bio_url or contact.website),
            "Often says more than LinkedIn.",
        ),
        CheckItem(
            "A compelling reason to talk",
            reason_is_specific(contact.reason),
            "Why them in particular: their move, work, talk or paper, a school you share, or "
            "who referred you.",
        ),
    ]


def completeness(contact: Contact) -> int:
    """Return the share of research points known, as a whole percentage."""
    items = research_checklist(contact)
    return round(100 * sum(item.done for item in items) / len(items))


def tenure_text(since: date | None, today: date) -> str:
    """Describe time in a position as LinkedIn does: '3 yrs 2 mos', '8 mos'."""
    if since is None:
        return ""
    months = (today.year - since.year) * 12 + today.month - since.month
    if months < 1:
        return "less than a month"
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} yr" + ("s" if years > 1 else ""))
    if months:
        parts.append(f"{months} mo" + ("s" if months > 1 else ""))
    return " ".join(parts)


_ORG_SUFFIXES = {
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh", "ag", "sa", "co",
    "corp", "corporation", "company", "the",
}  # fmt: skip


def org_key(name: str) -> str:
    """Return an organization's name folded for matching: "Globex, Inc." and "globex" agree."""
    words = "".join(ch if ch.isalnum() else " " for ch in fold(name)).split()
    return " ".join(w for w in words if w not in _ORG_SUFFIXES)


def search_key(contact: Contact) -> str:
    """Return the folded text a contact is searched by."""
    return fold(
        " ".join(
            [
                contact.full_name,
                contact.organization,
                contact.title,
                contact.field,
                " ".join(contact.tags),
                contact.email or "",
            ]
        )
    )


def search_keys(store: Store, include_archived: bool = False) -> dict[str, str]:
    """Return every contact's search text by id (memoised until the data changes)."""
    return store.cached(
        ("search_keys", include_archived),
        lambda: {c.id: search_key(c) for c in store.contacts(include_archived=include_archived)},
    )


def matches(key: str, words: Sequence[str]) -> bool:
    """Tell whether a contact's search text holds every folded word of a query."""
    return all(word in key for word in words)


def search_contacts(store: Store, query: str, limit: int, exclude: str = "") -> list[Contact]:
    """Return the active contacts a query finds, by name, at most ``limit`` of them.

    A query with no words finds nobody; ``exclude`` leaves one contact out (the one a record
    is being moved away from).
    """
    words = fold(query).split()
    if not words:
        return []
    keys = search_keys(store)
    found = [c for c in store.contacts() if c.id != exclude and matches(keys.get(c.id, ""), words)]
    return sorted(found, key=lambda c: fold(c.full_name))[:limit]


def contact_stages(
    contacts: Iterable[Contact],
    asks_by_contact: Mapping[str, Sequence[Outreach]],
    conversations_by_contact: Mapping[str, Sequence[Conversation]],
) -> dict[str, Stage]:
    """Return every contact's pipeline stage by id."""
    contacts = list(contacts)
    referrals: dict[str, int] = {}
    for contact in contacts:
        if contact.referred_by:
            referrals[contact.referred_by] = referrals.get(contact.referred_by, 0) + 1
    return {
        c.id: contact_stage(
            c,
            asks_by_contact.get(c.id, ()),
            conversations_by_contact.get(c.id, ()),
            referrals.get(c.id, 0),
        )
        for c in contacts
    }


@dataclass(frozen=True)
class ContactFilter:
    """What the Research list is narrowed to."""

    query: str = ""
    sectors: tuple[str, ...] = ()
    stages: tuple[Stage, ...] = ()
    tags: tuple[str, ...] = ()
    archived: bool = False
    sort: str = "progress"
    organization: str = ""  # only people at this organization (see org_key)
    referred_by: str = ""  # only people this contact suggested (a contact id)


SORTS = {
    "progress": "Furthest along",
    "name": "Name",
    "recent": "Recently added",
}


def filter_contacts(
    contacts: Sequence[Contact],
    keys: Mapping[str, str],
    stages: Mapping[str, Stage],
    flt: ContactFilter,
) -> list[Contact]:
    """Return the contacts matching a filter, sorted by name."""
    words = fold(flt.query).split()
    sectors = set(flt.sectors)
    wanted_stages = set(flt.stages)
    tags = {fold(t) for t in flt.tags}
    org = org_key(flt.organization)
    found = []
    for contact in contacts:
        if contact.archived != flt.archived:
            continue
        if org and org_key(contact.organization) != org:
            continue
        if flt.referred_by and contact.referred_by != flt.referred_by:
            continue
        if sectors and contact.sector.value not in sectors:
            continue
        if wanted_stages and stages.get(contact.id, Stage.CONNECTED) not in wanted_stages:
            continue
        if tags and not tags.intersection(fold(t) for t in contact.tags):
            continue
        if words and not matches(keys.get(contact.id, ""), words):
            continue
        found.append(contact)
    if flt.sort == "recent":
        found.sort(key=lambda c: (c.joined_on, c.created_at), reverse=True)
    elif flt.sort == "progress":
        found.sort(
            key=lambda c: (
                -stages.get(c.id, Stage.CONNECTED),
                -bool(c.reason.strip()),
                fold(c.full_name),
            )
        )
    else:
        found.sort(key=lambda c: fold(c.full_name))
    return found


def page_of(items: Sequence[Any], page: int, size: int = PAGE_SIZE) -> tuple[list[Any], int]:
    """Return one page of items (1-based, clamped) and the number of pages."""
    pages = max(1, -(-len(items) // size))
    page = min(max(page, 1), pages)
    start = (page - 1) * size
    return list(items[start : start + size]), pages


FORM_FIELDS = (
    "full_name",
    "organization",
    "title",
    "since_month",
    "since_year",
    "sector",
    "field",
    "email",
    "linkedin_url",
    "bio_url",
    "website",
    "previous_employers",
    "education",
    "reason",
    "common_ground",
    "outside_field",
    "tags",
    "notes",
    "joined_on",
    "referred_by",
)


def form_values(contact: Contact) -> dict[str, Any]:
    """Return a contact's fields as the research form shows them."""
    return {
        "full_name": contact.full_name,
        "organization": contact.organization,
        "title": contact.title,
        "since_month": contact.position_since.month if contact.position_since else None,
        "since_year": contact.position_since.year if contact.position_since else None,
        "sector": contact.sector.value,
        "field": contact.field,
        "email": contact.email or "",
        "linkedin_url": contact.linkedin_url or "",
        "bio_url": contact.bio_url or "",
        "website": contact.website or "",
        "previous_employers": "\n".join(contact.previous_employers),
        "education": "\n".join(contact.education),
        "reason": contact.reason,
        "common_ground": contact.common_ground,
        "outside_field": contact.outside_field,
        "tags": ", ".join(contact.tags),
        "notes": contact.notes,
        "joined_on": contact.joined_on,
        "referred_by": contact.referred_by,
    }


REQUIRED_FIELDS = {
    "full_name": "Full name: who is this? A name is required.",
    "reason": (
        "The compelling reason to talk: say why the two of you should talk "
        "(it is what your ask will lead with)."
    ),
}


SINCE_RANGE = (1950, 2100)


def since_from_form(month: Any, year: Any) -> date | None:
    """Return the first day of the month a position began, from the form's month and year.

    Both empty means unknown (None); one without the other, or a year out of range, raises
    ValueError with a sentence for the user.
    """
    if month in (None, "") and year in (None, ""):
        return None
    if month in (None, ""):
        raise ValueError("In this position since: choose the month as well as the year.")
    if year in (None, ""):
        raise ValueError("In this position since: type the year as well as the month.")
    low, high = SINCE_RANGE
    if not low <= int(year) <= high:
        raise ValueError(f"In this position since: the year must be between {low} and {high}.")
    return date(int(year), int(month), 1)


def form_problems(values: Mapping[str, Any]) -> list[str]:
    """Return a message for each required field left empty and for a half-filled month."""
    problems = missing_required(values)
    try:
        since_from_form(values.get("since_month"), values.get("since_year"))
    except ValueError as exc:
        problems.append(str(exc))
    return problems


def referrer_choices(
    contacts: Sequence[Contact],
    stages: Mapping[str, Stage],
    contact_id: str,
    current: str | None,
    limit: int = 1000,
) -> list[Contact]:
    """Return who can be chosen as having referred a contact, by name.

    Everyone else who is not archived; in a network bigger than ``limit``, only the people
    the user has met (who refer most), so the list stays quick to send and to search. The
    contact's current referrer is always offered.
    """
    others = [c for c in contacts if c.id != contact_id and (not c.archived or c.id == current)]
    if len(others) > limit:
        others = [
            c for c in others if c.id == current or stages.get(c.id, Stage.CONNECTED) >= Stage.MET
        ]
    return sorted(others, key=lambda c: fold(c.full_name))


def missing_required(values: Mapping[str, Any]) -> list[str]:
    """Return a message for each required form field left empty."""
    return [
        message
        for name, message in REQUIRED_FIELDS.items()
        if not str(values.get(name) or "").strip()
    ]


def draft_contact(values: Mapping[str, Any], base: Contact) -> Contact:
    """Return the contact the form describes so far, with fields that do not validate yet
    (a half-typed URL) left as stored: what the live checklist and coaching read."""
    values = dict(values)
    for _ in range(len(FORM_FIELDS) + 1):
        try:
            return contact_from_form(values, base)
        except ValidationError as exc:
            bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
            if not bad & set(values):
                break
            for name in bad:
                values.pop(name, None)
    return base


def contact_from_form(values: Mapping[str, Any], base: Contact) -> Contact:
    """Build the contact a submitted form describes; raises ValidationError on bad input."""
    data = base.model_dump()
    data.update({name: values[name] for name in FORM_FIELDS if name in values})
    if "since_month" in values or "since_year" in values:
        # A half-filled month is reported by form_problems; here it keeps what was stored.
        with contextlib.suppress(ValueError, TypeError):
            data["position_since"] = since_from_form(
                values.get("since_month"), values.get("since_year")
            )
    if "referred_by" in values:
        # Who referred someone is also where they came from, as a referral met in a
        # conversation is (imports keep their own source).
        referred = values["referred_by"] or None
        data["referred_by"] = referred
        if referred and base.source == Source.MANUAL:
            data["source"] = Source.REFERRAL
        elif not referred and base.source == Source.REFERRAL:
            data["source"] = Source.MANUAL
    data["previous_employers"] = split_lines(str(values.get("previous_employers", "")))
    data["education"] = split_lines(str(values.get("education", "")))
    data["tags"] = split_tags(str(values.get("tags", "")))
    if data.get("joined_on") is None:
        data["joined_on"] = base.joined_on
    # A guessed sector stays marked as a guess until the user picks another one.
    data["sector_inferred"] = base.sector_inferred and str(data.get("sector")) == base.sector.value
    return Contact.model_validate(data)
