"""The Your story page (and its hint on Research) through Streamlit's AppTest."""

from __future__ import annotations

from infoview.models import Contact, Profile
from infoview.store import Store
from infoview.ui import pages
from infoview.ui.story_ui import SETTINGS_KEY, TAB_KEY, TABS

PAGE = pages.YOUR_STORY.path


def open_story(app, timezone: str | None = None):
    at = app()  # Home first, as a visitor arrives
    if timezone:
        at.context["timezone"] = timezone
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def open_tab(at, name: str):
    """Open a tab as a click does: what was just typed travels with the same rerun."""
    at.session_state[TAB_KEY] = next(label for label in TABS if label.endswith(name))
    at.run()
    assert not at.exception, at.exception
    return at


def open_settings(at):
    at.session_state[SETTINGS_KEY] = True
    at.run()
    assert not at.exception, at.exception
    return at


def save(at):
    at.button(key="ys_save").click().run()
    assert not at.exception, at.exception


def progress(at) -> str:
    return at.get("progress")[0].proto.text


def unsaved(at) -> bool:
    return any("You have unsaved changes" in m.value for m in at.markdown)


def test_only_the_open_tab_is_drawn(app):
    at = open_story(app)
    assert at.text_input(key="ysw_name")  # About me is open at first
    assert not [w for w in at.text_area if w.key == "ysw_past"]
    assert not [w for w in at.selectbox if w.key == "ysw_timezone"]  # settings: folded
    open_tab(at, "My story")
    assert at.text_area(key="ysw_past")
    assert not [w for w in at.text_input if w.key == "ysw_name"]
    assert not [w for w in at.text_area if w.key == "ysw_intro"]


def test_time_zone_defaults_to_the_browsers(app):
    at = open_settings(open_story(app, "America/Chicago"))
    assert at.selectbox(key="ysw_timezone").value == "America/Chicago"
    assert at.selectbox(key="ysw_country").value == "US"
    assert not unsaved(at)  # defaults are not edits


def test_time_zone_falls_back_to_utc_without_a_browser_zone(app):
    at = open_settings(open_story(app))
    assert at.selectbox(key="ysw_timezone").value == "UTC"


def test_fill_save_and_find_it_all_in_a_new_session(app, data_dir):
    at = open_story(app, "Europe/Berlin")
    assert any("Nothing saved yet" in c.value for c in at.caption)
    assert progress(at) == "Your story: 0 of 9 parts"
    at.text_input(key="ysw_name").input("Sam Rivera")
    at.text_input(key="ysw_email").input("sam@example.org")
    at.text_area(key="ysw_schools").input("MIT\nUCLA")
    at.text_input(key="ysw_current_role").input("PhD student in chemistry")
    open_settings(at)
    at.selectbox(key="ysw_country").set_value("DE")
    at.selectbox(key="ysw_fall_start_month").set_value(9)
    at.number_input(key="ysw_fall_start_day").set_value(2)
    open_tab(at, "My story")  # each tab's typing goes along with the click on the next tab
    at.text_area(key="ysw_past").input("I spent six years in a chemistry lab.")
    at.text_area(key="ysw_future").input("I want to move into health policy.")
    at.text_area(key="ysw_fields").input("health policy; science writing")
    open_tab(at, "What I can offer")
    at.text_area(key="ysw_offers").input("Share my notes on lab safety")
    open_tab(at, "Skills")
    skill = next(w for w in at.text_input if w.key.endswith("_skill"))
    skill.input("Running a lab")
    next(w for w in at.text_input if w.key.endswith("_translation")).input("Project management")
    at.run()
    assert unsaved(at)
    # Everything but goals is filled (the introduction writes itself from the story), though
    # only the Skills tab is drawn now.
    assert progress(at) == "Your story: 8 of 9 parts"
    save(at)  # from the Skills tab: what the closed tabs hold is saved too
    assert [t.value for t in at.toast] == ["Your story is saved."]
    assert not unsaved(at)

    profile = Store.in_dir(data_dir).profile()
    assert profile.revision == 1
    assert profile.schools == ["MIT", "UCLA"]
    assert profile.country == "DE"
    assert profile.timezone == "Europe/Berlin"
    assert profile.calendar.fall_start == (9, 2)
    assert profile.fields == ["health policy", "science writing"]
    assert profile.skills[0].translation == "Project management"
    assert profile.intro.startswith("Hi, I'm Sam Rivera. I spent six years in a chemistry lab.")

    again = open_story(app, "Asia/Tokyo")  # a new session, another browser
    assert again.text_input(key="ysw_name").value == "Sam Rivera"
    assert progress(again) == "Your story: 8 of 9 parts"
    open_settings(again)
    assert again.selectbox(key="ysw_timezone").value == "Europe/Berlin"  # saved, not browser
    assert again.number_input(key="ysw_fall_start_day").value == 2
    open_tab(again, "My story")
    assert again.text_area(key="ysw_past").value == "I spent six years in a chemistry lab."
    open_tab(again, "Skills")
    assert any(w.value == "Running a lab" for w in again.text_input)
    open_tab(again, "30-second introduction")
    assert again.text_area(key="ysw_intro").value == profile.intro
    assert not unsaved(again)


