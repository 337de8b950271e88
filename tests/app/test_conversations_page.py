"""The Conversations page through Streamlit's AppTest."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from infoview.models import (
    NOTES_MAX,
    CallPlan,
    Contact,
    Conversation,
    PlanItem,
    Profile,
    Source,
)
from infoview.store import Store
from infoview.ui import pages

PAGE = pages.CONVERSATIONS.path


def _widget(at, kind: str, prefix: str, suffix: str = ""):
    return next(
        w
        for w in getattr(at, kind)
        if (w.key or "").startswith(prefix) and (w.key or "").endswith(suffix)
    )


def _tab(at, name: str):
    """Open one of the page's lazy tabs, the one whose label holds ``name``."""
    key = next(k for k in at.session_state if str(k).startswith("cv_tab_"))
    at.session_state[key] = next(t.label for t in at.tabs if name in t.label)
    at.run()
    assert not at.exception, at.exception
    return at


def _open_tab(at) -> str:
    key = next(k for k in at.session_state if str(k).startswith("cv_tab_"))
    return at.session_state[key]


def _keys(at) -> set[str]:
    return {w.key for w in at.main if getattr(w, "key", None)}


def _click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def _fresh(data_dir) -> Store:
    return Store.in_dir(data_dir)


def test_no_contacts_points_to_research(app):
    at = app(PAGE)
    assert "nobody to talk to" in at.info[0].value


def test_schedule_a_call_in_a_chosen_time_zone(app, store, data_dir):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    at = app(PAGE, contact=ana.id)
    day = date.today() + timedelta(days=3)
    _widget(at, "date_input", "cv_day_").set_value(day)
    _widget(at, "time_input", "cv_time_").set_value(time(14, 30))
    _widget(at, "selectbox", "cv_tz_").set_value("Asia/Tokyo")
    _widget(at, "selectbox", "cv_mode_").set_value("video")
    _click(at, "Schedule the call")
    [conv] = _fresh(data_dir).all("conversations")
    assert conv.timezone == "Asia/Tokyo" and conv.mode.value == "video"
    assert conv.scheduled_at == datetime.combine(day, time(5, 30), UTC)  # Tokyo is UTC+9
    assert conv.happened_on is None
    assert any("calendar" in d.label for d in at.get("download_button"))


def test_log_with_notes_and_two_referrals_saves_once(app, store, data_dir):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    store.save(Profile(name="Noor", offers=["Share my survey data"]))
    store.save(CallPlan(contact_id=ana.id, items=[PlanItem(text="How did you get started?")]))
    at = _tab(app(PAGE, contact=ana.id), "Log")
    _widget(at, "text_area", "cv_note_").set_value("Through a fellowship")
    _widget(at, "text_area", "cv_insights_").set_value("Fellowships open doors")
    _widget(at, "multiselect", "cv_offered_").set_value(["Share my survey data"])
    _widget(at, "text_input", "cv_rn_", "_0").set_value("Sam Lee")
    _widget(at, "text_input", "cv_ro_", "_0").set_value("Harbor City")
    _widget(at, "text_input", "cv_rw_", "_0").set_value("Runs the analytics team")
    _widget(at, "text_input", "cv_rn_", "_1").set_value("Kim Park")
    _click(at, "Save the log")
    saved = _fresh(data_dir)
    [conv] = saved.all("conversations")
    assert conv.happened_on is not None
    assert [(n.question, n.note) for n in conv.question_notes] == [
        ("How did you get started?", "Through a fellowship")
    ]
    assert conv.offered == ["Share my survey data"]
    assert conv.report_back_due == conv.happened_on + timedelta(weeks=6)
    people = sorted(
        (c for c in saved.contacts() if c.referred_by == ana.id), key=lambda c: c.full_name
    )
    assert [(c.full_name, c.organization, c.source) for c in people] == [
        ("Kim Park", "", Source.REFERRAL),
        ("Sam Lee", "Harbor City", Source.REFERRAL),
    ]
    assert people[1].reason == "Runs the analytics team"
    # Logged: the next step, thanking them, opens; the log tab lists the people they suggested.
    assert "Thank" in _open_tab(at)
    _tab(at, "Log")
    assert any("Sam Lee" in str(p.label) for p in at.get("page_link"))
    # The log is drawn afresh from the stored one; saving it again adds nobody.
    _click(at, "Save the log")
    assert _fresh(data_dir).count("contacts") == 3
    assert _fresh(data_dir).count("conversations") == 1


