"""Target employers: the method's ranked list of organizations and who the user knows at each."""

from __future__ import annotations

import re
import unicodedata

from infoview.models import Target
from infoview.store import Store

# Legal-form words that do not change which organization is meant ("Globex, Inc." = "Globex").
LEGAL_SUFFIXES = frozenset(
    {
        "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company",
        "gmbh", "ag", "plc", "sa", "sas", "srl", "bv", "nv", "pty", "lp", "llp", "pc", "oy", "ab",
    }
)  # fmt: skip
_WORDS = re.compile(r"[^\W_]+")


def org_key(name: str) -> str:
    """Return the key organizations are matched by: case, punctuation and legal suffix ignored."""
    text = unicodedata.normalize("NFKC", name or "").casefold().replace("&", " and ")
    words = _WORDS.findall(text.replace(".", ""))
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def targets_by_key(store: Store) -> dict[str, Target]:
    """Return the target list keyed by organization key (memoised until the data changes)."""
    return store.cached(
        ("targets_by_key",),
        lambda: {org_key(t.organization): t for t in store.all("targets")},  # type: ignore[attr-defined]
    )
