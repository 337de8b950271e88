"""Pydantic models for every record InfoView keeps, with bounded field lengths."""

from __future__ import annotations

import contextlib
import os
import re
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

# Field limits, shown on the widgets as max_chars too.
NAME_MAX = 120
SHORT_MAX = 200
URL_MAX = 500
EMAIL_MAX = 254
REASON_MAX = 1_000
NOTES_MAX = 20_000
SUBJECT_MAX = 300
BODY_MAX = 5_000
TAG_MAX = 40
LIST_MAX = 30

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def new_id() -> str:
    """Return a new stable record id: 32 random hex digits, like a UUID4's hex."""
    return os.urandom(16).hex()


def utcnow() -> datetime:
    """Return the current time in UTC, time-zone aware."""
    return datetime.now(UTC)


def _trusted(info: ValidationInfo) -> bool:
    """True when reading back our own file: every value was checked when it entered."""
    return bool(info.context and info.context.get("trusted"))


def _clean_text(value: str) -> str:
    """Refuse text that cannot be saved as UTF-8 and drop control characters."""
    if value.isprintable():
        return value.strip()  # no control characters, line breaks or lone surrogates
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("contains characters that cannot be saved (invalid Unicode)") from exc
    # Strip again after cleaning so what is stored reads back the same.
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def Text(max_length: int) -> Any:  # noqa: N802 - reads like a type in annotations
    """A stripped string of at most ``max_length`` characters (cleaned by ``Clean``)."""
    return Annotated[str, StringConstraints(strip_whitespace=True, max_length=max_length)]


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return _clean_text(value)
        except ValueError:
            return value  # left for pydantic to refuse, naming the field
    if isinstance(value, list):
        return [_clean_value(item) for item in value]
    return value


# Lists where a blank or repeated entry means nothing.
_UNIQUE_LISTS = frozenset({"previous_employers", "education", "tags"})
# Optional addresses: a blank one means "none".
_BLANK_IS_NONE = frozenset({"linkedin_url", "bio_url", "website", "email"})


_SPACE = re.compile(r"\s")
_URL = re.compile(r"^(https?)://([^/?#]+)", re.IGNORECASE)


def _check_url(value: str, info: ValidationInfo) -> str:
    if _trusted(info):
        # Cheap even for a file edited by hand: only web links ever reach a link widget.
        if not value[:8].lower().startswith(("http://", "https://")):
            raise ValueError("must be a web address starting with http:// or https://")
        return value
    if _SPACE.search(value):
        raise ValueError("a web address cannot contain spaces")
    match = _URL.match(value)
    if not match or ("." not in match.group(2) and "localhost" not in match.group(2).lower()):
        raise ValueError("must be a web address starting with http:// or https://")
    return value


_EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+$")


def _check_email(value: str, info: ValidationInfo) -> str:
    if _trusted(info) or (info.context and info.context.get("emails_checked")):
        # Loaded from our own file, or checked by an importer's faster rule.
        if not _EMAIL_SHAPE.match(value):
            raise ValueError("is not a valid email address")
        return value
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"is not a valid email address ({exc})") from exc


WebUrl = (
    Annotated[
        str,
        StringConstraints(strip_whitespace=True, max_length=URL_MAX),
        AfterValidator(_check_url),
    ]
    | None
)
Email = (
    Annotated[
        str,
        StringConstraints(strip_whitespace=True, max_length=EMAIL_MAX),
        AfterValidator(_check_email),
    ]
    | None
)
ShortList = Annotated[list[Text(SHORT_MAX)], Field(max_length=LIST_MAX)]


