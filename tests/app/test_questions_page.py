"""The Plan questions page through Streamlit's AppTest."""

from __future__ import annotations

from infoview.models import CallPlan, Contact, Outreach, PlanItem
from infoview.questions import (
    QUESTIONS_BY_ID,
    REFERRAL,
    REFERRAL_ID,
    default_plan,
    format_mark,
    plan_call,
    search_questions,
    to_item,
)
from infoview.store import Store
from infoview.ui import pages
from infoview.ui.question_bank_ui import BANK_PAGE

PAGE = pages.QUESTIONS.path
HOSTILE = "![x](http://127.0.0.1:9/a.png) <script>alert(1)</script> **bold**"


def _button(at, prefix: str, suffix: str = ""):
    """Return the button whose key starts with prefix (and ends with suffix)."""
    found = [b for b in at.button if (b.key or "").startswith(prefix) and b.key.endswith(suffix)]
    assert found, f"no button {prefix}…{suffix}; have {[b.key for b in at.button]}"
    return found[0]


def _plan(data_dir, contact_id: str) -> CallPlan | None:
    plans = Store.in_dir(data_dir).by_contact("plans").get(contact_id, [])
    assert len(plans) <= 1
    return plans[0] if plans else None


def _progress(at) -> str:
    return at.get("progress")[0].proto.text


def _warnings(at) -> str:
    return "\n".join(w.value for w in at.warning)


