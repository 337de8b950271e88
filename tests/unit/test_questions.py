"""The question bank, the call-time planner and the referral-last rule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from infoview.models import CallPlan, Outreach, PlanItem, Sector
from infoview.questions import (
    CATEGORIES,
    QUESTION_BANK,
    QUESTIONS_BY_ID,
    REFERRAL,
    REFERRAL_ID,
    WHO_ELSE,
    add_question,
    default_call_minutes,
    default_plan,
    drop_items,
    ensure_referral_last,
    format_mark,
    latest_plan,
    move,
    plan_call,
    prep_sheet_filename,
    question_by_id,
    remove,
    reserve_for,
    search_questions,
    suits_text,
    to_item,
)


def ids(items):
    return [item.question_id for item in items]


def custom(text: str, minutes: float) -> PlanItem:
    return PlanItem(text=text, minutes=minutes)


# ---------------------------------------------------------------- the bank


def test_bank_has_at_least_40_unique_questions():
    assert len(QUESTION_BANK) >= 40
    assert len({q.id for q in QUESTION_BANK}) == len(QUESTION_BANK)
    assert len({q.text for q in QUESTION_BANK}) == len(QUESTION_BANK)


def test_every_category_has_questions_and_every_question_a_known_category():
    for category in CATEGORIES:
        assert search_questions(category=category), category
    assert {q.category for q in QUESTION_BANK} == set(CATEGORIES)


def test_sectors_and_minutes_are_valid():
    sectors = {s.value for s in Sector}
    for q in QUESTION_BANK:
        assert q.sectors and q.sectors <= sectors, q.id
        assert 0 < q.minutes <= 5, q.id


def test_exactly_one_referral_question_in_who_else():
    who_else = [q for q in QUESTION_BANK if q.category == WHO_ELSE]
    assert [q.id for q in who_else] == [REFERRAL_ID]
    assert REFERRAL.sectors == {s.value for s in Sector}


def test_bank_does_not_copy_the_articles_questions():
    copied = [
        "What is a typical day like at your job?",
        "What skills do you find yourself using most regularly?",
        "What is the most rewarding part of your job?",
        "Can you share a bit about your career journey",
        "Is there anyone else you'd recommend I talk to?",
    ]
    texts = " ".join(q.text.lower() for q in QUESTION_BANK)
    for sentence in copied:
        assert sentence.lower() not in texts


def test_search_ignores_case_and_accents():
    assert [q.id for q in search_questions("RESUME")] == ["advice-resume"]
    assert [q.id for q in search_questions("résumé")] == ["advice-resume"]


def test_search_needs_every_word():
    assert [q.id for q in search_questions("workday ordinary")] == ["typical-day"]
    assert search_questions("workday zebra") == []


def test_search_filters_by_category_and_sector():
    found = search_questions(category="typical day", sector="academia")
    assert "typical-semester" in [q.id for q in found]
    assert all(q.category == "typical day" for q in found)
    industry = [q.id for q in search_questions(category="typical day", sector=Sector.INDUSTRY)]
    assert "typical-semester" not in industry
    assert "typical-day" in industry


def test_empty_search_lists_the_whole_bank():
    assert search_questions() == list(QUESTION_BANK)


# ---------------------------------------------------------------- time fitting


def test_reserve_scales_with_call_length():
    assert reserve_for(5) == reserve_for(5).__class__(hello=0.5, intro=0.5, wrap_up=1.0)
    assert (reserve_for(15).hello, reserve_for(15).intro, reserve_for(15).wrap_up) == (1, 1, 2)
    assert reserve_for(90).total == 21
    assert reserve_for(180).total == 25


def test_normal_15_minute_plan_fits_with_marks():
    fit = plan_call(default_plan("industry", 15), 15)
    assert ids(fit.items) == ["typical-day", "journey", "skills-most", "advice-start", "referral"]
    assert fit.marks == (2, 4, 7, 9, 11)
    assert [format_mark(m) for m in fit.marks] == ["0:02", "0:04", "0:07", "0:09", "0:11"]
    assert fit.intro_mark == 1
    assert fit.wrap_up_mark == 12
    assert fit.used_minutes == 14
    assert fit.available_minutes == 15
    assert fit.spare_minutes == 1
    assert fit.fits and fit.over_by == 0
    assert fit.warning is None
    assert fit.suggest_drops == ()


def test_over_long_plan_warns_and_drops_make_it_fit():
    items = [to_item(question_by_id(qid)) for qid in ("typical-day", "trends-next", "journey")]
    items += [custom("How do you choose projects?", 3), custom("What about remote work?", 2)]
    fit = plan_call(items, 10)
    # 0.5 + 0.5 (hello, intro) + 2 + 2.5 + 3 + 3 + 2 + 1 (referral) + 1 (wrap-up)
    assert fit.used_minutes == 15.5
    assert fit.over_by == 5.5
    assert not fit.fits
    assert fit.warning == (
        "This plan needs about 15.5 minutes, 5.5 more than the 10 you have. "
        "Dropping 2 questions would make it fit."
    )
    # Lowest value first (trends), then the longest bank question (journey, 3 min);
    # the user's own questions are kept.
    assert fit.suggest_drops == (1, 2)
    kept = [item for i, item in enumerate(fit.items) if i not in fit.suggest_drops]
    assert plan_call(kept, 10).fits
    assert ids(fit.items)[-1] == REFERRAL_ID


def test_drops_take_the_fewest_needed_and_never_the_referral():
    items = [
        to_item(question_by_id("resources-reading")),  # value 2, 1.5 min
        to_item(question_by_id("trends-changes")),  # value 2, 2.5 min
        to_item(question_by_id("typical-day")),  # value 4, 2 min
    ]
    fit = plan_call(items, 5)  # 2 reserved, 7 of questions: 4 over
    assert fit.over_by == 4
    assert fit.suggest_drops == (0, 1)
    assert fit.items[-1].question_id == REFERRAL_ID
    assert len(fit.items) - 1 not in fit.suggest_drops
    one_over = plan_call(items[1:], 5)  # 2.5 + 2 + 1 referral: 2.5 over
    assert one_over.suggest_drops == (0,)


def test_drops_skip_a_question_that_would_not_need_to_go():
    items = [
        to_item(question_by_id("resources-reading")),  # value 2, 1.5 min
        to_item(question_by_id("insights-hiring")),  # value 3, 2.5 min
    ]
    fit = plan_call(items, 5)  # 2 over: dropping the short one alone is not enough
    assert fit.over_by == 2
    assert fit.suggest_drops == (1,)


def test_drops_when_only_the_referral_is_too_long():
    fit = plan_call([PlanItem(question_id=REFERRAL_ID, text="Who else?", minutes=10)], 5)
    assert fit.over_by == 7
    assert fit.suggest_drops == ()
    assert fit.warning.endswith("Ask for a longer call or shorten your questions.")


def test_tiny_5_minute_call_still_has_a_question_and_the_referral():
    plan = default_plan(Sector.ACADEMIA, 5)
    assert ids(plan) == ["typical-day", REFERRAL_ID]
    fit = plan_call(plan, 5)
    assert fit.marks == (1, 3)
    assert fit.used_minutes == 5
    assert fit.fits
    too_many = add_question(plan, question_by_id("journey"))
    assert plan_call(too_many, 5).over_by == 3


def test_90_minute_in_person_meeting_fits_and_marks_pass_the_hour():
    plan = default_plan("government", 90)
    fit = plan_call(plan, 90)
    assert fit.fits
    assert 80 <= fit.used_minutes <= 90
    assert len(plan) == 11
    assert ids(plan)[-1] == REFERRAL_ID
    assert format_mark(fit.marks[-1]).startswith("1:")
    assert format_mark(fit.wrap_up_mark) == "1:16"


@pytest.mark.parametrize("minutes", [5, 10, 15, 20, 30, 45, 60, 90, 120, 180])
@pytest.mark.parametrize("sector", [s.value for s in Sector])
def test_default_plan_always_fits(sector, minutes):
    fit = plan_call(default_plan(sector, minutes), minutes)
    assert fit.fits
    assert len(fit.items) >= 2


def test_call_length_is_bounded():
    assert plan_call([], 180).fits
    with pytest.raises(ValueError):
        plan_call([], 181)
    with pytest.raises(ValueError):
        plan_call([], 0)


def test_format_mark():
    assert format_mark(0) == "0:00"
    assert format_mark(2.5) == "0:03"
    assert format_mark(95) == "1:35"


# ---------------------------------------------------------------- referral last


def test_referral_moved_up_goes_back_to_the_end():
    plan = default_plan("industry", 15)
    moved = move(plan, len(plan) - 1, -10)
    assert ids(moved)[0] == REFERRAL_ID
    assert ids(plan_call(moved, 15).items)[-1] == REFERRAL_ID
    assert ids(ensure_referral_last(moved, referral_removed=False))[-1] == REFERRAL_ID


def test_referral_is_added_when_missing():
    items = [to_item(question_by_id("typical-day"))]
    assert ids(ensure_referral_last(items, False)) == ["typical-day", REFERRAL_ID]
    assert ids(plan_call(items, 15).items) == ["typical-day", REFERRAL_ID]


def test_referral_removed_on_purpose_stays_out():
    plan = default_plan("industry", 15)
    without = remove(plan, len(plan) - 1)
    assert REFERRAL_ID not in ids(without)
    fit = plan_call(without, 15, referral_removed=True)
    assert REFERRAL_ID not in ids(fit.items)
    assert ids(ensure_referral_last(without, True)) == ids(without)


def test_referral_re_added_goes_last():
    without = remove(default_plan("industry", 15), 4)
    again = add_question(without, REFERRAL)
    assert ids(again)[-1] == REFERRAL_ID
    assert ids(plan_call(again, 15).items).count(REFERRAL_ID) == 1


def test_a_duplicate_referral_is_kept_once():
    plan = [to_item(REFERRAL), to_item(question_by_id("typical-day")), to_item(REFERRAL)]
    assert ids(ensure_referral_last(plan, False)) == ["typical-day", REFERRAL_ID]


# ---------------------------------------------------------------- editing helpers


def test_add_question_goes_before_the_referral_and_skips_duplicates():
    plan = default_plan("industry", 15)
    added = add_question(plan, custom("What surprised you this year?", 2))
    assert [i.text for i in added][-2:] == ["What surprised you this year?", REFERRAL.text]
    assert add_question(plan, question_by_id("typical-day")) == plan
    assert len(plan) == 5  # the original list is untouched


def test_move_and_remove_return_new_lists():
    plan = default_plan("industry", 15)
    down = move(plan, 0, 1)
    assert ids(down)[:2] == ["journey", "typical-day"]
    assert ids(move(plan, 0, -3)) == ids(plan)
    assert ids(plan)[0] == "typical-day"
    assert ids(remove(plan, 1)) == ["typical-day", "skills-most", "advice-start", "referral"]
    with pytest.raises(IndexError):
        move(plan, 9, 1)
    with pytest.raises(IndexError):
        remove(plan, -1)


def test_referral_removed_flag_never_deletes_a_question_the_user_put_back():
    plan = move(default_plan("industry", 15), 4, -4)
    assert ids(ensure_referral_last(plan, True)) == ids(plan)
    assert ids(plan_call(plan, 15, referral_removed=True).items)[0] == REFERRAL_ID


# ---------------------------------------------------------------- page helpers


def test_suits_text_names_sectors_in_a_fixed_order():
    assert suits_text(QUESTIONS_BY_ID["typical-day"]) == "All sectors"
    assert suits_text(QUESTIONS_BY_ID["insights-altac"]) == "Academia"
    assert suits_text(QUESTIONS_BY_ID["trends-funding"]) == "Academia, Government, Nonprofit"


def test_default_call_minutes_takes_the_latest_ask_or_15():
    old = Outreach(contact_id="c", minutes=30, updated_at=datetime(2024, 1, 1, tzinfo=UTC))
    new = Outreach(contact_id="c", minutes=20, updated_at=datetime(2024, 3, 1, tzinfo=UTC))
    assert default_call_minutes([new, old]) == 20
    assert default_call_minutes([old]) == 30
    assert default_call_minutes([]) == 15
    assert default_call_minutes([], fallback=45) == 45


def test_latest_plan_picks_the_most_recent_or_none():
    a = CallPlan(contact_id="c", minutes=15, updated_at=datetime(2024, 1, 1, tzinfo=UTC))
    b = CallPlan(contact_id="c", minutes=40, updated_at=datetime(2024, 2, 1, tzinfo=UTC))
    assert latest_plan([b, a]).minutes == 40
    assert latest_plan([]) is None


def test_drop_items_removes_only_the_given_positions():
    items = [custom("a", 1), custom("b", 1), custom("c", 1)]
    assert [i.text for i in drop_items(items, (0, 2))] == ["b"]
    assert [i.text for i in drop_items(items, ())] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("name", "ext", "expected"),
    [
        ("Amara Okafor", "md", "prep-sheet-amara-okafor.md"),
        ("Dr. Ada Lovelace", "md", "prep-sheet-ada-lovelace.md"),
        ("Dr Grace Hopper", "html", "prep-sheet-grace-hopper.html"),
        ("Prof. Dr. Lise Meitner", "md", "prep-sheet-lise-meitner.md"),
        ("Dr.", "md", "prep-sheet-dr.md"),  # a name that is only a title stays a name
        ("Jürgen Müller", "html", "prep-sheet-jurgen-muller.html"),
        ("../../etc/passwd x", "md", "prep-sheet-etc-passwd-x.md"),
        ('Zoë"; rm -rf', "md", "prep-sheet-zoe-rm-rf.md"),
        ("李雷", "md", "prep-sheet-contact.md"),
        ("   ", "md", "prep-sheet-contact.md"),
        ("Ada", "m/d", "prep-sheet-ada.md"),
    ],
)
def test_prep_sheet_filename_is_safe(name, ext, expected):
    assert prep_sheet_filename(name, ext) == expected


# --- near-duplicates and drops by relatedness (#15) -----------------------------------------


def test_two_questions_with_the_same_intent_are_near_duplicates():
    from infoview.questions import near_duplicates

    day = PlanItem(question_id="typical-day", text="What does an ordinary workday look like?")
    week = PlanItem(text="How is a usual week split between meetings and solo work?")
    hard = PlanItem(text="What was the hardest part of your move into policy?")
    assert near_duplicates([day, week, hard]) == ((0, 1),)
    enjoy = PlanItem(text="Which part of the job do you enjoy most?")
    reward = PlanItem(text="What do you find most rewarding?")
    assert near_duplicates([enjoy, reward]) == ((0, 1),)
    assert near_duplicates([day, hard, enjoy]) == ()
    assert plan_call([day, week], 30).duplicates == ((0, 1),)


def test_the_bank_holds_only_the_one_known_near_duplicate_pair():
    from infoview.questions import near_duplicates, to_item

    items = [to_item(q) for q in QUESTION_BANK]
    pairs = {(items[a].question_id, items[b].question_id) for a, b in near_duplicates(items)}
    assert pairs == {("typical-day", "typical-week")}


def test_over_time_the_questions_least_related_to_the_reason_go_first():
    grants = PlanItem(text="How do grant reviewers score a first proposal?", minutes=4)
    day = PlanItem(
        question_id="typical-day", text="What does an ordinary workday look like?", minutes=4
    )
    trends = PlanItem(question_id="trends-next", text="Which changes do you see coming?", minutes=4)
    focus = "Her grant office reviews first proposals; topics: grant reviewers, scoring"
    # Two of the three must go. Without a focus the later of two equal questions goes; with
    # the reason as focus, the question closest to it stays and the unrelated one goes.
    related = day.model_copy(update={"text": "How do grant reviewers score a first proposal?"})
    assert plan_call([day, related, trends], 10).suggest_drops == (1, 2)
    fit = plan_call([day, related, trends], 10, focus=focus)
    assert fit.suggest_drops == (0, 2)
    assert fit.items[-1].question_id == REFERRAL_ID  # the referral question stays last
    assert 0 not in plan_call([grants, day, trends], 10, focus=focus).suggest_drops


def test_the_focus_is_the_reason_and_the_latest_topics():
    from infoview.questions import plan_focus

    old = Outreach(contact_id="c", topics=["old topic"])
    new = Outreach(contact_id="c", topics=["grant writing"])
    new = new.model_copy(
        update={"created_at": old.created_at.replace(year=old.created_at.year + 1)}
    )
    assert plan_focus("She moved into policy.", [old, new]) == (
        "She moved into policy. grant writing"
    )
    assert plan_focus("", []) == ""
