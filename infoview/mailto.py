"""RFC 6068 mailto: links that open the user's own mail client, safe from header injection."""

from __future__ import annotations

import re
from urllib.parse import quote

# Mail clients and browsers start cutting or refusing links somewhere past 2,000 characters.
MAILTO_MAX = 2_000

# One plain address: no spaces, no second address, nothing that starts a query or a header.
_PART = r"[^\s@?&#%,;:<>\"\\()\[\]]+"
_ADDRESS = re.compile(rf"^{_PART}@{_PART}\.{_PART}$")
# Line and paragraph separators some clients treat as line breaks, and control characters.
_SUBJECT_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
_LINE_BREAKS = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")


def safe_address(to: str | None) -> str | None:
    """Return ``to`` stripped if it is one plain email address, else None."""
    address = (to or "").strip()
    if not address or len(address) > 254 or not _ADDRESS.match(address):
        return None
    return address


def clean_subject(subject: str | None) -> str:
    """Return the subject on one line: line breaks and control characters become spaces."""
    return " ".join(_SUBJECT_BREAKS.sub(" ", subject or "").split())


def _encode(text: str) -> str:
    # Everything but RFC 3986 unreserved characters is %-encoded as UTF-8: a space is %20
    # (never "+"), and & ? # % + = cannot end the field or start another header.
    return quote(text, safe="", encoding="utf-8", errors="replace")


def mailto_link(to: str | None, subject: str, body: str) -> str:
    """Return a mailto: link with the subject and body; an unsafe address is left out."""
    address = safe_address(to)
    target = quote(address, safe="@") if address else ""
    fields = []
    line = clean_subject(subject)
    if line:
        fields.append("subject=" + _encode(line))
    text = _LINE_BREAKS.sub("\r\n", body or "")
    if text.strip():
        fields.append("body=" + _encode(text))
    return "mailto:" + target + ("?" + "&".join(fields) if fields else "")


def mailto_too_long(link: str, limit: int = MAILTO_MAX) -> bool:
    """Return True when a link is long enough that some mail clients may cut it."""
    return len(link) > limit
