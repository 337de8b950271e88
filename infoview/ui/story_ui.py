"""The Your story page's widgets: a draft that survives page and tab switches, one Save.

Streamlit drops the state of widgets that are not drawn (another page, or a tab that is not
open: the page's tabs are lazy), so the form is a draft kept whole by ``infoview.ui.kept``:
every widget's value is copied into the draft by its on_change callback (and on every run),
and a widget Streamlit forgot is filled from the draft again. The progress, the
unsaved-changes marker and Save all read the draft, so they cover every tab, open or not.
Nothing is written until "Save my story".
"""

from __future__ import annotations

import streamlit as st

from infoview import models
from infoview.dates import zone_options
from infoview.models import RHYTHM_MAX_DAYS, RHYTHM_MIN_DAYS, Profile
from infoview.profile_form import (
    FORM_FIELDS,
    MONTHS,
    RHYTHM_KEYS,
    TERM_DATES,
    ProfileFormError,
    country_label,
    country_options,
    current_intro,
    new_row_id,
    profile_form_values,
    profile_from_form,
    story_profile,
    unsaved_changes,
)
from infoview.store import StaleRecordError, Store, StoreError
from infoview.story import (
    FIELDS_PART,
    GOALS_PART,
    OFFER_IDEAS,
    REFLECTION_PARTS,
    SKILL_EXAMPLES,
    SKILL_PROMPTS,
    ReflectionPart,
    intro_minutes_label,
    review_intro,
    story_fraction,
    story_progress,
)
from infoview.ui.kept import (
    kept_values,
    report_problem,
    show_in_widgets,
    show_problem,
    typed_in_widgets,
)
from infoview.ui.long_text import warn_if_too_long
from infoview.ui.setup import flash
from infoview.ui.text import md, md_join, plain, show
from infoview.ui.zones import zone_here

# The kept draft (see infoview.ui.kept): "draft", the form's values by field; "base", the
# profile revision it started from; "touched", whether the user changed something since.
KEPT = "ys_kept"
PAGE = "ys"  # the key prefix of the page's session state
STALE = "ys_stale"
REGEN = "ys_regen"
GENERATED = "ys_generated"  # recent generated introductions, to tell them from edits
W = "ysw_"  # widget keys
SKILL_PARTS = ("skill", "translation")  # the two boxes of a skill row
FOLLOWUP_BOXES = (  # the follow-up rhythm's two steps, in business days
    ("followup_first", "Try a second person at the same place after"),
    ("followup_second", "Send one polite follow-up after"),
)
SKILL_BOXES = (  # part, label, length limit, example
    ("skill", "Skill {}", models.SHORT_MAX, "e.g. Running a lab"),
    (
        "translation",
        "How skill {} translates",
        models.REASON_MAX,
        "e.g. Project management: budgets, timelines, people",
    ),
)
TAB_KEY = "ys_tab"  # the open tab (only the open tab's widgets are drawn)
TABS = [
    ":material/badge: About me & settings",
    ":material/route: My story",
    ":material/swap_horiz: Skills",
    ":material/volunteer_activism: What I can offer",
    ":material/record_voice_over: 30-second introduction",
]
SETTINGS_KEY = "ys_settings"  # the settings expander on the first tab is open
SETTINGS_LABEL = ":material/tune: Holidays, time zone, semester dates, follow-up and keep-in-touch"
# Where each Profile field is edited: the index of its tab (settings sit in the expander).
SETTINGS_FIELDS = frozenset(
    {"country", "timezone", "calendar", "followup_days", "rhythm_met", "rhythm_referrer"}
)
FIELD_TABS = {
    **dict.fromkeys(("name", "email", "current_role", "schools", "signature"), 0),
    **dict.fromkeys(SETTINGS_FIELDS, 0),
    **dict.fromkeys(("past", "present", "future", "goals", "fields"), 1),
    "skills": 2,
    "offers": 3,
    "intro": 4,
    "intro_edited": 4,
}
WIDGETS = tuple(name for name in FORM_FIELDS if name != "intro_edited")


def _w(name: str) -> str:
    return W + name


