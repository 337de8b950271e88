"""The Your story form: values from a profile, checks, and the profile built back."""

import pytest

from infoview.models import AcademicCalendar, Profile, SkillTranslation
from infoview.profile_form import (
    ProfileFormError,
    check_calendar,
    check_followup,
    check_month_day,
    country_label,
    country_names,
    country_options,
    current_intro,
    profile_form_values,
    profile_from_form,
    story_profile,
    unsaved_changes,
)


def blank(**changes):
    values = profile_form_values(Profile(), "Europe/Berlin")
    values.update(changes)
    return values


def test_countries_have_names_and_us_is_there():
    names = country_names()
    assert names["US"] == "United States"
    assert names["DE"] == "Germany"
    assert names["BA"] == "Bosnia and Herzegovina"
    assert names["AX"] == "Åland Islands"
    assert "USA" not in names  # aliases would list every country twice
    assert list(names)[:3] == ["AF", "AX", "AL"]  # sorted by name, accents ignored
    assert country_label("GB") == "United Kingdom (GB)"
    assert country_label("ZZ") == "ZZ"


def test_an_unknown_saved_country_or_zone_stays_selectable():
    assert country_options("ZZ")[0] == "ZZ"
    assert "ZZ" not in country_options("US")


def test_form_values_show_the_profile_and_default_the_time_zone():
    profile = Profile(
        name="Sam",
        schools=["MIT", "UCLA"],
        fields=["health policy"],
        timezone="",
        followup_days=(2, 5),
        calendar=AcademicCalendar(fall_start=(9, 1)),
        skills=[SkillTranslation(skill="Running a lab", translation="Project management")],
    )
    values = profile_form_values(profile, "Europe/Berlin")
    assert values["schools"] == "MIT\nUCLA"
    assert values["timezone"] == "Europe/Berlin"
    assert (values["followup_first"], values["followup_second"]) == (2, 5)
    assert (values["fall_start_month"], values["fall_start_day"]) == (9, 1)
    assert (values["spring_end_month"], values["spring_end_day"]) == (5, 10)
    assert [(r["skill"], r["translation"]) for r in values["skills"]] == [
        ("Running a lab", "Project management")
    ]
    kept = profile_form_values(profile.model_copy(update={"timezone": "Asia/Tokyo"}), "UTC")
    assert kept["timezone"] == "Asia/Tokyo"


def test_a_profile_without_skills_offers_one_blank_row():
    rows = profile_form_values(Profile())["skills"]
    assert [(r["skill"], r["translation"]) for r in rows] == [("", "")]


@pytest.mark.parametrize(
    ("month", "day", "problem"),
    [
        (2, 29, None),
        (12, 31, None),
        (4, 31, "Fall semester ends: April has 30 days, so day 31 does not exist."),
        (2, 30, "Fall semester ends: February has 29 days, so day 30 does not exist."),
        (13, 1, "Fall semester ends: choose a month."),
        (1, 0, "Fall semester ends: January has 31 days, so day 0 does not exist."),
    ],
)
def test_check_month_day(month, day, problem):
    assert check_month_day(month, day, "Fall semester ends") == problem


def test_check_calendar_allows_a_semester_into_next_year_but_not_zero_length():
    assert check_calendar(blank()) == []
    assert check_calendar(blank(fall_end_month=1, fall_end_day=20)) == []
    assert check_calendar(blank(spring_end_month=1, spring_end_day=15)) == [
        "The spring semester starts and ends on the same day."
    ]


@pytest.mark.parametrize(
    ("first", "second", "ok"),
    [(3, 7, True), (1, 30, True), (7, 3, False), (5, 5, False), (0, 7, False), (3, 31, False)],
)
def test_check_followup(first, second, ok):
    assert (check_followup(first, second) == []) is ok


def test_followup_message_says_which_must_be_smaller():
    assert check_followup(7, 3) == [
        "Follow-up rhythm: the first step (trying a second person) must come before the "
        "polite follow-up, so 7 must be smaller than 3."
    ]


def test_profile_from_form_builds_every_part():
    values = blank(
        name=" Sam Rivera ",
        email="Sam@Example.org",
        schools="MIT\n\nUCLA",
        current_role="PhD student in chemistry",
        country="de",
        fields="health policy; data journalism",
        offers="Share my notes on lab safety\nIntroduce them to our career office",
        followup_first=2,
        followup_second=6,
        fall_start_month=9,
        fall_start_day=1,
        skills=[
            {"id": "a", "skill": "Running a lab", "translation": "Project management"},
            {"id": "b", "skill": "  ", "translation": ""},
        ],
    )
    profile = profile_from_form(values, Profile())
    assert profile.name == "Sam Rivera"
    assert profile.email == "Sam@example.org"
    assert profile.schools == ["MIT", "UCLA"]
    assert profile.country == "DE"
    assert profile.timezone == "Europe/Berlin"
    assert profile.fields == ["health policy", "data journalism"]
    assert profile.offers[1] == "Introduce them to our career office"
    assert profile.followup_days == (2, 6)
    assert profile.calendar.fall_start == (9, 1)
    assert profile.skills == [
        SkillTranslation(skill="Running a lab", translation="Project management")
    ]
    assert profile.intro.startswith("Hi, I'm Sam Rivera. Right now I'm a PhD student")
    assert profile.intro_edited is False


