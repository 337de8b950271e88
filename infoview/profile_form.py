"""The Your story form as plain values: fill it from a Profile, check it, build a Profile back."""

from __future__ import annotations

import calendar
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from pydantic import ValidationError

from infoview.dates import FALLBACK_ZONE
from infoview.models import (
    RHYTHM_MAX_DAYS,
    RHYTHM_MIN_DAYS,
    AcademicCalendar,
    Profile,
    SkillTranslation,
    friendly_errors,
)
from infoview.story import default_intro
from infoview.wording import split_fields, split_lines

DEFAULT_COUNTRY = "US"
FOLLOWUP_MAX = 30
MONTHS = tuple(calendar.month_name[1:])

# The four semester dates, each shown as a month and a day.
TERM_DATES: tuple[tuple[str, str], ...] = (
    ("fall_start", "Fall semester starts"),
    ("fall_end", "Fall semester ends"),
    ("spring_start", "Spring semester starts"),
    ("spring_end", "Spring semester ends"),
)
TEXT_FIELDS = (
    "name",
    "signature",
    "email",
    "schools",
    "current_role",
    "past",
    "present",
    "future",
    "goals",
    "fields",
    "offers",
    "intro",
)
# Keep-in-touch gaps in days: (form key, Profile field, position, label).
RHYTHM_KEYS = (
    ("rhythm_met_ideal", "rhythm_met", 0, "People you met: ideal gap"),
    ("rhythm_met_max", "rhythm_met", 1, "People you met: longest gap"),
    ("rhythm_referrer_ideal", "rhythm_referrer", 0, "People who introduced you: ideal gap"),
    ("rhythm_referrer_max", "rhythm_referrer", 1, "People who introduced you: longest gap"),
)
RHYTHM_FIELDS = tuple(key for key, *_ in RHYTHM_KEYS)


def rhythm_value(values: Mapping[str, Any], key: str) -> int:
    """Return one keep-in-touch gap from the form (the default when the form lacks it)."""
    if key in values:
        return int(values[key])
    _key, field, i, _label = next(k for k in RHYTHM_KEYS if k[0] == key)
    return Profile.model_fields[field].default[i]


# Every plain widget value the form keeps (skills are rows, kept separately).
FORM_FIELDS: tuple[str, ...] = (
    *TEXT_FIELDS,
    "country",
    "timezone",
    *(f"{key}_{part}" for key, _ in TERM_DATES for part in ("month", "day")),
    "followup_first",
    "followup_second",
    *RHYTHM_FIELDS,
    "intro_edited",
)

# Module names in the holidays registry that title-casing gets wrong.
_COUNTRY_NAME_FIXES = {
    "hongkong": "Hong Kong",
    "dr_congo": "DR Congo",
    "guinea_bissau": "Guinea-Bissau",
    "timor_leste": "Timor-Leste",
    "aland_islands": "Åland Islands",
    "curacao": "Curaçao",
    "reunion": "Réunion",
    "saint_barthelemy": "Saint Barthélemy",
    "sao_tome_and_principe": "São Tomé and Príncipe",
    "heard_island_and_mcdonald_islands": "Heard Island and McDonald Islands",
}
_SMALL_WORDS = {"and", "of", "the"}


class ProfileFormError(ValueError):
    """The form cannot be saved as it is; ``messages`` says why, one sentence per problem.

    ``fields`` names the Profile fields the problems are in, so a page can show where they are.
    """

    def __init__(self, messages: list[str], fields: Iterable[str] = ()):
        super().__init__("; ".join(messages))
        self.messages = messages
        self.fields = frozenset(fields)


def _country_name(module: str) -> str:
    if module in _COUNTRY_NAME_FIXES:
        return _COUNTRY_NAME_FIXES[module]
    words = module.split("_")
    return " ".join(w if w in _SMALL_WORDS and i else w.capitalize() for i, w in enumerate(words))


def _sort_key(name: str) -> str:
    # "Åland Islands" sorts with the A's, not after Zimbabwe.
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


@cache
def country_names() -> dict[str, str]:
    """Return every country the holidays library knows, code -> name, sorted by name."""
    import holidays

    codes = holidays.list_supported_countries(include_aliases=False)
    try:
        from holidays.registry import COUNTRIES

        names = {entry[1]: _country_name(module) for module, entry in COUNTRIES.items()}
    except (ImportError, AttributeError, IndexError):
        names = {}  # an older or newer library layout: show the codes rather than fail
    found = {code: names.get(code, code) for code in codes}
    return dict(sorted(found.items(), key=lambda item: _sort_key(item[1])))


