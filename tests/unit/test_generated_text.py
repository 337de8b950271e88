"""Every template rendered over the sample network and varied profiles reads right (#15):
whole sentences within budget, titles in sentence case mid-sentence, formal greetings with
title + family name or the given name, and offers slotted where the sentence fits them."""

from __future__ import annotations

import re
import tomllib
from datetime import date

import pytest

from infoview.coach.report import CORPUS
from infoview.demo import sample_records
from infoview.models import Contact, Profile
from infoview.story import INTRO_MAX_WORDS, default_intro, word_count
from infoview.writing import TEMPLATES, AskDetails, formal_name, render_email

RECORDS = sample_records(date(2026, 12, 3))
CONTACTS = [c for c in RECORDS["contacts"] if isinstance(c, Contact)][:60]
SAMPLE = next(p for p in RECORDS["profile"] if isinstance(p, Profile))
STORIES = tomllib.loads((CORPUS / "stories.toml").read_text(encoding="utf-8"))["story"]

PROFILES = [
    SAMPLE,
    SAMPLE.model_copy(
        update={
            "current_role": "Postdoctoral Researcher",
            "offers": ["A bench scientist's view of how grant rules play out in a real lab."],
        }
    ),
    SAMPLE.model_copy(
        update={"current_role": "Senior Policy Analyst", "offers": ["Share my notes on grants"]}
    ),
    *[
        Profile(
            name="Sam Rivera",
            current_role="Research Associate",
            past=s["text"],
            future="I'm exploring roles in data science, where I can use my statistics.",
            fields=["Data science"],
            offers=["Introductions to people in my lab"],
        )
        for s in STORIES[:12]
    ],
]
ASK = AskDetails(topics=["grant writing"], referrer="Lena Park", learned="x", outcome="y")

_TITLE_AFTER_ARTICLE = re.compile(
    r"\b(a|an) (Postdoctoral|Senior|Junior|Research|Policy|Principal|Lead)\b"
)
_TITLE_FULL_NAME = re.compile(r"^Dear (Dr|Prof|Professor|Mr|Mrs|Ms)\.? \S+ \S+,", re.M)
_OFFER_AS_VERB = re.compile(
    r"glad to (?i:a|an|the|my|some|introductions|insights)\b|glad to offer [A-Z][a-z]"
)


def _all_renders():
    for profile in PROFILES:
        for contact in CONTACTS[:: max(1, len(CONTACTS) // 15)]:
            for template_id in TEMPLATES:
                yield (
                    template_id,
                    contact,
                    profile,
                    render_email(template_id, contact, profile, ASK),
                )


RENDERS = list(_all_renders())


def test_there_is_enough_to_check():
    assert len(RENDERS) >= 300
    assert {t for t, *_ in RENDERS} == set(TEMPLATES)


@pytest.mark.parametrize(
    ("rule", "pattern"),
    [
        ("title in sentence case", _TITLE_AFTER_ARTICLE),
        ("title + full name", _TITLE_FULL_NAME),
        ("offer slotted as a verb", _OFFER_AS_VERB),
    ],
)
def test_no_template_breaks_the_rule(rule, pattern):
    bad = [(t, c.full_name, body[:120]) for t, c, _, (_, body) in RENDERS if pattern.search(body)]
    assert bad == [], f"{rule}: {bad[:3]}"


def test_offers_read_right_in_both_shapes():
    noun = PROFILES[1]
    verb = PROFILES[2]
    contact = CONTACTS[0]
    _, body = render_email("thank_you", contact, noun, ASK)
    assert "I'd be glad to offer a bench scientist's view" in body
    _, body = render_email("report_back", contact, verb, ASK)
    assert "I'd be glad to share my notes on grants." in body


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.current_role or "sample")
def test_the_introduction_ends_on_a_whole_sentence_within_budget(profile):
    intro = default_intro(profile)
    assert intro, "every profile here has something to say"
    assert intro[-1] in ".!?"
    assert word_count(intro) <= INTRO_MAX_WORDS
    assert not re.search(r"\b(where|which|and|or|to|the|a)\.$", intro)
    assert not _TITLE_AFTER_ARTICLE.search(intro)


@pytest.mark.parametrize(
    ("full_name", "title", "expected"),
    [
        ("Dr. Helen Vasquez", "", "Dr. Vasquez"),
        ("Helen Vasquez", "Associate Professor of History", "Professor Vasquez"),
        ("Helen Vasquez", "Archivist", "Helen"),
        ("Prof. Ana van der Berg", "", "Prof. van der Berg"),
    ],
)
def test_formal_name(full_name, title, expected):
    assert formal_name(full_name, title) == expected