def test_profile_from_form_lists_every_problem_and_builds_nothing():
    values = blank(
        email="not an email",
        followup_first=7,
        followup_second=3,
        spring_start_month=2,
        spring_start_day=31,
        skills=[{"id": "a", "skill": "", "translation": "Project management"}],
        name="x" * 121,
    )
    with pytest.raises(ProfileFormError) as caught:
        profile_from_form(values, Profile())
    messages = caught.value.messages
    assert messages[0].startswith("Follow-up rhythm: the first step")
    assert "Spring semester starts: February has 29 days, so day 31 does not exist." in messages
    assert "Skill 1: write the skill before how it translates." in messages
    assert any(m.startswith("Email: is not a valid email address") for m in messages)
    assert "Name: must be at most 120 characters" in messages
    # Where the problems are, so the page can open the tab that holds them.
    assert caught.value.fields == {"followup_days", "calendar", "skills", "email", "name"}


def test_a_missing_country_is_placed_with_the_settings():
    with pytest.raises(ProfileFormError) as caught:
        profile_from_form(blank(country=" "), Profile())
    assert caught.value.fields == {"country"}


def test_an_edited_intro_is_kept_and_an_unedited_one_follows_the_story():
    story = blank(name="Ana", future="I want to move into museum education.")
    assert profile_from_form(story, Profile()).intro == (
        "Hi, I'm Ana. I want to move into museum education. That's why I'd value the view of "
        "someone who has made a similar move."
    )
    mine = {**story, "intro": "Hello, I am Ana and I love museums.", "intro_edited": True}
    kept = profile_from_form(mine, Profile())
    assert kept.intro == "Hello, I am Ana and I love museums."
    assert kept.intro_edited is True
    assert current_intro(mine) == "Hello, I am Ana and I love museums."
    assert current_intro({**mine, "intro_edited": False}).startswith("Hi, I'm Ana.")


def test_story_profile_previews_even_text_too_long_to_save():
    values = blank(name="Sam", past="word " * 5000, fields="policy", offers="Feedback")
    preview = story_profile(values)
    assert preview.fields == ["policy"]
    assert preview.offers == ["Feedback"]
    assert preview.intro.startswith("Hi, I'm Sam.")
    with pytest.raises(ProfileFormError) as caught:
        profile_from_form(values, Profile())
    assert caught.value.fields == {"past"}


def test_unsaved_changes_ignores_defaults_and_spots_edits():
    saved = Profile()
    assert unsaved_changes(blank(), saved, "Europe/Berlin") is False
    assert unsaved_changes(blank(name="Sam"), saved, "Europe/Berlin") is True
    assert unsaved_changes(blank(followup_first=9), saved, "Europe/Berlin") is True  # invalid
    stored = profile_from_form(blank(name="Sam", past="A lab."), saved)
    again = profile_form_values(stored, "UTC")
    assert unsaved_changes(again, stored, "UTC") is False
    assert unsaved_changes({**again, "past": "A lab.  "}, stored, "UTC") is False
    assert unsaved_changes({**again, "timezone": "Asia/Tokyo"}, stored, "UTC") is True


def test_keep_in_touch_gaps_are_set_in_the_settings_and_checked():
    values = blank(rhythm_met_ideal=45, rhythm_met_max=90, rhythm_referrer_ideal=30)
    profile = profile_from_form(values, Profile())
    assert (profile.rhythm_met, profile.rhythm_referrer) == ((45, 90), (30, 120))
    assert profile_form_values(profile)["rhythm_met_ideal"] == 45
    with pytest.raises(ProfileFormError) as caught:
        profile_from_form(
            blank(rhythm_met_ideal=100, rhythm_met_max=60, rhythm_referrer_max=3), Profile()
        )
    assert caught.value.messages == [
        "Keep in touch: people who introduced you: longest gap must be between 7 and 730 days."
    ]
    assert caught.value.fields == {"rhythm_met"}
    with pytest.raises(ProfileFormError) as caught:
        profile_from_form(blank(rhythm_met_ideal=100, rhythm_met_max=60), Profile())
    assert caught.value.messages == [
        "Keep in touch: for people you met the longest gap (60 days) cannot be shorter than "
        "the ideal one (100 days)."
    ]
    # A form from before these settings existed still saves, with the defaults.
    old = {k: v for k, v in blank().items() if not k.startswith("rhythm_")}
    assert profile_from_form(old, Profile()).rhythm_met == (90, 180)