def _drop_blanks(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


class LabelledEnum(StrEnum):
    """A string enum whose members carry the words the app shows: ``X = "value", "Label"``."""

    label: str

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Sector(LabelledEnum):
    ACADEMIA = "academia", "Academia"
    INDUSTRY = "industry", "Industry"
    GOVERNMENT = "government", "Government"
    NONPROFIT = "nonprofit", "Nonprofit"
    HEALTH = "health", "Health"
    OTHER = "other", "Other"


class Source(LabelledEnum):
    MANUAL = "manual", "Added by hand"
    REFERRAL = "referral", "Referred"
    LINKEDIN = "linkedin", "LinkedIn"
    VCARD = "vcard", "vCard"


class CallMode(LabelledEnum):
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video"
    IN_PERSON = "in person", "In person"


# The labels keyed by the stored value, for select boxes and pandas columns.
SECTOR_LABELS: dict[str, str] = {s.value: s.label for s in Sector}
SOURCE_LABELS: dict[str, str] = {s.value: s.label for s in Source}


class Clean(BaseModel):
    """Cleans every text value once, before the fields are validated.

    Line breaks become \\n, control characters go, text is stripped and blank addresses
    become None. Values read back from our own file were cleaned when they entered the
    store, so loading skips this (and every other Python-level check) for speed.
    """

    @model_validator(mode="before")
    @classmethod
    def _clean_input(cls, data: Any, info: ValidationInfo) -> Any:
        if _trusted(info) or not isinstance(data, dict):
            return data
        cleaned = {key: _clean_value(value) for key, value in data.items()}
        for key in _BLANK_IS_NONE.intersection(cleaned):
            if isinstance(cleaned[key], str) and not cleaned[key]:
                cleaned[key] = None
        for key in _UNIQUE_LISTS.intersection(cleaned):
            if isinstance(cleaned[key], list):
                cleaned[key] = _drop_blanks(cleaned[key])
        for key in ("created_at", "updated_at"):
            stamp = cleaned.get(key)
            if isinstance(stamp, datetime) and stamp.tzinfo is None:
                cleaned[key] = stamp.replace(tzinfo=UTC)
        month = cleaned.get("position_since")
        if isinstance(month, str) and month:
            with contextlib.suppress(ValueError):  # else pydantic refuses it, naming the field
                month = date.fromisoformat(month[:10])
        if isinstance(month, date) and not isinstance(month, datetime):
            cleaned["position_since"] = month.replace(day=1)
        return cleaned


class Record(Clean):
    """Fields every stored record has: a stable id, timestamps and a revision."""

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=True)

    id: Annotated[str, StringConstraints(min_length=1, max_length=64)] = Field(
        default_factory=new_id
    )
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    revision: int = 0
    sample: bool = False


class Contact(Record):
    """A person in the user's network and what the user knows about them."""

    full_name: Annotated[str, StringConstraints(strip_whitespace=True)]
    organization: Text(SHORT_MAX) = ""
    title: Text(SHORT_MAX) = ""
    position_since: date | None = None
    previous_employers: ShortList = Field(default_factory=list)
    education: ShortList = Field(default_factory=list)
    linkedin_url: WebUrl = None
    bio_url: WebUrl = None
    website: WebUrl = None
    email: Email = None
    sector: Sector = Sector.OTHER
    # True while the sector is InfoView's guess from organization and title (an import);
    # the form shows it as a guess, and choosing a sector there makes it the user's own.
    sector_inferred: bool = False
    field: Text(SHORT_MAX) = ""
    reason: Text(REASON_MAX) = ""
    common_ground: Text(REASON_MAX) = ""
    outside_field: bool = False
    referred_by: str | None = None
    tags: Annotated[list[Text(TAG_MAX)], Field(max_length=LIST_MAX)] = Field(default_factory=list)
    notes: Text(NOTES_MAX) = ""
    source: Source = Source.MANUAL
    joined_on: date = Field(default_factory=date.today)
    archived: bool = False

    @field_validator("full_name")
    @classmethod
    def _name(cls, value: str, info: ValidationInfo) -> str:
        if _trusted(info) and value:
            return value
        value = _clean_text(value).strip()
        if not value:
            raise ValueError("a name is required")
        if len(value) > NAME_MAX:
            raise ValueError(f"must be at most {NAME_MAX} characters")
        return value


class SkillTranslation(Clean):
    """A skill the user has and how it shows up in the field they are exploring."""

    model_config = ConfigDict(frozen=True)

    skill: Text(SHORT_MAX)
    translation: Text(REASON_MAX) = ""


class AcademicCalendar(Clean):
    """Semester dates as (month, day) pairs; the timing advisor reads them every year."""

    model_config = ConfigDict(frozen=True)

    fall_start: tuple[int, int] = (8, 25)
    fall_end: tuple[int, int] = (12, 18)
    spring_start: tuple[int, int] = (1, 15)
    spring_end: tuple[int, int] = (5, 10)


