"""Share with a coach (the client's side): make a code, see who can see your data, revoke."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from urllib.parse import urlsplit, urlunsplit

import streamlit as st

from infoview.store import Store, StoreError
from infoview.ui import pages
from infoview.ui.text import md_escape, plain, say
from infoview.wording import counted

_CODE = "_infoview_share_code"  # the code made in this session: it is shown only here, once


def _pg(store: Store):
    """Return the store as a hosted user's store, or None outside hosted mode."""
    from infoview.pg_store import PgStore

    return store if isinstance(store, PgStore) else None


def invite_link(code: str) -> str | None:
    """Return a link that opens the Clients page with the code filled in, when the URL is known."""
    try:
        here = st.context.url
    except Exception:
        return None
    if not here:
        return None
    parts = urlsplit(here)
    base = parts.path.rsplit("/", 1)[0] if pages.DATA.url_path in parts.path else parts.path
    path = f"{base.rstrip('/')}/{pages.CLIENTS.url_path}"
    return urlunsplit((parts.scheme, parts.netloc, path, f"invite={code}", ""))


def _day(moment: datetime) -> str:
    return f"{moment:%d %B %Y}"


def report_buttons(store: Store, today: date) -> None:
    """Offer the one-page progress report, for a coach who is not on InfoView."""
    from infoview.progress_report import report_html, report_markdown

    st.markdown("**A progress report to send**")
    st.caption(
        "One page: your journey, asks and reply rate, conversations and what you learned. "
        "The web page prints well; the Markdown file pastes into an email or a document."
    )
    formats = (  # the button's label, how it is built, the file's ending, MIME type, icon
        ("Download the report (web page)", report_html, "html", "text/html", ":material/print:"),
        ("Download the report (Markdown)", report_markdown, "md", "text/markdown",
         ":material/description:"),
    )  # fmt: skip
    for column, (label, build, ending, mime, icon) in zip(st.columns(2), formats, strict=True):
        column.download_button(
            label,
            data=partial(build, store, today),
            file_name=f"infoview-progress-{today.isoformat()}.{ending}",
            mime=mime,
            on_click="ignore",
            icon=icon,
            key=f"share_report_{ending}",
            width="stretch",
        )


def share_section(store: Store, today: date) -> None:
    """Draw "Share with a coach": the local explanation, or codes, coaches and revoking."""
    from infoview.ui.data_out_ui import backup_button

    st.header("Share with a coach")
    client = _pg(store)
    if client is None:
        st.info(
            "Sharing your journey with a career coach inside InfoView needs the hosted "
            "version, where you and your coach each sign in. Here your data stays on this "
            "computer (or in this tab), so the way to share it is a backup file: download it "
            "and send it to your coach, who can open it in their own InfoView.",
            icon=":material/info:",
        )
        backup_button(store, today, key="share_backup", label="Download a backup to share")
        report_buttons(store, today)
        return

    from infoview import sharing

    st.markdown(
        "Your coach can read your story, contacts, asks, call plans and conversations, and "
        "leave comments on your ask drafts and call plans. They cannot change anything. "
        "Nothing is shared until you give a coach a code, and you can stop sharing at any time."
    )
    try:
        coaches = sharing.coaches_of(client)
        waiting = sharing.open_invitations(client)
    except StoreError as exc:
        say(st.error, "Sharing cannot be read right now: {}", exc)
        return

    made = st.session_state.get(_CODE)
    if st.button("Make an invitation code", icon=":material/key:", key="share_make"):
        try:
            invitation = sharing.create_invitation(client)
        except StoreError as exc:
            st.error(md_escape(exc))
        else:
            made = (invitation.code, invitation.expires_at)
            st.session_state[_CODE] = made
            waiting = sharing.open_invitations(client)
    if made:
        code, expires = made
        with st.container(border=True):
            say(
                st.markdown,
                "**Your code:** give it to your coach. It works once, for one coach, until "
                "{}. InfoView shows it only now.",
                _day(expires),
            )
            st.code(code, language=None)
            link = invite_link(code)
            if link:
                st.caption("Or send this link; your coach signs in and accepts it:")
                st.code(link, language=None, wrap_lines=True)
            else:
                st.caption("Your coach opens **Clients** in InfoView and types the code there.")

    st.markdown("**Who can see your data**")
    if not coaches:
        st.caption("Nobody: your data is yours alone.")
    for share in coaches:
        who, since, stop = st.columns([4, 3, 2], vertical_alignment="center")
        who.text(plain(share.name or "A coach without a name"))
        say(since.caption, "since {}", _day(share.since))
        if stop.button(
            "Stop sharing",
            key=f"share_revoke_{share.coach_id}",
            icon=":material/block:",
            width="stretch",
        ):
            try:
                sharing.revoke(client, share.coach_id)
            except StoreError as exc:
                st.error(md_escape(exc))
            else:
                from infoview.ui.setup import flash

                flash("{} can no longer see your data.", share.name or "That coach", icon="🔒")
                st.rerun()
    if waiting:
        left, right = st.columns([6, 2], vertical_alignment="center")
        say(
            left.caption,
            "{} still open (the last runs out {}).",
            counted(len(waiting), "unused code"),
            _day(waiting[-1]),
        )
        if right.button("Cancel unused codes", key="share_cancel", width="stretch"):
            try:
                sharing.cancel_invitations(client)
            except StoreError as exc:
                st.error(md_escape(exc))
            else:
                st.session_state.pop(_CODE, None)
                st.rerun()
    st.divider()
    report_buttons(store, today)
