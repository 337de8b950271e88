"""Small text rules the whole app shares: folding for search, names, counts, list fields.

Each rule lives here once, so a search, a greeting and a count read the same on every page.
"""

from __future__ import annotations

import re
import unicodedata

# Curly quotes and look-alikes become straight ones, so "O’Brien" finds "O'Brien".
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"'})
HONORIFICS = {"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir", "dame"}


def fold(text: str | None) -> str:
    """Return text for matching: case folded, accents dropped, curly quotes straightened.

    Spaces and line breaks are kept as they are, so rules that read lines still can.
    """
    if not text:
        return ""
    text = text.translate(_QUOTES)
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def name_tokens(full_name: str) -> list[str]:
    # "Ada Lovelace, PhD" -> the part before the comma; leading titles like "Dr." are dropped.
    tokens = full_name.split(",")[0].split()
    while len(tokens) > 1 and tokens[0].lower().rstrip(".") in HONORIFICS:
        tokens = tokens[1:]
    return tokens


def first_name(full_name: str) -> str:
    """Return the given name from a full name, skipping titles like "Dr."."""
    tokens = name_tokens(full_name)
    return tokens[0] if tokens else ""


def last_name(full_name: str) -> str:
    """Return the family name, with particles like "van der" kept."""
    tokens = name_tokens(full_name)
    if len(tokens) < 2:
        return tokens[0] if tokens else ""
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1].islower():
        start -= 1
    return " ".join(tokens[start:])


def number(count: float) -> str:
    """Return a whole number with thousands separators: 1223 -> '1,223'."""
    return f"{int(count):,}"


def counted(count: int, one: str, many: str | None = None) -> str:
    """Return a count with its noun: '1 ask', '2 asks', '1,223 call plans'.

    ``many`` is for nouns whose plural is not the singular plus "s" ("1 reply", "2 replies").
    """
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def split_lines(text: str | None) -> list[str]:
    """Return the non-blank lines of a text area, stripped: one item per line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def split_fields(text: str | None) -> list[str]:
    """Return the items a user listed one per line or separated by semicolons."""
    return [part.strip() for part in re.split(r"[\n;]", text or "") if part.strip()]


def split_tags(text: str | None) -> list[str]:
    """Return the tags typed in one box, separated by commas, semicolons or line breaks."""
    parts = []
    for line in (text or "").replace(";", "\n").splitlines():
        parts.extend(p.strip() for p in line.split(",") if p.strip())
    return parts
