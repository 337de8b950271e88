"""Keep in touch through AppTest: Home's "Losing touch" and the touched-base log."""

from __future__ import annotations

from datetime import date, timedelta

from infoview.models import Contact, Conversation
from infoview.store import Store, StoreError
from infoview.ui import pages
from infoview.ui.text import md_escape
from tests.app.test_every_form_keeps_its_record import _away_and_back


def _talked(store, name: str, days_ago: int, **extra) -> Contact:
    contact = store.save(Contact(full_name=name, reason="Policy", **extra))
    day = date.today() - timedelta(days=days_ago)
    store.save(
        Conversation(
            contact_id=contact.id, happened_on=day, thank_you_sent_on=day, report_back_done_on=day
        )
    )
    return contact


def _rows(at) -> list[str]:
    return [m.value for m in at.markdown if "Why write now" in m.value]


def _click(at, label: str, nth: int = 0):
    [b for b in at.button if b.label == label][nth].click().run()
    assert not at.exception, at.exception
    return at


def test_home_lists_who_is_losing_touch_most_overdue_first_amber_and_red(app, store):
    _talked(store, "Ana Ruiz", 100, organization="Globex, Inc.")  # amber: past 90, not 180
    _talked(store, "Bo Chen", 200)  # red: past 180
    _talked(store, "Cy Park", 10)  # fine
    at = app()
    assert [s.value for s in at.header].count("Losing touch") == 1
    rows = _rows(at)
    assert len(rows) == 2
    assert "Bo Chen" in rows[0] and ":red-badge" in rows[0]
    assert "Ana Ruiz" in rows[1] and ":orange-badge" in rows[1]
    assert "14 weeks since your report\\-back" in rows[1]
    assert "Globex, Inc\\." in rows[1]  # the suggested reason names their organization
    # Not in "Due today" as well.
    assert not any("Keep in touch with" in m.value for m in at.markdown)


def test_snoozing_hides_a_contact_and_logging_a_talk_clears_them(app, store, data_dir):
    ana = _talked(store, "Ana Ruiz", 100)
    bo = _talked(store, "Bo Chen", 120)
    at = app()
    assert len(_rows(at)) == 2
    _click(at, "Snooze a week")  # the first row: Bo is more overdue
    fresh = Store.in_dir(data_dir)
    assert fresh.get("rhythms", f"rhythm-{bo.id}") is None  # ids are hashed
    [rhythm] = fresh.all("rhythms")
    assert rhythm.contact_id == bo.id
    assert rhythm.snoozed_until == date.today() + timedelta(days=7)
    rows = _rows(at)
    assert len(rows) == 1 and "Ana Ruiz" in rows[0]
    assert at.text_input(key=f"lt_form_{ana.id}_note")  # the popover's log form
    at.text_input(key=f"lt_form_{ana.id}_note").input("Coffee at the conference")
    at.selectbox(key=f"lt_form_{ana.id}_channel").select("meeting")
    _click(at, "Log it")
    [touch] = Store.in_dir(data_dir).all("touches")
    assert (touch.contact_id, touch.on, touch.channel.value) == (ana.id, date.today(), "meeting")
    assert touch.note == "Coffee at the conference"
    assert _rows(at) == []
    assert any("Nobody you have talked to is past" in c.value for c in at.caption)


def test_the_contact_page_logs_times_in_touch_and_sets_their_own_rhythm(app, store, data_dir):
    ana = _talked(store, "Ana Ruiz", 40)
    at = app(pages.CONTACT.path, contact=ana.id)
    assert any("Every 90 days ideally, at most 180" in c.value for c in at.caption)
    at.text_input(key="ct_touch_form_note").input("Wrote about [her](http://x.test) paper")
    _click(at, "Log it")
    [touch] = Store.in_dir(data_dir).all("touches")
    assert touch.channel.value == "email"
    assert any("her\\]\\(http" in m.value for m in at.markdown)  # shown as text, not a link
    assert any(e.label == "Times in touch (1)" for e in at.expander)
    # Their own gaps: 30 days.
    rhythm = f"ct_rhythm_{ana.id}_0"  # no rhythm of their own yet: revision 0
    at.checkbox(key=f"{rhythm}_own").check()
    at.number_input(key=f"{rhythm}_ideal").set_value(30)
    at.number_input(key=f"{rhythm}_max").set_value(20)  # shorter than the ideal: refused
    _click(at, "Save")
    assert any("longest gap cannot be shorter" in e.value for e in at.error)
    assert Store.in_dir(data_dir).count("rhythms") == 0
    at.number_input(key=f"{rhythm}_max").set_value(60)
    _click(at, "Save")
    [rhythm] = Store.in_dir(data_dir).all("rhythms")
    assert (rhythm.ideal_days, rhythm.max_days, rhythm.off) == (30, 60, False)
    assert any("Every 30 days ideally, at most 60 \\(their own" in c.value for c in at.caption)
    _click(at, "Delete")
    assert Store.in_dir(data_dir).count("touches") == 0


