"""The Craft the ask step's draft in the session: loading, syncing, saving, and the callbacks.

The draft a user is writing is an AskDraft kept whole by ``infoview.ui.kept`` (in the bucket
``DRAFTS``, by contact), so it survives reruns and page switches; its widgets are a view of
it, filled from it on every run and read back with the latest typing. Every change that moves
the draft (regenerate, use a better date, save, status changes) runs in an ``on_click``
callback, before the widgets are drawn, which is the only moment Streamlit lets code set a
widget's value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import streamlit as st
from pydantic import ValidationError

from infoview.asks import (
    MAX_TOPICS,
    AskDraft,
    ask_details,
    draft_from_ask,
    fix_dates,
    has_unsaved_changes,
    latest_ask,
    regenerate,
    render_draft,
    restore_previous,
    suggest_template,
    template_options,
    to_outreach,
)
from infoview.dates import short_day
from infoview.models import (
    AskStatus,
    CallMode,
    Contact,
    Outreach,
    Profile,
    UserTemplate,
    friendly_errors,
    new_id,
    utcnow,
)
from infoview.reminders import ask_status_change
from infoview.store import StaleRecordError, Store, StoreError
from infoview.ui.kept import (
    forget_widgets,
    kept_values,
    report_problem,
    show_in_widgets,
    typed_in_widgets,
)
from infoview.ui.setup import flash
from infoview.user_templates import TemplateProblem

DRAFTS = "ask_drafts"
PAGE = "ask"  # the key prefix of the step's session state
STALE_KEY = "ask_stale"
STALE = (
    "This ask changed in another tab or program since you opened it, so your change was not "
    "saved. Your text is still here. Load the newer version to continue; you can then bring "
    "your own text back with “Bring back my edits”."
)


@dataclass(frozen=True)
class AskPage:
    """Everything the step's widgets read: the store, who, the user and today."""

    store: Store
    contact: Contact
    profile: Profile
    today: date
    referrer: str
    user_templates: dict[str, UserTemplate]

    def render(self, draft: AskDraft) -> tuple[str, str]:
        """Render the draft's template with its topics, minutes and mode."""
        details = ask_details(draft, self.referrer)
        return render_draft(
            draft.template, self.contact, self.profile, details, self.user_templates
        )


def ask_page(store: Store, contact: Contact, today: date) -> AskPage:
    """Gather what the page needs for one contact."""
    referrer = store.contact(contact.referred_by) if contact.referred_by else None
    templates = {t.id: t for t in store.all(UserTemplate)}
    return AskPage(
        store, contact, store.profile(), today, referrer.full_name if referrer else "", templates
    )


# ---------------------------------------------------------------- the draft in the session


def wkey(cid: str, name: str) -> str:
    return f"askw_{cid}_{name}"


def drafts() -> dict[str, AskDraft]:
    """Return the drafts being written in this session, by contact."""
    return kept_values(DRAFTS)


def session_draft(contact_id: str) -> AskDraft | None:
    """Return the draft the user is writing to a contact in this session, if any."""
    return drafts().get(contact_id)


def _fresh_or_none(page: AskPage, draft: AskDraft) -> tuple[str, str] | None:
    try:
        return page.render(draft)
    except (TemplateProblem, KeyError, ValueError):
        return None


def load_draft(page: AskPage) -> AskDraft:
    """Return a draft built from the contact's latest ask, or a new one."""
    saved = latest_ask(page.store.asks(page.contact.id))
    template, _ = suggest_template(page.contact, page.profile)
    if saved is None:
        return AskDraft(ask_id=new_id(), template=template)
    draft = draft_from_ask(saved, None, template)
    return draft_from_ask(saved, _fresh_or_none(page, draft), template)


def planned_day(page: AskPage, draft: AskDraft) -> date:
    """Return the day the draft is planned to go out: today unless a later day was chosen."""
    return draft.planned if draft.planned and draft.planned >= page.today else page.today


def shown(page: AskPage, draft: AskDraft) -> dict[str, Any]:
    """Return the draft as its widgets show it: widget key → value."""
    cid = page.contact.id
    return {
        **{wkey(cid, f"topic{i}"): draft.topics[i] for i in range(MAX_TOPICS)},
        wkey(cid, "minutes"): draft.minutes,
        wkey(cid, "mode"): CallMode(draft.mode).value,
        wkey(cid, "template"): draft.template,
        wkey(cid, "subject"): draft.subject,
        wkey(cid, "body"): draft.body,
        wkey(cid, "planned"): planned_day(page, draft),
    }


def sync_draft(page: AskPage, draft: AskDraft) -> AskDraft:
    """Copy what the user typed (the widgets' current values) into the draft."""
    typed, cid = typed_in_widgets(shown(page, draft)), page.contact.id
    planned = typed[wkey(cid, "planned")]
    if planned == planned_day(page, draft):
        planned = draft.planned  # the day shown by default is not a choice to save
    return replace(
        draft,
        topics=[typed[wkey(cid, f"topic{i}")] for i in range(MAX_TOPICS)],
        minutes=int(typed[wkey(cid, "minutes")]),
        mode=CallMode(typed[wkey(cid, "mode")]),
        template=typed[wkey(cid, "template")],
        subject=typed[wkey(cid, "subject")],
        body=typed[wkey(cid, "body")],
        planned=planned,
    )


def push_draft(page: AskPage, draft: AskDraft) -> None:
    """Keep the draft and show its values in the widgets (before they are drawn)."""
    show_in_widgets(shown(page, draft))
    drafts()[page.contact.id] = draft


