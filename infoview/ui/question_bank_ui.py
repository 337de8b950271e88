"""The Plan questions step's question bank: search, filter, a page at a time, add to the plan."""

from __future__ import annotations

import streamlit as st

from infoview.models import CallPlan
from infoview.questions import (
    CATEGORIES,
    CATEGORY_LABELS,
    is_referral,
    search_questions,
    suits_text,
    to_item,
)
from infoview.questions import Question as BankQuestion
from infoview.research import SECTOR_LABELS
from infoview.store import Store
from infoview.ui.questions_ui import on_referral_back, save_plan
from infoview.ui.text import md_escape
from infoview.wording import counted, number

_BANK_SHOWN = "qp_bank_shown"
BANK_PAGE = 10

# ---------------------------------------------------------------- the bank


def _on_add(store: Store, plan: CallPlan, question: BankQuestion) -> None:
    if is_referral(to_item(question)):
        on_referral_back(store, plan)
        return
    items = [i for i in plan.items if not is_referral(i)] + [to_item(question)]
    save_plan(store, plan, items=items + [i for i in plan.items if is_referral(i)])


def _bank_signature(query: str, category: str | None, sector: str | None) -> tuple:
    return (" ".join(query.casefold().split()), category, sector)


def _show_more(signature: tuple, shown: int) -> None:
    st.session_state[_BANK_SHOWN] = (signature, shown + BANK_PAGE)


def bank_shown(signature: tuple) -> int:
    """Return how many matches to show: a page, more after "Show more", reset by new filters."""
    saved = st.session_state.get(_BANK_SHOWN)
    if saved and saved[0] == signature:
        return saved[1]
    st.session_state[_BANK_SHOWN] = (signature, BANK_PAGE)
    return BANK_PAGE


def question_bank(store: Store, plan: CallPlan, sector: str) -> None:
    """Browse the bank by kind and words a page at a time, and add questions to the plan."""
    cols = st.columns(2)
    category = cols[0].selectbox(
        "Kind",
        [None, *CATEGORIES],
        format_func=lambda c: "All kinds" if c is None else CATEGORY_LABELS[c],
        key="qp_bank_kind",
        persist_state="session",
    )
    query = cols[1].text_input(
        "Search", key="qp_bank_q", placeholder="e.g. hiring, résumé", persist_state="session"
    )
    sector_label = SECTOR_LABELS.get(sector, sector)
    only_sector = st.toggle(
        f"Only questions that suit {sector_label.lower()}",
        value=True,
        key="qp_bank_sector",
        persist_state="session",
    )
    chosen_sector = sector if only_sector else None
    found = search_questions(query, category, chosen_sector)
    signature = _bank_signature(query, category, chosen_sector)
    shown = bank_shown(signature)
    count = counted(len(found), "question")
    if len(found) > shown:
        count += f" · showing {number(shown)}"
    st.caption(count)
    in_plan = {item.question_id for item in plan.items if item.question_id}
    rev = f"{plan.id}_{plan.revision}"
    with st.container(border=True):
        if not found:
            st.caption("No question matches. Try other words or all kinds.")
        for question in found[:shown]:
            added = question.id in in_plan
            # One row, two elements: the wording with its kind, length and sectors, and a button.
            with st.container(horizontal=True, wrap=False, vertical_alignment="center"):
                st.markdown(
                    f"{md_escape(question.text)}  \n:gray[:small["
                    f"{CATEGORY_LABELS[question.category]} · {question.minutes:g} min · "
                    f"{suits_text(question)}]]",
                    width="stretch",
                )
                st.button(
                    ":material/check:" if added else ":material/add:",
                    key=f"qp_add_{rev}_{question.id}",
                    disabled=added,
                    on_click=_on_add,
                    args=(store, plan, question),
                )
        left = len(found) - shown
        if left > 0:
            st.button(
                f"Show {min(left, BANK_PAGE)} more",
                key="qp_bank_more",
                icon=":material/expand_more:",
                type="tertiary",
                on_click=_show_more,
                args=(signature, shown),
            )
