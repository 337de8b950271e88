"""The ask coach: the rules that review an outreach email, and a score built from what they find.

The rules live in four modules, by what they judge: the email's form (ask_form), whom it is
about (ask_connection), what it asks for (ask_request) and the meeting it proposes
(ask_meeting). Every rule reads the draft as infoview.coach.reader reads it: plain text folded
to lower case without accents, with the greeting line and the sign-off ("Best, Sam" and
everything after it) set aside, so the rules judge the message itself.
"""

from __future__ import annotations

from infoview.coach import ask_connection, ask_form, ask_meeting, ask_request
from infoview.coach.ask_meeting import IN_PERSON_MINUTES, PHONE_MINUTES
from infoview.coach.findings import Finding, Level, Review, score_of
from infoview.coach.reader import read_draft, reading_grade
from infoview.models import Contact, Outreach

# What other modules read from here, wherever it is defined.
__all__ = [
    "IN_PERSON_MINUTES",
    "PHONE_MINUTES",
    "READY_SCORE",
    "RULES",
    "Finding",
    "Level",
    "Review",
    "reading_grade",
    "review_ask",
    "score_of",
]

# Rule ids in the order the page lists them, with a short label for each.
RULES = {
    "empty": "A message to review",
    "placeholders": "Every blank filled in",
    "subject": "Specific subject line",
    "length": "Short enough to read",
    "connection_first": "Connection comes first",
    "name": "Greets them by name",
    "topics": "Names what you want to know",
    "vague": "Specific, not generic",
    "question": "The ask is a question",
    "call_length": "A short call, in minutes",
    "offer_to_call": "You do the calling",
    "flexibility": "Flexible about meeting",
    "about_them": "More about them than you",
    "third_person": "Speaks to them, not about them",
    "questions": "Three questions at most",
    "window": "A near-term window",
    "reading": "Plain to read",
    "job_ask": "Asks for advice, not a job",
    "attachment": "No attachments",
}

# The score from which the Ask page calls a draft "ready to send" (infoview.asks.score_verdict).
READY_SCORE = 85


def review_ask(
    subject: str, body: str, contact: Contact | None = None, ask: Outreach | None = None
) -> Review:
    """Review an outreach email and return its score and every rule's finding."""
    d = read_draft(subject or "", body or "", contact, ask)
    if not d.sentences:
        findings = [ask_form.subject(d), ask_form.empty(d)]
    else:
        candidates = [
            ask_form.placeholders(subject or "", body or ""),
            ask_form.subject(d),
            ask_form.length(d),
            ask_connection.connection_first(d),
            ask_connection.name(d),
            ask_request.topics(d),
            ask_request.vague(d),
            ask_request.question(d),
            ask_meeting.call_length(d),
            ask_meeting.offer_to_call(d),
            ask_meeting.flexibility(d),
            ask_connection.about_them(d),
            ask_connection.third_person(d),
            ask_form.questions(d),
            ask_meeting.window(d),
            ask_form.reading(d),
            ask_request.job_ask(d),
            ask_request.attachment(d),
        ]
        findings = [f for f in candidates if f is not None]
    return Review(score=0 if not d.sentences else score_of(findings), findings=findings)
