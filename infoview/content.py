"""The content that ships as data files in ``infoview/data/``, loaded once and checked on load.

``sample_network.toml`` holds the fictional postdoc's network (built into records by
``infoview.demo``); ``question_bank.toml`` holds the question bank (used by
``infoview.questions``). The files sit inside the package, so they are found wherever the
package is imported from. A file that does not match its model stops the app at start-up with
pydantic's message naming the entry and field, rather than producing a half-built sample.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from infoview.models import AskStatus, CallMode, Contact, Profile, Sector, Source

DATA_DIR = Path(__file__).parent / "data"


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SampleContact(BaseModel):
    """A researched contact: Contact fields plus how to date and link them.

    ``joined`` is days ago, ``since`` months in the current position, ``domain`` the
    organisation's web domain (bio page and email), ``by`` the referrer's key, ``site`` whether
    they have a personal web site. Every other key must be a Contact field.
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    key: str
    full_name: str
    joined: int = Field(ge=0)
    since: int | None = Field(default=None, ge=0)
    domain: str | None = None
    by: str | None = None
    site: bool = False
    source: Source | None = None

    @model_validator(mode="after")
    def _only_contact_fields(self) -> Self:
        unknown = set(self.model_extra or {}) - set(Contact.model_fields)
        if unknown:
            raise ValueError(f"not Contact fields: {sorted(unknown)}")
        return self

    @property
    def fields(self) -> dict[str, Any]:
        """Return the keys that are Contact fields as they are."""
        return {"full_name": self.full_name, **(self.model_extra or {})}


class SampleAsk(_Spec):
    """An ask: sent / ended / drafted are days ago; ended is the reply, decline or "no reply"."""

    key: str
    status: AskStatus
    sent: int | None = None
    ended: int | None = None
    drafted: int | None = None
    planned: bool = False
    mode: CallMode = CallMode.PHONE
    minutes: int = 15
    topics: list[str]
    subject: str
    hook: str
    ask: str

    @model_validator(mode="after")
    def _days_fit_the_status(self) -> Self:
        if self.status == AskStatus.DRAFT and self.drafted is None:
            raise ValueError(f"{self.key}: a draft needs 'drafted'")
        if self.status != AskStatus.DRAFT and self.sent is None:
            raise ValueError(f"{self.key}: a sent ask needs 'sent'")
        ends = (AskStatus.REPLIED, AskStatus.DECLINED, AskStatus.NO_REPLY)
        if self.status in ends and self.ended is None:
            raise ValueError(f"{self.key}: an answered ask needs 'ended'")
        return self


class SampleNote(_Spec):
    question: str
    answer: str


class SampleTalk(_Spec):
    """A call held ``ago`` days ago; thanked / reported are days after it (absent: not yet)."""

    key: str
    ago: int = Field(ge=0)
    thanked: int | None = None
    reported: int | None = None
    notes: list[SampleNote]
    insights: str
    advice: str
    next: str
    reflection: str
    offered: list[str] = []


class SampleUpcoming(_Spec):
    """A call still to come, ``in_days`` ahead at hour:minute in the home time zone."""

    key: str
    in_days: int = Field(ge=0)
    hour: int = Field(ge=0, le=23)
    minute: int = Field(ge=0, le=59)


class SamplePlan(_Spec):
    key: str
    minutes: int
    items: list[tuple[str, float]]


class LinkedInPools(_Spec):
    first_names: list[str]
    last_names: list[str]
    organizations: list[str]
    titles: list[str]


class SampleNetwork(_Spec):
    """The whole sample network as written in ``sample_network.toml``."""

    seed: int
    linkedin_history: int = Field(ge=0)
    imported: int = Field(ge=0)
    home_timezone: str
    report_back_days: int
    who_else: str
    profile: dict[str, Any]
    contacts: list[SampleContact]
    asks: list[SampleAsk]
    talks: list[SampleTalk]
    upcoming: list[SampleUpcoming]
    plans: list[SamplePlan]
    linkedin: LinkedInPools

    @model_validator(mode="after")
    def _keys_name_known_records(self) -> Self:
        Profile.model_validate(self.profile)
        contacts = [c.key for c in self.contacts]
        if len(set(contacts)) != len(contacts):
            raise ValueError("two sample contacts share a key")
        asks = {a.key: a for a in self.asks}
        if len(asks) != len(self.asks):
            raise ValueError("two sample asks share a key")
        for key in [c.by for c in self.contacts if c.by] + list(asks):
            if key not in contacts:
                raise ValueError(f"{key!r} names no sample contact")
        for spec in [*self.talks, *self.upcoming, *self.plans]:
            if spec.key not in asks or asks[spec.key].ended is None:
                raise ValueError(f"{spec.key!r}: a call needs an answered ask")
        return self

    def contact(self, key: str) -> SampleContact:
        """Return the researched contact with this key."""
        return next(c for c in self.contacts if c.key == key)

    def ask(self, key: str) -> SampleAsk:
        """Return the ask written to the contact with this key."""
        return next(a for a in self.asks if a.key == key)

    def talk(self, key: str) -> SampleTalk:
        """Return the held conversation with the contact with this key."""
        return next(t for t in self.talks if t.key == key)


class BankQuestion(_Spec):
    """One question of the bank; no sectors means it suits every sector."""

    id: str
    category: str
    minutes: float = Field(gt=0)
    text: str
    sectors: list[Sector] = []


class QuestionBankFile(_Spec):
    questions: list[BankQuestion]

    @model_validator(mode="after")
    def _ids_and_texts_are_unique(self) -> Self:
        for name in ("id", "text"):
            values = [getattr(q, name) for q in self.questions]
            if len(set(values)) != len(values):
                raise ValueError(f"two bank questions share one {name}")
        return self


def _read(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


@cache
def sample_network() -> SampleNetwork:
    """Return the sample network's content, read and checked once per process."""
    return SampleNetwork.model_validate(_read("sample_network.toml"))


@cache
def question_bank_file() -> QuestionBankFile:
    """Return the question bank's content, read and checked once per process."""
    return QuestionBankFile.model_validate(_read("question_bank.toml"))
