"""Random sequences of user actions: after each one, every figure agrees with the records.

The machine plays add, edit, archive, restore, delete, send an ask, record a reply, log, move
and delete a conversation, thank, add referrals, import and restore from a backup on a store,
as the pages do. After every step it recounts each figure Home, Network, Your data and a
contact's page would show straight from a freshly opened copy of the file (no caches), with
the definitions of docs/figures.md written out again here, and compares.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    rule,
)

from infoview.analytics import Filters
from infoview.conversations import delete_conversation, log_conversation, move_conversation
from infoview.figures import home_numbers
from infoview.io.backup import apply_restore, export_json, plan_restore, read_backup
from infoview.models import AskStatus, Contact, Conversation, Outreach
from infoview.next_steps import contact_next_step, stages_of
from infoview.pipeline import Stage
from infoview.store import Store
from infoview.ui import network_ui

DAY0 = date(2026, 1, 5)
SENT = {AskStatus.SENT, AskStatus.REPLIED, AskStatus.DECLINED, AskStatus.NO_REPLY}
ANSWERED = {AskStatus.REPLIED, AskStatus.DECLINED}
ALL = Filters()


def _oracle(path) -> dict:
    """Count every figure from a fresh copy of the file, as docs/figures.md defines them."""
    fresh = Store(path)
    people = fresh.contacts(include_archived=True)
    active = [c for c in people if not c.archived]
    ids = {c.id for c in active}
    asks = fresh.all("outreach")
    held = [c for c in fresh.all("conversations") if c.happened_on is not None]
    referrers = {c.referred_by for c in active if c.referred_by}
    return {
        "contacts": len(active),
        "archived": len(people) - len(active),
        "with_reason": sum(bool(c.reason.strip()) for c in active),
        "asks_sent": sum(a.status in SENT for a in asks),
        "replies": sum(a.status in ANSWERED for a in asks),
        "conversations": len(held),
        "referrals": sum(c.referred_by is not None for c in active),
        "funnel": [
            sum(bool(c.reason.strip()) for c in active),
            len({a.contact_id for a in asks if a.status in SENT} & ids),
            len({a.contact_id for a in asks if a.status in ANSWERED} & ids),
            len({c.contact_id for c in held} & ids),
            len({c.contact_id for c in held if c.thank_you_sent_on} & ids),
            len(referrers & ids),
        ],
        "met": {c.contact_id for c in held},
        "records": fresh.export_data(),
    }


class FiguresAgree(RuleBasedStateMachine):
    """A user clicking around; the invariant is that no two figures disagree."""

    contacts = Bundle("contacts")
    asks = Bundle("asks")
    talks = Bundle("talks")

    def __init__(self) -> None:
        super().__init__()
        import tempfile
        from pathlib import Path

        self.folder = Path(tempfile.mkdtemp(prefix="infoview-figures-"))
        self.path = self.folder / "infoview.json"
        self.store = Store(self.path)
        self.day = DAY0
        self.snapshot: bytes | None = None

    def _tick(self) -> date:
        self.day += timedelta(days=1)
        return self.day

    # ------------------------------------------------------------------ contacts
    @initialize(target=contacts)
    def first_contact(self):
        return self.store.save(Contact(full_name="Ana Ruiz", reason="Your move to policy")).id

    @rule(target=contacts, reason=st.booleans(), sample=st.booleans())
    def add(self, reason, sample):
        return self.store.save(
            Contact(
                full_name=f"Person {self.store.count('contacts')}",
                reason="You run the lab I read about" if reason else "",
                joined_on=self._tick(),
                sample=sample,
            )
        ).id

    @rule(target=contacts, by=contacts)
    def add_referral(self, by):
        if self.store.contact(by) is None:
            return by
        return self.store.save(
            Contact(full_name="Suggested person", referred_by=by, joined_on=self._tick())
        ).id

    @rule(cid=contacts, reason=st.sampled_from(["", "Your talk on permits", "  "]))
    def edit_reason(self, cid, reason):
        contact = self.store.contact(cid)
        if contact is not None:
            # As the form does: the edited record is validated (and its text trimmed).
            edited = Contact.model_validate({**contact.model_dump(), "reason": reason})
            self.store.save(edited, contact.revision)

    @rule(cid=contacts)
    def archive_or_restore(self, cid):
        contact = self.store.contact(cid)
        if contact is not None:
            flipped = contact.model_copy(update={"archived": not contact.archived})
            self.store.save(flipped, contact.revision)

    @rule(cid=consumes(contacts))
    def delete(self, cid):
        self.store.delete_contact(cid)

    @rule(target=contacts, n=st.integers(1, 3))
    def import_people(self, n):
        people = [
            Contact(full_name=f"Imported {i}", source="linkedin", joined_on=self._tick())
            for i in range(n)
        ]
        self.store.save_many(people)
        return people[0].id

    # ------------------------------------------------------------------ asks
    @rule(target=asks, cid=contacts)
    def send_ask(self, cid):
        if self.store.contact(cid) is None:
            return ""
        ask = Outreach(contact_id=cid, status=AskStatus.SENT, sent_on=self._tick())
        return self.store.save(ask).id

    @rule(aid=asks, status=st.sampled_from([AskStatus.REPLIED, AskStatus.DECLINED]))
    def record_reply(self, aid, status):
        ask = self.store.get("outreach", aid)
        if ask is not None:
            self.store.save(
                ask.model_copy(update={"status": status, "replied_on": self._tick()}),
                ask.revision,
            )

    # ------------------------------------------------------------------ conversations
    @rule(target=talks, cid=contacts, referrals=st.integers(0, 2))
    def log(self, cid, referrals):
        if self.store.contact(cid) is None:
            return ""
        day = self._tick()
        people = [
            Contact(full_name=f"Met through {cid[:4]}", referred_by=cid, joined_on=day)
            for _ in range(referrals)
        ]
        talk = Conversation(contact_id=cid, happened_on=day)
        return log_conversation(self.store, talk, people, expected_revision=None).id

    @rule(tid=talks)
    def thank(self, tid):
        talk = self.store.get("conversations", tid)
        if talk is not None:
            self.store.save(talk.model_copy(update={"thank_you_sent_on": self.day}), talk.revision)

    @rule(tid=talks, to=contacts)
    def move(self, tid, to):
        talk = self.store.get("conversations", tid)
        if talk is None or self.store.contact(to) is None or to == talk.contact_id:
            return
        given = [c.id for c in self.store.contacts(True) if c.referred_by == talk.contact_id]
        move_conversation(self.store, talk, to, given[:1], expected_revision=talk.revision)

    @rule(tid=consumes(talks))
    def delete_talk(self, tid):
        if tid:
            delete_conversation(self.store, tid)

    # ------------------------------------------------------------------ backups
    @rule()
    def take_backup(self):
        self.snapshot = export_json(self.store)

    @rule(mode=st.sampled_from(["replace", "merge"]))
    def restore_backup(self, mode):
        if self.snapshot is not None:
            apply_restore(self.store, plan_restore(read_backup(self.snapshot), self.store, mode))

    # ------------------------------------------------------------------ the check
    @invariant()
    def every_figure_agrees(self):
        truth = _oracle(self.path)
        figs, journey = home_numbers(self.store)
        shown = {
            "contacts": figs.contacts,
            "archived": figs.archived,
            "with_reason": figs.with_reason,
            "asks_sent": figs.asks_sent,
            "replies": figs.replies,
            "conversations": figs.conversations,
            "referrals": figs.referrals,
        }
        assert shown == {k: truth[k] for k in shown}
        # Home's journey cards say the same numbers.
        assert (journey.contacts, journey.researched) == (truth["contacts"], truth["with_reason"])
        assert (journey.asks_sent, journey.conversations) == (
            truth["asks_sent"],
            truth["conversations"],
        )
        # Network: the funnel, the growth size, replies and activity.
        funnel = network_ui.funnel_view(self.store, ALL)
        if not funnel.summary.empty:
            assert funnel.summary.numbers()["Researched"] == truth["funnel"][0]
            assert funnel.summary.numbers()["Gave referrals"] == truth["funnel"][-1]
            steps = funnel.summary.caption.split("happened:")[-1].split(".")[0].split(",")
            assert [int(step.split()[-1].replace(",", "")) for step in steps] == truth["funnel"]
        growth = network_ui.growth_view(self.store, ALL, "W")
        if truth["contacts"]:
            assert growth.summary.numbers()["Contacts"] == truth["contacts"]
        replies = network_ui.replies_view(self.store, ALL)
        if truth["asks_sent"]:
            assert replies.summary.numbers()["Asks sent"] == truth["asks_sent"]
        activity = network_ui.activity_view(self.store, ALL)
        if not activity.summary.empty:
            numbers = activity.summary.numbers()
            assert numbers.get("Asks sent", 0) == truth["asks_sent"]
            assert numbers.get("Conversations held", 0) == truth["conversations"]
        # Your data: what the exports hold is what the store holds.
        assert self.store.export_data() == truth["records"]
        # A contact's page: the stage never claims more than the records back.
        stages = stages_of(self.store)
        asks = self.store.by_contact("outreach")
        plans = self.store.by_contact("plans")
        talks = self.store.by_contact("conversations")
        for contact in self.store.contacts(include_archived=True):
            stage = stages.get(contact.id, Stage.CONNECTED)
            if stage >= Stage.MET:
                assert contact.id in truth["met"]
            step = contact_next_step(
                stage, asks.get(contact.id, []), plans.get(contact.id, []),
                talks.get(contact.id, []), contact,
            )  # fmt: skip
            named = step.query(contact.id).get("conversation")
            if named:
                assert self.store.get("conversations", named).contact_id == contact.id
            if contact.archived:
                assert step.label.startswith("Restore")


FiguresAgree.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_figures_agree_after_any_sequence_of_actions = FiguresAgree.TestCase
