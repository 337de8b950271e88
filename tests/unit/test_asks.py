"""The Ask step's pure helpers: template choice, the session draft, status edits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from infoview.asks import (
    AskDraft,
    ask_details,
    clean_topics,
    colleagues,
    days_to_reply,
    draft_from_ask,
    fix_dates,
    follow_with_template,
    has_unsaved_changes,
    history_rows,
    latest_ask,
    minutes_problem,
    minutes_range,
    next_statuses,
    organization_index,
    regenerate,
    render_draft,
    restore_previous,
    score_verdict,
    suggest_template,
    template_options,
    to_outreach,
)
from infoview.models import (
    AskStatus,
    CallMode,
    Contact,
    Outreach,
    Profile,
    StatusChange,
    UserTemplate,
)
from infoview.user_templates import TemplateProblem
from infoview.writing import AskDetails

AT = datetime(2025, 3, 4, 15, 30, tzinfo=UTC)
PROFILE = Profile(name="Sam Rivera", schools=["Halden University"])


def _contact(**extra) -> Contact:
    return Contact(**{"full_name": "Amara Okafor", "organization": "Acme Bio", **extra})


# --- which template suits a contact --------------------------------------------------------


def test_a_referred_contact_gets_the_referral_template_even_with_a_shared_school():
    contact = _contact(referred_by="someone", education=["Halden University"])
    assert suggest_template(contact, PROFILE)[0] == "referral"


def test_a_shared_school_gets_the_alumni_template_and_names_the_school():
    template, why = suggest_template(_contact(education=["Halden University, PhD"]), PROFILE)
    assert (template, why) == ("alumni", "you both studied at Halden University")


def test_academia_then_cold_interest():
    assert suggest_template(_contact(sector="academia"), PROFILE)[0] == "academia"
    assert suggest_template(_contact(sector="industry"), PROFILE)[0] == "cold_interest"
    assert suggest_template(_contact(education=["Other College"]), PROFILE)[0] == "cold_interest"


def test_template_options_list_our_four_asks_then_the_users_own_ask_templates():
    mine = [
        UserTemplate(id="b", name="zebra"),
        UserTemplate(id="a", name="Alpha"),
        UserTemplate(id="t", name="Thanks", kind="thanks"),
    ]
    options = template_options(mine)
    assert list(options) == ["cold_interest", "referral", "alumni", "academia", "user:a", "user:b"]
    assert options["user:a"] == "Mine: Alpha"
    assert "follow_up" not in options


def test_render_draft_uses_the_referrer_and_a_user_template():
    details = AskDetails(topics=["grant writing"], referrer="Lena Park")
    subject, body = render_draft("referral", _contact(), PROFILE, details, {})
    assert subject == "Lena Park suggested I get in touch"
    assert "grant writing" in body
    mine = {
        "u1": UserTemplate(id="u1", name="x", subject="Hi {{ first_name }}", body="{{ minutes }}")
    }
    assert render_draft("user:u1", _contact(), PROFILE, details, mine) == ("Hi Amara", "15")
    with pytest.raises(KeyError):
        render_draft("user:gone", _contact(), PROFILE, details, mine)


def test_a_broken_user_template_raises_a_friendly_problem():
    mine = {"u1": UserTemplate(id="u1", name="x", subject="ok", body="{{ ''.__class__ }}")}
    with pytest.raises(TemplateProblem) as problem:
        render_draft("user:u1", _contact(), PROFILE, AskDetails(), mine)
    assert "not allowed" in problem.value.message


# --- topics and minutes --------------------------------------------------------------------


def test_clean_topics_strips_drops_blanks_and_repeats_and_keeps_three():
    assert clean_topics(["  grant  writing ", "", "Grant writing", "hiring", "teams", "more"]) == [
        "grant writing",
        "hiring",
        "teams",
    ]
    assert clean_topics(["", "  "]) == []


@pytest.mark.parametrize(
    ("minutes", "mode", "fine"),
    [
        (15, CallMode.PHONE, True),
        (10, CallMode.VIDEO, True),
        (20, CallMode.VIDEO, True),
        (25, CallMode.PHONE, False),
        (25, CallMode.IN_PERSON, True),
        (30, CallMode.IN_PERSON, True),
        (35, CallMode.IN_PERSON, False),
        (5, CallMode.PHONE, False),
    ],
)
def test_minutes_problem_allows_10_to_20_by_phone_and_up_to_30_in_person(minutes, mode, fine):
    assert (minutes_problem(minutes, mode) is None) is fine


def test_minutes_messages_say_what_to_do():
    assert minutes_range("in person") == (10, 30)
    assert "up to 30 works in person" in minutes_problem(25, "phone")
    assert "too short" in minutes_problem(5, "video")


def test_ask_details_carry_clean_topics_and_the_referrer():
    draft = AskDraft(ask_id="a", topics=["x ", "", "x"], minutes=20, mode=CallMode.VIDEO)
    details = ask_details(draft, "Lena")
    assert (details.topics, details.minutes, details.mode, details.referrer) == (
        ["x"],
        20,
        CallMode.VIDEO,
        "Lena",
    )


# --- the draft follows the template until edited ----------------------------------------------


def test_an_unedited_draft_follows_the_template_and_an_edited_one_does_not():
    draft = follow_with_template(AskDraft(ask_id="a"), ("S1", "B1"))
    assert (draft.subject, draft.body, draft.edited) == ("S1", "B1", False)
    draft = follow_with_template(draft, ("S2", "B2"))
    assert draft.body == "B2"
    edited = AskDraft(ask_id="a", subject="S2", body="my words", generated=("S2", "B2"))
    assert edited.edited
    assert follow_with_template(edited, ("S3", "B3")).body == "my words"


def test_regenerate_keeps_the_edited_text_recoverable():
    edited = AskDraft(ask_id="a", subject="S", body="my words", generated=("S", "B"))
    fresh = regenerate(edited, ("S9", "B9"))
    assert (fresh.body, fresh.previous, fresh.edited) == ("B9", ("S", "my words"), False)
    back = restore_previous(fresh)
    assert (back.subject, back.body, back.previous) == ("S", "my words", None)
    # An unedited draft has nothing worth keeping.
    assert regenerate(AskDraft(ask_id="a"), ("x", "y")).previous is None
    assert restore_previous(AskDraft(ask_id="a", body="z")).body == "z"


def test_a_saved_ask_follows_its_template_only_when_its_text_is_the_templates():
    ask = Outreach(contact_id="c", subject="S", body="B", topics=["a"], template="alumni")
    assert not draft_from_ask(ask, ("S", "B")).edited
    assert draft_from_ask(ask, ("S", "other")).edited
    draft = draft_from_ask(ask, None)
    assert (draft.template, draft.topics, draft.edited) == ("alumni", ["a", "", ""], True)
    unnamed = ask.model_copy(update={"template": ""})
    assert draft_from_ask(unnamed, None, "academia").template == "academia"


# --- saving ------------------------------------------------------------------------------


def test_to_outreach_starts_a_history_and_keeps_a_saved_asks_status():
    draft = AskDraft(ask_id="a1", topics=["hiring", ""], subject=" S ", body="B", minutes=20)
    new = to_outreach(draft, "c1", None, AT)
    assert (new.id, new.contact_id, new.topics, new.subject, new.status) == (
        "a1",
        "c1",
        ["hiring"],
        "S",
        AskStatus.DRAFT,
    )
    assert new.history == [StatusChange(status=AskStatus.DRAFT, at=AT)]
    sent = new.model_copy(update={"status": AskStatus.SENT, "sent_on": date(2025, 3, 4)})
    again = to_outreach(AskDraft(ask_id="a1", body="B2"), "c1", sent, AT)
    assert (again.status, again.sent_on, again.body, len(again.history)) == (
        AskStatus.SENT,
        date(2025, 3, 4),
        "B2",
        1,
    )


def test_to_outreach_refuses_a_body_over_the_limit():
    with pytest.raises(ValidationError):
        to_outreach(AskDraft(ask_id="a", body="x" * 5_001), "c", None, AT)


def test_unsaved_changes_are_noticed():
    assert not has_unsaved_changes(AskDraft(ask_id="a"), None)
    assert has_unsaved_changes(AskDraft(ask_id="a", body="Hi"), None)
    draft = AskDraft(ask_id="a", topics=["t", "", ""], subject="S", body="B", template="alumni")
    saved = to_outreach(draft, "c", None, AT)
    assert not has_unsaved_changes(draft, saved)
    assert has_unsaved_changes(AskDraft(**{**draft.__dict__, "body": "B!"}), saved)
    assert has_unsaved_changes(AskDraft(**{**draft.__dict__, "minutes": 20}), saved)
    assert has_unsaved_changes(AskDraft(**{**draft.__dict__, "planned": date(2025, 1, 2)}), saved)
    assert has_unsaved_changes(AskDraft(**{**draft.__dict__, "template": "referral"}), saved)
    # An ask saved without a template name (sample data, imports) takes any choice as its own.
    unnamed = saved.model_copy(update={"template": ""})
    assert not has_unsaved_changes(AskDraft(**{**draft.__dict__, "template": "referral"}), unnamed)


def test_latest_ask_is_the_one_started_last():
    old = Outreach(id="old", contact_id="c", created_at=AT, updated_at=AT + timedelta(days=9))
    new = Outreach(id="new", contact_id="c", created_at=AT + timedelta(days=1))
    assert latest_ask([old, new]).id == "new"
    assert latest_ask([]) is None


# --- status changes and corrections -------------------------------------------------------------


def test_next_statuses_offer_undo_only_from_sent():
    assert next_statuses(AskStatus.DRAFT) == [AskStatus.SENT]
    assert next_statuses(AskStatus.SENT) == [
        AskStatus.REPLIED,
        AskStatus.DECLINED,
        AskStatus.NO_REPLY,
        AskStatus.DRAFT,
    ]
    assert next_statuses(AskStatus.NO_REPLY) == [
        AskStatus.SENT,
        AskStatus.REPLIED,
        AskStatus.DECLINED,
    ]


def test_fix_dates_corrects_and_refuses_impossible_dates():
    ask = Outreach(
        contact_id="c", status=AskStatus.REPLIED, sent_on=date(2025, 3, 3), replied_on=AT.date()
    )
    fixed = fix_dates(ask, date(2025, 3, 1), date(2025, 3, 2))
    assert (fixed.sent_on, fixed.replied_on) == (date(2025, 3, 1), date(2025, 3, 2))
    with pytest.raises(ValueError, match="before the email was sent"):
        fix_dates(ask, date(2025, 3, 5), date(2025, 3, 2))
    with pytest.raises(ValueError, match="day the answer came"):
        fix_dates(ask, date(2025, 3, 1), None)
    with pytest.raises(ValueError, match="mark it as sent"):
        fix_dates(Outreach(contact_id="c"), date(2025, 3, 1), None)
    waiting = ask.model_copy(update={"status": AskStatus.SENT})
    assert fix_dates(waiting, date(2025, 3, 1), date(2025, 3, 9)).replied_on is None


def test_days_to_reply_and_history_in_the_users_zone():
    ask = Outreach(
        contact_id="c",
        status=AskStatus.REPLIED,
        sent_on=date(2025, 3, 3),
        replied_on=date(2025, 3, 7),
        history=[StatusChange(status=AskStatus.SENT, at=AT)],
    )
    assert days_to_reply(ask) == 4
    assert days_to_reply(Outreach(contact_id="c", sent_on=date(2025, 3, 3))) is None
    assert history_rows(ask, ZoneInfo("Asia/Tokyo")) == [
        ("Sent, waiting for a reply", "Wed 05 Mar 2025, 00:30")
    ]


def test_colleagues_match_the_organization_loosely_and_skip_archived_and_self():
    me = _contact(id="me", organization="Acme Bio, Research Office")
    people = [
        me,
        _contact(id="b", organization="  ACME   bio "),
        _contact(id="c", organization="Acme Bio", archived=True),
        _contact(id="d", organization="Acme Biology"),
        _contact(id="e", organization=""),
        _contact(id="f", organization="acme bio, Legal"),
    ]
    index = organization_index(people)
    assert colleagues(index, me) == ["b", "f"]
    assert colleagues(index, _contact(id="x", organization="")) == []


def test_score_verdict_reads_the_score():
    assert score_verdict(100).startswith("Strong")
    assert score_verdict(70).startswith("Good")
    assert score_verdict(50).startswith("Getting there")
    assert score_verdict(10).startswith("Needs work")