def test_a_referral_without_a_name_is_explained_and_nothing_saved(app, store, data_dir):
    ana = store.save(Contact(full_name="Ana Ruiz"))
    at = _tab(app(PAGE, contact=ana.id), "Log")
    _widget(at, "text_input", "cv_ro_", "_0").set_value("Harbor City")
    _click(at, "Save the log")
    text = at.error[0].value
    assert "Nothing was saved" in text and "Person 1" in text and "a name is required" in text
    assert _fresh(data_dir).count("conversations") == 0
    assert _fresh(data_dir).count("contacts") == 1


def test_room_for_more_people_keeps_adding_rows(app, store):
    ana = store.save(Contact(full_name="Ana Ruiz"))
    at = _tab(app(PAGE, contact=ana.id), "Log")
    _widget(at, "text_input", "cv_rn_", "_0").set_value("Sam Lee")
    assert sum(1 for w in at.text_input if (w.key or "").startswith("cv_rn_")) == 2
    _click(at, "Room for one more person")
    assert sum(1 for w in at.text_input if (w.key or "").startswith("cv_rn_")) == 3
    assert _widget(at, "text_input", "cv_rn_", "_0").value == "Sam Lee"


def _logged(store: Store, **extra) -> tuple[Contact, Conversation]:
    ana = store.save(Contact(full_name="Ana Ruiz", email="ana@example.org"))
    conv = store.save(
        Conversation(contact_id=ana.id, happened_on=date.today() - timedelta(days=1), **extra)
    )
    return ana, conv


def test_thank_you_note_opens_in_mail_and_is_marked_sent_and_undone(app, store, data_dir):
    ana, conv = _logged(store)
    at = app(PAGE, contact=ana.id)
    _widget(at, "text_input", "cv_learned_").set_value("how fellows split their week").run()
    body = next(w for w in at.text_area if "cv_ty_" in w.key and "_body_" in w.key)
    assert "how fellows split their week" in body.value
    assert "Hi Ana" in body.value
    _click(at, "Mark thank-you sent")
    assert _fresh(data_dir).get("conversations", conv.id).thank_you_sent_on == date.today()
    assert any("Thank-you sent" in s.value for s in at.success)
    _click(at, "Not sent after all")
    assert _fresh(data_dir).get("conversations", conv.id).thank_you_sent_on is None


def test_report_back_date_can_be_changed_and_marked_done(app, store, data_dir):
    ana, conv = _logged(store)
    at = app(PAGE, contact=ana.id)
    later = date.today() + timedelta(days=60)
    _widget(at, "date_input", "cv_rbdue_").set_value(later)
    at.run()
    _click(at, "Save the reminder date")
    assert _fresh(data_dir).get("conversations", conv.id).report_back_due == later
    _click(at, "Mark report-back sent")
    assert _fresh(data_dir).get("conversations", conv.id).report_back_done_on == date.today()


def test_move_a_conversation_to_the_right_contact_with_its_referral(app, store, data_dir):
    ana, conv = _logged(store)
    bo = store.save(Contact(full_name="Bo Chen"))
    sam = store.save(
        Contact(
            full_name="Sam Lee",
            referred_by=ana.id,
            source=Source.REFERRAL,
            joined_on=conv.happened_on,
        )
    )
    at = _tab(app(PAGE, contact=ana.id), "Correct")
    _widget(at, "text_input", "cv_mvq_").set_value("chen").run()
    _widget(at, "selectbox", "cv_mvto_").set_value(bo.id).run()
    assert _widget(at, "multiselect", "cv_mvref_").value == [sam.id]
    _click(at, "Move the conversation")
    fresh = _fresh(data_dir)
    assert fresh.get("conversations", conv.id).contact_id == bo.id
    assert fresh.contact(sam.id).referred_by == bo.id
    assert at.query_params["contact"] in (bo.id, [bo.id])


