"""One-click fixes: each answers its finding, shows its before/after and raises the score."""

from __future__ import annotations

from infoview.coach import review_ask
from infoview.coach.fixes import suggest_fixes

SUBJECT = "Your talk on permit reviews"


def body(*sentences: str) -> str:
    return "Hi Dana,\n\n" + " ".join(sentences) + "\n\nBest,\nSam"


OPEN = "Your talk on permit reviews stayed with me."


def _fixes(text: str):
    review = review_ask(SUBJECT, text)
    return review, suggest_fixes(SUBJECT, text, review)


def test_add_the_minutes_to_the_ask():
    text = body(OPEN, "Would you be open to a quick call next week about how permits are reviewed?")
    review, fixes = _fixes(text)
    assert [f.rule for f in fixes] == ["call_length"]
    fix = fixes[0]
    assert fix.after == (
        "Would you be open to a 15-minute call next week about how permits are reviewed?"
    )
    after = review_ask(SUBJECT, fix.body)
    assert after.finding("call_length").level == "ok"
    assert after.score > review.score


def test_turn_a_statement_ask_into_a_question():
    text = body(
        OPEN, "I'd like to arrange a 15-minute call next week to ask how permits are reviewed."
    )
    _, fixes = _fixes(text)
    fix = next(f for f in fixes if f.rule == "question")
    assert fix.before.startswith("I'd like to arrange")
    assert fix.after == (
        "Would you be open to a 15-minute call next week to ask how permits are reviewed?"
    )
    assert review_ask(SUBJECT, fix.body).finding("question").level == "ok"
    grateful = body(OPEN, "I would be grateful for 15 minutes of your time next week.")
    _, fixes = _fixes(grateful)
    assert next(f for f in fixes if f.rule == "question").after == (
        "Would you have 15 minutes next week?"
    )


def test_remove_the_attachment_sentence_and_keep_the_rest():
    text = body(
        OPEN,
        "I've attached my CV.",
        "Would you have 15 minutes next week to talk about how permits are reviewed?",
    )
    review, fixes = _fixes(text)
    fix = next(f for f in fixes if f.rule == "attachment")
    assert fix.before == "I've attached my CV." and fix.after == ""
    assert "attached" not in fix.body and "Would you have 15 minutes" in fix.body
    assert review_ask(SUBJECT, fix.body).score > review.score


def test_no_fix_without_a_safe_pattern_or_a_finding():
    clean = body(
        OPEN, "Would you have 15 minutes next week to talk about how permits are reviewed?"
    )
    assert _fixes(clean)[1] == []
    vague_statement = body(OPEN, "I hope to hear from you.")
    assert all(f.rule != "question" for f in _fixes(vague_statement)[1])
    negated = body(OPEN, "No attachment needed.", "Would you have 15 minutes next week?")
    assert all(f.rule != "attachment" for f in _fixes(negated)[1])
