"""The ask coach: every rule with drafts that must and must not trigger it."""

from __future__ import annotations

import pytest

from infoview.coach import Finding, Review, review_ask
from infoview.coach.ask import RULES, score_of
from infoview.coach.findings import Check, Level
from infoview.models import CallMode, Contact, Outreach

MARIA = Contact(full_name="Dr. María López", organization="Acme Health Inc.")
SUBJECT = "Fellow Wisconsin alum: your move into UX research"
GOOD = """Hi María,

Prof. Chen suggested I reach out: you moved from neuroscience into UX research at Acme, the
same leap I'm hoping to make. I'd love to hear how you made the switch and which skills you
use most.

Would you be open to a 15-minute call next week? I'd be glad to call you at whatever time
suits you.

Best,
Sam Rivera
+1 555 123 4567
"""


def level(review: Review, rule: str) -> str | None:
    found = review.finding(rule)
    return None if found is None else str(found.level)


def body_with(message: str) -> str:
    return f"Hi María,\n\n{message}\n\nBest,\nSam"


def test_a_strong_draft_passes_every_rule_with_a_full_score():
    review = review_ask(SUBJECT, GOOD, MARIA)
    assert review.score == 100
    assert review.issues == []
    assert [f.rule for f in review.findings] == [
        "subject",
        "length",
        "connection_first",
        "name",
        "topics",
        "vague",
        "question",
        "call_length",
        "offer_to_call",
        "about_them",
        "window",
        "reading",
        "job_ask",
        "attachment",
    ]
    assert all(f.rule in RULES for f in review.findings)


def test_a_weak_draft_scores_low_and_lists_problems_first():
    body = body_with(
        "My name is John and I am a recent graduate. I am building my network and would love "
        "to pick your brain. Please call me at 555-123-4567. I have attached my resume. Are "
        "there any openings on your team?"
    )
    review = review_ask("Quick question", body, MARIA)
    assert review.score < 30
    assert [f.level for f in review.issues][:2] == ["problem", "problem"]
    assert {f.rule for f in review.issues if f.level == "problem"} == {"vague", "job_ask"}


def test_score_is_100_minus_penalties_and_never_negative():
    findings = [
        Finding("a", "ok", ""),
        Finding("b", "tip", ""),
        Finding("c", "warn", ""),
        Finding("d", "problem", ""),
    ]
    assert score_of(findings) == 100 - 2 - 8 - 20
    assert score_of([Finding("x", "problem", "")] * 9) == 0


@pytest.mark.parametrize(
    ("subject", "body"),
    [("", ""), ("", "   \n\n  "), ("Hi", "😀😀 🎉"), (None, None)],
)
def test_empty_input_gives_a_zero_score_and_a_clear_problem(subject, body):
    review = review_ask(subject, body)
    assert review.score == 0
    assert level(review, "empty") == "problem"
    assert level(review, "length") is None


def test_length_bands():
    def draft(n: int) -> str:
        return body_with("Would you be open to a 15-minute call? " + "word " * (n - 10))

    # The greeting's two words count; the sign-off does not. Sweet spot 50-125 (Boomerang),
    # 75-100 (Dalton): under 50 and 101-125 are tips, past 125 a warning.
    assert level(review_ask(SUBJECT, draft(49)), "length") == "tip"
    assert level(review_ask(SUBJECT, draft(50)), "length") == "ok"
    assert level(review_ask(SUBJECT, draft(75)), "length") == "ok"
    assert review_ask(SUBJECT, draft(75)).finding("length").message.startswith("75 words")
    assert level(review_ask(SUBJECT, draft(100)), "length") == "ok"
    assert level(review_ask(SUBJECT, draft(101)), "length") == "tip"
    assert level(review_ask(SUBJECT, draft(125)), "length") == "tip"
    assert level(review_ask(SUBJECT, draft(126)), "length") == "warn"


def test_sign_off_and_signature_are_not_counted():
    body = body_with("Would you be open to a 15-minute call?") + "\nPhD candidate\nUW Madison"
    assert review_ask(SUBJECT, body).finding("length").message.startswith("10 words")


@pytest.mark.parametrize(
    "phrase",
    [
        "I would love to pick your brain sometime.",
        "I am building my professional network in public health.",
        "Can we chat sometime?",
        "Could we grab coffee next week?",
    ],
)
def test_vague_asks_are_flagged(phrase):
    review = review_ask(SUBJECT, body_with(phrase), MARIA)
    assert level(review, "vague") == "problem"


