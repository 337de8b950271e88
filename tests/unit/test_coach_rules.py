"""The ask coach reads sentences: every family of issue #15 with emails that must and must not
trigger each rule (negation and quotation, the job-ask family, vague asks with minutes, the
reader in the third person, topics read from the email, and the evidence-based checks)."""

from __future__ import annotations

import pytest

from infoview.coach import review_ask
from infoview.coach.ask import READY_SCORE, reading_grade
from infoview.models import Contact

SUBJECT = "Your talk on permit reviews"
OPENING = "Your talk on permit reviews at the planning forum stayed with me."
ASK = "Would you have 15 minutes next week to talk about how permits are reviewed?"


def email(*sentences: str, greeting: str = "Hi Dana,") -> str:
    return f"{greeting}\n\n{' '.join(sentences)}\n\nBest,\nSam"


def level(subject: str, body: str, rule: str, contact: Contact | None = None) -> str | None:
    found = review_ask(subject, body, contact).finding(rule)
    return None if found is None else str(found.level)


# --- the job-ask family: any wording ----------------------------------------------------

JOB_ASKS = [
    "Could you tell me about the analyst role your group advertised last week?",
    "I recently submitted an application for the permitting coordinator post at your agency.",
    "And could you forward my name to whoever is hiring?",
    "Could you put me in touch with your recruiter?",
    "Who is the hiring manager for the coder vacancy?",
    "I saw the postdoc opening in your group.",
    "I applied last month and wondered whether you could check on my application.",
    "Please keep me in mind if anything comes up.",
    "Is your team taking on new graduates this year?",
    "Would you consider me for your next apprentice intake?",
    "Could you pass my CV to the partner who runs recruitment?",
    "I'm looking for a paid role in the sector.",
    "Are you currently hiring?",
    "Could you review my portfolio and tell me if I'd be hired?",
    "I'd love to work for your charity.",
]


@pytest.mark.parametrize("sentence", JOB_ASKS)
def test_every_wording_of_a_job_ask_is_a_problem(sentence):
    body = email(OPENING, sentence, ASK)
    review = review_ask(SUBJECT, body)
    assert review.finding("job_ask").level == "problem"
    assert review.score < READY_SCORE


NOT_JOB_ASKS = [
    "I'm not looking for a job or an introduction; I'd like your view on the review process.",
    "I'm not asking about positions in your lab.",
    "Rather than asking about roles on your team, I'd like to hear how you plan reviews.",
    "I'm not writing to ask for a role or funding, just to learn from what you built.",
    'Your talk ended with "are you hiring?" as the wrong first question, which made me laugh.',
    "How did you get your current position?",
    "What does a typical day in your role look like?",
    "I'd like to hear how you recruited and trained your volunteers.",
    "Is there anyone else you would suggest I talk to?",
]


@pytest.mark.parametrize("sentence", NOT_JOB_ASKS)
def test_negated_quoted_or_about_them_is_not_a_job_ask(sentence):
    assert level(SUBJECT, email(OPENING, sentence, ASK), "job_ask") == "ok"


def test_a_job_ask_in_a_quoted_earlier_message_is_ignored():
    body = (
        email(OPENING, ASK)
        + "\n\nOn Mon, 2 Mar, Dana Lee wrote:\n> Are you hiring? Call me on 0207 946 0000."
    )
    review = review_ask(SUBJECT, body)
    assert review.finding("job_ask").level == "ok"
    assert review.finding("offer_to_call").level != "warn"


# --- negation and quotation for the other rules -------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    ["No attachment needed.", "I haven't attached anything.", "No CV attached, I promise."],
)
def test_no_attachment_is_not_an_attachment(sentence):
    assert level(SUBJECT, email(OPENING, ASK, sentence), "attachment") == "ok"


def test_an_attachment_still_warns():
    body = email(OPENING, ASK, "I've attached a short summary of my project.")
    assert level(SUBJECT, body, "attachment") == "warn"


def test_a_negated_network_phrase_is_not_vague():
    body = email(OPENING, "I'm not trying to grow my network.", ASK)
    assert level(SUBJECT, body, "vague") == "ok"


# --- vague asks, whatever the minute count ------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Would you have 15 minutes next week so I can hear more about your work?",
        "Would you be open to a 15-minute call next week to chat about your path?",
        "Could we talk for 10 minutes about your career?",
        "Would you have 15 minutes for a quick chat?",
    ],
)
def test_a_short_call_with_no_topic_is_still_vague(sentence):
    review = review_ask(SUBJECT, email(OPENING, sentence))
    assert review.finding("vague").level == "problem"
    assert review.finding("topics").level == "warn"
    assert review.score < READY_SCORE


