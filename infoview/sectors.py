"""Where a contact works and what they do, read from an organization's name and a job title.

A LinkedIn export gives a company and a position for every row, never a sector. Where the
words make it clear ("University of ...", "Ministry of ...", "... Hospital", "... Inc"), a
sector is inferred; the contact marks it as inferred until the user confirms or changes it.
Titles are grouped into a few roles so the network's work reads at a glance.
"""

from __future__ import annotations

import re
from functools import lru_cache

from infoview.models import Sector

# Checked in this order: the first rule whose words appear decides. Strong signals come
# before weak ones, so "Ministry of Health" is government and "University Hospital" health.
SECTOR_RULES: tuple[tuple[Sector, tuple[str, ...]], ...] = (
    (
        Sector.GOVERNMENT,
        (
            "ministry", "ministerio", "ministère", "federal", "government", "govt", "parliament",
            "senate", "embassy", "consulate", "municipality", "city of", "county of", "state of",
            "bureau", "public service", "civil service", "department of state",
            "department of health", "department of defense", "department of energy",
        ),
    ),
    (
        Sector.HEALTH,
        ("hospital", "clinic", "medical center", "medical centre", "health system",
         "nhs", "health care", "healthcare", "nurse", "physician", "surgeon"),
    ),
    (
        Sector.ACADEMIA,
        ("university", "universität", "université", "universidad", "college", "polytechnic",
         "institute of technology", "school of", "professor", "lecturer", "postdoc",
         "postdoctoral", "phd candidate", "doctoral"),
    ),
    (
        Sector.INDUSTRY,
        ("inc", "llc", "ltd", "limited", "gmbh", "plc", "corp", "corporation", "co", "s.a",
         "ag", "pty", "llp", "b.v", "srl"),
    ),
    (Sector.GOVERNMENT, ("agency", "commission", "authority", "council", "department of")),
    (
        Sector.NONPROFIT,
        ("foundation", "charity", "nonprofit", "non-profit", "not-for-profit", "ngo",
         "association", "society", "red cross", "united way", "museum"),
    ),
    (
        Sector.INDUSTRY,
        ("company", "technologies", "technology", "consulting", "consultants", "bank",
         "capital", "solutions", "systems", "software", "labs", "partners", "group",
         "startup", "ventures"),
    ),
)  # fmt: skip

# Roles grouped from position titles, first match wins: leaders before the function they
# lead, so "Director of Engineering" is leadership and "Software Engineer" engineering.
ROLE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Students and trainees", ("student", "intern", "trainee", "phd candidate", "apprentice")),
    (
        "Leadership",
        ("ceo", "cto", "cfo", "coo", "chief", "founder", "co-founder", "president", "vp",
         "vice president", "director", "head of", "head", "partner", "owner", "dean"),
    ),
    ("Teaching", ("professor", "lecturer", "teacher", "instructor", "tutor", "educator")),
    ("Research", ("research", "researcher", "scientist", "postdoc", "postdoctoral", "fellow")),
    (
        "Health care",
        ("nurse", "physician", "doctor", "clinician", "pharmacist", "therapist", "surgeon",
         "medical", "dentist"),
    ),
    (
        "Engineering",
        ("engineer", "engineering", "developer", "programmer", "software", "devops",
         "architect", "technician"),
    ),
    (
        "Policy and law",
        ("policy", "counsel", "lawyer", "attorney", "legal", "paralegal", "advocate",
         "regulatory"),
    ),
    ("Data and analysis", ("data", "analyst", "analytics", "statistician", "economist")),
    ("Design", ("designer", "design", "ux", "ui", "creative", "illustrator")),
    (
        "Sales and marketing",
        ("sales", "marketing", "account executive", "business development", "communications",
         "brand", "growth", "customer success"),
    ),
    ("Consulting", ("consultant", "consulting", "advisor", "adviser")),
    (
        "Operations and people",
        ("operations", "administrator", "assistant", "recruiter", "talent", "hr",
         "human resources", "finance", "accountant", "coordinator", "officer"),
    ),
    ("Management", ("manager", "lead", "supervisor", "management")),
    ("Writing and media", ("writer", "editor", "journalist", "producer", "author")),
)  # fmt: skip
OTHER_ROLES = "Other roles"
NO_TITLE = "No title given"


def _words(text: str) -> str:
    """Return text lowercased with every run of non-letters as one space, padded with spaces."""
    return " " + " ".join(re.sub(r"[^\w&-]+", " ", text.casefold()).split()) + " "


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Return one regex that finds any of the phrases as whole words in _words() text."""
    spelled = sorted({_words(p).strip() for p in phrases}, key=len, reverse=True)
    return re.compile(" (?:" + "|".join(re.escape(p) for p in spelled) + ") ")


_SECTOR_PATTERNS = [(sector, _pattern(phrases)) for sector, phrases in SECTOR_RULES]
_ROLE_PATTERNS = [(group, _pattern(phrases)) for group, phrases in ROLE_RULES]


def infer_sector(organization: str, title: str = "") -> Sector | None:
    """Return the sector the organization's name and the title make clear, or None."""
    words = _words(f"{organization} {title}")
    if not words.strip():
        return None
    return next((sector for sector, found in _SECTOR_PATTERNS if found.search(words)), None)


@lru_cache(maxsize=4096)
def role_group(title: str) -> str:
    """Return the group a job title belongs to ("Engineering", "Teaching", ...)."""
    words = _words(title)
    if not words.strip():
        return NO_TITLE
    return next((group for group, found in _ROLE_PATTERNS if found.search(words)), OTHER_ROLES)