def test_coffee_with_a_topic_is_not_vague_but_pick_your_brain_still_is():
    coffee = body_with("Could we grab coffee? I'd love to hear how you moved into policy work.")
    assert level(review_ask(SUBJECT, coffee), "vague") == "ok"
    brain = body_with("I'd love to pick your brain about how you moved into policy work.")
    assert level(review_ask(SUBJECT, brain), "vague") == "problem"


def test_ask_topics_make_a_chat_specific():
    ask = Outreach(contact_id="c", topics=["grant writing"])
    body = body_with("Can we chat about grant writing for 15 minutes?")
    assert level(review_ask(SUBJECT, body, ask=ask), "vague") == "ok"


@pytest.mark.parametrize(
    "phrase",
    [
        "Are there any openings on your team?",
        "Is your company hiring?",
        "Would you be willing to refer me for the analyst role?",
        "I'm looking for a job in data science.",
        "Could you look over my résumé?",
        "Could you put in a good word with the hiring manager?",
        "Could you pass along my CV?",
    ],
)
def test_job_asks_are_a_problem(phrase):
    assert level(review_ask(SUBJECT, body_with(phrase)), "job_ask") == "problem"


@pytest.mark.parametrize(
    "phrase",
    [
        "What is a typical day like in your job?",
        "How did you get your current position?",
        "Is there anyone else you would recommend I talk to?",
        "I'd love to hear what opened the door to your role.",
    ],
)
def test_questions_about_their_job_are_not_job_asks(phrase):
    assert level(review_ask(SUBJECT, body_with(phrase)), "job_ask") == "ok"


def test_job_request_in_the_subject_is_flagged():
    review = review_ask("Job inquiry", body_with("Would you have 15 minutes for a call?"))
    assert level(review, "job_ask") == "problem"


def test_connection_first_ok_when_opening_with_them():
    body = body_with("Ana Ruiz suggested I write to you. Would you have 15 minutes?")
    assert level(review_ask(SUBJECT, body), "connection_first") == "ok"


def test_connection_first_skips_the_greeting_and_pleasantries():
    body = body_with(
        "I hope this email finds you well. I loved your talk on rural clinics. Would you have "
        "15 minutes?"
    )
    assert level(review_ask(SUBJECT, body), "connection_first") == "ok"


def test_connection_in_the_second_sentence_is_a_tip():
    body = body_with(
        "My name is Sam and I study biology. We are both Wisconsin alumni. Would you have "
        "15 minutes?"
    )
    finding = review_ask(SUBJECT, body).finding("connection_first")
    assert finding.level == "tip"
    assert "The first is about you." in finding.message


def test_opening_with_a_life_story_warns():
    body = body_with(
        "My name is Sam and I am a PhD student. I have studied neurons for five years. Would "
        "you have 15 minutes?"
    )
    assert level(review_ask(SUBJECT, body), "connection_first") == "warn"


def test_pick_your_brain_is_not_a_connection():
    body = body_with("I am a student. I would love to pick your brain. Would you have 15 min?")
    assert level(review_ask(SUBJECT, body), "connection_first") == "warn"


def test_contact_name_or_organization_counts_as_about_them():
    body = "Hello,\n\nThe work Acme Health does on rural clinics inspires me. Could we talk?"
    assert level(review_ask(SUBJECT, body, MARIA), "connection_first") == "ok"


def test_name_rule_matches_without_accents_and_only_with_a_contact():
    assert level(review_ask(SUBJECT, GOOD.replace("María", "Maria"), MARIA), "name") == "ok"
    assert level(review_ask(SUBJECT, GOOD.replace("Hi María", "Hello"), MARIA), "name") == "tip"
    assert level(review_ask(SUBJECT, GOOD), "name") is None


def test_the_ask_must_be_a_question():
    statement = body_with("I would like to schedule a 15-minute call with you next week.")
    assert level(review_ask(SUBJECT, statement), "question") == "warn"
    other = body_with("Why did you choose policy? I want a 15-minute call.")
    assert level(review_ask(SUBJECT, other), "question") == "tip"
    asked = body_with("Would you be open to a 15-minute call next week?")
    assert level(review_ask(SUBJECT, asked), "question") == "ok"


