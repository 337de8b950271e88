"""The coach report: the corpus is what the issue asks for, the figures add up, and the floor."""

from __future__ import annotations

import pytest

from infoview.asks import score_verdict
from infoview.coach.ask import READY_SCORE, RULES
from infoview.coach.report import (
    MICRO_TARGET,
    RULE_FLOOR,
    Email,
    Score,
    compare,
    email_report,
    load_emails,
    markdown,
)


@pytest.fixture(scope="module")
def emails():
    return load_emails()


@pytest.fixture(scope="module")
def report():
    return email_report()


def test_the_corpus_has_the_size_and_spread_the_issue_asks_for(emails):
    assert len(emails) >= 200
    assert len({e.id for e in emails}) == len(emails)
    assert sum(not e.labels for e in emails) >= 60
    assert sum(bool(e.hard) for e in emails) >= 40
    assert len({e.field for e in emails}) >= 8
    assert {e.situation for e in emails} == {"shared_interest", "referral", "alumni", "academia"}
    assert all(e.labels <= set(RULES) for e in emails), "every label is a rule id"
    hard_kinds = {e.hard for e in emails}
    for kind in ("negation", "quotation", "indirect_job", "very_short", "signature_quoted"):
        assert kind in hard_kinds


def test_ready_score_is_where_the_page_says_strong():
    assert score_verdict(READY_SCORE).startswith("Strong")
    assert not score_verdict(READY_SCORE - 1).startswith("Strong")


def test_score_figures():
    s = Score(tp=8, fp=2, fn=0)
    assert s.precision == 0.8 and s.recall == 1.0
    assert s.f1 == pytest.approx(2 * 0.8 / 1.8)
    assert Score(0, 0, 0).precision == 1.0  # nothing found, nothing wrong


def test_compare_counts_each_label_and_lists_every_disagreement():
    result = compare(
        "t",
        [
            ("a", frozenset({"x"}), frozenset({"x"}), ""),
            ("b", frozenset({"x"}), frozenset(), ""),
            ("c", frozenset(), frozenset({"x", "y"}), ""),
        ],
        ["x", "y", "z"],
    )
    assert result.rules["x"] == Score(1, 1, 1)
    assert result.rules["y"] == Score(0, 1, 0)
    assert "z" not in result.rules
    assert result.micro == Score(1, 2, 1)
    assert [(d.item, d.rule, d.expected) for d in result.disagreements] == [
        ("b", "x", True),
        ("c", "x", False),
        ("c", "y", False),
    ]
    assert set(result.below_floor()) == {"x", "y"}


def test_a_problem_label_or_an_empty_subject_makes_a_problem_email():
    def email(labels, subject="S"):
        return Email("i", "f", "s", subject, "b", frozenset(labels))

    assert email({"job_ask"}).problem
    assert email({"subject"}, subject="").problem
    assert not email({"subject"}).problem
    assert not email({"length", "topics"}).problem


def test_the_markdown_names_every_rule_and_the_threshold(report):
    text = markdown()
    assert "Micro precision" in text and f'"ready to send" ({READY_SCORE})' in text
    for rule in report.result.rules:
        assert f"| {rule}" in text


def test_every_rule_reaches_the_floor_on_the_corpus(report):
    assert report.result.below_floor() == [], report.result.below_floor()
    micro = report.result.micro
    assert micro.precision >= MICRO_TARGET and micro.recall >= MICRO_TARGET
    assert report.problems_at_or_above_ready == []
    assert report.clean_below_ready == []
    assert RULE_FLOOR == 0.9


def test_the_reason_set_is_big_enough_and_the_coach_reaches_the_floor():
    from infoview.coach.report import load_items, reason_report

    items = load_items("reasons", "reason")
    assert len(items) >= 80
    assert 0.3 < sum(i["specific"] for i in items) / len(items) < 0.7
    result = reason_report()
    assert result.below_floor() == [], result.disagreements


def test_the_story_set_is_big_enough_and_the_coach_reaches_the_floor():
    from infoview.coach.report import STORY_RULES, load_items, story_report

    items = load_items("stories", "story")
    assert len(items) >= 40
    for rule in STORY_RULES:
        assert sum(rule in i["labels"] for i in items) >= 5
    result = story_report()
    assert result.below_floor() == [], result.disagreements
