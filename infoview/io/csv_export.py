"""Contacts as a CSV file that a spreadsheet opens safely (JSON is the lossless format)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from infoview.models import Contact
from infoview.research import SECTOR_LABELS, SOURCE_LABELS

# (header, how to read the cell from a contact)
COLUMNS = (
    ("Name", "full_name"),
    ("Organization", "organization"),
    ("Title", "title"),
    ("Email", "email"),
    ("LinkedIn URL", "linkedin_url"),
    ("Company bio URL", "bio_url"),
    ("Personal website", "website"),
    ("Sector", "sector"),
    ("Field", "field"),
    ("In this position since", "position_since"),
    ("Previous employers", "previous_employers"),
    ("Education", "education"),
    ("Compelling reason", "reason"),
    ("Common ground", "common_ground"),
    ("Tags", "tags"),
    ("Referred by", "referred_by"),
    ("Source", "source"),
    ("Joined on", "joined_on"),
    ("Archived", "archived"),
    ("Notes", "notes"),
)
WORDS = {"sector": SECTOR_LABELS, "source": SOURCE_LABELS}
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(cell: str) -> str:
    """Return the cell with a leading quote if a spreadsheet would run it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _cell(contact: Contact, name: str, names: dict[str, str]) -> str:
    value = getattr(contact, name)
    if name in WORDS:  # the words the screen uses, not the stored codes
        return WORDS[name].get(str(value), str(value))
    if name == "referred_by":
        return names.get(value, "") if value else ""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value.isoformat() if hasattr(value, "isoformat") else value)


def contacts_to_csv(contacts: Iterable[Contact], bom: bool = True) -> str:
    """Return the contacts as CSV text; a leading BOM tells spreadsheets it is UTF-8."""
    people = list(contacts)
    names = {c.id: c.full_name for c in people}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([header for header, _ in COLUMNS])
    for contact in people:
        writer.writerow([neutralize(_cell(contact, name, names)) for _, name in COLUMNS])
    return ("\ufeff" if bom else "") + out.getvalue()