def test_topics_from_the_ask_must_appear_in_the_draft():
    ask = Outreach(contact_id="c", topics=["Career transitions", "grant writing"])
    both = body_with("I'd love to hear about your career transition and grant writing tips.")
    assert level(review_ask(SUBJECT, both, ask=ask), "topics") == "ok"
    one = body_with("I'd love to hear about your career transition.")
    finding = review_ask(SUBJECT, one, ask=ask).finding("topics")
    assert finding.level == "tip"
    assert "grant writing" in finding.message
    neither = body_with("Would you have 15 minutes to talk?")
    assert level(review_ask(SUBJECT, neither, ask=ask), "topics") == "warn"


def test_topics_heuristics_without_an_ask():
    specific = body_with("I'm curious how you moved from the lab into consulting.")
    assert level(review_ask(SUBJECT, specific), "topics") == "ok"
    generic = body_with("Would you have time for a call?")
    assert level(review_ask(SUBJECT, generic), "topics") == "warn"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Would you have 15 minutes for a call?", "ok"),
        ("Would you have fifteen minutes for a call?", "ok"),
        ("Could we talk for 10-15 mins?", "ok"),
        ("Would you have 25 minutes for a call?", "tip"),
        ("Would you have half an hour for a call?", "tip"),
        ("Would you have an hour for a call?", "warn"),
        ("Would you have 45 minutes?", "warn"),
        ("Would you have time for a short call?", "warn"),
    ],
)
def test_call_length_in_minutes(phrase, expected):
    assert level(review_ask(SUBJECT, body_with(phrase)), "call_length") == expected


def test_in_person_allows_up_to_thirty_minutes():
    ask = Outreach(contact_id="c", mode=CallMode.IN_PERSON)
    body = body_with("Could I buy you a coffee for 30 minutes, whenever suits you?")
    assert level(review_ask(SUBJECT, body, ask=ask), "call_length") == "ok"
    assert level(review_ask(SUBJECT, body, ask=Outreach(contact_id="c")), "call_length") == "tip"


@pytest.mark.parametrize(
    "phrase",
    [
        "Feel free to call me any time.",
        "My number is 608 555 0199.",
        "You can reach me at the number below.",
        "Give me a ring when you are free.",
        "Here it is: +1 (608) 555-0199.",
    ],
)
def test_asking_to_be_called_warns(phrase):
    body = body_with(f"Would you have 15 minutes? {phrase}")
    assert level(review_ask(SUBJECT, body), "offer_to_call") == "warn"


def test_offering_to_call_passes_and_silence_is_a_tip():
    offer = body_with("Would you have 15 minutes? I'd be happy to call you.")
    assert level(review_ask(SUBJECT, offer), "offer_to_call") == "ok"
    invite = body_with("Would you have 15 minutes? I can send a calendar invite.")
    assert level(review_ask(SUBJECT, invite), "offer_to_call") == "ok"
    silent = body_with("Would you have 15 minutes for a call?")
    assert level(review_ask(SUBJECT, silent), "offer_to_call") == "tip"


def test_a_date_is_not_a_phone_number():
    body = body_with("Would you have 15 minutes on 2026-05-10? I'll call you.")
    assert level(review_ask(SUBJECT, body), "offer_to_call") == "ok"


def test_about_them_counts_second_against_first_person():
    # A tip at most: a pronoun count cannot judge an email alone (docs/coach-report.md).
    me_me = body_with("I am a student and I want my career to grow, so I'd like your view.")
    assert level(review_ask(SUBJECT, me_me), "about_them") == "tip"
    assert "mostly about you" in review_ask(SUBJECT, me_me).finding("about_them").message
    even = body_with("I read your post and I liked your chart.")
    assert level(review_ask(SUBJECT, even), "about_them") == "tip"
    them = body_with("Your post on clinics was great; how did you start your project?")
    assert level(review_ask(SUBJECT, them), "about_them") == "ok"


def test_curly_apostrophes_count_as_pronouns():
    body = body_with("I’m curious. I’ve read a lot. I’d love to learn. You’re kind.")
    finding = review_ask(SUBJECT, body).finding("about_them")
    assert "(3 mentions of yourself, 1 of them)" in finding.message