def test_typed_text_survives_switching_tabs_and_back(app, data_dir):
    at = open_story(app)
    at.text_input(key="ysw_name").input("Ana")
    open_settings(at)
    at.number_input(key="ysw_followup_second").set_value(9)
    open_tab(at, "My story")
    at.text_area(key="ysw_future").input("I want to move into museum education.")
    open_tab(at, "30-second introduction")  # typed, then straight to another tab
    assert at.text_area(key="ysw_intro").value.startswith(
        "Hi, I'm Ana. I want to move into museum education."
    )
    assert unsaved(at)
    assert progress(at) == "Your story: 3 of 9 parts"  # name, future, the introduction
    open_tab(at, "My story")
    assert at.text_area(key="ysw_future").value == "I want to move into museum education."
    open_tab(at, "About me & settings")
    assert at.text_input(key="ysw_name").value == "Ana"
    open_settings(at)
    assert at.number_input(key="ysw_followup_second").value == 9
    assert Store.in_dir(data_dir).profile().revision == 0  # nothing written yet


def test_a_failed_save_opens_the_tab_with_the_problem(app, data_dir):
    at = open_settings(open_story(app))
    at.number_input(key="ysw_followup_first").set_value(7)
    at.number_input(key="ysw_followup_second").set_value(3)
    open_tab(at, "My story")
    at.text_area(key="ysw_past").input("I taught chemistry.")
    save(at)
    assert "must be smaller than" in at.error[0].value
    assert at.session_state[TAB_KEY] == TABS[0]  # the settings are shown, values kept
    assert at.number_input(key="ysw_followup_first").value == 7
    assert Store.in_dir(data_dir).profile().revision == 0
    at.number_input(key="ysw_followup_first").set_value(2)
    save(at)
    assert not at.error
    assert Store.in_dir(data_dir).profile().past == "I taught chemistry."

    open_tab(at, "Skills")
    next(w for w in at.text_input if w.key.endswith("_translation")).input("Teaching")
    open_tab(at, "What I can offer")
    save(at)
    assert "write the skill before how it translates" in at.error[0].value
    assert at.session_state[TAB_KEY] == TABS[2]
    assert any(w.value == "Teaching" for w in at.text_input)


def test_typed_text_survives_a_page_switch_and_is_marked_unsaved(app, data_dir):
    at = open_tab(open_story(app), "My story")
    at.text_area(key="ysw_present").input("Finishing my PhD.").run()
    at.switch_page(pages.RESEARCH.path).run()
    assert not at.exception
    at.switch_page(PAGE).run()
    assert unsaved(at)
    open_tab(at, "My story")
    assert at.text_area(key="ysw_present").value == "Finishing my PhD."
    assert unsaved(at)
    assert Store.in_dir(data_dir).profile().revision == 0  # nothing written yet


def test_text_typed_in_the_same_run_as_the_page_switch_is_kept(app):
    at = open_tab(open_story(app), "My story")
    at.text_area(key="ysw_goals").input("Publish two pieces for a general audience.")
    at.switch_page(pages.RESEARCH.path).run()  # the new value travels with the switch
    at.switch_page(PAGE).run()
    open_tab(at, "My story")
    assert at.text_area(key="ysw_goals").value == "Publish two pieces for a general audience."
    assert unsaved(at)


def test_followup_rhythm_must_go_up_and_nothing_is_saved(app, data_dir):
    at = open_story(app)
    at.text_input(key="ysw_name").input("Sam")
    open_settings(at)
    at.number_input(key="ysw_followup_first").set_value(7)
    at.number_input(key="ysw_followup_second").set_value(3)
    save(at)
    assert "Nothing was saved" in at.error[0].value
    assert "must be smaller than" in at.error[0].value
    assert Store.in_dir(data_dir).profile().revision == 0
    assert at.text_input(key="ysw_name").value == "Sam"  # the typing is kept
    at.number_input(key="ysw_followup_second").set_value(9)
    save(at)
    assert not at.error
    assert Store.in_dir(data_dir).profile().followup_days == (7, 9)