def country_options(current: str) -> list[str]:
    """Return the country codes to offer, keeping an unknown saved code so it is not lost."""
    codes = list(country_names())
    return codes if not current or current in codes else [current, *codes]


def country_label(code: str) -> str:
    """Return "Germany (DE)" for a code, or the code itself when it is unknown."""
    name = country_names().get(code)
    return f"{name} ({code})" if name else code


def new_row_id() -> str:
    """Return an id for a new skill row (it keys the row's widgets)."""
    return uuid.uuid4().hex[:10]


def skill_rows(skills: Iterable[SkillTranslation]) -> list[dict[str, str]]:
    """Return skills as editable rows, with one blank row when there are none."""
    rows = [{"id": new_row_id(), "skill": s.skill, "translation": s.translation} for s in skills]
    return rows or [{"id": new_row_id(), "skill": "", "translation": ""}]


def profile_form_values(profile: Profile, browser_timezone: str = FALLBACK_ZONE) -> dict:
    """Return a profile as the form shows it (the time zone defaults to the browser's)."""
    values: dict[str, Any] = {
        "name": profile.name,
        "signature": profile.signature,
        "email": profile.email or "",
        "schools": "\n".join(profile.schools),
        "current_role": profile.current_role,
        "past": profile.past,
        "present": profile.present,
        "future": profile.future,
        "goals": profile.goals,
        "fields": "\n".join(profile.fields),
        "offers": "\n".join(profile.offers),
        "intro": profile.intro,
        "intro_edited": profile.intro_edited,
        "country": profile.country or DEFAULT_COUNTRY,
        "timezone": profile.timezone or browser_timezone,
        "followup_first": profile.followup_days[0],
        "followup_second": profile.followup_days[1],
        **{key: getattr(profile, field)[i] for key, field, i, _ in RHYTHM_KEYS},
        "skills": skill_rows(profile.skills),
    }
    for key, _ in TERM_DATES:
        month, day = getattr(profile.calendar, key)
        values[f"{key}_month"] = month
        values[f"{key}_day"] = day
    return values


def check_month_day(month: int, day: int, label: str) -> str | None:
    """Return why (month, day) is not a date in every year's calendar (Feb 29 counts), or None."""
    if not 1 <= int(month) <= 12:
        return f"{label}: choose a month."
    last = calendar.monthrange(2024, int(month))[1]  # 2024 is a leap year: Feb 29 is allowed
    if not 1 <= int(day) <= last:
        return f"{label}: {MONTHS[int(month) - 1]} has {last} days, so day {day} does not exist."
    return None


def check_calendar(values: Mapping[str, Any]) -> list[str]:
    """Return the problems with the semester dates (a semester may run into the next year)."""
    problems = []
    for key, label in TERM_DATES:
        problem = check_month_day(values[f"{key}_month"], values[f"{key}_day"], label)
        if problem:
            problems.append(problem)
    for term in ("fall", "spring"):
        start = (values[f"{term}_start_month"], values[f"{term}_start_day"])
        end = (values[f"{term}_end_month"], values[f"{term}_end_day"])
        if start == end:
            problems.append(f"The {term} semester starts and ends on the same day.")
    return problems


def check_followup(first: int, second: int) -> list[str]:
    """Return the problems with the follow-up rhythm (two business-day counts, first smaller)."""
    problems = []
    for value, which in ((first, "first"), (second, "second")):
        if not 1 <= int(value) <= FOLLOWUP_MAX:
            problems.append(
                f"Follow-up rhythm: the {which} step must be between 1 and {FOLLOWUP_MAX} "
                "business days."
            )
    if not problems and int(first) >= int(second):
        problems.append(
            "Follow-up rhythm: the first step (trying a second person) must come before the "
            f"polite follow-up, so {first} must be smaller than {second}."
        )
    return problems


def check_rhythm(values: Mapping[str, Any]) -> list[str]:
    """Return the problems with the keep-in-touch gaps (days; the longest not below the ideal)."""
    problems = []
    for key, _field, _i, label in RHYTHM_KEYS:
        if not RHYTHM_MIN_DAYS <= rhythm_value(values, key) <= RHYTHM_MAX_DAYS:
            problems.append(
                f"Keep in touch: {label.lower()} must be between {RHYTHM_MIN_DAYS} and "
                f"{RHYTHM_MAX_DAYS} days."
            )
    if problems:
        return problems
    for who, field in (
        ("people you met", "rhythm_met"),
        ("people who introduced you", "rhythm_referrer"),
    ):
        ideal = rhythm_value(values, f"{field}_ideal")
        longest = rhythm_value(values, f"{field}_max")
        if longest < ideal:
            problems.append(
                f"Keep in touch: for {who} the longest gap ({longest} days) cannot be shorter "
                f"than the ideal one ({ideal} days)."
            )
    return problems