@pytest.mark.parametrize(
    "phrase",
    ["I have attached my CV.", "Please find my résumé enclosed.", "Here is my portfolio."],
)
def test_attachments_warn(phrase):
    body = body_with(f"Would you have 15 minutes? {phrase}")
    assert level(review_ask(SUBJECT, body), "attachment") == "warn"


def test_no_attachment_is_ok_even_when_talking_about_their_cv_advice():
    body = body_with("Would you have 15 minutes? I'd value your advice on academic job talks.")
    assert level(review_ask(SUBJECT, body), "attachment") == "ok"


def test_in_person_without_options_warns_and_flexibility_passes():
    ask = Outreach(contact_id="c", mode=CallMode.IN_PERSON)
    rigid = body_with("Could we meet at 3 pm on Tuesday at Blue Cafe for 20 minutes?")
    assert level(review_ask(SUBJECT, rigid, ask=ask), "flexibility") == "warn"
    options = body_with("Could we meet for 20 minutes on Tuesday or Thursday near your office?")
    assert level(review_ask(SUBJECT, options, ask=ask), "flexibility") == "ok"
    suits = body_with("Could we meet for 20 minutes at whatever time suits you?")
    assert level(review_ask(SUBJECT, suits, ask=ask), "flexibility") == "ok"


def test_in_person_is_detected_without_an_ask_and_skips_the_call_offer():
    body = body_with("Could we meet in person for 20 minutes, wherever is easiest?")
    review = review_ask(SUBJECT, body)
    assert level(review, "flexibility") == "ok"
    assert level(review, "offer_to_call") is None
    phone = review_ask(SUBJECT, body_with("Would you have 15 minutes for a call?"))
    assert level(phone, "flexibility") is None


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("", "problem"),
        ("Quick question", "warn"),
        ("Informational interview request", "warn"),
        ("Hello!", "warn"),
        ("Ana Ruiz suggested I write: nursing to policy", "ok"),
        ("Ana Ruiz suggested I write: moving from nursing into health policy", "tip"),
        ("A" * 61, "tip"),
        ("Your work", "warn"),
        ("Water", "ok"),
    ],
)
def test_subject_rule(subject, expected):
    assert level(review_ask(subject, GOOD), "subject") == expected


def test_subject_line_breaks_do_not_crash_and_are_judged():
    assert level(review_ask("Re:\r\nBcc: x@y.z", GOOD), "subject") == "ok"


def test_accents_and_emoji_do_not_break_the_review():
    body = body_with(
        "Élodie Durand m'a conseillé de vous écrire 🙂. Would you have 15 minutes? I'd be "
        "glad to call you 📞."
    )
    review = review_ask("Conseil d'Élodie 🙂", body)
    assert 0 <= review.score <= 100
    assert level(review, "call_length") == "ok"
    assert level(review, "offer_to_call") == "ok"


def test_we_both_studied_is_a_connection_and_would_15_minutes_is_a_question():
    body = body_with("We both studied at UW Madison. Would 15 minutes next week work?")
    review = review_ask(SUBJECT, body)
    assert level(review, "connection_first") == "ok"
    assert level(review, "question") == "ok"


def test_template_blanks_left_in_square_brackets_are_a_problem():
    body = body_with("Would you have 15 minutes? I'd value your insight on [one or two topics].")
    finding = review_ask("[your shared school] alum", body).finding("placeholders")
    assert finding.level == "problem"
    assert finding.message == "Still to fill in: [your shared school], [one or two topics]."
    assert review_ask(SUBJECT, GOOD).finding("placeholders") is None


def test_a_two_outcome_rule_fills_in_its_values_and_keeps_braces_the_writer_typed():
    check = Check("r", "{n} words: fine.", Level.WARN, "“{seen}” is too much.", "Cut it.")
    assert check.judge(True, n=3) == Finding("r", Level.OK, "3 words: fine.")
    assert check.judge(False, seen="{n} and {0}") == Finding(
        "r", Level.WARN, "“{n} and {0}” is too much.", "Cut it."
    )


def test_a_job_ask_with_braces_in_it_is_quoted_as_typed():
    review = review_ask(SUBJECT, body_with("Is the role {ref 12} you posted still open?"), MARIA)
    found = review.finding("job_ask")
    assert found is not None and found.level == Level.PROBLEM
    assert found.message.startswith("“role {ref 12} you posted”")