def _skill_key(row_id: str, part: str) -> str:
    return f"{W}skill_{row_id}_{part}"


def _kept() -> dict:
    return kept_values(KEPT)


def _shown(draft: dict) -> dict:
    """Return the draft as its widgets show it: widget key → value."""
    shown = {_w(name): draft[name] for name in WIDGETS}
    for row in draft["skills"]:
        shown.update({_skill_key(row["id"], part): row[part] for part in SKILL_PARTS})
    return shown


def _fill(profile: Profile) -> None:
    """Start the draft over from a saved profile and put its values in the widgets."""
    draft = profile_form_values(profile, zone_here())
    _kept().update(draft=draft, base=profile.revision, touched=False)
    show_in_widgets(_shown(draft))


def load_draft(store: Store) -> tuple[Profile, dict]:
    """Return the saved profile and the draft, refilling widgets a page switch dropped."""
    saved = store.profile()
    kept = _kept()
    draft = kept.get("draft")
    moved_on = kept.get("base") != saved.revision
    if draft is None or (moved_on and not kept.get("touched")):
        _fill(saved)
        return saved, kept["draft"]
    _sync()
    show_in_widgets(_shown(draft), only_forgotten=True)
    return saved, draft


def _sync() -> None:
    """Copy what the widgets hold into the draft (callbacks may run in any order)."""
    kept = _kept()
    draft = kept["draft"]
    shown = _shown(draft)
    typed = {k: v for k, v in typed_in_widgets(shown).items() if v != shown[k]}
    if not typed:
        return
    for name in WIDGETS:
        if name != "intro" and _w(name) in typed:
            draft[name] = typed[_w(name)]
    for row in draft["skills"]:
        for part in SKILL_PARTS:
            row[part] = typed.get(_skill_key(row["id"], part), row[part])
    if _w("intro") in typed:  # last: whether it is an edit depends on the story above
        _take_typed_intro(draft, typed[_w("intro")] or "")
    kept["touched"] = True


def _squash(text: str) -> str:
    return " ".join(text.split())


def _take_typed_intro(draft: dict, text: str) -> None:
    generated = current_intro({**draft, "intro_edited": False})
    # A browser that sent its rerun before our last one reached it still shows an older
    # generated version: that is not an edit. Neither is an emptied box, or the template's
    # words put back: all of these follow the story again.
    shown = {_squash(t) for t in st.session_state.get(GENERATED, [])} | {_squash(generated)}
    edited = bool(text.strip()) and _squash(text) not in shown
    draft["intro"] = text if edited else generated
    draft["intro_edited"] = edited


def _add_skill() -> None:
    _sync()
    row = {"id": new_row_id(), **dict.fromkeys(SKILL_PARTS, "")}
    kept = _kept()
    kept["draft"]["skills"].append(row)
    show_in_widgets({_skill_key(row["id"], part): "" for part in SKILL_PARTS})
    kept["touched"] = True


def _remove_skill(row_id: str) -> None:
    _sync()
    kept = _kept()
    kept["draft"]["skills"] = [row for row in kept["draft"]["skills"] if row["id"] != row_id]
    kept["touched"] = True


def _save(store: Store) -> None:
    _sync()
    kept = _kept()
    try:
        profile = profile_from_form(kept["draft"], store.profile())
        stored = store.save(profile, expected_revision=kept.get("base"))
    except ProfileFormError as exc:
        _refuse(exc.messages)
        _open_where(exc.fields)
        return
    except StaleRecordError:
        st.session_state[STALE] = True
        return
    except StoreError as exc:
        _refuse([f"Your story could not be written to disk: {exc}"])
        return
    st.session_state.pop(STALE, None)
    st.session_state.pop(REGEN, None)
    _fill(stored)
    flash("Your story is saved.", icon="💾")


def _refuse(problems: list[str]) -> None:
    """Keep why the story was not saved, shown once under the Save button on the next run."""
    listed = md_join("\n", (md("- {}", problem) for problem in problems))
    report_problem(PAGE, "error", md("Nothing was saved. Please fix:\n\n{}", listed))


