"""Find people who are in the network twice: certain, likely and possible pairs, with reasons.

Never compares all pairs. Each contact gets a few blocking keys (its normalised LinkedIn
address and email; its folded surname with the first name's initial, and the reverse), and
only contacts sharing a key are compared. Within a name block, rapidfuzz scores every pair in
one vectorised call. Pairs the user said are different people never come back.

- certain: the same normalised LinkedIn address or the same email;
- likely: the same name once accents, titles, suffixes, pronouns and middle initials are
  folded away, and the same or a related organization (or only one of them names one);
- possible: names that rapidfuzz scores at or above ``POSSIBLE_SCORE``, or the same name at
  different organizations (namesakes are never more than possible).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from infoview.models import Contact
from infoview.store import paused_gc

POSSIBLE_SCORE = 88  # rapidfuzz token_sort_ratio on folded names, 0-100
# A name block this big holds a very common name (or a key gone wrong): fuzzy scoring it
# would cost quadratic time for suggestions nobody can review. Exact namesakes are still found.
MAX_FUZZY_BLOCK = 2_000
# More people than this sharing one name: namesakes at different organizations say nothing.
COMMON_NAME = 12
# The score given to names that differ only by a middle name (below any exact match).
MIDDLE_NAME_SCORE = 90.0
MIDDLE_NAME = "same first and last name"


class Confidence(IntEnum):
    """How sure a suggestion is; higher is surer."""

    POSSIBLE = 1
    LIKELY = 2
    CERTAIN = 3

    @property
    def label(self) -> str:
        """Return the word the app shows."""
        return self.name.lower()


@dataclass(frozen=True)
class Candidate:
    """Two contacts that may be one person, why, and how sure."""

    a: str  # contact id (the older record)
    b: str
    confidence: Confidence
    reason: str
    score: float = 100.0

    @property
    def pair(self) -> tuple[str, str]:
        """Return the two ids in a fixed order."""
        return pair_key(self.a, self.b)


def pair_key(a: str, b: str) -> tuple[str, str]:
    """Return two ids in sorted order: the key a pair is remembered under."""
    return (a, b) if a <= b else (b, a)


# ------------------------------------------------------------------------------- folding
_SPACES = re.compile(r"\s+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_WORD = re.compile(r"[^\w\s'-]")
TITLES = frozenset(
    [
        "dr",
        "dr.",
        "doctor",
        "prof",
        "prof.",
        "professor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "sir",
        "dame",
        "rev",
        "reverend",
        "fr",
        "hon",
    ]
)
SUFFIXES = frozenset(
    [
        "phd",
        "ph.d",
        "md",
        "m.d",
        "mba",
        "msc",
        "ma",
        "ms",
        "bsc",
        "ba",
        "jd",
        "llm",
        "dds",
        "dvm",
        "rn",
        "cpa",
        "pe",
        "esq",
        "jr",
        "sr",
        "ii",
        "iii",
        "iv",
        "pmp",
        "cfa",
        "frcs",
        "mph",
        "edd",
        "dphil",
    ]
)
_ORG_NOISE = frozenset(
    [
        "the",
        "inc",
        "inc.",
        "llc",
        "ltd",
        "ltd.",
        "limited",
        "corp",
        "corp.",
        "corporation",
        "co",
        "co.",
        "company",
        "gmbh",
        "ag",
        "sa",
        "plc",
        "group",
    ]
)


def fold(text: str | None) -> str:
    """Return text reduced for matching: accents dropped, case folded, spaces collapsed."""
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.casefold()).strip()


@lru_cache(maxsize=65_536)
def name_tokens(full_name: str) -> tuple[str, ...]:
    """Return a name's words without titles, suffixes, pronouns or middle initials.

    "Dr. Ana M. García, PhD (she/her)" gives ("ana", "garcia").
    """
    text = fold(_BRACKETS.sub(" ", full_name))
    if "," in text:
        # "Garcia, Ana" is a surname first; "Ana Garcia, PhD" has a suffix after the comma.
        head, _, tail = text.partition(",")
        tail_words = [w.strip(".") for w in tail.replace(",", " ").split()]
        if tail_words and all(w in SUFFIXES or w.replace(".", "") in SUFFIXES for w in tail_words):
            text = head
        elif len(head.split()) == 1 and tail_words:
            text = f"{tail} {head}"
        else:
            text = head
    words = []
    for raw in _NON_WORD.sub(" ", text).split():
        word = raw.strip("'-")
        bare = word.replace(".", "")
        if not bare or raw in TITLES or bare in TITLES or bare in SUFFIXES:
            continue
        words.append(word)
    # Middle initials go; a lone initial as first name stays ("J Smith").
    kept = [w for i, w in enumerate(words) if len(w) > 1 or i == 0 or i == len(words) - 1]
    if len(kept) > 2:
        kept = [kept[0], *[w for w in kept[1:-1] if len(w) > 1], kept[-1]]
    return tuple(kept or words)


def fold_name(full_name: str) -> str:
    """Return the folded name two records must share to be 'the same name'."""
    return " ".join(name_tokens(full_name))


def fold_org(organization: str | None) -> str:
    """Return an organization reduced for matching: folded, without Inc./Ltd./The."""
    words = _NON_WORD.sub(" ", fold(organization)).split()
    return " ".join(w for w in words if w not in _ORG_NOISE)


def normal_email(email: str | None) -> str:
    """Return an email address as matched: trimmed and case-folded."""
    return (email or "").strip().casefold()


@lru_cache(maxsize=65_536)
def normal_url(url: str | None) -> str:
    """Return a LinkedIn address as matched: https, lower-case host, no www, query or slash."""
    if not url:
        return ""
    text = url.strip()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text, flags=re.IGNORECASE)
    text = re.split(r"[?#]", text, maxsplit=1)[0].rstrip("/")
    host, _, path = text.partition("/")
    host = host.lower().removeprefix("www.")
    if host.endswith("linkedin.com"):
        host = "linkedin.com"  # country subdomains (de., uk.) name the same profile
    return f"{host}/{path.lower()}" if path else host


@lru_cache(maxsize=65_536)
def blocking_keys(full_name: str) -> frozenset[str]:
    """Return the name blocks a contact is compared within.

    Surname plus first initial, and first name plus surname initial, in one namespace: so
    "Garcia, Ana" and "Ana Garcia" share a block, and so do "Ana Garcia" and "Ana Garsia".
    Remembered per name, so looking up one contact's pairs in a large network stays cheap.
    """
    words = name_tokens(full_name)
    if not words:
        return frozenset()
    if len(words) == 1:
        return frozenset({f"{words[0]}|"})
    first, last = words[0], words[-1]
    return frozenset({f"{last}|{first[0]}", f"{first}|{last[0]}"})


# -------------------------------------------------------------------------- relations
def related_orgs(a: Contact, b: Contact) -> str | None:
    """Return how two contacts' organizations relate ('same organization', ...), or None."""
    return _relation(_Person.of(a, {}), _Person.of(b, {}))