def test_delete_asks_for_confirmation(app, store, data_dir):
    ana, _ = _logged(store)
    at = _tab(app(PAGE, contact=ana.id), "Correct")
    assert next(b for b in at.button if b.label == "Delete for good").disabled
    _widget(at, "checkbox", "cv_delok_").check().run()
    _click(at, "Delete for good")
    assert _fresh(data_dir).count("conversations") == 0


def test_a_change_made_elsewhere_is_not_overwritten(app, store, data_dir):
    ana, conv = _logged(store)
    at = app(PAGE, contact=ana.id)
    _fresh(data_dir).save(
        conv.model_copy(update={"advice": "From the other tab"}), expected_revision=1
    )
    # The page reloads the newer version; the click on the old one changes nothing.
    _click(at, "Mark thank-you sent")
    stored = _fresh(data_dir).get("conversations", conv.id)
    assert stored.thank_you_sent_on is None and stored.advice == "From the other tab"


def test_markdown_in_names_and_questions_stays_text(app, store):
    ana = store.save(Contact(full_name="![x](http://127.0.0.1:9/a.png) **Ana**"))
    store.save(CallPlan(contact_id=ana.id, items=[PlanItem(text="[click](http://evil.example)")]))
    at = _tab(app(PAGE, contact=ana.id), "Log")
    assert "\\!\\[x\\]" in at.header[0].value
    note = _widget(at, "text_area", "cv_note_")
    assert note.label.startswith("\\[click\\]")


def test_without_a_contact_lists_calls_and_thank_yous_waiting(app, store):
    ana, _ = _logged(store)
    at = app(PAGE)
    links = [p.proto for p in at.get("page_link") if "Send Ana a thank" in p.proto.label]
    assert [link.query_string for link in links] == [f"contact={ana.id}"]


def test_the_tab_with_the_next_step_opens_and_only_it_is_drawn(app, store):
    ana = store.save(Contact(full_name="Ana Ruiz"))
    at = app(PAGE, contact=ana.id)
    assert "Schedule" in _open_tab(at)
    keys = _keys(at)
    assert any(k.startswith("cv_day_") for k in keys)
    assert not any(k.startswith(("cv_insights_", "cv_learned_", "cv_mvq_")) for k in keys)
    # A call that took place yesterday waits to be logged; a logged one, to be thanked.
    store.save(
        Conversation(
            contact_id=ana.id,
            scheduled_at=datetime.now(UTC) - timedelta(days=1),
            timezone="UTC",
        )
    )
    bo = store.save(Contact(full_name="Bo Chen"))
    store.save(Conversation(contact_id=bo.id, happened_on=date.today() - timedelta(days=1)))
    at = app(PAGE, contact=ana.id)
    assert "Log" in _open_tab(at)
    assert any(k.startswith("cv_insights_") for k in _keys(at))
    assert not any(k.startswith("cv_day_") for k in _keys(at))
    # Choosing another contact opens their next step.
    at.query_params["contact"] = bo.id
    at.run()
    assert "Thank" in _open_tab(at)
    assert any(k.startswith("cv_learned_") for k in _keys(at))