def _open_where(fields: frozenset[str]) -> None:
    """Open a tab (and the settings) holding a problem, unless the open tab holds one."""
    tabs = sorted({FIELD_TABS[name] for name in fields if name in FIELD_TABS})
    if not tabs:
        return
    state = st.session_state
    current = TABS.index(state[TAB_KEY]) if state.get(TAB_KEY) in TABS else 0
    if current not in tabs:
        state[TAB_KEY] = TABS[tabs[0]]
    if fields & SETTINGS_FIELDS:
        state[SETTINGS_KEY] = True


def _load_saved(store: Store) -> None:
    st.session_state.pop(STALE, None)
    _fill(store.profile())


def save_bar(store: Store, saved: Profile, draft: dict) -> None:
    """Show the story's progress, whether it is saved, and the one Save button."""
    preview = story_profile(draft, saved)
    parts = story_progress(preview)
    done = sum(filled for _, filled in parts)
    left, right = st.columns([5, 2], vertical_alignment="center", gap="large")
    with left:
        st.progress(
            story_fraction(preview), text=md("Your story: {} of {} parts", done, len(parts))
        )
        st.caption(
            md_join(
                "  ",
                (
                    md(
                        ":green[:material/check_circle:] {}" if filled else ":material/circle: {}",
                        label,
                    )
                    for label, filled in parts
                ),
            )
        )
    with right:
        st.button(
            "Save my story",
            type="primary",
            icon=":material/save:",
            key="ys_save",
            on_click=_save,
            args=(store,),
            width="stretch",
        )
        if unsaved_changes(draft, saved, zone_here()):
            st.markdown(":orange[:material/edit: **You have unsaved changes**]")
        elif saved.revision:
            st.caption(":material/check_circle: All saved")
        else:
            st.caption("Nothing saved yet")
    show_problem(PAGE)
    refused = st.session_state.get(STALE)
    if refused or (_kept().get("base") != saved.revision and saved.revision):
        st.warning(
            md(
                "{}your story was changed in another tab or window after you opened it here. "
                "Load the saved version to carry on from it (the edits on this page are dropped; "
                "copy anything you want to keep first).",
                "Not saved: " if refused else "",
            ),
            icon=":material/sync_problem:",
        )
        st.button("Load the saved version", key="ys_reload", on_click=_load_saved, args=(store,))


# ---------------------------------------------------------------- about me & settings


def about_me() -> None:
    """Draw who the user is: name, email, role, schools and the email signature."""
    a, b = st.columns(2, gap="medium")
    a.text_input("Your name", max_chars=models.NAME_MAX, key=_w("name"), **_cb("name"))
    b.text_input("Your email", max_chars=models.EMAIL_MAX, key=_w("email"), **_cb("email"))
    a.text_input(
        "What you do now",
        max_chars=models.SHORT_MAX,
        key=_w("current_role"),
        placeholder="e.g. fifth-year PhD student in chemistry",
        **_cb("current_role"),
    )
    b.text_area(
        "Schools you attended (one per line)",
        key=_w("schools"),
        height=100,
        help="Later steps point out a school you share with a contact.",
        **_cb("schools"),
    )
    a.text_area(
        "Email signature",
        max_chars=models.REASON_MAX,
        key=_w("signature"),
        height=100,
        placeholder="Sam Rivera\nPhD candidate, Chemistry\nsam@example.edu",
        help="Added at the end of the emails InfoView drafts for you.",
        **_cb("signature"),
    )


def _cb(name: str = "") -> dict:
    # persist_state="session": a box that leaves the screen (a closed tab or expander, another
    # page) leaves its last value on its key, so the value it shows again is never an older
    # one that load_draft put there before it was first drawn.
    return {"on_change": _sync, "persist_state": "session"}


def settings_section(draft: dict) -> None:
    """Draw the settings in an expander whose widgets are only drawn while it is open."""
    box = st.expander(SETTINGS_LABEL, key=SETTINGS_KEY, on_change="rerun")
    if box.open:
        with box:
            settings(draft)


