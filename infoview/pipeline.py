"""A contact's stage in the pipeline, derived from its records and never stored."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from infoview.models import AskStatus, Contact, Conversation, Outreach


class Stage(IntEnum):
    """The pipeline's stages in order; a contact's stage is the furthest it reached."""

    CONNECTED = 0
    RESEARCHED = 1
    ASKED = 2
    REPLIED = 3
    MET = 4
    THANKED = 5
    GAVE_REFERRALS = 6

    @property
    def label(self) -> str:
        """The stage as the app shows it."""
        return STAGE_LABELS[self]


STAGE_LABELS = {
    Stage.CONNECTED: "Connected",
    Stage.RESEARCHED: "Researched",
    Stage.ASKED: "Asked",
    Stage.REPLIED: "Replied",
    Stage.MET: "Met",
    Stage.THANKED: "Thanked",
    Stage.GAVE_REFERRALS: "Gave referrals",
}

# An ask counts as sent once marked sent, whatever happened next; as answered on a yes or a no.
SENT_STATUSES = frozenset(
    {AskStatus.SENT, AskStatus.REPLIED, AskStatus.DECLINED, AskStatus.NO_REPLY}
)
ANSWERED_STATUSES = frozenset({AskStatus.REPLIED, AskStatus.DECLINED})


def is_sent(ask: Outreach) -> bool:
    """True for an ask that went out (replied, declined or unanswered since)."""
    return ask.status in SENT_STATUSES


def is_answered(ask: Outreach) -> bool:
    """True for an ask that got an answer, a yes or a no."""
    return ask.status in ANSWERED_STATUSES


def contact_stage(
    contact: Contact,
    asks: Iterable[Outreach] = (),
    conversations: Iterable[Conversation] = (),
    referrals_given: int = 0,
) -> Stage:
    """Return the furthest stage a contact has reached."""
    stage = Stage.RESEARCHED if contact.reason.strip() else Stage.CONNECTED
    asks = list(asks)
    if any(map(is_sent, asks)):
        stage = Stage.ASKED
    if any(map(is_answered, asks)):
        stage = Stage.REPLIED
    held = [c for c in conversations if c.happened_on is not None]
    if held:
        stage = Stage.MET
        if any(c.thank_you_sent_on is not None for c in held):
            stage = Stage.THANKED
    # People suggested in a conversation: without one held, the referrals (typed elsewhere or
    # left behind when a conversation moved) do not make a stage the records cannot back.
    if referrals_given > 0 and held:
        stage = Stage.GAVE_REFERRALS
    return stage


def is_declined(asks: Iterable[Outreach]) -> bool:
    """True when the contact declined and nothing later happened: the pipeline ends there."""
    statuses = [a.status for a in asks]
    return AskStatus.DECLINED in statuses and AskStatus.REPLIED not in statuses