def current_draft(page: AskPage) -> tuple[AskDraft, Outreach | None]:
    """Return the draft being written (with the latest typing) and its saved record, if any."""
    cid = page.contact.id
    draft = drafts().get(cid)
    saved = page.store.get(Outreach, draft.ask_id) if draft else None
    if draft is not None:
        if saved is None and draft.revision:
            draft = None  # deleted in another tab: start again from what is stored
        elif (
            saved is not None
            and saved.revision != draft.revision
            and (saved.status != AskStatus.DRAFT or not has_unsaved_changes(draft, saved))
        ):
            draft = None  # moved on elsewhere and nothing typed here would be lost
    if draft is None:
        forget_widgets(wkey(cid, ""))
        draft = load_draft(page)
        saved = page.store.get(Outreach, draft.ask_id)
    draft = sync_draft(page, draft)
    if draft.template not in template_options(list(page.user_templates.values())):
        draft = replace(draft, template=suggest_template(page.contact, page.profile)[0])
    return draft, saved


def save_ask(page: AskPage, record: Outreach, expected: int) -> Outreach | None:
    try:
        return page.store.save(record, expected_revision=expected)
    except StaleRecordError:
        report_problem(PAGE, "warning", STALE)
        st.session_state[STALE_KEY] = page.contact.id
    except StoreError as exc:
        report_problem(PAGE, "error", f"Not saved: {exc}")
    return None


def build_ask(page: AskPage, draft: AskDraft, saved: Outreach | None) -> Outreach | None:
    try:
        return to_outreach(draft, page.contact.id, saved, utcnow())
    except ValidationError as exc:
        report_problem(PAGE, "error", "Not saved: " + "; ".join(friendly_errors(exc)))
        return None


# ---------------------------------------------------------------- callbacks


def action(
    box: Any,
    page: AskPage,
    label: str,
    icon: str,
    name: str,
    callback: Callable[..., None],
    *args: Any,
    **kw: Any,
) -> None:
    """Draw a button that runs one of the draft's callbacks for this contact.

    Its key is ``ask_<name>_<contact id>``; the callback gets the page, then ``args``.
    """
    box.button(
        label,
        icon=icon,
        key=f"ask_{name}_{page.contact.id}",
        on_click=callback,
        args=(page, *args),
        **kw,
    )


def on_regenerate(page: AskPage) -> None:
    draft = sync_draft(page, drafts()[page.contact.id])
    try:
        fresh = page.render(draft)
    except (TemplateProblem, KeyError) as exc:
        report_problem(PAGE, "error", getattr(exc, "message", "That template is no longer there."))
        return
    push_draft(page, regenerate(draft, fresh))


def on_restore(page: AskPage) -> None:
    push_draft(page, restore_previous(sync_draft(page, drafts()[page.contact.id])))


def on_use_date(page: AskPage, day: date) -> None:
    push_draft(page, replace(sync_draft(page, drafts()[page.contact.id]), planned=day))


def on_save_draft(page: AskPage) -> None:
    draft = sync_draft(page, drafts()[page.contact.id])
    saved = page.store.get(Outreach, draft.ask_id)
    record = build_ask(page, draft, saved)
    stored = save_ask(page, record, draft.revision) if record else None
    if stored is not None:
        push_draft(page, replace(draft, revision=stored.revision))
        flash("Draft saved.")


def on_mark_sent(page: AskPage) -> None:
    draft = sync_draft(page, drafts()[page.contact.id])
    saved = page.store.get(Outreach, draft.ask_id)
    record = build_ask(page, draft, saved)
    if record is None:
        return
    sent_on = st.session_state.get(wkey(page.contact.id, "sent_on")) or page.today
    record = ask_status_change(record, AskStatus.SENT, utcnow(), on=sent_on)
    if save_ask(page, record, draft.revision) is not None:
        drafts().pop(page.contact.id, None)
        flash("Marked as sent on {}. Good luck!", short_day(sent_on, page.today), icon="📨")


def on_status(page: AskPage, ask: Outreach, status: AskStatus) -> None:
    on = st.session_state.get(f"ask_change_on_{ask.id}") or page.today
    if status == AskStatus.SENT and ask.sent_on is not None:
        on = None  # back to waiting: keep the day it really went out
    updated = ask_status_change(ask, status, utcnow(), on=on)
    if save_ask(page, updated, ask.revision) is not None:
        drafts().pop(page.contact.id, None)
        flash("Status: {}.", AskStatus(status).label.lower())


def on_fix_dates(page: AskPage, ask: Outreach) -> None:
    try:
        fixed = fix_dates(
            ask,
            st.session_state.get(f"ask_fix_sent_{ask.id}"),
            st.session_state.get(f"ask_fix_replied_{ask.id}"),
        )
    except ValueError as exc:
        report_problem(PAGE, "error", str(exc))
        return
    if save_ask(page, fixed, ask.revision) is not None:
        flash("Dates corrected.")


def on_delete_draft(page: AskPage, ask_id: str, stored: bool) -> None:
    if stored:
        try:
            page.store.delete(Outreach, ask_id)
        except StoreError as exc:
            report_problem(PAGE, "error", f"Not deleted: {exc}")
            return
    drafts().pop(page.contact.id, None)
    forget_widgets(wkey(page.contact.id, ""))
    flash("Draft deleted." if stored else "Draft discarded.", icon="🗑️")


def on_load_newer(page: AskPage) -> None:
    st.session_state.pop(STALE_KEY, None)
    mine = sync_draft(page, drafts()[page.contact.id])
    forget_widgets(wkey(page.contact.id, ""))
    newer = load_draft(page)
    push_draft(page, replace(newer, previous=(mine.subject, mine.body)))


def on_new_ask(page: AskPage) -> None:
    forget_widgets(wkey(page.contact.id, ""))
    template, _ = suggest_template(page.contact, page.profile)
    push_draft(page, AskDraft(ask_id=new_id(), template=template))
