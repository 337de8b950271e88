"""Your story: prompts, word counts, the 30-second introduction and its coach, progress."""

import pytest

from infoview.models import Profile, SkillTranslation
from infoview.story import (
    FIELDS_PART,
    GOALS_PART,
    INTRO_MAX_WORDS,
    OFFER_IDEAS,
    REFLECTION_PARTS,
    SKILL_EXAMPLES,
    default_intro,
    intro_minutes_label,
    review_intro,
    speaking_seconds,
    story_fraction,
    story_progress,
    suggest_outside_field,
    word_count,
)

FULL = Profile(
    name="Sam Rivera",
    current_role="fifth-year PhD student in chemistry",
    past="I spent six years in a chemistry lab, running experiments and training new students. "
    "Before that I taught high school.",
    future="I want to move into health policy, where evidence shapes decisions.",
    fields=["health policy", "data journalism"],
    goals="Land a policy fellowship within a year.",
)
GOOD_INTRO = (
    "Hi, I'm Sam. I spent six years in a chemistry lab, running experiments and training new "
    "students. Now I'm finishing my PhD, and I want to move into health policy, where evidence "
    "shapes decisions. That's why I'd value the view of someone who made that move."
)


def levels(findings):
    return {f.rule: f.level for f in findings}


# Prompts and examples


def test_reflection_has_three_parts_in_order_each_with_prompts_and_example():
    assert [p.key for p in REFLECTION_PARTS] == ["past", "present", "future"]
    assert [p.label for p in REFLECTION_PARTS] == [
        "Where I've been",
        "Where I am now",
        "Where I'm heading",
    ]
    for part in (*REFLECTION_PARTS, GOALS_PART, FIELDS_PART):
        assert 2 <= len(part.prompts) <= 4
        assert part.example


def test_prompt_keys_are_profile_fields():
    for part in (*REFLECTION_PARTS, GOALS_PART, FIELDS_PART):
        assert part.key in Profile.model_fields


def test_skill_examples_include_lab_to_project_management():
    assert len(SKILL_EXAMPLES) >= 5
    lab = [e for e in SKILL_EXAMPLES if e.skill == "Running a lab"]
    assert lab and lab[0].translation.startswith("Project management")


def test_offer_ideas_cover_share_introduce_feedback_volunteer():
    keys = [o.key for o in OFFER_IDEAS]
    assert {"share", "introduce", "feedback", "volunteer"} <= set(keys)
    assert all(o.prompt.endswith("?") and o.example for o in OFFER_IDEAS)


# Word counts and speaking time


def test_word_count_treats_contractions_and_hyphens_as_one_word():
    assert word_count("I'm a 15-minute person — really!") == 5
    assert word_count("") == 0
    assert word_count("   \n ") == 0


def test_speaking_seconds_at_150_words_a_minute():
    assert speaking_seconds(" ".join(["word"] * 75)) == 30
    assert speaking_seconds(" ".join(["word"] * 150)) == 60
    assert speaking_seconds(" ".join(["word"] * 150), wpm=100) == 90
    assert speaking_seconds("") == 0


def test_speaking_seconds_refuses_zero_words_per_minute():
    with pytest.raises(ValueError):
        speaking_seconds("hello", wpm=0)


def test_intro_minutes_label():
    assert intro_minutes_label(" ".join(["word"] * 75)) == "75 words · about 30 seconds"
    assert intro_minutes_label("hi") == "1 word · about 0 seconds"
    assert intro_minutes_label(" ".join(["word"] * 300)) == "300 words · about 2 minutes"


# The default introduction


def test_default_intro_for_a_full_profile():
    assert default_intro(FULL) == (
        "Hi, I'm Sam Rivera. I spent six years in a chemistry lab, running experiments and "
        "training new students. Now I'm a fifth-year PhD student in chemistry. I want to move "
        "into health policy, where evidence shapes decisions. That's why I'm talking with "
        "people who work in health policy or data journalism: you know first-hand what the "
        "work is like."
    )


