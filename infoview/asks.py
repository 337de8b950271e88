"""The Ask step's logic: the draft being written, which template suits a contact, status edits.

A draft lives in the session as an ``AskDraft`` (plain values, no widgets) until the user
saves it as an ``Outreach``; the page only moves values between widgets and these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo

from infoview.coach.ask import IN_PERSON_MINUTES, PHONE_MINUTES
from infoview.models import (
    AskStatus,
    CallMode,
    Contact,
    Outreach,
    Profile,
    Sector,
    StatusChange,
    UserTemplate,
)
from infoview.pipeline import ANSWERED_STATUSES
from infoview.user_templates import render_user_template
from infoview.writing import TEMPLATES, AskDetails, email_context, render_email, shared_school

MAX_TOPICS = 3
MIN_MINUTES = 10
DEFAULT_MINUTES = 15
USER_PREFIX = "user:"
ASK_TEMPLATE_IDS = [t.id for t in TEMPLATES.values() if t.kind == "ask"]

# What the button that moves an ask to each status says.
STATUS_ACTIONS = {
    AskStatus.DRAFT: "Undo sent (back to draft)",
    AskStatus.SENT: "Back to sent (still waiting)",
    AskStatus.REPLIED: "They replied",
    AskStatus.DECLINED: "They declined",
    AskStatus.NO_REPLY: "No reply",
}


@dataclass
class AskDraft:
    """What the user is writing to one contact, kept in the session between reruns.

    ``generated`` is the subject and body the template last produced: while the draft still
    equals it, the draft follows the template; once edited, it is the user's own.
    ``previous`` keeps the text a "regenerate" replaced, so it can be brought back.
    """

    ask_id: str
    revision: int = 0
    template: str = "cold_interest"
    topics: list[str] = field(default_factory=lambda: [""] * MAX_TOPICS)
    minutes: int = DEFAULT_MINUTES
    mode: CallMode = CallMode.PHONE
    subject: str = ""
    body: str = ""
    planned: date | None = None
    generated: tuple[str, str] | None = ("", "")
    previous: tuple[str, str] | None = None

    @property
    def edited(self) -> bool:
        """True once the subject or body differs from what the template produced."""
        return self.generated is None or (self.subject, self.body) != self.generated


def score_verdict(score: int) -> str:
    """Return a few words on what a coach score means."""
    if score >= 85:
        return "Strong: ready to send once you are happy with it."
    if score >= 65:
        return "Good, with a few things to polish."
    if score >= 40:
        return "Getting there: see what to fix below."
    return "Needs work: start with the first items below."


def latest_ask(asks: Iterable[Outreach]) -> Outreach | None:
    """Return the contact's most recently started ask (the one the page works on)."""
    return max(asks, key=lambda a: (a.created_at, a.updated_at), default=None)


def suggest_template(contact: Contact, profile: Profile) -> tuple[str, str]:
    """Return the template that fits the contact best and why, in a few words."""
    if contact.referred_by:
        return "referral", "someone you know pointed you to them"
    school = shared_school(profile, contact)
    if school:
        return "alumni", f"you both studied at {school}"
    if contact.sector == Sector.ACADEMIA:
        return "academia", "they work in academia"
    return "cold_interest", "it builds on what you both care about"


def template_options(user_templates: Sequence[UserTemplate]) -> dict[str, str]:
    """Return choice -> label for our ask templates, then the user's own (``user:<id>``)."""
    options = {tid: TEMPLATES[tid].label for tid in ASK_TEMPLATE_IDS}
    for template in sorted(user_templates, key=lambda t: t.name.casefold()):
        if template.kind == "ask":
            options[USER_PREFIX + template.id] = f"Mine: {template.name}"
    return options


def clean_topics(topics: Iterable[str]) -> list[str]:
    """Return the topics typed, stripped, without blanks or repeats, at most three."""
    seen: list[str] = []
    for topic in topics:
        text = " ".join((topic or "").split())
        if text and text.casefold() not in {s.casefold() for s in seen}:
            seen.append(text)
    return seen[:MAX_TOPICS]