@dataclass
class _Person:
    """What matching needs from a contact, folded once."""

    contact: Contact
    name: str
    org: str
    past: frozenset[str]

    @classmethod
    def of(cls, contact: Contact, orgs: dict[str, str]) -> _Person:
        def folded(org: str) -> str:
            value = orgs.get(org)
            if value is None:
                value = orgs[org] = fold_org(org)
            return value

        return cls(
            contact,
            fold_name(contact.full_name),
            folded(contact.organization),
            frozenset(folded(p) for p in contact.previous_employers),
        )


def _relation(a: _Person, b: _Person) -> str | None:
    if not a.org or not b.org:
        return "only one names an organization" if a.org or b.org else "no organization"
    if a.org == b.org:
        return "same organization"
    shorter, longer = sorted((a.org.split(), b.org.split()), key=len)
    if longer[: len(shorter)] == shorter:
        return "related organizations"
    if a.org in b.past or b.org in a.past:
        return "one worked at the other's organization"
    return None


def _ordered(a: Contact, b: Contact) -> tuple[str, str]:
    """Return the ids older record first, so a pair always reads the same way."""
    if (a.created_at, a.id) > (b.created_at, b.id):
        a, b = b, a
    return a.id, b.id


def _classify(a: _Person, b: _Person, score: float, similar: str = "") -> Candidate:
    relation = _relation(a, b)
    first, second = _ordered(a.contact, b.contact)
    if a.name == b.name and relation is not None:
        return Candidate(first, second, Confidence.LIKELY, f"same name; {relation}", score)
    if a.name == b.name:
        return Candidate(
            first, second, Confidence.POSSIBLE, "same name at different organizations", score
        )
    where = f"; {relation}" if relation and relation != "no organization" else ""
    if similar:
        return Candidate(first, second, Confidence.POSSIBLE, f"{similar}{where}", score)
    reason = f"similar names ({score:.0f}% alike){where}"
    return Candidate(first, second, Confidence.POSSIBLE, reason, score)


def find_duplicates(
    contacts: Sequence[Contact], apart: Iterable[tuple[str, str]] = ()
) -> list[Candidate]:
    """Return every suggested pair, surest first, leaving out pairs kept apart."""
    with paused_gc():  # tens of thousands of small objects, none of them garbage yet
        return _find_duplicates(contacts, apart)