@pytest.mark.parametrize(
    "sentence",
    [
        ASK,
        "Would you have 15 minutes next week? I'd like to ask how you chose the review criteria.",
        "Which checks take the longest? Would you have 15 minutes next week for a call?",
        "I'm curious whether small towns use the same checklist. Could we talk next week?",
    ],
)
def test_a_topic_in_the_email_is_found_without_page_topics(sentence):
    review = review_ask(SUBJECT, email(OPENING, sentence))
    assert review.finding("topics").level == "ok"
    assert review.finding("vague").level == "ok"


def test_what_the_writer_knows_is_not_a_topic():
    body = email("I've learned most of what I know about permits from your blog.", "Can we chat?")
    assert level(SUBJECT, body, "vague") == "problem"


# --- the reader in the third person -------------------------------------------------------


def test_a_referrer_saying_he_about_the_reader_warns():
    body = email(
        "Priyanka Rao suggested I write. Priyanka says he hires for the data team.",
        ASK,
        greeting="Hi Arun,",
    )
    assert level(SUBJECT, body, "third_person") == "warn"


def test_the_readers_own_name_in_the_third_person_warns():
    body = email(
        "Professor Khoury told me Dr. Ibrahim is the person to ask about aquifers.",
        ASK,
        greeting="Dear Dr. Ibrahim,",
    )
    assert level(SUBJECT, body, "third_person") == "warn"
    contact = Contact(full_name="Nour Ibrahim")
    body = email("Professor Khoury says Nour leads the basin study.", ASK, greeting="Hello,")
    assert level(SUBJECT, body, "third_person", contact) == "warn"


@pytest.mark.parametrize(
    "sentence",
    [
        "Sam Ortiz suggested I write. He told me he drove for your programme for years.",
        "Professor Dahl says she still uses your corpus in her teaching.",
        "Priyanka says you lead the data team.",
        "Thanks, Dana, for the talk.",
    ],
)
def test_speaking_to_the_reader_or_about_someone_else_passes(sentence):
    assert level(SUBJECT, email(sentence, ASK), "third_person") is None


# --- the evidence-based checks ------------------------------------------------------------


def test_more_than_three_questions_warn():
    four = email(OPENING, "Which rules apply? Who checks them? How long? " + ASK)
    assert level(SUBJECT, four, "questions") == "warn"
    three = email(OPENING, "Which rules apply? Who checks them? " + ASK)
    assert level(SUBJECT, three, "questions") is None
    quoted = email(OPENING, 'You asked "why? how? when? who?" on stage. ' + ASK)
    assert level(SUBJECT, quoted, "questions") is None


def test_an_open_ended_time_is_a_tip_and_a_near_window_passes():
    assert level(SUBJECT, email(OPENING, ASK), "window") == "ok"
    later = ASK.replace("next week", "sometime")
    assert level(SUBJECT, email(OPENING, later), "window") == "tip"
    two_weeks = ASK.replace("next week", "in the next two weeks")
    assert level(SUBJECT, email(OPENING, two_weeks), "window") == "ok"


def test_reading_grade():
    plain = "I read your post. It was good. Can we talk next week? I will call you."
    dense = (
        "Notwithstanding considerable institutional heterogeneity, comparative administrative "
        "evaluation methodologies demonstrate substantial organisational variability regarding "
        "regulatory implementation."
    )
    assert reading_grade(plain) < 5
    assert reading_grade(dense) > 15
    assert reading_grade("") == 0
    assert level(SUBJECT, email(OPENING, dense, ASK), "reading") == "tip"
    assert level(SUBJECT, email(OPENING, ASK), "reading") == "ok"


def test_an_empty_subject_is_a_problem_and_a_long_one_a_tip():
    body = email(OPENING, ASK)
    assert level("", body, "subject") == "problem"
    assert review_ask("", body).score < READY_SCORE
    assert level("Your talk at the planning forum on permit reviews in towns", body, "subject") == (
        "tip"
    )
    assert level("Your permit talk", body, "subject") == "ok"


def test_a_phone_number_in_the_signature_is_not_asking_to_be_called():
    body = email(OPENING, ASK) + "\nPlanning officer\nTel +44 7700 900123"
    assert level(SUBJECT, body, "offer_to_call") != "warn"
    body = email(OPENING, ASK, "Please ring me on 07700 900123.")
    assert level(SUBJECT, body, "offer_to_call") == "warn"


def test_a_clean_email_is_ready_to_send():
    body = email(OPENING, ASK, "I'd be glad to call at a time that suits you.")
    review = review_ask(SUBJECT, body)
    assert review.score >= READY_SCORE
    assert [f.rule for f in review.issues if f.level in ("warn", "problem")] == []


def test_does_that_work_for_you_is_not_a_job_ask():
    body = email(OPENING, "Would 15 minutes next week work for you to talk about permit reviews?")
    assert level(SUBJECT, body, "job_ask") == "ok"
    assert level(SUBJECT, email(OPENING, "I'd love to work for your agency.", ASK), "job_ask") == (
        "problem"
    )