def test_default_intro_for_a_full_profile_passes_its_own_review():
    text = default_intro(FULL)
    assert word_count(text) <= INTRO_MAX_WORDS
    assert set(levels(review_intro(text, FULL)).values()) == {"ok"}


def test_default_intro_for_an_empty_profile_is_empty():
    assert default_intro(Profile()) == ""


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (Profile(name="Ana"), "Hi, I'm Ana."),
        (Profile(current_role="data analyst"), "Right now I'm a data analyst."),
        (Profile(current_role="MBA student"), "Right now I'm an MBA student."),
        (
            Profile(fields=["Museum education"]),
            "Next, I'm exploring a move into museum education. That's why I'm talking with "
            "people who work in museum education: you know first-hand what the work is like.",
        ),
        (
            Profile(name="Ana", goals="land a role in science policy"),
            "Hi, I'm Ana. My goal: land a role in science policy. That's why I'd value the view "
            "of someone who has made a similar move.",
        ),
        (
            Profile(name="Ana", present="I'm finishing my thesis"),
            "Hi, I'm Ana. I'm finishing my thesis.",
        ),
    ],
)
def test_default_intro_reads_well_when_partly_empty(profile, expected):
    text = default_intro(profile)
    assert text == expected
    assert "None" not in text and ",," not in text and " ." not in text


def test_default_intro_keeps_only_the_first_sentence_of_each_reflection():
    profile = Profile(past="I was a nurse. Then I did many other things for years.")
    assert default_intro(profile) == "I was a nurse."


def test_default_intro_cuts_a_very_long_first_sentence_at_a_whole_clause():
    # A sentence that cannot be cut at a clause is left out rather than cut mid-way (#15).
    assert default_intro(Profile(past=" ".join(["word"] * 60))) == ""
    past = (
        "I spent five years teaching chemistry at a secondary school in Leeds, then moved to "
        "a curriculum team, and now I want to work in edtech or in a data science role where "
        "I can use my skills."
    )
    intro = default_intro(Profile(past=past))
    assert intro == (
        "I spent five years teaching chemistry at a secondary school in Leeds, then moved to "
        "a curriculum team."
    )
    assert word_count(intro) <= 25


# The introduction coach


def test_review_of_a_good_intro_is_all_ok():
    findings = review_intro(GOOD_INTRO, FULL)
    assert levels(findings) == {
        "length": "ok",
        "where_from": "ok",
        "heading": "ok",
        "why_them": "ok",
    }
    assert all(f.message for f in findings)


def test_review_warns_past_80_words():
    long_text = GOOD_INTRO + " " + " ".join(["more"] * 40)
    length = next(f for f in review_intro(long_text, FULL) if f.rule == "length")
    assert length.level == "warn"
    assert "80" in length.suggestion


def test_review_flags_a_too_short_intro():
    length = next(f for f in review_intro("Hi, I'm Sam.", FULL) if f.rule == "length")
    assert length.level == "warn"
    assert "too short" in length.message


def test_review_notices_a_missing_background():
    text = "Hi, I'm Sam. I want to move into health policy. That's why I'd value your advice."
    assert levels(review_intro(text, Profile()))["where_from"] == "tip"


def test_review_counts_a_school_as_background():
    text = "Hi, I'm Sam, from Oberlin College."
    assert levels(review_intro(text, Profile(schools=["Oberlin College"])))["where_from"] == "ok"


def test_review_counts_a_retold_past_reflection_as_background():
    profile = Profile(past="A community-college chemistry class got me hooked on biology.")
    text = "Hi, I'm Noor. A chemistry class at community college got me hooked on biology."
    assert levels(review_intro(text, profile))["where_from"] == "ok"
    assert levels(review_intro(text, Profile()))["where_from"] == "tip"


def test_review_notices_a_missing_direction():
    text = "Hi, I'm Sam. I spent six years in a chemistry lab."
    finding = next(f for f in review_intro(text, Profile()) if f.rule == "heading")
    assert finding.level == "warn"
    assert finding.suggestion


def test_review_counts_a_named_field_as_a_direction():
    text = "I spent six years in a lab. Health policy is my next chapter."
    assert levels(review_intro(text, Profile(fields=["health policy"])))["heading"] == "ok"


