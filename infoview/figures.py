"""One definition per number: what Home, Network, Your data and a contact's page count.

docs/figures.md says the same in words; each figure's help text on screen is taken from
``HELP`` here, so the page and the document cannot drift apart.

- Contacts are counted when not archived; archived ones are counted apart and named beside
  the figure ("359 active · 1 archived"). Sample contacts count like the user's own.
- Events (asks sent, replies, conversations, thank-yous) are counted as records, whoever they
  concern: an archived contact's history stays history.
- The funnel counts contacts, each bar the contacts for whom that thing happened.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from infoview.models import CallPlan, Contact, Conversation, Outreach, Profile
from infoview.pipeline import is_answered, is_sent
from infoview.store import Store
from infoview.story import story_progress

HELP = {
    "contacts": "People in your network who are not archived. Archived people are counted apart.",
    "with_reason": "Contacts (not archived) with a compelling reason to talk written down.",
    "asks_sent": "Asks marked as sent, whatever happened next (a reply, a no, or nothing).",
    "replies": "Sent asks that got an answer: a yes or a no.",
    "conversations": "Conversations that happened (logged with the day you talked).",
    "thanked": "Conversations whose thank-you note was marked as sent.",
    "referrals": "Contacts (not archived) someone in your network suggested to you.",
}

# The funnel's bars, in order (see ``milestones`` for what each one counts).
MILESTONES = (
    "Researched",
    "Asked",
    "Replied",
    "Met",
    "Thanked",
    "Gave referrals",
)


@dataclass(frozen=True)
class Figures:
    """The headline numbers, each defined once (see HELP)."""

    contacts: int
    archived: int
    with_reason: int
    asks_sent: int
    replies: int
    conversations: int
    thanked: int
    referrals: int

    @property
    def contacts_text(self) -> str:
        """Return the contact count, naming the archived ones when there are any."""
        if not self.archived:
            return f"{self.contacts:,}"
        return f"{self.contacts:,} active · {self.archived:,} archived"


def figures(
    contacts: Iterable[Contact], asks: Iterable[Outreach], conversations: Iterable[Conversation]
) -> Figures:
    """Count the headline numbers from the records."""
    contacts = list(contacts)
    active = [c for c in contacts if not c.archived]
    asks = list(asks)
    held = [c for c in conversations if c.happened_on is not None]
    return Figures(
        contacts=len(active),
        archived=len(contacts) - len(active),
        with_reason=sum(bool(c.reason.strip()) for c in active),
        asks_sent=sum(map(is_sent, asks)),
        replies=sum(map(is_answered, asks)),
        conversations=len(held),
        thanked=sum(c.thank_you_sent_on is not None for c in held),
        referrals=sum(c.referred_by is not None for c in active),
    )


def milestones(
    contacts: Iterable[Contact],
    asks: Iterable[Outreach],
    conversations: Iterable[Conversation],
    network: Iterable[Contact] = (),
) -> dict[str, set[str]]:
    """Return, for each funnel bar, the ids of the given contacts it counts.

    A contact is in "Asked" when an ask to them was sent, "Replied" when one was answered,
    "Met" when a conversation with them happened, "Thanked" when a thank-you for one was
    sent, "Gave referrals" when someone in ``network`` (the active contacts) was suggested by
    them. Each bar counts what it says: reaching one step does not count a contact in others.
    """
    contacts = list(contacts)
    ids = {c.id for c in contacts}
    reached: dict[str, set[str]] = {name: set() for name in MILESTONES}
    reached["Researched"] = {c.id for c in contacts if c.reason.strip()}
    for ask in asks:
        if ask.contact_id in ids:
            if is_sent(ask):
                reached["Asked"].add(ask.contact_id)
            if is_answered(ask):
                reached["Replied"].add(ask.contact_id)
    for conv in conversations:
        if conv.contact_id in ids and conv.happened_on is not None:
            reached["Met"].add(conv.contact_id)
            if conv.thank_you_sent_on is not None:
                reached["Thanked"].add(conv.contact_id)
    reached["Gave referrals"] = referrers(c for c in network if not c.archived) & ids
    return reached


def referrers(contacts: Iterable[Contact]) -> set[str]:
    """Return the ids of contacts who suggested at least one other contact."""
    return {c.referred_by for c in contacts if c.referred_by}


def _suggester(contact: Contact) -> str | None:
    return contact.referred_by or None


def suggested_by(store: Store) -> dict[str, frozenset[str]]:
    """Return the ids of the people each contact suggested (archived ones too), by the
    suggester's id; kept on the store across changes and redone only for the contacts that
    changed, so asking "who introduced anyone?" does not walk every contact."""
    return store.grouped_records("suggested_by", None, Contact, _suggester)


# ------------------------------------------------------------------ Home's progress
@dataclass(frozen=True)
class Journey:
    """How far the user is in the five steps overall."""

    story_done: int
    story_total: int
    contacts: int
    researched: int
    asks_sent: int
    plans: int
    conversations: int


def journey(
    profile: Profile,
    contacts: Iterable[Contact],
    asks: Iterable[Outreach],
    plans: Iterable[CallPlan],
    conversations: Iterable[Conversation],
) -> Journey:
    """Return the user's progress through the five steps."""
    parts = story_progress(profile)
    figs = figures(contacts, asks, conversations)  # one definition per number
    return Journey(
        story_done=sum(done for _, done in parts),
        story_total=len(parts),
        contacts=figs.contacts,
        researched=figs.with_reason,
        asks_sent=figs.asks_sent,
        plans=sum(bool(p.items) for p in plans),
        conversations=figs.conversations,
    )


def home_numbers(store: Store) -> tuple[Figures, Journey]:
    """Return Home's figures and journey, memoised until the data changes."""

    def build() -> tuple[Figures, Journey]:
        contacts = store.contacts(include_archived=True)
        asks = store.asks()
        convs = store.conversations()
        return (
            figures(contacts, asks, convs),
            journey(store.profile(), contacts, asks, store.plans(), convs),
        )

    return store.cached(("home_numbers",), build)


def is_empty(store: Store) -> bool:
    """Return True for a first visit: no contacts, no saved profile, nothing else."""
    return all(store.count(kind) == 0 for kind in (Contact, Profile, Outreach, Conversation))