def _find_duplicates(
    contacts: Sequence[Contact], apart: Iterable[tuple[str, str]]
) -> list[Candidate]:
    apart_set = {pair_key(*p) for p in apart}
    found: dict[tuple[str, str], Candidate] = {}

    def offer(candidate: Candidate) -> None:
        key = candidate.pair
        if key in apart_set:
            return
        known = found.get(key)
        if known is None or (candidate.confidence, candidate.score) > (
            known.confidence,
            known.score,
        ):
            found[key] = candidate

    for field, normal, why in (
        ("linkedin_url", normal_url, "same LinkedIn profile"),
        ("email", normal_email, "same email address"),
    ):
        groups: dict[str, list[Contact]] = {}
        for contact in contacts:
            key = normal(getattr(contact, field))
            if key:
                groups.setdefault(key, []).append(contact)
        for group in groups.values():
            for i, first in enumerate(group):
                for second in group[i + 1 :]:
                    offer(Candidate(*_ordered(first, second), Confidence.CERTAIN, why))

    orgs: dict[str, str] = {}
    people = [_Person.of(c, orgs) for c in contacts]
    by_name: dict[str, list[int]] = {}
    for index, person in enumerate(people):
        if person.name:
            by_name.setdefault(person.name, []).append(index)
    for members in by_name.values():
        for i, j in _namesake_pairs(members, people):
            offer(_classify(people[i], people[j], 100.0))
    # "Ana Maria Garcia" and "Ana Garcia": a middle name one record leaves out.
    by_ends: dict[str, list[int]] = {}
    for index, person in enumerate(people):
        words = person.name.split()
        if len(words) > 2:
            by_ends.setdefault(f"{words[0]} {words[-1]}", []).append(index)
    for ends, longer in by_ends.items():
        members = [*by_name.get(ends, []), *longer]
        if len(members) > COMMON_NAME:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if people[i].name != people[j].name:
                    offer(_classify(people[i], people[j], MIDDLE_NAME_SCORE, MIDDLE_NAME))

    blocks: dict[str, list[int]] = {}
    for index, contact in enumerate(contacts):
        for key in blocking_keys(contact.full_name):
            blocks.setdefault(key, []).append(index)
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        if 2 <= len(members) <= MAX_FUZZY_BLOCK:
            for i, j, score in _similar_pairs(members, people):
                if (i, j) not in seen:
                    seen.add((i, j))
                    offer(_classify(people[i], people[j], score))
    return sorted(found.values(), key=lambda c: (-c.confidence, -c.score, c.a, c.b))


def _namesake_pairs(members: list[int], people: list[_Person]) -> Iterable[tuple[int, int]]:
    """Yield the pairs of contacts sharing one folded name worth suggesting.

    When more than ``COMMON_NAME`` people share a name, that name says little: only those at
    the same organization, or with none named, are paired (namesakes elsewhere are not).
    """
    if len(members) <= COMMON_NAME:
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                yield i, j
        return
    by_org: dict[str, list[int]] = {}
    for m in members:
        by_org.setdefault(people[m].org, []).append(m)
    unnamed = by_org.pop("", [])
    for same in by_org.values():
        for x, i in enumerate(same):
            for j in same[x + 1 :]:
                yield i, j
    for i in unnamed:
        for j in members:
            if j != i and (people[j].org or j > i):
                yield min(i, j), max(i, j)


def _similar_pairs(members: list[int], people: list[_Person]) -> Iterable[tuple[int, int, float]]:
    """Yield (i, j, score) for pairs of a block with different but alike names, i < j."""
    # Imported here: the command line's other commands need not load numpy and rapidfuzz.
    import numpy as np
    from rapidfuzz import fuzz, process

    names = [people[m].name for m in members]
    scores = process.cdist(
        names, names, scorer=fuzz.token_sort_ratio, score_cutoff=POSSIBLE_SCORE, dtype=np.uint8
    )
    rows, cols = np.nonzero(np.triu(scores, k=1))
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        if names[r] != names[c]:
            i, j = members[r], members[c]
            yield (min(i, j), max(i, j), float(scores[r, c]))


def duplicates_of(
    contact: Contact, contacts: Sequence[Contact], apart: Iterable[tuple[str, str]] = ()
) -> list[Candidate]:
    """Return the suggestions that involve one contact, surest first."""
    keys = blocking_keys(contact.full_name)
    url, email = normal_url(contact.linkedin_url), normal_email(contact.email)
    near = [
        c
        for c in contacts
        if c.id == contact.id
        or (url and normal_url(c.linkedin_url) == url)
        or (email and normal_email(c.email) == email)
        or (keys & blocking_keys(c.full_name))
    ]
    return [c for c in find_duplicates(near, apart) if contact.id in (c.a, c.b)]


def duplicates_between(
    incoming: Sequence[Contact], existing: Sequence[Contact]
) -> dict[str, Candidate]:
    """Return, for each incoming contact id, its surest match among existing contacts.

    Only existing contacts that share a blocking key, profile or email with some incoming
    one are compared, so checking an import against a large network stays cheap.
    """
    if not incoming or not existing:
        return {}
    keys: set[str] = set()
    urls: set[str] = set()
    emails: set[str] = set()
    for contact in incoming:
        keys |= blocking_keys(contact.full_name)
        urls.add(normal_url(contact.linkedin_url))
        emails.add(normal_email(contact.email))
    urls.discard("")
    emails.discard("")
    near = [
        c
        for c in existing
        if (keys & blocking_keys(c.full_name))
        or (c.linkedin_url and normal_url(c.linkedin_url) in urls)
        or (c.email and normal_email(c.email) in emails)
    ]
    new_ids = {c.id for c in incoming}
    best: dict[str, Candidate] = {}
    for candidate in find_duplicates([*near, *incoming]):
        if (candidate.a in new_ids) == (candidate.b in new_ids):
            continue  # both old or both new: not this import's question
        new_id = candidate.a if candidate.a in new_ids else candidate.b
        best.setdefault(new_id, candidate)  # surest first
    return best
