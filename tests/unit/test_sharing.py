"""Coach and client access rules, enforced by the store layer: every crossing is tried."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from infoview.models import CallPlan, Contact, Outreach, PlanItem
from infoview.pg_store import PgStore
from infoview.sharing import (
    AccessRevokedError,
    CoachView,
    ReadOnlyError,
    SharingError,
    accept_invitation,
    cancel_invitations,
    clients_of,
    coaches_of,
    comments,
    comments_for,
    create_invitation,
    mark_done,
    normalise_code,
    open_invitations,
    revoke,
    set_display_name,
)

ISSUER = "https://issuer.test"


@pytest.fixture
def people(pg_engine, pg_user):
    """A coach and two clients, A and B, each with an ask draft and a call plan."""
    made = {}
    for who in ("coach", "a", "b"):
        store = PgStore(pg_engine, ISSUER, f"{pg_user[1]}-{who}")
        set_display_name(store, {"coach": "Coach Kim", "a": "Ada", "b": "Bo"}[who])
        contact = store.save(Contact(full_name=f"Contact of {who}"))
        store.save(Outreach(contact_id=contact.id, subject=f"Draft of {who}", body="Hello"))
        store.save(CallPlan(contact_id=contact.id, items=[PlanItem(text="What surprised you?")]))
        made[who] = store
    return made


def _ask(store):
    return store.all("outreach")[0]


def _shared(people, client="a"):
    invitation = create_invitation(people[client])
    accept_invitation(people["coach"], invitation.code)
    return CoachView(people["coach"], people[client].user_id)


def test_a_coach_reads_a_client_who_invited_them(people):
    invitation = create_invitation(people["a"])
    assert len(normalise_code(invitation.code)) == 12
    share = accept_invitation(people["coach"], invitation.code.lower().replace("-", " "))
    assert share.name == "Ada"
    assert [c.name for c in clients_of(people["coach"])] == ["Ada"]
    assert [c.name for c in coaches_of(people["a"])] == ["Coach Kim"]
    view = CoachView(people["coach"], people["a"].user_id)
    assert view.client_name == "Ada"
    assert [o.subject for o in view.all("outreach")] == ["Draft of a"]
    assert view.contacts()[0].full_name == "Contact of a"


def test_nothing_is_shared_without_an_invitation(people):
    assert clients_of(people["coach"]) == []
    with pytest.raises(AccessRevokedError):
        CoachView(people["coach"], people["a"].user_id)


def test_coach_of_a_cannot_read_b(people):
    _shared(people, "a")
    with pytest.raises(AccessRevokedError):
        CoachView(people["coach"], people["b"].user_id)
    assert [c.name for c in clients_of(people["coach"])] == ["Ada"]


def test_a_client_cannot_read_the_coach_or_another_client(people):
    _shared(people, "a")
    _shared(people, "b")
    for reader, target in (("a", "coach"), ("a", "b"), ("b", "a")):
        with pytest.raises(AccessRevokedError):
            CoachView(people[reader], people[target].user_id)
    assert clients_of(people["a"]) == []
    assert comments_for(people["a"]) == []


def test_a_user_cannot_open_their_own_data_as_a_coach(people):
    with pytest.raises(AccessRevokedError):
        CoachView(people["a"], people["a"].user_id)


def test_a_client_cannot_accept_their_own_code(people):
    invitation = create_invitation(people["a"])
    with pytest.raises(SharingError, match="your own data"):
        accept_invitation(people["a"], invitation.code)
    # the code is still good for the coach
    accept_invitation(people["coach"], invitation.code)


def test_a_code_works_once(people, pg_engine, pg_user):
    invitation = create_invitation(people["a"])
    accept_invitation(people["coach"], invitation.code)
    other = PgStore(pg_engine, ISSUER, f"{pg_user[1]}-other-coach")
    with pytest.raises(SharingError, match="used already"):
        accept_invitation(other, invitation.code)
    with pytest.raises(SharingError, match="used already"):
        accept_invitation(people["coach"], invitation.code)
    with pytest.raises(AccessRevokedError):
        CoachView(other, people["a"].user_id)


def test_an_expired_code_is_refused(people):
    made = datetime.now(UTC) - timedelta(days=7, minutes=1)
    invitation = create_invitation(people["a"], now=made)
    assert open_invitations(people["a"]) == []
    with pytest.raises(SharingError, match="ran out"):
        accept_invitation(people["coach"], invitation.code)
    assert clients_of(people["coach"]) == []
    # a day before it runs out, the same kind of code still works
    fresh = create_invitation(people["a"], now=datetime.now(UTC) - timedelta(days=6))
    accept_invitation(people["coach"], fresh.code)


def test_unknown_or_malformed_codes_are_refused(people):
    with pytest.raises(SharingError, match="does not know"):
        accept_invitation(people["coach"], "ABCD-EFGH-JKMN")
    with pytest.raises(SharingError, match="12 letters"):
        accept_invitation(people["coach"], "short")


def test_cancelled_codes_no_longer_work(people):
    invitation = create_invitation(people["a"])
    assert len(open_invitations(people["a"])) == 1
    assert cancel_invitations(people["a"]) == 1
    with pytest.raises(SharingError, match="does not know"):
        accept_invitation(people["coach"], invitation.code)


def test_revoking_takes_effect_on_the_coachs_next_read(people):
    view = _shared(people, "a")
    view.refresh()
    assert revoke(people["a"], people["coach"].user_id)
    assert not revoke(people["a"], people["coach"].user_id)  # already revoked
    with pytest.raises(AccessRevokedError):
        view.refresh()
    assert view.all("outreach") == []  # forgotten, not kept in memory
    with pytest.raises(AccessRevokedError):
        CoachView(people["coach"], people["a"].user_id)
    assert clients_of(people["coach"]) == []
    assert coaches_of(people["a"]) == []


def test_a_revoked_coach_cannot_comment_or_read_comments(people):
    view = _shared(people, "a")
    ask = _ask(view)
    revoke(people["a"], people["coach"].user_id)
    with pytest.raises(AccessRevokedError):
        view.add_comment("outreach", ask.id, "Lead with the connection.")
    with pytest.raises(AccessRevokedError):
        view.comments()
    assert comments_for(people["a"]) == []


def test_a_new_invitation_after_revoking_shares_again(people):
    _shared(people, "a")
    revoke(people["a"], people["coach"].user_id)
    view = _shared(people, "a")
    assert view.refresh() is False
    assert [c.name for c in clients_of(people["coach"])] == ["Ada"]


def test_the_client_sees_changes_on_the_coachs_next_refresh(people):
    view = _shared(people, "a")
    people["a"].save(Contact(full_name="Someone new"))
    assert view.refresh() is True
    assert "Someone new" in {c.full_name for c in view.contacts()}


@pytest.mark.parametrize(
    "write",
    [
        lambda v: v.save(Contact(full_name="Sneaky")),
        lambda v: v.save_many([Contact(full_name="Sneaky")]),
        lambda v: v.restore_records([Contact(full_name="Sneaky")]),
        lambda v: v.delete("contacts", v.contacts()[0].id),
        lambda v: v.delete_contact(v.contacts()[0].id),
        lambda v: v.delete_where("outreach", lambda r: True),
        lambda v: v.delete_everything(),
        lambda v: v.replace_all({"contacts": []}),
        lambda v: v.delete_account(),
        lambda v: v.backup(),
        lambda v: v.restore_backup("anything.json"),
        lambda v: v.transaction().__enter__(),
    ],
)
def test_the_coach_view_refuses_every_write(people, write):
    view = _shared(people, "a")
    with pytest.raises(ReadOnlyError):
        write(view)
    fresh = PgStore(people["a"].engine, people["a"].issuer, people["a"].subject)
    assert fresh.export_data() == people["a"].export_data()
    assert len(fresh.contacts()) == 1


def test_a_coach_view_cannot_share_or_read_others(people):
    view = _shared(people, "a")
    for call in (
        create_invitation,
        coaches_of,
        clients_of,
        comments_for,
        lambda v: accept_invitation(v, "ABCD-EFGH-JKMN"),
        lambda v: revoke(v, people["coach"].user_id),
        lambda v: mark_done(v, 1),
        lambda v: CoachView(v, people["b"].user_id),
    ):
        with pytest.raises(ReadOnlyError):
            call(view)


def test_comments_go_from_coach_to_client_and_back(people):
    view = _shared(people, "a")
    ask, plan = _ask(view), view.all("plans")[0]
    first = view.add_comment("outreach", ask.id, "  Lead with the connection.  ")
    view.add_comment("plans", plan.id, "Ask who else to talk to.")
    seen = comments_for(people["a"])
    assert [(c.kind, c.body, c.coach_name, c.done) for c in seen] == [
        ("ask draft", "Lead with the connection.", "Coach Kim", False),
        ("call plan", "Ask who else to talk to.", "Coach Kim", False),
    ]
    assert seen[0].record_id == ask.id
    assert mark_done(people["a"], first.id)
    assert [c.done for c in view.comments()] == [True, False]
    assert mark_done(people["a"], first.id, done=False)
    assert [c.done for c in view.comments()] == [False, False]


def test_comments_are_only_on_asks_and_plans_the_client_has(people):
    view = _shared(people, "a")
    b_ask = _ask(people["b"])
    with pytest.raises(SharingError, match="not in this client"):
        view.add_comment("outreach", b_ask.id, "On B's draft")
    with pytest.raises(SharingError, match="ask draft or a call plan"):
        view.add_comment("contacts", view.contacts()[0].id, "On a contact")
    with pytest.raises(SharingError, match="empty"):
        view.add_comment("outreach", _ask(view).id, "   ")
    with pytest.raises(SharingError, match="under 2000"):
        view.add_comment("outreach", _ask(view).id, "x" * 2001)
    assert comments_for(people["a"]) == comments_for(people["b"]) == []


def test_a_client_marks_only_their_own_comments(people):
    view_a = _shared(people, "a")
    comment = view_a.add_comment("outreach", _ask(view_a).id, "Cut this to 80 words.")
    assert not mark_done(people["b"], comment.id)
    assert not mark_done(people["coach"], comment.id)
    assert [c.done for c in comments_for(people["a"])] == [False]
    assert comments_for(people["b"]) == []


def test_a_coach_sees_only_their_own_comments_on_a_client(people, pg_engine, pg_user):
    view = _shared(people, "a")
    view.add_comment("outreach", _ask(view).id, "Mine")
    other = PgStore(pg_engine, ISSUER, f"{pg_user[1]}-second-coach")
    accept_invitation(other, create_invitation(people["a"]).code)
    second = CoachView(other, people["a"].user_id)
    second.add_comment("outreach", _ask(second).id, "Theirs")
    assert [c.body for c in view.comments()] == ["Mine"]
    assert [c.body for c in second.comments()] == ["Theirs"]
    assert [c.body for c in comments_for(people["a"])] == ["Mine", "Theirs"]


def test_comment_text_is_stored_as_written(people, pg_engine):
    view = _shared(people, "a")
    hostile = "[click](javascript:alert(1)) <b>bold</b> $x$"
    made = view.add_comment("outreach", _ask(view).id, hostile)
    with pg_engine.connect() as conn:
        stored = conn.execute(select(comments.c.body).where(comments.c.id == made.id)).scalar()
    assert stored == hostile


# ------------------------------------------------------------------ assignments
def test_assignments_reach_sharing_clients_only_and_count_from_their_data(people):
    from datetime import date, timedelta

    from infoview import assignments as asg

    today = date.today()
    _shared(people, "a")
    set_ = asg.create_assignment(people["coach"], "asks", 2, today + timedelta(days=3))
    assert set_.text.startswith("2 asks sent by ")
    assert [a.id for a in asg.for_client(people["a"])] == [set_.id]
    assert asg.for_client(people["b"]) == []  # B does not share with this coach
    assert asg.for_client(people["coach"]) == []  # the coach's own clients, not the coach
    [seen] = asg.for_client(people["a"])
    assert seen.coach_name == "Coach Kim"
    assert asg.progress(seen, people["a"]) == 0
    ask = _ask(people["a"])
    people["a"].save(ask.model_copy(update={"sent_on": today}))
    people["a"].save(Outreach(contact_id=ask.contact_id, sent_on=today - timedelta(days=1)))
    assert asg.progress(seen, people["a"]) == 1  # the day before it was set does not count
    assert not asg.is_done(seen, people["a"])
    people["a"].save(Outreach(contact_id=ask.contact_id, sent_on=today))
    assert asg.is_done(seen, people["a"])
    revoke(people["a"], people["coach"].user_id)
    assert asg.for_client(people["a"]) == []


def test_assignments_refuse_bad_input_and_other_coaches(people):
    from datetime import date, timedelta

    from infoview import assignments as asg

    today = date.today()
    with pytest.raises(SharingError, match="asks sent or conversations"):
        asg.create_assignment(people["coach"], "contacts", 2, today)
    with pytest.raises(SharingError, match="between 1 and 50"):
        asg.create_assignment(people["coach"], "asks", 0, today)
    with pytest.raises(SharingError, match="passed already"):
        asg.create_assignment(people["coach"], "asks", 1, today - timedelta(days=1))
    made = asg.create_assignment(people["coach"], "conversations", 1, today)
    assert not asg.delete_assignment(people["a"], made.id)  # not A's to withdraw
    view = _shared(people, "a")
    with pytest.raises(ReadOnlyError):
        asg.create_assignment(view, "asks", 1, today)
    assert asg.delete_assignment(people["coach"], made.id)
    assert asg.set_by(people["coach"]) == []


def test_assignments_read_back_whole_soonest_due_first_then_as_set(people):
    from dataclasses import replace
    from datetime import date, timedelta

    from infoview import assignments as asg

    today = date.today()
    _shared(people, "a")
    later = asg.create_assignment(people["coach"], "asks", 3, today + timedelta(days=9), today)
    first = asg.create_assignment(people["coach"], "conversations", 1, today + timedelta(days=2))
    same_day = asg.create_assignment(people["coach"], "asks", 1, today + timedelta(days=9), today)
    named = [replace(a, coach_name="Coach Kim") for a in (first, later, same_day)]
    assert asg.set_by(people["coach"]) == named
    assert asg.for_client(people["a"]) == named


# ----------------------------------------------------------------- publications
def test_published_templates_and_questions_reach_sharing_clients_who_copy_them(people):
    from infoview import publications as pub

    _shared(people, "a")
    tpl = pub.publish(people["coach"], pub.TEMPLATE, "Hi {{ first_name }},", "Warm intro", "Hi")
    question = pub.publish(people["coach"], pub.QUESTION, "Who else should I talk to?")
    assert [p.id for p in pub.from_my_coaches(people["a"], pub.TEMPLATE)] == [tpl.id]
    assert [p.body for p in pub.from_my_coaches(people["a"], pub.QUESTION)] == [question.body]
    assert pub.from_my_coaches(people["b"], pub.TEMPLATE) == []
    [seen] = pub.from_my_coaches(people["a"], pub.TEMPLATE)
    assert seen.coach_name == "Coach Kim"
    copy = people["a"].save(seen.as_template())
    assert people["a"].get("templates", copy.id).name == "Warm intro"
    assert pub.withdraw(people["coach"], tpl.id)
    assert pub.from_my_coaches(people["a"], pub.TEMPLATE) == []
    assert people["a"].get("templates", copy.id) is not None  # the client's copy stays
    revoke(people["a"], people["coach"].user_id)
    assert pub.from_my_coaches(people["a"], pub.QUESTION) == []


def test_publishing_refuses_empty_or_oversized_text_and_other_coaches(people):
    from infoview import publications as pub

    with pytest.raises(SharingError, match="question first"):
        pub.publish(people["coach"], pub.QUESTION, "   ")
    with pytest.raises(SharingError, match="Not published"):
        pub.publish(people["coach"], pub.TEMPLATE, "body", "")  # a template needs a name
    with pytest.raises(SharingError, match="Not published"):
        pub.publish(people["coach"], pub.QUESTION, "x" * 5000)
    made = pub.publish(people["coach"], pub.QUESTION, "What surprised you?")
    assert not pub.withdraw(people["a"], made.id)
    with pytest.raises(ReadOnlyError):
        pub.publish(_shared(people, "a"), pub.QUESTION, "From a view")
    assert [p.body for p in pub.published_by(people["coach"])] == ["What surprised you?"]


def test_publications_read_back_whole_oldest_first(people):
    from dataclasses import replace

    from infoview import publications as pub

    _shared(people, "a")
    made = [
        pub.publish(people["coach"], pub.QUESTION, "What surprised you?"),
        pub.publish(people["coach"], pub.TEMPLATE, "Dear {{ first_name }}", "Short", "Coffee?"),
        pub.publish(people["coach"], pub.QUESTION, "Who else?"),
    ]
    named = [replace(p, coach_name="Coach Kim") for p in made]
    assert pub.published_by(people["coach"]) == named
    assert pub.from_my_coaches(people["a"], pub.QUESTION) == [named[0], named[2]]


def test_deleting_an_account_removes_its_shares_and_comments(people):
    view = _shared(people, "a")
    view.add_comment("outreach", _ask(view).id, "Before the account went")
    people["a"].delete_account()
    assert clients_of(people["coach"]) == []
    with pytest.raises(AccessRevokedError):
        view.refresh()
    with people["coach"].engine.connect() as conn:
        left = conn.execute(
            select(comments.c.id).where(comments.c.coach_id == people["coach"].user_id)
        ).all()
    assert left == []