class Profile(Record):
    """The user: who they are, their story, what they offer, and their settings."""

    id: str = "me"
    name: Text(NAME_MAX) = ""
    signature: Text(REASON_MAX) = ""
    email: Email = None
    schools: ShortList = Field(default_factory=list)
    current_role: Text(SHORT_MAX) = ""
    country: Annotated[str, StringConstraints(min_length=2, max_length=3)] = "US"
    timezone: Text(64) = ""
    calendar: AcademicCalendar = Field(default_factory=AcademicCalendar)
    followup_days: tuple[int, int] = (3, 7)
    # Keep in touch: (ideal, maximum) days between interactions, by relationship.
    rhythm_met: tuple[int, int] = (90, 180)
    rhythm_referrer: tuple[int, int] = (60, 120)
    past: Text(NOTES_MAX) = ""
    present: Text(NOTES_MAX) = ""
    future: Text(NOTES_MAX) = ""
    goals: Text(NOTES_MAX) = ""
    fields: ShortList = Field(default_factory=list)
    skills: Annotated[list[SkillTranslation], Field(max_length=LIST_MAX)] = Field(
        default_factory=list
    )
    offers: ShortList = Field(default_factory=list)
    intro: Text(BODY_MAX) = ""
    intro_edited: bool = False


class AskStatus(LabelledEnum):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent, waiting for a reply"
    REPLIED = "replied", "Replied"
    DECLINED = "declined", "Declined"
    NO_REPLY = "no reply", "No reply"


class StatusChange(Clean):
    """One change of an outreach's status and when it happened."""

    model_config = ConfigDict(frozen=True)

    status: AskStatus
    at: datetime


class Outreach(Record):
    """An ask sent (or drafted) to one contact."""

    contact_id: str
    topics: Annotated[list[Text(SHORT_MAX)], Field(max_length=3)] = Field(default_factory=list)
    minutes: Annotated[int, Field(ge=5, le=60)] = 15
    mode: CallMode = CallMode.PHONE
    template: Text(SHORT_MAX) = ""
    subject: Text(SUBJECT_MAX) = ""
    body: Text(BODY_MAX) = ""
    status: AskStatus = AskStatus.DRAFT
    history: list[StatusChange] = Field(default_factory=list)
    planned_send: date | None = None
    sent_on: date | None = None
    replied_on: date | None = None


class PlanItem(Clean):
    """One question in a call plan with its estimated minutes."""

    model_config = ConfigDict(frozen=True)

    question_id: str | None = None
    text: Text(REASON_MAX)
    minutes: Annotated[float, Field(ge=0, le=120)] = 2


class CallPlan(Record):
    """The questions planned for a call with one contact."""

    contact_id: str
    minutes: Annotated[int, Field(ge=5, le=180)] = 15
    items: Annotated[list[PlanItem], Field(max_length=60)] = Field(default_factory=list)
    referral_removed: bool = False


class QuestionNote(Clean):
    """What the contact said to one planned question."""

    model_config = ConfigDict(frozen=True)

    question: Text(REASON_MAX)
    note: Text(NOTES_MAX) = ""


class Conversation(Record):
    """A call scheduled or held with a contact, and what came of it."""

    contact_id: str
    scheduled_at: datetime | None = None
    timezone: Text(64) = ""
    mode: CallMode = CallMode.PHONE
    minutes: Annotated[int, Field(ge=5, le=180)] = 15
    happened_on: date | None = None
    question_notes: Annotated[list[QuestionNote], Field(max_length=60)] = Field(
        default_factory=list
    )
    insights: Text(NOTES_MAX) = ""
    advice: Text(NOTES_MAX) = ""
    next_steps: Text(NOTES_MAX) = ""
    reflection: Text(NOTES_MAX) = ""
    offered: ShortList = Field(default_factory=list)
    thank_you_sent_on: date | None = None
    report_back_due: date | None = None
    report_back_done_on: date | None = None


class Channel(LabelledEnum):
    EMAIL = "email", "Email"
    CALL = "call", "Call"
    MEETING = "meeting", "Meeting"
    MESSAGE = "message", "Message"
    EVENT = "event", "Event"


class TouchBase(Record):
    """A time the user was in touch with a contact outside an ask or a conversation."""

    contact_id: str
    on: date
    channel: Channel = Channel.EMAIL
    note: Text(SHORT_MAX) = ""