def test_home_logs_a_time_in_touch_with_anyone_talked_to(app, store, data_dir):
    ana = _talked(store, "Ana Ruiz", 10)
    store.save(Contact(full_name="Never Met"))
    at = app()
    assert not [s for s in at.selectbox if s.label == "With whom"]  # folded until opened
    at.session_state["lt_any"] = True
    at.run()
    [who] = [s for s in at.selectbox if s.label == "With whom"]
    assert who.options == ["Ana Ruiz"]
    who.select(ana.id).run()
    at.text_input(key="lt_any_form_note").input("Phoned about the grant round")
    _click(at, "Log it")
    [touch] = Store.in_dir(data_dir).all("touches")
    assert (touch.contact_id, touch.note) == (ana.id, "Phoned about the grant round")


def test_a_half_typed_touch_note_survives_a_page_switch_and_is_logged_once(app, store, data_dir):
    ana = _talked(store, "Ana Ruiz", 40)
    at = app(pages.CONTACT.path, contact=ana.id)
    at.selectbox(key="ct_touch_form_channel").select("call")
    at.text_input(key="ct_touch_form_note").input("Half a thought about her").run()
    _away_and_back(at, pages.CONTACT.path, contact=ana.id)
    assert at.text_input(key="ct_touch_form_note").value == "Half a thought about her"
    assert at.selectbox(key="ct_touch_form_channel").value == "call"
    [log] = [b for b in at.button if b.label == "Log it"]
    log.click().run()
    [touch] = Store.in_dir(data_dir).all("touches")
    assert (touch.note, touch.channel.value) == ("Half a thought about her", "call")
    assert at.text_input(key="ct_touch_form_note").value == ""  # the form starts empty again
    log.click().run()  # a second click on the button drawn before the save
    assert not at.exception, at.exception
    assert Store.in_dir(data_dir).count("touches") == 1


def test_a_refused_touch_says_why_beside_its_form_and_keeps_the_note(
    app, store, data_dir, monkeypatch
):
    ana = _talked(store, "Ana Ruiz", 40)
    at = app(pages.CONTACT.path, contact=ana.id)
    at.text_input(key="ct_touch_form_note").input("About the [grant](http://x.test)")

    def full_disk(self, record, expected_revision=None):
        raise StoreError("The disk is full [x](http://x.test).")

    monkeypatch.setattr(Store, "save", full_disk)
    _click(at, "Log it")
    monkeypatch.undo()
    [error] = at.error
    assert error.value == md_escape("The disk is full [x](http://x.test).")  # shown as text
    assert Store.in_dir(data_dir).count("touches") == 0
    assert at.text_input(key="ct_touch_form_note").value == "About the [grant](http://x.test)"
    at.run()  # said once, where it belongs
    assert not at.error


def test_homes_log_keeps_whom_and_the_note_while_folded_and_after_a_page_switch(
    app, store, data_dir
):
    ana = _talked(store, "Ana Ruiz", 10)
    at = app()
    at.session_state["lt_any"] = True
    at.run()
    [who] = [s for s in at.selectbox if s.label == "With whom"]
    who.select(ana.id).run()
    at.text_input(key="lt_any_form_note").input("Phoned about the grant round").run()
    _away_and_back(at, "app.py")
    assert not [s for s in at.selectbox if s.label == "With whom"]  # folded again
    at.session_state["lt_any"] = True
    at.run()
    [who] = [s for s in at.selectbox if s.label == "With whom"]
    assert who.value == ana.id
    assert at.text_input(key="lt_any_form_note").value == "Phoned about the grant round"
    _click(at, "Log it")
    [touch] = Store.in_dir(data_dir).all("touches")
    assert (touch.contact_id, touch.note) == (ana.id, "Phoned about the grant round")


def test_their_own_gaps_half_typed_survive_a_page_switch_and_start_afresh_once_saved(
    app, store, data_dir
):
    ana = _talked(store, "Ana Ruiz", 40)
    at = app(pages.CONTACT.path, contact=ana.id)
    at.checkbox(key=f"ct_rhythm_{ana.id}_0_own").check()
    at.number_input(key=f"ct_rhythm_{ana.id}_0_ideal").set_value(45).run()
    _away_and_back(at, pages.CONTACT.path, contact=ana.id)
    assert at.checkbox(key=f"ct_rhythm_{ana.id}_0_own").value is True
    assert at.number_input(key=f"ct_rhythm_{ana.id}_0_ideal").value == 45
    assert Store.in_dir(data_dir).count("rhythms") == 0  # nothing saved by the switch
    _click(at, "Save")
    [rhythm] = Store.in_dir(data_dir).all("rhythms")
    assert (rhythm.ideal_days, rhythm.max_days) == (45, 180)
    assert at.number_input(key=f"ct_rhythm_{ana.id}_1_ideal").value == 45  # from the store
    assert not [k for k in at.session_state["lt_kept"] if k.startswith(f"ct_rhythm_{ana.id}_0")]