def test_why_a_save_was_refused_is_listed_once_then_goes(app, data_dir):
    at = open_settings(open_story(app))
    at.number_input(key="ysw_followup_first").set_value(7)
    at.number_input(key="ysw_followup_second").set_value(3)
    at.selectbox(key="ysw_spring_end_month").set_value(4)
    at.number_input(key="ysw_spring_end_day").set_value(31)
    save(at)
    [error] = at.error
    assert error.value.startswith("Nothing was saved. Please fix:")
    assert error.value.count("\n- ") == 2  # one line for each problem, as a list
    at.text_input(key="ysw_name").input("Sam").run()  # the next run, nothing new refused
    assert not at.error
    assert Store.in_dir(data_dir).profile().revision == 0


def test_impossible_semester_day_is_refused(app, data_dir):
    at = open_settings(open_story(app))
    at.selectbox(key="ysw_spring_end_month").set_value(4)
    at.number_input(key="ysw_spring_end_day").set_value(31)
    save(at)
    assert "April has 30 days" in at.error[0].value
    assert Store.in_dir(data_dir).profile().revision == 0


def test_edited_intro_is_kept_and_regenerate_offers_the_template(app, data_dir):
    at = open_story(app)
    at.text_input(key="ysw_name").input("Ana")
    open_tab(at, "My story")
    at.text_area(key="ysw_future").input("I want to move into museum education.")
    open_tab(at, "30-second introduction")
    generated = at.text_area(key="ysw_intro").value
    assert generated.startswith("Hi, I'm Ana. I want to move into museum education.")
    assert any("words" in c.value and "seconds" in c.value for c in at.caption)

    mine = "Hello, I'm Ana. I love museums."
    at.text_area(key="ysw_intro").input(mine).run()
    save(at)
    profile = Store.in_dir(data_dir).profile()
    assert (profile.intro, profile.intro_edited) == (mine, True)
    assert any("too short" in w.value for w in at.warning)  # the coach speaks up

    # The story changes: the user's own words stay; Regenerate shows the new template version.
    open_tab(at, "My story")
    at.text_area(key="ysw_past").input("I spent five years in a marine biology lab.")
    open_tab(at, "30-second introduction")
    assert at.text_area(key="ysw_intro").value == mine
    at.button(key="ys_regen").click().run()
    offered = [m.value for m in at.markdown if "marine biology lab" in m.value]
    assert offered, "the template's version is shown"
    at.button(key="ys_regen_take").click().run()
    taken = at.text_area(key="ysw_intro").value
    assert taken.startswith("Hi, I'm Ana. I spent five years in a marine biology lab.")
    save(at)
    profile = Store.in_dir(data_dir).profile()
    assert (profile.intro, profile.intro_edited) == (taken, False)


def test_an_older_generated_intro_from_a_slow_browser_is_not_an_edit(app):
    at = open_story(app)
    at.text_input(key="ysw_name").input("Ana")
    open_tab(at, "30-second introduction")
    older = at.text_area(key="ysw_intro").value
    open_tab(at, "My story")
    at.text_area(key="ysw_past").input("I spent five years in a marine biology lab.")
    open_tab(at, "30-second introduction")
    assert "marine biology" in at.text_area(key="ysw_intro").value
    # The browser had not yet shown the new version when the box sent its value.
    at.text_area(key="ysw_intro").input(older).run()
    intro = at.text_area(key="ysw_intro").value
    assert "marine biology" in intro
    # Still written from the story, not taken as the user's own words.
    assert any("Written from your story" in c.value for c in at.caption)


def test_keep_mine_closes_the_regenerated_version(app):
    at = open_story(app)
    at.text_input(key="ysw_name").input("Ana")
    open_tab(at, "30-second introduction")
    at.text_area(key="ysw_intro").input("My own words about me.").run()
    at.button(key="ys_regen").click().run()
    at.button(key="ys_regen_keep").click().run()
    assert at.text_area(key="ysw_intro").value == "My own words about me."
    assert not [b for b in at.button if b.key == "ys_regen_take"]


def test_skill_rows_can_be_added_and_removed(app, data_dir):
    at = open_tab(open_story(app), "Skills")
    at.button(key="ys_skill_add").click().run()
    rows = [w for w in at.text_input if w.key.endswith("_skill")]
    assert len(rows) == 2
    rows[0].input("Teaching")
    rows[1].input("Peer review").run()
    first_id = rows[0].key.split("_")[2]
    at.button(key=f"ys_skill_remove_{first_id}").click().run()
    save(at)
    assert [s.skill for s in Store.in_dir(data_dir).profile().skills] == ["Peer review"]