RHYTHM_MIN_DAYS = 7
RHYTHM_MAX_DAYS = 730
RhythmDays = Annotated[int, Field(ge=RHYTHM_MIN_DAYS, le=RHYTHM_MAX_DAYS)]


class Rhythm(Record):
    """One contact's own keep-in-touch gaps, "don't remind", or a snooze (else the defaults)."""

    contact_id: str
    ideal_days: RhythmDays | None = None
    max_days: RhythmDays | None = None
    off: bool = False
    snoozed_until: date | None = None

    @model_validator(mode="after")
    def _order(self) -> Rhythm:
        if self.ideal_days and self.max_days and self.max_days < self.ideal_days:
            raise ValueError("the longest gap cannot be shorter than the ideal gap")
        return self


class Target(Record):
    """An organization the user would like to work with or learn about."""

    organization: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_MAX)
    ]
    motivation: Annotated[int, Field(ge=1, le=3)] = 2
    alumni: bool = False
    postings: bool = False
    notes: Text(REASON_MAX) = ""


class Dismissal(Record):
    """A reminder the user dismissed; deleting it brings the reminder back."""

    key: Text(SHORT_MAX)


class UserTemplate(Record):
    """An email template the user wrote and saved."""

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    kind: Text(40) = "ask"
    subject: Text(SUBJECT_MAX) = ""
    body: Text(BODY_MAX) = ""


class MergeRecord(Record):
    """One merge of two contacts and everything it changed, kept so it can be undone.

    ``before`` holds, by table, every record the merge changed or deleted exactly as it was
    stored; ``after`` the revision each record had once the merge was written (a record
    still at it is put back byte for byte; one edited since keeps the edited fields);
    ``created`` the records the merge added; ``merged`` the kept contact as merged.
    """

    keep_id: str
    other_id: str
    keep_name: Text(NAME_MAX) = ""
    other_name: Text(NAME_MAX) = ""
    fields: list[str] = Field(default_factory=list)  # fields that took the other's value
    moved: dict[str, int] = Field(default_factory=dict)  # what moved, counted by kind
    before: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)
    after: dict[str, dict[str, int]] = Field(default_factory=dict)
    created: dict[str, list[str]] = Field(default_factory=dict)
    merged: dict[str, Any] = Field(default_factory=dict)  # the kept contact as merged
    undone_at: datetime | None = None


class KeptApart(Record):
    """Two contacts the user said are different people: never suggested as one again."""

    a_id: str
    b_id: str


FIELD_LABELS = {
    "full_name": "Name",
    "organization": "Organization",
    "title": "Title",
    "position_since": "In this position since",
    "previous_employers": "Previous employers",
    "education": "Education",
    "linkedin_url": "LinkedIn URL",
    "bio_url": "Company bio URL",
    "website": "Personal website",
    "email": "Email",
    "reason": "Compelling reason",
    "common_ground": "Common ground",
    "notes": "Notes",
    "tags": "Tags",
    "field": "Field",
    "ideal_days": "Ideal gap",
    "max_days": "Longest gap",
    "on": "Date",
    "note": "Note",
}


def field_label(name: str) -> str:
    """Return how the app names a record's field: "linkedin_url" -> "LinkedIn URL"."""
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def friendly_errors(exc: Exception) -> list[str]:
    """Turn a pydantic ValidationError into short sentences naming each field."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return [str(exc)]
    out = []
    for err in errors():
        loc = err.get("loc") or ("value",)
        name = str(loc[0])
        label = field_label(name)
        msg = str(err.get("msg", "is not valid"))
        if err.get("type") == "string_unicode":
            msg = "contains characters that cannot be saved (invalid Unicode)"
        msg = msg.removeprefix("Value error, ")
        msg = msg.replace("String should have at most", "must be at most")
        msg = msg.replace("List should have at most", "can have at most")
        out.append(f"{label}: {msg}")
    return out


def too_long_message(text: str, limit: int) -> str | None:
    """Return what to say when a text is past its limit (None when it fits).

    Long boxes take a paste of any length and say this under it, rather than refusing the
    paste without a word as a box with a hard limit does.
    """
    extra = len(text or "") - limit
    if extra <= 0:
        return None
    return (
        f"This text has {len(text):,} characters, {extra:,} more than the {limit:,} it can "
        "hold. All of it is still in the box: shorten it there, then save."
    )