def _skills(rows: Iterable[Mapping[str, str]]) -> tuple[list[SkillTranslation], list[str]]:
    skills, problems = [], []
    for number, row in enumerate(rows, start=1):
        skill = str(row.get("skill") or "").strip()
        translation = str(row.get("translation") or "").strip()
        if not skill and translation:
            problems.append(f"Skill {number}: write the skill before how it translates.")
        elif skill:
            skills.append({"skill": skill, "translation": translation})
    return skills, problems


def story_profile(values: Mapping[str, Any], base: Profile | None = None) -> Profile:
    """Return the story the form holds, unchecked, for previews while the user is typing."""
    skills, _ = _skills(values.get("skills", []))
    data = (base or Profile()).model_dump()
    data.update(
        name=str(values.get("name", "")).strip(),
        current_role=str(values.get("current_role", "")).strip(),
        schools=split_lines(values.get("schools", "")),
        past=str(values.get("past", "")).strip(),
        present=str(values.get("present", "")).strip(),
        future=str(values.get("future", "")).strip(),
        goals=str(values.get("goals", "")).strip(),
        fields=split_fields(values.get("fields", "")),
        offers=split_lines(values.get("offers", "")),
        skills=[SkillTranslation.model_construct(**s) for s in skills],
        intro=str(values.get("intro", "")).strip(),
        intro_edited=bool(values.get("intro_edited")),
    )
    # A preview must work even while a field is too long to save: skip validation here.
    data["calendar"] = AcademicCalendar()
    profile = Profile.model_construct(**data)
    if profile.intro_edited:
        return profile
    return profile.model_copy(update={"intro": default_intro(profile)})


def current_intro(values: Mapping[str, Any], base: Profile | None = None) -> str:
    """Return the introduction the form stands for: the user's own, or the generated one."""
    return (
        story_profile(values, base).intro
        if not values.get("intro_edited")
        else str(values.get("intro", ""))
    )


def profile_from_form(values: Mapping[str, Any], base: Profile) -> Profile:
    """Build the profile the form describes; raise ProfileFormError listing every problem."""
    problems, fields = [], set()
    for field, found in (
        ("followup_days", check_followup(values["followup_first"], values["followup_second"])),
        ("calendar", check_calendar(values)),
        ("rhythm_met", check_rhythm(values)),
    ):
        problems += found
        fields.update([field] if found else [])
    skills, skill_problems = _skills(values.get("skills", []))
    problems += skill_problems
    fields.update(["skills"] if skill_problems else [])
    if not str(values.get("country", "")).strip():
        problems.append("Country: choose the country whose public holidays apply to you.")
        fields.add("country")
    data = base.model_dump()
    data.update({name: values[name] for name in TEXT_FIELDS if name in values})
    data.update(
        schools=split_lines(values.get("schools", "")),
        fields=split_fields(values.get("fields", "")),
        offers=split_lines(values.get("offers", "")),
        skills=skills,
        country=str(values.get("country", "")).strip().upper(),
        timezone=str(values.get("timezone", "")).strip(),
        followup_days=(int(values["followup_first"]), int(values["followup_second"])),
        intro_edited=bool(values.get("intro_edited")),
    )
    if not problems:
        for field in ("rhythm_met", "rhythm_referrer"):
            data[field] = (
                rhythm_value(values, f"{field}_ideal"),
                rhythm_value(values, f"{field}_max"),
            )
        data["calendar"] = {
            key: (int(values[f"{key}_month"]), int(values[f"{key}_day"])) for key, _ in TERM_DATES
        }
    if not data["intro_edited"]:
        data["intro"] = current_intro(values, base)
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        problems += friendly_errors(exc)
        fields.update(str((err.get("loc") or ("",))[0]) for err in exc.errors())
    if problems:
        raise ProfileFormError(problems, fields)
    return profile


def _content(profile: Profile) -> dict[str, Any]:
    return profile.model_dump(mode="json", exclude={"created_at", "updated_at", "revision"})


def unsaved_changes(
    values: Mapping[str, Any], saved: Profile, browser_timezone: str = FALLBACK_ZONE
) -> bool:
    """Say whether the form holds anything the saved profile does not (defaults excepted)."""
    try:
        typed = profile_from_form(values, saved)
    except ProfileFormError:
        return True  # something typed cannot even be saved yet: it is certainly not saved
    baseline_values = profile_form_values(saved, browser_timezone)
    try:
        baseline = profile_from_form(baseline_values, saved)
    except ProfileFormError:
        baseline = saved
    return _content(typed) != _content(baseline)