def test_typed_skill_rows_survive_a_tab_switch_and_a_page_switch(app, data_dir):
    at = open_tab(open_story(app), "Skills")
    at.button(key="ys_skill_add").click().run()
    skill, other = [w for w in at.text_input if w.key.endswith("_skill")]
    skill.input("Running a lab")
    next(w for w in at.text_input if w.key.endswith("_translation")).input("Managing budgets")
    other.input("Peer review")
    open_tab(at, "My story")  # the last box typed travels with the tab switch
    at.switch_page(pages.RESEARCH.path).run()
    at.switch_page(PAGE).run()
    assert unsaved(at)
    open_tab(at, "Skills")
    rows = [(w.value, w.key) for w in at.text_input if w.key.startswith("ysw_skill_")]
    assert sorted(value for value, _ in rows) == [
        "",
        "Managing budgets",
        "Peer review",
        "Running a lab",
    ]
    save(at)
    skills = [(s.skill, s.translation) for s in Store.in_dir(data_dir).profile().skills]
    assert skills == [("Running a lab", "Managing budgets"), ("Peer review", "")]


def test_a_save_over_a_change_from_another_tab_is_refused(app, data_dir):
    at = open_tab(open_story(app), "My story")
    at.text_area(key="ysw_past").input("Typed here.")
    open_tab(at, "About me & settings")
    at.text_input(key="ysw_name").input("From this tab").run()
    other = Profile(name="From the other tab", past="Written there.")
    Store.in_dir(data_dir).save(other, expected_revision=0)
    save(at)
    assert any("changed in another tab" in w.value for w in at.warning)
    assert Store.in_dir(data_dir).profile().name == "From the other tab"
    at.button(key="ys_reload").click().run()
    assert at.text_input(key="ysw_name").value == "From the other tab"
    assert not [w for w in at.warning if "another tab" in w.value]
    open_tab(at, "My story")  # a closed tab shows the saved version too, not the old typing
    assert at.text_area(key="ysw_past").value == "Written there."
    assert not unsaved(at)


def test_user_text_is_not_rendered_as_markdown(app, data_dir):
    at = open_story(app)
    at.text_input(key="ysw_name").input("![x](http://127.0.0.1:9/a.png)")
    open_tab(at, "30-second introduction")
    at.text_area(key="ysw_intro").input("**bold** [link](http://e.x)").run()
    open_tab(at, "My story")
    at.text_area(key="ysw_past").input("I studied art.")
    open_tab(at, "30-second introduction")
    at.button(key="ys_regen").click().run()
    shown = " ".join(m.value for m in at.markdown)
    assert "!\\[x\\]\\(http" in shown  # escaped in the regenerated version


def test_research_suggests_outside_my_field(app, store):
    store.save(Profile(fields=["health policy", "science writing"]))
    far = store.save(Contact(full_name="Lee Chen", field="Investment banking"))
    near = store.save(Contact(full_name="Ada Park", field="Health policies"))
    at = app(pages.RESEARCH.path, contact=far.id)
    hint = [c.value for c in at.caption if "not one you are exploring" in c.value]
    assert hint and "Investment banking" in hint[0]

    at = app(pages.RESEARCH.path, contact=near.id)
    assert not [c for c in at.caption if "not one you are exploring" in c.value]


def test_research_has_no_hint_without_fields_or_when_ticked(app, store):
    far = store.save(Contact(full_name="Lee Chen", field="Investment banking"))
    at = app(pages.RESEARCH.path, contact=far.id)
    assert not [c for c in at.caption if "not one you are exploring" in c.value]
    store.save(Profile(fields=["health policy"]))
    ticked = store.save(Contact(full_name="Kim Ro", field="Investment banking", outside_field=True))
    at = app(pages.RESEARCH.path, contact=ticked.id)
    assert not [c for c in at.caption if "not one you are exploring" in c.value]


def test_a_story_part_past_the_limit_is_kept_and_explained(app, data_dir):
    at = open_story(app)
    open_tab(at, "My story")
    assert at.text_area(key="ysw_past").proto.max_chars == 0  # no silent refusal of a paste
    pasted = "I taught chemistry for six years. " * 700
    at.text_area(key="ysw_past").input(pasted).run()
    assert not at.exception, at.exception
    assert any(f"{len(pasted):,} characters" in w.value for w in at.warning)
    save(at)
    assert "Nothing was saved" in at.error[0].value
    assert at.text_area(key="ysw_past").value == pasted
    assert Store.in_dir(data_dir).profile().revision == 0
