"""How a user action ends on screen: done (a toast on the next run) or refused (why, here).

A button that changes the store ends the same way on every page: try the change; if a rule
or the store refuses it, say why where the button is and change nothing; else say it is done
in a toast (it survives ``st.rerun``) and run the page again from what is stored now. A form
whose values do not pass says every problem at once and saves nothing.

(An action refused inside a callback, where nothing can be drawn yet, is reported with
``ui.kept.report_problem`` instead.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st

from infoview.store import StoreError
from infoview.ui.text import Markdown, flash, md, md_join

T = TypeVar("T")


def attempt(
    action: Callable[[], T],
    done: str | Callable[[T], Markdown],
    *,
    icon: str = "✅",
    failed: str = "{}",
    errors: tuple[type[Exception], ...] = (StoreError,),
) -> None:
    """Run ``action``: refused, show ``md(failed, error)`` here; done, flash ``done`` and rerun.

    ``done`` is a fixed message, or builds one with ``md`` from the action's result (a count).
    Returns only when the action was refused.
    """
    try:
        result = action()
    except errors as exc:
        st.error(md(failed, exc))
        return
    flash("{}", done(result) if callable(done) else Markdown(done), icon=icon)
    st.rerun()


def not_saved(problems: Sequence[Any]) -> bool:
    """Say that nothing was saved and list every problem; return whether there was any."""
    if problems:
        st.error(
            md(
                "Nothing was saved. Please fix:\n\n{}",
                md_join("\n", (md("- {}", p) for p in problems)),
            )
        )
    return bool(problems)