def ask_details(draft: AskDraft, referrer: str = "") -> AskDetails:
    """Return the template inputs for a draft."""
    return AskDetails(
        topics=clean_topics(draft.topics),
        minutes=draft.minutes,
        mode=draft.mode,
        referrer=referrer,
    )


def render_draft(
    choice: str,
    contact: Contact,
    profile: Profile,
    details: AskDetails,
    user_templates: Mapping[str, UserTemplate],
) -> tuple[str, str]:
    """Render a template choice to (subject, body); a user template may raise TemplateProblem."""
    if choice.startswith(USER_PREFIX):
        template = user_templates.get(choice.removeprefix(USER_PREFIX))
        if template is None:
            raise KeyError(choice)
        context = email_context(contact, profile, details)
        return render_user_template(template.subject, template.body, context)
    return render_email(choice, contact, profile, details)


def follow_with_template(draft: AskDraft, fresh: tuple[str, str]) -> AskDraft:
    """Return the draft showing ``fresh`` if the user has not edited it, else unchanged."""
    if draft.edited:
        return draft
    return replace(draft, subject=fresh[0], body=fresh[1], generated=fresh)


def regenerate(draft: AskDraft, fresh: tuple[str, str]) -> AskDraft:
    """Return the draft replaced by ``fresh``, keeping edited text recoverable in ``previous``."""
    previous = (draft.subject, draft.body) if draft.edited else draft.previous
    return replace(draft, subject=fresh[0], body=fresh[1], generated=fresh, previous=previous)


def restore_previous(draft: AskDraft) -> AskDraft:
    """Return the draft with the text a regenerate replaced brought back."""
    if draft.previous is None:
        return draft
    subject, body = draft.previous
    return replace(draft, subject=subject, body=body, previous=None)


def minutes_range(mode: CallMode | str) -> tuple[int, int]:
    """Return the shortest and longest call worth asking a stranger for, by mode."""
    longest = IN_PERSON_MINUTES if CallMode(mode) == CallMode.IN_PERSON else PHONE_MINUTES
    return MIN_MINUTES, longest


def minutes_problem(minutes: int, mode: CallMode | str) -> str | None:
    """Return a friendly sentence when the call length is outside the range, else None."""
    low, high = minutes_range(mode)
    if minutes < low:
        return (
            f"{minutes} minutes is too short to learn much. Ask for {low} to {high} minutes; "
            "15 is a good default."
        )
    if minutes > high:
        if CallMode(mode) == CallMode.IN_PERSON:
            return (
                f"{minutes} minutes is a big favour to ask of someone who does not know you "
                f"yet. Keep a meeting in person to {high} minutes at most."
            )
        return (
            f"{minutes} minutes is a lot to ask for a {CallMode(mode).value} call. Keep it "
            f"to {low}–{high} minutes (up to {IN_PERSON_MINUTES} works in person); if the "
            "talk goes well, they will offer more."
        )
    return None


def draft_from_ask(
    ask: Outreach, fresh: tuple[str, str] | None = None, template: str = "cold_interest"
) -> AskDraft:
    """Return the session draft for a saved ask; ``fresh`` is what its template gives now.

    ``template`` is the choice to show when the ask does not name one (written elsewhere).
    """
    topics = [*ask.topics, *[""] * MAX_TOPICS][:MAX_TOPICS]
    # A saved draft nobody edited still follows its template; anything else is the user's text.
    generated = fresh if fresh == (ask.subject, ask.body) else None
    return AskDraft(
        ask_id=ask.id,
        revision=ask.revision,
        template=ask.template or template,
        topics=topics,
        minutes=ask.minutes,
        mode=ask.mode,
        subject=ask.subject,
        body=ask.body,
        planned=ask.planned_send,
        generated=generated,
    )


