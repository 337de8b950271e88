"""Step 4 · Plan questions: a few good questions that fit the call, and a sheet to take along."""

from datetime import date

import streamlit as st

from infoview.questions import default_call_minutes, plan_call, plan_focus
from infoview.ui import page_setup, pages
from infoview.ui.comments_ui import coach_questions, plan_comments
from infoview.ui.kept import show_problem
from infoview.ui.picker import require_contact
from infoview.ui.question_bank_ui import question_bank
from infoview.ui.questions_ui import (
    PAGE,
    call_length,
    custom_question,
    duplicates_note,
    edit_switch,
    load_plan,
    over_time,
    plan_editor,
    prep_sheet,
    suggested_plan,
    time_budget,
    who_and_why,
)
from infoview.ui.steps import step_link

TABS = ["Your plan", "Question bank", "Prep sheet"]
TAB_KEY = "qp_tab"

store = page_setup(pages.QUESTIONS)

st.title("4 · Plan questions")
st.caption(
    "A short call goes fast. Pick a handful of questions, put them in a sensible order, fit "
    "them into the minutes you were given, and take a prep sheet along."
)

contact = require_contact(
    store,
    "qp_picker",
    nobody="There is nobody to plan a call with yet. Start by researching a contact.",
    choose="Choose the person you are preparing for. Your plan is saved with them.",
)
if contact is None:
    st.stop()

today = date.today()
who_and_why(contact, today)
show_problem(PAGE)

plan = load_plan(store, contact)
plan_comments(store, plan.id)
asks = store.by_contact("outreach").get(contact.id, [])
fit = plan_call(
    plan.items, plan.minutes, plan.referral_removed, focus=plan_focus(contact.reason, asks)
)

top = st.columns([1, 2], vertical_alignment="bottom")
with top[0]:
    call_length(store, plan, default_call_minutes(asks) if asks else None)
with top[1]:
    time_budget(fit)
over_time(store, plan, fit)
duplicates_note(fit)

# Lazy tabs: only the open one runs and reaches the browser. The time budget above stays in
# sight from every tab, so adding from the bank shows at once how the call fills up.
plan_tab, bank_tab, sheet_tab = st.tabs(TABS, key=TAB_KEY, on_change="rerun")
if plan_tab.open:
    with plan_tab:
        with st.container(horizontal=True, vertical_alignment="center"):
            suggested_plan(store, plan, contact.sector.value)
            editing = edit_switch()
        plan_editor(store, plan, fit, editing)
        custom_question(store, plan)
        coach_questions(store, plan)
if bank_tab.open:
    with bank_tab:
        question_bank(store, plan, contact.sector.value)
if sheet_tab.open:
    with sheet_tab:
        prep_sheet(store, contact, plan, fit, today)

step_link(pages.CONVERSATIONS, contact.id, "Next: log the conversation →")