def settings(draft: dict) -> None:
    """Draw where the user is (holidays, time zone), the semester dates and follow-up rhythm."""
    a, b = st.columns(2, gap="medium")
    a.selectbox(
        "Country for public holidays",
        country_options(draft["country"]),
        format_func=country_label,
        key=_w("country"),
        help="Follow-up dates skip this country's public holidays, and the timing advice "
        "warns about them.",
        **_cb("country"),
    )
    b.selectbox(
        "Your time zone",
        zone_options(draft["timezone"]),
        key=_w("timezone"),
        help="Filled in from your browser at first; change it if you are planning from "
        "somewhere else.",
        **_cb("timezone"),
    )
    st.markdown("**Academic calendar**")
    st.caption(
        "The timing advice avoids the busy first and last weeks of a semester when you write "
        "to people at a university. Put in the dates of the school you care about."
    )
    for column, (key, label) in zip(st.columns(4), TERM_DATES, strict=True):
        with column:
            st.markdown(label)
            month, day = st.columns([3, 2])
            month.selectbox(
                md("{}: month", label),
                range(1, 13),
                format_func=lambda m: MONTHS[m - 1],
                key=_w(f"{key}_month"),
                label_visibility="collapsed",
                **_cb(f"{key}_month"),
            )
            day.number_input(
                md("{}: day", label),
                min_value=1,
                max_value=31,
                step=1,
                key=_w(f"{key}_day"),
                label_visibility="collapsed",
                **_cb(f"{key}_day"),
            )
    st.markdown("**Follow-up rhythm** (business days after an unanswered email)")
    for column, (key, label) in zip(st.columns(2, gap="medium"), FOLLOWUP_BOXES, strict=True):
        column.number_input(label, min_value=1, max_value=30, step=1, key=_w(key), **_cb(key))
    st.markdown("**Keep in touch** (days between interactions with people you have talked to)")
    st.caption(
        "Home lists a person once the ideal gap has passed since you were last in touch, "
        "and marks them red past the longest gap. A contact's own page can change this "
        "for them alone."
    )
    columns = [*st.columns(2, gap="medium"), *st.columns(2, gap="medium")]
    for column, (key, _field, _i, label) in zip(columns, RHYTHM_KEYS, strict=True):
        column.number_input(
            label,
            min_value=RHYTHM_MIN_DAYS,
            max_value=RHYTHM_MAX_DAYS,
            step=1,
            key=_w(key),
            **_cb(key),
        )


# ---------------------------------------------------------------- the story


def reflection(part: ReflectionPart, hint: str = "") -> None:
    """Draw one part of the story: its prompts, then a box with an example as placeholder."""
    st.markdown(md("## {}", part.label))
    st.markdown(md_join("\n", (md("- {}", prompt) for prompt in part.prompts)))
    text = st.text_area(
        md("{} ({})", part.label, hint) if hint else md("{}", part.label),
        key=_w(part.key),
        height=130,
        placeholder=plain("For example: {}", part.example),
        label_visibility="visible" if hint else "collapsed",
        **_cb(part.key),
    )
    warn_if_too_long(text, models.NOTES_MAX)


def story_parts() -> None:
    """Draw the three reflection parts, goals, and the fields being explored."""
    for part in REFLECTION_PARTS:
        reflection(part)
    reflection(GOALS_PART)
    reflection(FIELDS_PART, "one per line, or separated by semicolons")
    st.caption("Research uses these fields to point out contacts who work outside them.")


def skills(draft: dict) -> None:
    """Draw the skill rows (skill -> how it shows up in the target field) with examples."""
    st.markdown(md_join("\n", (md("- {}", prompt) for prompt in SKILL_PROMPTS)))
    with st.expander("Examples of skills and how they translate"):
        st.markdown(
            md_join("\n", (md("- {} → {}", ex.skill, ex.translation) for ex in SKILL_EXAMPLES))
        )
    head = st.columns([4, 5, 1])
    head[0].markdown("**A skill you have**")
    head[1].markdown("**How it shows up in the field you're exploring**")
    for number, row in enumerate(draft["skills"], start=1):
        cols = st.columns([4, 5, 1], vertical_alignment="center")
        for column, (part, label, limit, example) in zip(cols[:2], SKILL_BOXES, strict=True):
            column.text_input(
                md(label, number),
                key=_skill_key(row["id"], part),
                max_chars=limit,
                placeholder=example,
                label_visibility="collapsed",
                **_cb(),
            )
        cols[2].button(
            ":material/close:",
            key=f"ys_skill_remove_{row['id']}",
            help=md("Remove skill {}", number),
            type="tertiary",
            on_click=_remove_skill,
            args=(row["id"],),
        )
    st.button(
        "Add a skill",
        icon=":material/add:",
        key="ys_skill_add",
        on_click=_add_skill,
        disabled=len(draft["skills"]) >= models.LIST_MAX,
    )