def test_typing_survives_switching_tabs_and_pages_and_is_saved(app, store, data_dir):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    at = _tab(app(PAGE, contact=ana.id), "Log")
    _widget(at, "text_area", "cv_insights_").set_value("Fellowships open doors")
    _widget(at, "text_input", "cv_rn_", "_0").set_value("Sam Lee")
    _widget(at, "multiselect", "cv_offered_").set_value(["Intro to my lab"])
    _tab(at, "Schedule")
    assert not any(k.startswith("cv_insights_") for k in _keys(at))
    _widget(at, "selectbox", "cv_mode_").set_value("video").run()
    _tab(at, "Log")
    assert _widget(at, "text_area", "cv_insights_").value == "Fellowships open doors"
    assert _widget(at, "text_input", "cv_rn_", "_0").value == "Sam Lee"
    assert _widget(at, "multiselect", "cv_offered_").value == ["Intro to my lab"]
    at.switch_page(pages.RESEARCH.path).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert _widget(at, "selectbox", "cv_mode_").value == "video"
    _tab(at, "Log")
    assert _widget(at, "text_area", "cv_insights_").value == "Fellowships open doors"
    _click(at, "Save the log")
    saved = _fresh(data_dir)
    [conv] = saved.all("conversations")
    assert conv.insights == "Fellowships open doors" and conv.offered == ["Intro to my lab"]
    assert any(c.full_name == "Sam Lee" for c in saved.contacts())
    # What was kept for the saved revision is let go.
    assert not any("insights" in k for k in at.session_state["cv_kept"])


def test_a_long_message_offers_its_text_to_copy_only_on_request(app, store):
    ana, _ = _logged(store)
    at = app(PAGE, contact=ana.id)
    body = next(w for w in at.text_area if "cv_ty_" in w.key and "_body_" in w.key)
    body.set_value("A long note. " * 200).run()
    assert any("cut it short" in w.value for w in at.warning)
    assert len(at.code) == 0
    copy = next(e for e in at.expander if e.label == "Copy the text")
    at.session_state[copy.key] = True
    at.run()
    assert at.code[0].value.startswith("A long note.")


def test_a_scheduled_call_shows_its_time_and_folds_the_form_until_asked(app, store, data_dir):
    ana = store.save(Contact(full_name="Ana Ruiz"))
    day = date.today() + timedelta(days=5)
    conv = store.save(
        Conversation(
            contact_id=ana.id,
            scheduled_at=datetime.combine(day, time(15, 0), UTC),
            timezone="UTC",
            minutes=20,
        )
    )
    at = app(PAGE, contact=ana.id)
    assert "Schedule" in _open_tab(at)
    assert any(f"{day:%a %d %b %Y} at 15:00" in m.value for m in at.markdown)
    assert any("calendar" in d.label for d in at.get("download_button"))
    assert not any(k.startswith("cv_day_") for k in _keys(at))
    change = next(e for e in at.expander if e.label.startswith("Change the time"))
    at.session_state[change.key] = True
    at.run()
    _widget(at, "time_input", "cv_time_").set_value(time(9, 30))
    # A change not saved yet survives a tab switch, and its form opens by itself again.
    _tab(at, "Log")
    _tab(at, "Schedule")
    assert _widget(at, "time_input", "cv_time_").value == time(9, 30)
    _click(at, "Save the new time")
    stored = _fresh(data_dir).get("conversations", conv.id)
    assert stored.scheduled_at == datetime.combine(day, time(9, 30), UTC)
    assert stored.minutes == 20
    assert any(f"{day:%a %d %b %Y} at 09:30" in m.value for m in at.markdown)
    assert not any(k.startswith("cv_day_") for k in _keys(at))


def test_a_pasted_note_past_the_limit_is_kept_and_explained_not_dropped(app, store, data_dir):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    at = _tab(app(PAGE, contact=ana.id), "Log")
    box = _widget(at, "text_area", "cv_insights_")
    # A box with a hard limit drops a paste that crosses it, without a word.
    assert box.proto.max_chars == 0
    pasted = "Fellowships open doors. " * (NOTES_MAX // 24 + 50)
    box.set_value(pasted).run()
    assert any(
        f"{len(pasted):,} characters" in w.value and f"{NOTES_MAX:,}" in w.value for w in at.warning
    )
    _click(at, "Save the log")
    assert "Nothing was saved" in at.error[0].value
    assert _widget(at, "text_area", "cv_insights_").value == pasted  # all of it, to trim
    assert _fresh(data_dir).count("conversations") == 0
