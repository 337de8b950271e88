"""A contact's stage: derived from its records, the furthest reached, a decline ends it."""

from __future__ import annotations

from datetime import date

import pytest

from infoview.models import AskStatus, Contact, Conversation, Outreach
from infoview.pipeline import STAGE_LABELS, Stage, contact_stage, is_declined
from infoview.research import ContactFilter, contact_stages, filter_contacts, search_key

DAY = date(2026, 3, 2)


def _ask(contact: Contact, status: AskStatus) -> Outreach:
    sent = None if status == AskStatus.DRAFT else DAY
    return Outreach(contact_id=contact.id, status=status, sent_on=sent, subject="A question")


def _talk(contact: Contact, thanked: bool = False) -> Conversation:
    return Conversation(
        contact_id=contact.id, happened_on=DAY, thank_you_sent_on=DAY if thanked else None
    )


ANA = Contact(full_name="Ana Ruiz")
RESEARCHED = ANA.model_copy(update={"reason": "She moved from the bench to policy."})


@pytest.mark.parametrize(
    ("contact", "statuses", "talks", "referrals", "stage"),
    [
        (ANA, [], [], 0, Stage.CONNECTED),
        (ANA.model_copy(update={"reason": "   "}), [], [], 0, Stage.CONNECTED),
        (RESEARCHED, [], [], 0, Stage.RESEARCHED),
        (RESEARCHED, [AskStatus.DRAFT], [], 0, Stage.RESEARCHED),
        (RESEARCHED, [AskStatus.SENT], [], 0, Stage.ASKED),
        (RESEARCHED, [AskStatus.NO_REPLY], [], 0, Stage.ASKED),
        (RESEARCHED, [AskStatus.REPLIED], [], 0, Stage.REPLIED),
        (RESEARCHED, [AskStatus.DECLINED], [], 0, Stage.REPLIED),
        (RESEARCHED, [AskStatus.REPLIED], [False], 0, Stage.MET),
        (RESEARCHED, [AskStatus.REPLIED], [True], 0, Stage.THANKED),
        (RESEARCHED, [AskStatus.REPLIED], [True], 2, Stage.GAVE_REFERRALS),
        # The furthest stage counts, even when an earlier step was never recorded.
        (ANA, [], [False], 0, Stage.MET),
        (ANA, [], [False], 1, Stage.GAVE_REFERRALS),
        # Someone naming them as a referrer is not a referral they gave: no call happened.
        (ANA, [], [], 1, Stage.CONNECTED),
        (RESEARCHED, [AskStatus.REPLIED], [], 3, Stage.REPLIED),
        (RESEARCHED, [AskStatus.DRAFT, AskStatus.REPLIED], [], 0, Stage.REPLIED),
    ],
)
def test_every_stage_is_derived_from_the_records(contact, statuses, talks, referrals, stage):
    asks = [_ask(contact, s) for s in statuses]
    held = [_talk(contact, thanked) for thanked in talks]
    assert contact_stage(contact, asks, held, referrals) is stage


def test_a_scheduled_call_that_has_not_happened_is_not_a_meeting():
    upcoming = Conversation(contact_id=RESEARCHED.id)
    sent = [_ask(RESEARCHED, AskStatus.REPLIED)]
    assert contact_stage(RESEARCHED, sent, [upcoming]) is Stage.REPLIED


def test_a_decline_ends_the_pipeline_unless_they_replied_after_all():
    declined = [_ask(RESEARCHED, AskStatus.DECLINED)]
    assert is_declined(declined)
    assert contact_stage(RESEARCHED, declined) is Stage.REPLIED
    assert not is_declined([*declined, _ask(RESEARCHED, AskStatus.REPLIED)])
    assert not is_declined([_ask(RESEARCHED, AskStatus.SENT)])
    assert not is_declined([])


def test_an_archived_contact_leaves_the_list_but_keeps_its_stage():
    archived = RESEARCHED.model_copy(update={"archived": True})
    other = Contact(full_name="Bo Chen", referred_by=archived.id)
    asks = {archived.id: [_ask(archived, AskStatus.REPLIED)]}
    talks = {archived.id: [_talk(archived, thanked=True)]}
    stages = contact_stages([archived, other], asks, talks)
    assert stages == {archived.id: Stage.GAVE_REFERRALS, other.id: Stage.CONNECTED}
    keys = {c.id: search_key(c) for c in (archived, other)}
    assert filter_contacts([archived, other], keys, stages, ContactFilter()) == [other]
    shown = filter_contacts([archived, other], keys, stages, ContactFilter(archived=True))
    assert shown == [archived]


def test_stages_are_ordered_and_each_has_a_label():
    assert sorted(Stage) == list(Stage)
    assert [s.label for s in Stage] == [STAGE_LABELS[s] for s in Stage]
    assert Stage.GAVE_REFERRALS > Stage.THANKED > Stage.MET > Stage.REPLIED > Stage.ASKED
