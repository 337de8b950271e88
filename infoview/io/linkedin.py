"""Read LinkedIn's Connections.csv, as exported or after a spreadsheet re-saved it."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

from infoview.io.importing import (
    ImportProblem,
    MatchRules,
    ParsedImport,
    SkippedRow,
)
from infoview.io.text import check_email, decode_text, refuse_binary
from infoview.models import NAME_MAX, SHORT_MAX, URL_MAX, Source
from infoview.wording import counted

# Header names (lower case) -> Contact-ready field. Older exports have no URL column.
COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "linkedin_url",
    "profile url": "linkedin_url",
    "email address": "email",
    "email": "email",
    "company": "organization",
    "position": "title",
    "connected on": "joined_on",
}
_JOB_COLUMNS = {"company", "position", "connected on"}
HEADER_SCAN_LINES = 50
DELIMITERS = (",", ";", "\t")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_TIME = re.compile(r"(?:,?\s+|T)\d{1,2}:\d{2}.*$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s,-]+(\d{4}|\d{2})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$")

LINKEDIN_RULES = MatchRules(
    primary="linkedin_url",
    primary_key=lambda url: normalize_profile_url(url),
    primary_is_identity=True,
    refresh_job=True,
)


_URL = re.compile(r"^(?:([A-Za-z][A-Za-z0-9+.-]*)://)?([^/?#\s]*)([^?#\s]*)")


def normalize_profile_url(url: str) -> str:
    """Return a profile URL reduced for matching: https, lower-case host, no www/query/slash."""
    match = _URL.match(url.strip())
    if not match or not match.group(2):
        return ""
    host = match.group(2).lower().rsplit("@", 1)[-1].removeprefix("www.")
    return f"https://{host}{match.group(3).rstrip('/')}"


def _year(text: str) -> int:
    value = int(text)
    return 2000 + value if len(text) == 2 else value


def _day_first(values: list[str]) -> bool:
    """Return True when the file's numeric dates put the day first (a first field above 12)."""
    separator = ""
    for value in values:
        match = _NUMERIC.match(_TIME.sub("", value.strip()))
        if not match:
            continue
        separator = separator or match.group(2)
        first, second = int(match.group(1)), int(match.group(3))
        if second > 12 >= first:
            return False
        if first > 12 >= second:
            return True
    # Nothing settles it: LinkedIn writes month first, while dotted dates are European.
    return separator == "."


def parse_connection_date(text: str, day_first: bool = False) -> date | None:
    """Read a Connected On date in any form LinkedIn or a spreadsheet writes; None if unreadable."""
    value = _TIME.sub("", text.strip()).strip()
    try:
        if match := _DAY_MONTH_YEAR.match(value):
            month = _MONTHS.get(match.group(2).lower())
            return date(_year(match.group(3)), month, int(match.group(1))) if month else None
        if match := _MONTH_DAY_YEAR.match(value):
            month = _MONTHS.get(match.group(1).lower())
            return date(_year(match.group(3)), month, int(match.group(2))) if month else None
        if match := _ISO.match(value):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _NUMERIC.match(value):
            a, b = int(match.group(1)), int(match.group(3))
            day, month = (a, b) if day_first else (b, a)
            return date(_year(match.group(4)), month, day)
    except ValueError:
        return None
    return None


def _header_cells(line: str, delimiter: str) -> list[str]:
    return [cell.strip().strip('"').strip().lower() for cell in line.split(delimiter)]


def _find_header(lines: list[str]) -> tuple[int, str]:
    """Return the header's line index and the delimiter it uses, found by its content."""
    for index, line in enumerate(lines[:HEADER_SCAN_LINES]):
        for delimiter in DELIMITERS:
            cells = set(_header_cells(line, delimiter))
            if {"first name", "last name"} <= cells and cells & _JOB_COLUMNS:
                return index, delimiter
    raise ImportProblem(
        "This file doesn't look like a LinkedIn connections export: none of its first lines "
        "is a header with First Name, Last Name and Company or Connected On."
    )


def _fit(value: str, limit: int, counter: dict[str, int], key: str) -> str:
    if len(value) <= limit:
        return value
    counter[key] = counter.get(key, 0) + 1
    return value[: limit - 1].rstrip() + "…"