def to_outreach(draft: AskDraft, contact_id: str, saved: Outreach | None, at: datetime) -> Outreach:
    """Return the ask record for a draft (validated), keeping a saved record's status and dates."""
    values = {
        "id": draft.ask_id,
        "contact_id": contact_id,
        "topics": clean_topics(draft.topics),
        "minutes": draft.minutes,
        "mode": draft.mode,
        "template": draft.template,
        "subject": draft.subject,
        "body": draft.body,
        "planned_send": draft.planned,
    }
    if saved is None:
        values["history"] = [StatusChange(status=AskStatus.DRAFT, at=at)]
        return Outreach.model_validate(values)
    return Outreach.model_validate({**saved.model_dump(), **values})


def has_unsaved_changes(draft: AskDraft, saved: Outreach | None) -> bool:
    """True when the draft holds something the stored ask does not."""
    if saved is None:
        return bool(draft.subject.strip() or draft.body.strip() or clean_topics(draft.topics))
    return (
        clean_topics(draft.topics) != list(saved.topics)
        or draft.minutes != saved.minutes
        or draft.mode != saved.mode
        or bool(saved.template and draft.template != saved.template)
        or draft.subject.strip() != saved.subject
        or draft.body.strip() != saved.body
        or draft.planned != saved.planned_send
    )


def next_statuses(status: AskStatus) -> list[AskStatus]:
    """Return the statuses a user can move an ask to from ``status`` (draft is only "undo")."""
    if status == AskStatus.DRAFT:
        return [AskStatus.SENT]
    answers = [AskStatus.REPLIED, AskStatus.DECLINED, AskStatus.NO_REPLY]
    if status == AskStatus.SENT:
        return [*answers, AskStatus.DRAFT]
    return [AskStatus.SENT, *(s for s in answers if s != status)]


def fix_dates(ask: Outreach, sent_on: date | None, replied_on: date | None) -> Outreach:
    """Return the ask with corrected dates; raise ValueError for dates that cannot be."""
    if ask.status == AskStatus.DRAFT:
        raise ValueError("A draft has no dates yet: mark it as sent first.")
    if sent_on is None:
        raise ValueError("A sent email needs the day it was sent.")
    answered = ask.status in ANSWERED_STATUSES
    if answered and replied_on is None:
        raise ValueError("An answered email needs the day the answer came.")
    if not answered:
        replied_on = None
    if replied_on is not None and replied_on < sent_on:
        raise ValueError("The answer cannot come before the email was sent.")
    return ask.model_copy(update={"sent_on": sent_on, "replied_on": replied_on})


def days_to_reply(ask: Outreach) -> int | None:
    """Return how many days the answer took, or None when there is none yet."""
    if ask.sent_on is None or ask.replied_on is None:
        return None
    return (ask.replied_on - ask.sent_on).days


def history_rows(ask: Outreach, zone: tzinfo) -> list[tuple[str, str]]:
    """Return (status label, local time) for every status change, oldest first."""
    return [
        (change.status.label, f"{change.at.astimezone(zone):%a %d %b %Y, %H:%M}")
        for change in ask.history
    ]


def organization_key(name: str) -> str:
    """Return the organization a name belongs to, folded for matching.

    The part before the first comma names the organization: "Halden University, Graduate
    School" and "halden university, Office of Research" are both at "halden university".
    """
    return " ".join(name.split(",", 1)[0].casefold().split())


def organization_index(contacts: Iterable[Contact]) -> dict[str, list[str]]:
    """Return folded organization -> ids of active contacts there (built once per data change)."""
    index: dict[str, list[str]] = {}
    for contact in contacts:
        key = organization_key(contact.organization)
        if key and not contact.archived:
            index.setdefault(key, []).append(contact.id)
    return index


def colleagues(index: Mapping[str, list[str]], contact: Contact) -> list[str]:
    """Return the ids of other contacts at the contact's organization."""
    key = organization_key(contact.organization)
    return [cid for cid in index.get(key, []) if cid != contact.id] if key else []