def _texts(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def _researched(store, **extra) -> Contact:
    values = {
        "full_name": "Amara Okafor",
        "organization": "Office of Science Policy",
        "title": "Policy Analyst",
        "sector": "government",
        "reason": "She moved from a protein chemistry postdoc into policy.",
    }
    return store.save(Contact(**{**values, **extra}))


def test_without_contacts_the_page_points_to_research(app):
    at = app(PAGE)
    assert not at.exception
    assert "nobody to plan a call with" in at.info[0].value
    link = next(p.proto for p in at.get("page_link") if p.proto.label == "Go to 2 · Research")
    assert link.page == "Research"
    assert not at.get("download_button")


def test_without_a_chosen_contact_the_page_explains_and_offers_the_picker(app, store):
    _researched(store)
    at = app(PAGE)
    assert "Choose the person you are preparing for" in at.info[0].value
    assert at.selectbox[0].label == "Contact"
    assert not at.get("download_button")


def test_an_unknown_contact_in_the_address_is_explained(app, store):
    _researched(store)
    at = app(PAGE, contact="gone")
    assert "no longer exists" in _warnings(at)


def test_contact_from_the_address_shows_research_reason_escaped_and_the_asked_length(
    app, store, data_dir
):
    contact = _researched(store, reason=HOSTILE)
    store.save(Outreach(contact_id=contact.id, minutes=20))
    at = app(PAGE, contact=contact.id)
    assert not at.exception
    assert at.header[0].value == "Amara Okafor"
    # The research line and the reason share one element.
    why = next(m.value for m in at.markdown if "**Why you are talking:**" in m.value)
    assert "Policy Analyst at Office of Science Policy" in why.split("**Why")[0]
    assert "\\!\\[x\\]\\(http" in why and "&lt;script&gt;" in why and "\\*\\*bold" in why
    assert at.number_input(key=next(k for k in _keys(at) if k.startswith("qp_len_"))).value == 20
    # Only the referral question until the user chooses; nothing stored just by looking.
    assert REFERRAL.text in _texts(at)
    assert any("No questions of your own yet" in i.value for i in at.info)
    assert _plan(data_dir, contact.id) is None


def _tab(at, label: str):
    """Open one of the page's lazy tabs, as a click on it does."""
    at.session_state["qp_tab"] = label
    return at.run()


def _edit(at, on: bool = True):
    """Switch the plan between the timeline to read and the rows to edit."""
    at.toggle(key="qp_edit").set_value(on)
    return at.run()


def _keys(at) -> list[str]:
    return [w.key for w in at.number_input if w.key]


def test_build_a_plan_save_and_reopen(app, store, data_dir):
    contact = _researched(store, sector="industry")
    at = app(PAGE, contact=contact.id)

    _button(at, "qp_suggest_").click().run()
    plan = _plan(data_dir, contact.id)
    suggested = [i.question_id for i in default_plan("industry", 15)]
    assert [i.question_id for i in plan.items] == suggested
    assert plan.minutes == 15 and plan.revision == 1
    assert not any("No questions of your own yet" in i.value for i in at.info)

    # The bank is drawn only in its tab; the plan's rows are not drawn meanwhile.
    assert not [b for b in at.button if (b.key or "").startswith("qp_add_")]
    _tab(at, "Question bank")
    assert not [b for b in at.button if (b.key or "").startswith("qp_up_")]
    # trends-tools is past the bank's first page: search for it, as a user would.
    at.text_input(key="qp_bank_q").set_value("tools").run()
    _button(at, "qp_add_", "_trends-tools").click().run()
    plan = _plan(data_dir, contact.id)
    assert [i.question_id for i in plan.items][-2:] == ["trends-tools", REFERRAL_ID]
    assert _button(at, "qp_add_", "_trends-tools").disabled
    # The time budget above the tabs follows what was added.
    assert f"{plan_call(plan.items, 15).used_minutes:g} of 15 minutes" in _progress(at)

    _tab(at, "Your plan")
    assert not [t for t in at.text_input if t.label == "Your question"]  # drawn when opened
    at.session_state["qp_custom_open"] = True
    custom = at.run().text_input(key=f"qp_custom_{plan.id}")
    assert custom.label == "Your question"
    custom.set_value("How did you find **your** first <team>?").run()
    _button(at, "qp_custom_add_").click().run()
    plan = _plan(data_dir, contact.id)
    assert [i.text for i in plan.items][-2:] == [
        "How did you find **your** first <team>?",
        REFERRAL.text,
    ]
    assert plan.items[-2].minutes == 2
    assert "How did you find \\*\\*your\\*\\* first &lt;team&gt;?" in _texts(at)
    # Once added, the box closes and the question is cleared from it.
    assert not [t for t in at.text_input if t.label == "Your question"]
    at.session_state["qp_custom_open"] = True
    assert at.run().text_input(key=f"qp_custom_{plan.id}").value == ""

    # The plan reads as one timeline until the user switches to editing it.
    assert not [b for b in at.button if (b.key or "").startswith("qp_up_")]
    _edit(at)
    # Move the custom question (second to last) to the top, one step at a time.
    for index in range(len(plan.items) - 2, 0, -1):
        _button(at, "qp_up_", f"_{index}").click().run()
    plan = _plan(data_dir, contact.id)
    assert plan.items[0].text == "How did you find **your** first <team>?"
    assert plan.items[-1].question_id == REFERRAL_ID

    # The question just above the referral cannot move below it; the referral cannot move.
    last = len(plan.items) - 1
    assert _button(at, "qp_down_", f"_{last - 1}").disabled
    assert _button(at, "qp_up_", f"_{last}").disabled

    _button(at, "qp_remove_", f"_{last}").click().run()
    plan = _plan(data_dir, contact.id)
    assert plan.referral_removed is True
    assert REFERRAL_ID not in [i.question_id for i in plan.items]
    assert any("who else should I talk to" in i.value for i in at.info)

    _button(at, "qp_referral_back_").click().run()
    plan = _plan(data_dir, contact.id)
    assert plan.referral_removed is False
    assert plan.items[-1].question_id == REFERRAL_ID

    reopened = app(PAGE, contact=contact.id)
    assert not reopened.exception
    texts = _texts(reopened)
    assert "How did you find \\*\\*your\\*\\* first &lt;team&gt;?" in texts
    assert QUESTIONS_BY_ID["trends-tools"].text in texts
    assert _plan(data_dir, contact.id).revision == plan.revision


def test_minutes_and_call_length_edits_are_saved(app, store, data_dir):
    contact = _researched(store)
    at = app(PAGE, contact=contact.id)
    _button(at, "qp_suggest_").click().run()
    length = next(w for w in at.number_input if (w.key or "").startswith("qp_len_"))
    length.set_value(45).run()
    assert _plan(data_dir, contact.id).minutes == 45
    assert not [w for w in at.number_input if (w.key or "").startswith("qp_min_")]
    _edit(at)
    first = next(w for w in at.number_input if (w.key or "").startswith("qp_min_"))
    first.set_value(6.5).run()
    assert _plan(data_dir, contact.id).items[0].minutes == 6.5


def test_an_over_long_plan_warns_and_drops_the_suggested_questions(app, store, data_dir):
    contact = _researched(store)
    items = [to_item(QUESTIONS_BY_ID[q]) for q in ("typical-day", "journey", "trends-next")]
    items += [PlanItem(text="My own long question", minutes=4), to_item(REFERRAL)]
    store.save(CallPlan(contact_id=contact.id, minutes=10, items=items))
    at = app(PAGE, contact=contact.id)
    warning = _warnings(at)
    assert "more than the 10 you have" in warning and "Dropping" in warning
    # The questions to drop first are listed in the warning itself.
    assert "Questions to drop first" in warning
    assert f"- {QUESTIONS_BY_ID['trends-next'].text} (2.5 min)" in warning
    assert "too many" in _progress(at)

    _button(at, "qp_drop_").click().run()
    plan = _plan(data_dir, contact.id)
    assert "trends-next" not in [i.question_id for i in plan.items]
    assert plan.items[-1].question_id == REFERRAL_ID
    assert "more than the" not in _warnings(at)
    assert "to spare" in _progress(at)


def test_a_blank_custom_question_is_refused(app, store, data_dir):
    contact = _researched(store)
    at = app(PAGE, contact=contact.id)
    at.session_state["qp_custom_open"] = True
    next(t for t in at.run().text_input if t.label == "Your question").set_value("   ").run()
    _button(at, "qp_custom_add_").click().run()
    assert "Type the question first" in at.error[0].value
    assert _plan(data_dir, contact.id) is None


def test_a_half_typed_question_and_the_bank_filters_survive_a_look_at_another_tab(app, store):
    contact = _researched(store)
    at = app(PAGE, contact=contact.id)
    at.session_state["qp_custom_open"] = True
    draft = next(t for t in at.run().text_input if t.label == "Your question")
    draft.set_value("What would you do in my place?").run()
    # Closing the box keeps it too.
    at.session_state["qp_custom_open"] = False
    assert not [t for t in at.run().text_input if t.label == "Your question"]
    at.session_state["qp_custom_open"] = True
    assert at.run().text_input(key=draft.key).value == "What would you do in my place?"
    _tab(at, "Question bank")
    assert not [t for t in at.text_input if t.label == "Your question"]
    at.text_input(key="qp_bank_q").set_value("hiring").run()
    at.selectbox(key="qp_bank_kind").set_value("advice").run()
    _tab(at, "Prep sheet")
    _tab(at, "Your plan")  # the box opens by itself with the question to finish
    draft = next(t for t in at.text_input if t.label == "Your question")
    assert draft.value == "What would you do in my place?"
    _tab(at, "Question bank")
    assert at.text_input(key="qp_bank_q").value == "hiring"
    assert at.selectbox(key="qp_bank_kind").value == "advice"


def test_replacing_real_work_with_a_suggested_plan_asks_first(app, store, data_dir):
    contact = _researched(store)
    mine = [PlanItem(text="Mine", minutes=2), to_item(REFERRAL)]
    store.save(CallPlan(contact_id=contact.id, minutes=15, items=mine))
    at = app(PAGE, contact=contact.id)
    # The popover asks first; its content is drawn only once it is opened.
    assert "replaces your 1 question" not in _texts(at)
    assert not [b for b in at.button if (b.key or "").startswith("qp_suggest_")]
    at.session_state["qp_replace"] = True
    at.run()
    assert "replaces your 1 question" in _texts(at)
    button = _button(at, "qp_suggest_")
    assert button.label == "Replace my questions"
    button.click().run()
    assert "Mine" not in [i.text for i in _plan(data_dir, contact.id).items]
    assert not at.exception
    assert "replaces your" not in _texts(at)  # done: the box that asked closes


def test_a_change_made_elsewhere_is_not_overwritten(app, store, data_dir):
    contact = _researched(store)
    at = app(PAGE, contact=contact.id)
    _button(at, "qp_suggest_").click().run()
    _tab(at, "Question bank")
    at.selectbox(key="qp_bank_kind").set_value("trends").run()  # trends-next is on page 2
    plan = _plan(data_dir, contact.id)
    Store.in_dir(data_dir).save(
        plan.model_copy(update={"minutes": 30}), expected_revision=plan.revision
    )
    _button(at, "qp_add_", "_trends-next").click().run()
    assert "changed in another tab" in _warnings(at)
    fresh = _plan(data_dir, contact.id)
    assert fresh.minutes == 30
    assert "trends-next" not in [i.question_id for i in fresh.items]


def test_prep_sheet_downloads_are_offered_with_safe_names(app, store):
    contact = _researched(store, full_name="Zoë ../O'Brien")
    at = app(PAGE, contact=contact.id)
    assert not at.get("download_button")  # drawn only in its tab
    _tab(at, "Prep sheet")
    downloads = at.get("download_button")
    assert [d.proto.label for d in downloads] == [
        "Download the sheet (Markdown)",
        "Download the sheet to print (HTML)",
    ]
    assert "Preview the prep sheet" in [e.label for e in at.expander]


def _bank_ids(at) -> list[str]:
    return [b.key.rsplit("_", 1)[-1] for b in at.button if (b.key or "").startswith("qp_add_")]


def _bank_count(at) -> str:
    return next(c.value for c in at.caption if c.value.split(" ")[0].isdigit())


def test_the_bank_shows_a_page_at_a_time_and_new_filters_start_again(app, store):
    contact = _researched(store)  # government: 40 questions suit it
    total = len(search_questions("", None, "government"))
    assert total > 2 * BANK_PAGE
    at = _tab(app(PAGE, contact=contact.id), "Question bank")
    first = _bank_ids(at)
    assert len(first) == BANK_PAGE
    assert _bank_count(at) == f"{total} questions · showing {BANK_PAGE}"
    assert _button(at, "qp_bank_more").label == f"Show {BANK_PAGE} more"

    _button(at, "qp_bank_more").click().run()
    assert _bank_ids(at)[:BANK_PAGE] == first and len(_bank_ids(at)) == 2 * BANK_PAGE
    assert _bank_count(at) == f"{total} questions · showing {2 * BANK_PAGE}"

    # Adding a question keeps the page the user reached.
    _button(at, "qp_add_", f"_{_bank_ids(at)[-1]}").click().run()
    assert len(_bank_ids(at)) == 2 * BANK_PAGE

    # Show more until the end: the button names what is left, then goes away.
    while any(b.key == "qp_bank_more" for b in at.button):
        _button(at, "qp_bank_more").click().run()
    assert len(_bank_ids(at)) == total
    assert _bank_count(at) == f"{total} questions"

    # A new search starts again from the first page, and so does a new kind.
    at.text_input(key="qp_bank_q").set_value("what").run()
    matches = search_questions("what", None, "government")
    assert len(_bank_ids(at)) == min(len(matches), BANK_PAGE)
    at.text_input(key="qp_bank_q").set_value("").run()
    assert len(_bank_ids(at)) == BANK_PAGE
    at.selectbox(key="qp_bank_kind").set_value("advice").run()
    advice = search_questions("", "advice", "government")
    assert _bank_ids(at) == [q.id for q in advice][:BANK_PAGE]

    at.text_input(key="qp_bank_q").set_value("zzzz nothing").run()
    assert _bank_ids(at) == [] and _bank_count(at) == "0 questions"
    assert any("No question matches" in c.value for c in at.caption)


def test_the_prep_sheet_preview_is_drawn_only_when_opened(app, store):
    contact = _researched(store)
    at = _tab(app(PAGE, contact=contact.id), "Prep sheet")
    assert not at.get("iframe")
    at.session_state["qp_preview"] = True
    at.run()
    assert not at.exception
    frames = at.get("iframe")
    assert len(frames) == 1


def test_the_plan_reads_as_one_timeline_and_the_edit_switch_is_kept(app, store, data_dir):
    contact = _researched(store)
    items = [to_item(QUESTIONS_BY_ID["typical-day"]), PlanItem(text=HOSTILE, minutes=3)]
    store.save(CallPlan(contact_id=contact.id, minutes=20, items=[*items, to_item(REFERRAL)]))
    at = app(PAGE, contact=contact.id)
    fit = plan_call(_plan(data_dir, contact.id).items, 20)
    timeline = next(m.value for m in at.markdown if "Hellos, and thank them" in m.value)
    lines = timeline.split("  \n")
    assert "Every change is saved" in lines[0]
    first = next(
        i for i, line in enumerate(lines) if line.startswith(f"`{format_mark(fit.marks[0])}`")
    )
    typical = QUESTIONS_BY_ID["typical-day"].text
    assert lines[first] == f"`{format_mark(fit.marks[0])}`&ensp;{typical} :gray[· 2 min]"
    assert "\\!\\[x\\]\\(http" in lines[first + 1] and "&lt;script&gt;" in lines[first + 1]
    assert REFERRAL.text in lines[first + 2] and "asked last" in lines[first + 2]
    assert "Planned end" in lines[-1]
    assert not at.get("number_input")[1:]  # only the call length: nothing to edit yet

    _edit(at)
    assert len([w for w in at.number_input if (w.key or "").startswith("qp_min_")]) == 3
    # The switch is kept while the user looks at other tabs, and the rows come back.
    _tab(at, "Question bank")
    _tab(at, "Your plan")
    assert at.toggle(key="qp_edit").value is True
    assert len([w for w in at.number_input if (w.key or "").startswith("qp_min_")]) == 3
    _edit(at, False)
    assert not [w for w in at.number_input if (w.key or "").startswith("qp_min_")]
