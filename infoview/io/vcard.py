"""Read and write vCards (.vcf, versions 2.1 to 4.0) with vobject, for phone and mail contacts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import vobject
from vobject.base import ParseError, VObjectError

from infoview.io.importing import (
    ImportProblem,
    MatchRules,
    ParsedImport,
    SkippedRow,
)
from infoview.io.text import check_email, decode_text, refuse_binary
from infoview.models import NAME_MAX, NOTES_MAX, SHORT_MAX, URL_MAX, Contact, Source
from infoview.wording import counted

VCARD_RULES = MatchRules(
    primary="email",
    primary_key=lambda email: email.strip().casefold(),
    # People keep several addresses, so a different email does not mean a different person.
    primary_is_identity=False,
    refresh_job=False,
)

# vCard 2.1 breaks long quoted-printable values with a trailing "=", which vobject doesn't join.
_QP_LINE = re.compile(r"^[^:\n]*ENCODING=QUOTED-PRINTABLE[^:\n]*:.*$", re.IGNORECASE | re.MULTILINE)
_LINKEDIN_HOST = re.compile(r"^https?://([a-z0-9-]+\.)*linkedin\.com/", re.IGNORECASE)
# Paths of an organization's page about one of its people.
_BIO_PATH = re.compile(
    r"^https?://[^/]+/(.+/)?(people|person|staff|team|faculty|profiles?|bios?|directory|experts?"
    r"|our-team|leadership|researchers?|members?)(/|\.|$|-)",
    re.IGNORECASE,
)


def _join_quoted_printable(text: str) -> str:
    """Join the soft line breaks of quoted-printable values so each property is one line."""
    if "QUOTED-PRINTABLE" not in text.upper():
        return text
    out: list[str] = []
    lines = iter(text.split("\n"))
    for line in lines:
        if _QP_LINE.match(line):
            while line.endswith("="):
                following = next(lines, None)
                if following is None:
                    break
                line = line[:-1] + following
        out.append(line)
    return "\n".join(out)


def _values(card: Any, name: str) -> list[Any]:
    return [item.value for item in card.contents.get(name, [])]


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = " ".join(str(part) for part in value if part)
    return " ".join(str(value or "").split())


def _name_of(card: Any) -> str:
    for full in _values(card, "fn"):
        if name := _text(full):
            return name
    for parts in _values(card, "n"):
        pieces = [parts.prefix, parts.given, parts.additional, parts.family, parts.suffix]
        if name := " ".join(_text(p) for p in pieces if _text(p)):
            return name
    return ""


def _organization(card: Any) -> str:
    for org in _values(card, "org"):
        # ORG is "company;department"; the company is what the app calls organization.
        first = org[0] if isinstance(org, list | tuple) and org else org
        if text := _text(first):
            return text
    return ""


def _url_kinds(card: Any, item: Any) -> set[str]:
    """Return what a URL line says it is: its TYPE values and an Apple-style item label."""
    kinds = {str(t).casefold() for t in item.params.get("TYPE", [])}
    if item.group:
        for label in card.contents.get("x-ablabel", []):
            if label.group == item.group:
                kinds.add(_text(label.value).casefold().strip("_$!<>"))
    return kinds


def url_field(url: str, kinds: Iterable[str] = ()) -> str:
    """Return which contact field a card's URL belongs in: linkedin_url, bio_url or website.

    A URL marked as work, or one on a people, staff, team or profile page, is the company's
    page about the person; the rest is their own site.
    """
    if _LINKEDIN_HOST.match(url):
        return "linkedin_url"
    marked = set(kinds)
    if marked & {"work", "bio", "profile"}:
        return "bio_url"
    if marked & {"home", "homepage", "personal"}:
        return "website"
    return "bio_url" if _BIO_PATH.search(url) else "website"


def _card_row(card: Any, counts: dict[str, int]) -> dict[str, Any]:
    row: dict[str, Any] = {"full_name": _name_of(card)}
    if organization := _organization(card):
        row["organization"] = organization[:SHORT_MAX]
    for title in _values(card, "title"):
        if title := _text(title):
            row["title"] = title[:SHORT_MAX]
            break
    for email in _values(card, "email"):
        if not _text(email):
            continue
        if checked := check_email(_text(email)):
            row["email"] = checked
            break
        counts["email"] = counts.get("email", 0) + 1
    for item in card.contents.get("url", []):
        url = _text(item.value)
        if not re.match(r"^https?://[^/\s]+\.[^/\s]+", url, re.IGNORECASE) or len(url) > URL_MAX:
            continue
        row.setdefault(url_field(url, _url_kinds(card, item)), url)
    notes = [str(n).strip() for n in _values(card, "note") if str(n or "").strip()]
    if notes:
        row["notes"] = "\n\n".join(notes)[:NOTES_MAX]
    return row


def parse_vcards(data: bytes) -> ParsedImport:
    """Read every card of a .vcf file into Contact-ready rows; raise ImportProblem if none."""
    refuse_binary(data)
    text, warnings = decode_text(data)
    if "BEGIN:VCARD" not in text.upper():
        raise ImportProblem("This file holds no contact cards (no BEGIN:VCARD line): not a vCard.")
    text = _join_quoted_printable(text)
    parsed = ParsedImport(source=Source.VCARD, rules=VCARD_RULES, warnings=warnings)
    counts: dict[str, int] = {}
    try:
        components = list(vobject.readComponents(text, ignoreUnreadable=True))
    except (ParseError, VObjectError, ValueError, TypeError) as exc:
        raise ImportProblem(f"This vCard file is damaged and cannot be read ({exc}).") from exc
    number = 0
    for component in components:
        if component.name.upper() != "VCARD":
            continue
        number += 1
        row = _card_row(component, counts)
        if not row["full_name"]:
            parsed.skipped.append(SkippedRow(number, "no name", row.get("email", "")))
        elif len(row["full_name"]) > NAME_MAX:
            reason = f"name longer than {NAME_MAX} characters"
            parsed.skipped.append(SkippedRow(number, reason, row["full_name"][:40] + "…"))
        else:
            parsed.rows.append(row)
            parsed.lines.append(number)
    if number == 0:
        raise ImportProblem("This file holds no contact cards, so there is nothing to import.")
    if not parsed.rows:
        raise ImportProblem(
            f"None of the file's {counted(number, 'card')} has a name, so there is nothing "
            "to import."
        )
    if counts.get("email"):
        n = counted(counts["email"], "email address", "email addresses")
        parsed.warnings.append(f"Left out because they are not valid: {n}.")
    return parsed


def _split_name(full_name: str) -> tuple[str, str]:
    """Return (given, family): the last word before any ", PhD" is the family name."""
    words = full_name.split(",")[0].split()
    if len(words) < 2:
        return full_name, ""
    return " ".join(words[:-1]), words[-1]


def contacts_to_vcard(contacts: Iterable[Contact]) -> str:
    """Return the contacts as one vCard 3.0 file (FN, N, ORG, TITLE, EMAIL, URL, NOTE)."""
    cards: list[str] = []
    for contact in contacts:
        card = vobject.vCard()
        card.add("fn").value = contact.full_name
        given, family = _split_name(contact.full_name)
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if contact.organization:
            card.add("org").value = [contact.organization]
        if contact.title:
            card.add("title").value = contact.title
        if contact.email:
            email = card.add("email")
            email.value = contact.email
            email.type_param = "INTERNET"
        # Marked, so a phone keeps them apart and a re-import puts each back in its field.
        for url, kind in ((contact.linkedin_url, None), (contact.website, "HOME"),
                          (contact.bio_url, "WORK")):  # fmt: skip
            if url:
                line = card.add("url")
                line.value = url
                if kind:
                    line.type_param = kind
        if contact.notes:
            card.add("note").value = contact.notes
        cards.append(card.serialize())
    return "".join(cards)
