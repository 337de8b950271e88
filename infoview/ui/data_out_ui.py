"""The Your data page's ways out: export files, a backup to download, delete all, delete account."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import NamedTuple

import streamlit as st

from infoview.figures import home_numbers
from infoview.io.backup import (
    export_json,
)
from infoview.io.csv_export import contacts_to_csv
from infoview.io.describe import (
    deletion_summary,
)
from infoview.io.vcard import contacts_to_vcard
from infoview.models import Contact
from infoview.store import TABLES, Store, StoreError
from infoview.ui.data_ui import show_error
from infoview.ui.setup import flash
from infoview.ui.text import md, md_join
from infoview.wording import counted


# --------------------------------------------------------------------------------- export
def export_section(store: Store, today: date) -> None:
    """Offer everything as a JSON backup, and the contacts as CSV and vCard, built on click."""
    contacts = store.count(Contact)
    figs = home_numbers(store)[0]
    # Exports hold archived people too; say so, since Home counts only active ones.
    held = md(" ({:,} archived included)", figs.archived) if figs.archived else ""
    stamp = today.isoformat()
    json_box, csv_box, vcf_box = st.columns(3)
    with json_box.container(border=True):
        st.markdown("**Everything** · JSON backup")
        st.caption(
            "Every record exactly as stored: the lossless format. Restore it here, or "
            "on another computer."
        )
        backup_button(store, today, key="dt_export_json")
    for box, kind in zip((csv_box, vcf_box), _CONTACT_FILES, strict=True):
        with box.container(border=True):
            st.markdown(kind.heading)
            st.caption(kind.caption)
            st.download_button(
                md("Download {} as {}{}", counted(contacts, "contact"), kind.name, held),
                data=partial(_contacts_file, store, kind.convert),
                file_name=f"infoview-contacts-{stamp}.{kind.ending}",
                mime=kind.mime,
                on_click="ignore",
                icon=kind.icon,
                key=f"dt_export_{kind.ending}",
                disabled=not contacts,
                width="stretch",
            )


class _ContactFile(NamedTuple):
    """A file of the contacts alone, as the Export tab offers it."""

    name: str
    heading: str
    caption: str
    convert: Callable[[list[Contact]], str]
    ending: str
    mime: str
    icon: str


_CONTACT_FILES = (
    _ContactFile(
        "CSV",
        "**Contacts** · CSV for spreadsheets",
        "Opens safely in Excel, Numbers or Sheets (cells that could run as formulas "
        "are defused). Keep the JSON backup too: CSV leaves out your asks and talks.",
        contacts_to_csv,
        "csv",
        "text/csv",
        ":material/table:",
    ),
    _ContactFile(
        "vCard",
        "**Contacts** · vCard",
        "For a phone or mail app: name, organization, title, email, links, notes.",
        contacts_to_vcard,
        "vcf",
        "text/vcard",
        ":material/contact_page:",
    ),
)


def _contacts_file(store: Store, convert: Callable[[list[Contact]], str]) -> str:
    """Every contact, archived ones too, in the format ``convert`` writes."""
    return convert(store.contacts(include_archived=True))


def backup_button(store: Store, today: date, key: str, label: str = "Download JSON backup"):
    """Draw a download button for the JSON backup; it is built only when clicked."""
    st.download_button(
        label,
        data=lambda: export_json(store),
        file_name=f"infoview-backup-{today.isoformat()}.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
        key=key,
        width="stretch",
    )


# ---------------------------------------------------------------------------- delete all
def _typed_consent(form: str, key: str, phrase: str, button: str, icon: str) -> bool:
    """Draw a form that asks for ``phrase`` to be typed; return True once it was submitted so."""
    with st.form(form, clear_on_submit=True, border=True):
        typed = st.text_input(md("Type {} to confirm", phrase), key=key)
        go = st.form_submit_button(button, type="primary", icon=icon)
    if not go:
        return False
    if typed.strip() != phrase:
        st.error(md("Nothing was deleted. To confirm, type {} in capital letters.", phrase))
        return False
    return True


def delete_section(store: Store, demo: bool, today: date) -> None:
    """Delete every record after a backup is offered and DELETE is typed."""
    counts = {table: store.count(table) for table in TABLES}
    if not any(counts.values()):
        st.info("There is nothing to delete: your data is empty.")
        return
    st.markdown(
        "**Keep a copy first.** Once deleted, your data cannot be brought back from this page."
    )
    with st.columns([1, 2])[0]:
        backup_button(store, today, key="dt_delete_backup", label="Download a JSON backup first")
    st.warning(
        md(
            "Deleting everything removes:\n{}",
            md_join("\n", (md("- {}", phrase) for phrase in deletion_summary(counts))),
        ),
        icon=":material/delete:",
    )
    if not demo and store.backup_dir is not None:
        st.caption(
            md(
                "As a safety net, InfoView first copies the file to its backups folder "
                "({}). To leave nothing behind, delete that folder "
                "too afterwards.",
                store.backup_dir,
            )
        )
    if not _typed_consent(
        "dt_delete_all",
        "dt_delete_typed",
        "DELETE",
        "Delete all my data",
        ":material/delete_forever:",
    ):
        return
    try:
        store.delete_everything()
    except StoreError as exc:
        show_error("Nothing was deleted", exc)
        return
    flash("All your data is deleted.", icon="🗑️")
    st.rerun()


def delete_account_section(store: Store, today: date) -> None:
    """Delete the signed-in user's account and every record of theirs, after typed consent.

    Only a hosted store holds an account; with any other store there is nothing to show.
    """
    from infoview.pg_store import PgStore
    from infoview.ui.hosted import sign_out

    if not isinstance(store, PgStore):
        return
    st.divider()
    st.markdown("## Delete my account")
    st.markdown(
        "This removes your account and everything you saved in this InfoView, then signs "
        "you out. Signing in again later starts with an empty network."
    )
    with st.columns([1, 2])[0]:
        backup_button(store, today, key="dt_account_backup", label="Download a JSON backup first")
    if not _typed_consent(
        "dt_delete_account",
        "dt_account_typed",
        "DELETE MY ACCOUNT",
        "Delete my account and all my data",
        ":material/person_remove:",
    ):
        return
    try:
        store.delete_account()
    except StoreError as exc:
        show_error("Nothing was deleted", exc)
        return
    sign_out()