def _clean_url(value: str) -> str | None:
    """Return the profile address as https, or None when it is not a web address."""
    value = value.strip()
    if "://" not in value:
        value = "https://" + value
    match = _URL.match(value)
    scheme = (match.group(1) or "").lower() if match else ""
    if scheme not in ("http", "https") or "." not in match.group(2) or len(value) > URL_MAX:
        return None
    if match.end() != len(value) and any(ch.isspace() for ch in value):
        return None
    return "https://" + value[len(scheme) + 3 :]


def _read_rows(body: str, start: int, delimiter: str) -> list[tuple[int, dict[str, str]]]:
    """Return (line number, fields) for each non-blank row under the header."""
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    raw_rows: list[tuple[int, dict[str, str]]] = []
    try:
        header = [cell.strip().lower() for cell in next(reader)]
        fields = [COLUMNS.get(name) for name in header]
        for row in reader:
            # csv counts physical lines, so quoted line breaks keep the numbers right.
            line = start + reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            record: dict[str, str] = {}
            for name, cell in zip(fields, row, strict=False):
                if name and name not in record:
                    record[name] = cell.strip()
            raw_rows.append((line, record))
    except csv.Error as exc:
        # A cell past csv's size limit: a quote never closed, or a file that is not a CSV.
        raise ImportProblem(
            f"The file cannot be read as a CSV near line {start + reader.line_num}: a cell is "
            "far too long or a quote is never closed. Export Connections.csv from LinkedIn again."
        ) from exc
    return raw_rows


def parse_linkedin(data: bytes) -> ParsedImport:
    """Read a Connections.csv file into Contact-ready rows; raise ImportProblem if it is not one."""
    refuse_binary(data)
    text, warnings = decode_text(data)
    lines = text.split("\n")
    start, delimiter = _find_header(lines)
    body = "\n".join(lines[start:])
    raw_rows = _read_rows(body, start, delimiter)
    parsed = ParsedImport(source=Source.LINKEDIN, rules=LINKEDIN_RULES, warnings=warnings)
    if not raw_rows:
        raise ImportProblem(
            "The file has LinkedIn's header row but no connections under it, "
            "so there is nothing to import."
        )

    day_first = _day_first([r.get("joined_on", "") for _, r in raw_rows if r.get("joined_on")])
    dates: dict[str, date | None] = {}
    counts: dict[str, int] = {}
    for line, record in raw_rows:
        full_name = " ".join(f"{record.get('first', '')} {record.get('last', '')}".split())
        if not full_name:
            parsed.skipped.append(SkippedRow(line, "no name", record.get("joined_on", "")))
            continue
        if len(full_name) > NAME_MAX:
            reason = f"name longer than {NAME_MAX} characters"
            parsed.skipped.append(SkippedRow(line, reason, full_name[:40] + "…"))
            continue
        row: dict[str, Any] = {"full_name": full_name}
        if organization := record.get("organization"):
            row["organization"] = _fit(organization, SHORT_MAX, counts, "long")
        if title := record.get("title"):
            row["title"] = _fit(title, SHORT_MAX, counts, "long")
        if url := record.get("linkedin_url"):
            row["linkedin_url"] = _clean_url(url)
            if row["linkedin_url"] is None:
                counts["url"] = counts.get("url", 0) + 1
        if email := record.get("email"):
            row["email"] = check_email(email)
            if row["email"] is None:
                counts["email"] = counts.get("email", 0) + 1
        if when := record.get("joined_on"):
            if when not in dates:
                dates[when] = parse_connection_date(when, day_first)
            row["joined_on"] = dates[when]
            if dates[when] is None:
                counts["date"] = counts.get("date", 0) + 1
        parsed.rows.append(row)
        parsed.lines.append(line)

    if not parsed.rows:
        raise ImportProblem(
            f"None of the file's {counted(len(parsed.skipped), 'row')} has a name, so there is "
            "nothing to import."
        )
    notes = {
        "long": "Shortened to 200 characters: {}.",
        "url": "Left out because they cannot be read: {}.",
        "email": "Left out because they are not valid: {}.",
        "date": "Unreadable, so those people join today: {}.",
    }
    nouns = {
        "long": ("company or position text", "company or position texts"),
        "url": ("profile address", "profile addresses"),
        "email": ("email address", "email addresses"),
        "date": ("connection date", "connection dates"),
    }
    parsed.warnings.extend(notes[key].format(counted(n, *nouns[key])) for key, n in counts.items())
    return parsed