def test_review_notices_a_missing_why_them():
    text = "I spent six years in a chemistry lab and I want to move into health policy."
    assert levels(review_intro(text, Profile()))["why_them"] == "tip"


# Progress


def test_story_progress_of_an_empty_profile():
    parts = story_progress(Profile())
    assert [label for label, _ in parts] == [
        "About me",
        "Where I've been",
        "Where I am now",
        "Where I'm heading",
        "Goals",
        "Fields I'm exploring",
        "Skills and their translation",
        "What I can offer",
        "30-second introduction",
    ]
    assert not any(done for _, done in parts)
    assert story_fraction(Profile()) == 0.0


def test_story_progress_of_a_complete_profile():
    profile = FULL.model_copy(
        update={
            "present": "Writing up.",
            "skills": [SkillTranslation(skill="Running a lab", translation="Project management")],
            "offers": ["Share my notes on grant writing"],
            "intro": "Hi, I'm Sam.",
        }
    )
    assert all(done for _, done in story_progress(profile))
    assert story_fraction(profile) == 1.0


def test_a_skill_without_translation_does_not_count():
    profile = Profile(skills=[SkillTranslation(skill="Running a lab")])
    assert dict(story_progress(profile))["Skills and their translation"] is False
    assert story_fraction(FULL) == pytest.approx(6 / 9)


# Outside my field


@pytest.mark.parametrize(
    ("contact_field", "mine", "expected"),
    [
        ("Marine biology", ["health policy", "data journalism"], True),
        ("Health Policy", ["health policy"], False),
        ("  public HEALTH  ", ["health policy"], False),
        ("data science", ["Data journalism"], False),
        ("policies", ["policy"], False),
        ("Business analytics", ["business"], False),
        ("Business", ["bus"], True),
        ("", ["health policy"], False),
        ("Marine biology", [], False),
        ("and of the", ["health policy"], False),
    ],
)
def test_suggest_outside_field(contact_field, mine, expected):
    assert suggest_outside_field(contact_field, mine) is expected


def test_a_one_word_intro_is_counted_in_the_singular():
    [length] = [f for f in review_intro("Hello", FULL) if f.rule == "length"]
    assert length.message == "1 word is too short to tell your story."


# --- framing, tone and repetition (#15) -----------------------------------------------------


def _warned(text: str) -> set[str]:
    return {f.rule for f in review_intro(text, Profile()) if f.level == "warn"}


def test_a_story_that_hunts_for_any_job_is_told_so_and_is_not_heading_anywhere():
    text = "I'm looking for a job, any job really. " * 3
    warned = _warned(text)
    assert {"job_seeking", "repetition", "heading"} <= warned
    finding = next(f for f in review_intro(text, Profile()) if f.rule == "job_seeking")
    assert "curiosity and direction" in finding.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "I need a job and I'm not picky.",
        "I'm desperate: I've applied to over a hundred roles.",
        "Anything in sales or marketing would be fine.",
    ],
)
def test_job_seeking_framing_warns(text):
    assert "job_seeking" in _warned(text)


@pytest.mark.parametrize(
    "text",
    [
        "I hate my job and the industry is toxic.",
        "Teaching is a dead-end job and I'm burned out.",
        "Journalism has no future.",
    ],
)
def test_a_negative_tone_about_the_current_field_warns(text):
    assert "negative" in _warned(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm not looking for just any job: I'm exploring roles in public health data.",
        "I'm not unhappy in academia; I'm curious about speech technology.",
        "Nursing has been rewarding but tiring, and I'm exploring clinical research.",
        "I spent six years as a chemist. Now I'm exploring science policy, because I want my "
        "research to reach decision makers.",
    ],
)
def test_curious_directed_stories_and_negations_pass(text):
    assert not {"job_seeking", "negative", "repetition"} & _warned(text)


def test_saying_the_same_thing_twice_warns():
    assert "repetition" in _warned("I'm an accountant. I'm an accountant who wants climate work.")
    assert "repetition" in _warned("I design logos. I design posters. I design websites.")