def offers() -> None:
    """Draw the ideas for being useful to contacts and the user's own list."""
    st.markdown(
        "A conversation goes both ways: you have things to give too. Some ways to help the "
        "people you talk with:"
    )
    for idea in OFFER_IDEAS:
        st.markdown(md("**{}.** {}  \n*For example: {}*", idea.label, idea.prompt, idea.example))
    st.text_area(
        "What I can offer (one per line)",
        key=_w("offers"),
        height=150,
        placeholder="Share my reading list on …\nIntroduce them to …",
        help="The ask and the conversation log remind you of this list.",
        **_cb("offers"),
    )


# ---------------------------------------------------------------- the introduction


def _regenerate_open() -> None:
    _sync()
    st.session_state[REGEN] = True


def _regenerate_take() -> None:
    _sync()
    kept = _kept()
    draft = kept["draft"]
    draft["intro_edited"] = False
    draft["intro"] = current_intro(draft)
    show_in_widgets({_w("intro"): draft["intro"]})
    st.session_state.pop(REGEN, None)
    kept["touched"] = True


def _regenerate_close() -> None:
    st.session_state.pop(REGEN, None)


def introduction(saved: Profile, draft: dict) -> None:
    """Draw the 30-second introduction: generated, editable, timed and coached."""
    preview = story_profile(draft, saved)
    generated = current_intro({**draft, "intro_edited": False}, saved)
    if not draft["intro_edited"]:
        # Follow the story as it is typed, until the user makes the text their own.
        draft["intro"] = generated
        show_in_widgets({_w("intro"): generated})
        recent = [t for t in st.session_state.get(GENERATED, []) if t != generated]
        st.session_state[GENERATED] = [*recent[-19:], generated]
    st.text_area(
        "Your 30-second introduction",
        key=_w("intro"),
        height=160,
        max_chars=models.BODY_MAX,
        placeholder="Fill in your story and this writes itself; then make it yours.",
        **_cb("intro"),
    )
    text = draft["intro"]
    st.caption(
        md(
            "{} at a calm pace · {}",
            intro_minutes_label(text),
            "Your own words: kept as you wrote them."
            if draft["intro_edited"]
            else "Written from your story; edit it to make it yours.",
        )
    )
    if draft["intro_edited"] and _squash(generated) != _squash(text):
        if st.session_state.get(REGEN):
            with st.container(border=True):
                st.markdown("**The version written from your story now:**")
                show(generated or "(Your story is still empty.)")
                st.caption(intro_minutes_label(generated))
                a, b = st.columns(2)
                a.button(
                    "Use this version",
                    key="ys_regen_take",
                    type="primary",
                    on_click=_regenerate_take,
                    disabled=not generated,
                )
                b.button("Keep mine", key="ys_regen_keep", on_click=_regenerate_close)
        else:
            st.button(
                "Regenerate",
                key="ys_regen",
                icon=":material/autorenew:",
                help="See the version written from your story and choose it if you like it.",
                on_click=_regenerate_open,
            )
    if not text.strip():
        return
    st.markdown("**Coaching**")
    for finding in review_intro(text, preview):
        box = {"ok": st.success, "tip": st.info, "warn": st.warning}[finding.level]
        message = finding.message + (f" {finding.suggestion}" if finding.suggestion else "")
        icon = {"ok": ":material/check_circle:", "tip": ":material/lightbulb:"}
        box(message, icon=icon.get(finding.level, ":material/edit:"))
