"""Coach and client through AppTest: share a code, the Clients page, comments, revoking."""

from __future__ import annotations

import os
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from infoview import sharing
from infoview.models import CallPlan, Contact, Conversation, Outreach, PlanItem
from infoview.pg_store import PgStore
from infoview.ui import pages, setup
from tests.conftest import ROOT

ISSUER = "https://issuer.test"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-secret-long-enough",
    "client_id": "c",
    "client_secret": "s",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


@pytest.fixture
def hosted(data_dir, monkeypatch, pg_engine):
    monkeypatch.setenv("INFOVIEW_DATABASE_URL", pg_engine.url.render_as_string(False))

    def refuse(path):
        raise AssertionError("hosted mode must not open the local data file")

    monkeypatch.setattr(setup, "_shared_store", refuse)
    return pg_engine


def _user(subject: str, name: str) -> dict:
    return {"is_logged_in": True, "iss": ISSUER, "sub": subject, "name": name}


def _open(user: dict | None, page: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if user is not None:
        at.secrets["auth"] = AUTH
        at.user = user
    at.run()
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _person(engine, name: str, subject_hint: str, draft: str) -> tuple[dict, PgStore]:
    subject = f"{subject_hint}-{os.urandom(4).hex()}"
    store = PgStore(engine, ISSUER, subject)
    sharing.set_display_name(store, name)
    contact = store.save(Contact(full_name=f"{name}'s contact", reason="Same school"))
    store.save(Outreach(contact_id=contact.id, subject=draft, body="Hello, could we talk?"))
    store.save(CallPlan(contact_id=contact.id, items=[PlanItem(text="What surprised you?")]))
    return _user(subject, name), store


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _texts(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "text", "code") for e in at.get(kind)]
    parts += [str(e.value) for e in at.dataframe]
    parts += [" ".join(map(str, s.options)) for s in at.selectbox]
    parts += [str(e.label) + str(e.value) for e in at.get("metric")]
    return " ".join(parts)


def _share_tab(user: dict | None) -> AppTest:
    at = _open(user, pages.DATA.path)
    at.session_state["dt_tab"] = "Share"
    return at.run()


def test_outside_hosted_mode_sharing_is_a_backup_file(app, data_dir):
    at = _share_tab(None)
    assert "needs the hosted version" in at.info[0].value
    assert [b.label for b in at.get("download_button")] == [
        "Download a backup to share",
        "Download the report (web page)",
        "Download the report (Markdown)",
    ]
    clients = _open(None, pages.CLIENTS.path)
    assert "hosted version" in clients.info[0].value
    assert "Clients" not in [link.label for link in clients.sidebar.get("page_link")]


def test_a_client_shares_a_coach_comments_the_client_revokes(hosted):
    a_user, a_store = _person(hosted, "Ada <b>[x](y)</b>", "a", "Coffee with Ada's contact?")
    _person(hosted, "Bartholomew Zed", "b", "Bo's secret draft")
    coach_user, _ = _person(hosted, "Coach Kim", "coach", "Coach's own draft")

    # A makes a code on the Share tab
    at_a = _share_tab(a_user)
    assert "Nobody: your data is yours alone." in _texts(at_a)
    assert "Download the report (web page)" in [b.label for b in at_a.get("download_button")]
    _button(at_a, "Make an invitation code").click().run()
    code = at_a.code[0].value
    assert len(sharing.normalise_code(code)) == 12

    # The coach accepts it on the Clients page (in the menu, hosted only)
    at_c = _open(coach_user, pages.CLIENTS.path)
    assert "Clients" in [link.label for link in at_c.sidebar.get("page_link")]
    assert "Nobody shares with you yet" in at_c.info[0].value
    at_c.text_input(key="cl_code").set_value(code.lower())
    _button(at_c, "Accept the invitation").click().run()
    assert not at_c.exception
    shown = _texts(at_c)
    assert "Ada" in shown and "Coffee with Ada" in shown
    assert "Bartholomew" not in shown and "secret draft" not in shown
    assert "Coach's own draft" not in shown

    # The same code does not work twice
    again = _open(coach_user, pages.CLIENTS.path, invite=code)
    assert again.text_input(key="cl_code").value == sharing.format_code(code)
    _button(again, "Accept the invitation").click().run()
    assert "used already" in again.error[0].value

    # The coach comments on A's draft, with text that looks like Markdown
    at_c = _open(coach_user, pages.CLIENTS.path)
    at_c.text_area(key=f"cl_comment_text_ask_{a_store.all('outreach')[0].id}").set_value(
        "Lead with the **connection**; cut to 80 words."
    )
    next(b for b in at_c.button if b.label == "Add comment").click().run()
    assert not at_c.exception
    [comment] = sharing.comments_for(a_store)
    assert comment.body == "Lead with the **connection**; cut to 80 words."
    assert "Open · written" in _texts(at_c)
    assert comment.body in [t.value for t in at_c.text]  # as plain text

    # A sees who can see the data and revokes in one click
    at_a = _share_tab(a_user)
    assert "Coach Kim" in [t.value for t in at_a.text]
    _button(at_a, "Stop sharing").click().run()
    assert not at_a.exception
    assert "Nobody: your data is yours alone." in _texts(at_a)

    # The coach's next run no longer shows A
    at_c.run()
    assert "Coffee with Ada" not in _texts(at_c)
    assert "Nobody shares with you yet" in at_c.info[0].value


def test_the_client_sees_comments_on_home_and_beside_the_draft_and_marks_them_done(hosted):
    a_user, a_store = _person(hosted, "Ada", "a", "Coffee?")
    coach_user, coach = _person(hosted, "Coach Kim", "coach", "Mine")
    sharing.accept_invitation(coach, sharing.create_invitation(a_store).code)
    view = sharing.CoachView(coach, a_store.user_id)
    ask, plan = view.all("outreach")[0], view.all("plans")[0]
    view.add_comment("outreach", ask.id, "Lead with the connection [link](http://x).")
    view.add_comment("plans", plan.id, "Ask who else to talk to.")

    home = _open(a_user, pages.HOME.path)
    assert "From your coach (2)" in [h.value for h in home.header]
    assert "Lead with the connection [link](http://x)." in [t.value for t in home.text]
    assert "Open the ask draft" in [link.label for link in home.get("page_link")]

    at = _open(a_user, pages.ASK.path, contact=ask.contact_id)
    assert "Lead with the connection [link](http://x)." in [t.value for t in at.text]
    assert "Ask who else to talk to." not in [t.value for t in at.text]  # that one is the plan's
    _button(at, "Mark done").click().run()
    assert not at.exception
    assert [c.done for c in sharing.comments_for(a_store)] == [True, False]

    plan_page = _open(a_user, pages.QUESTIONS.path, contact=plan.contact_id)
    assert "Ask who else to talk to." in [t.value for t in plan_page.text]

    home = _open(a_user, pages.HOME.path)
    assert "From your coach (1)" in [h.value for h in home.header]

    clients = _open(coach_user, pages.CLIENTS.path)
    assert "Done · written" in _texts(clients)


def test_the_cohort_tab_counts_the_coachs_clients_only(hosted):
    coach_user, coach = _person(hosted, "Coach Kim", "coach", "Mine")
    for name in ("Ada", "Cy"):
        _, client = _person(hosted, name, name.lower(), f"{name}'s draft")
        sharing.accept_invitation(coach, sharing.create_invitation(client).code)
    _person(hosted, "Bartholomew Zed", "b", "Not shared")
    at = _open(coach_user, pages.CLIENTS.path)
    assert {"Your clients (2)", "Cohort"} <= {t.label for t in at.tabs}
    assert "**Clients who started each step** (of 2)" in [m.value for m in at.markdown]
    steps = next(d.value for d in at.dataframe if "Step" in d.value.columns)
    assert dict(zip(steps["Step"], steps["Clients"], strict=True))["2 · Research"] == 2
    assert "Bartholomew" not in _texts(at)


def test_one_clients_page_mirrors_their_story_contacts_and_conversations_read_only(hosted):
    coach_user, coach = _person(hosted, "Coach Kim", "coach", "Mine")
    _, client = _person(hosted, "Ada", "ada", "Ada's draft")
    profile = client.profile().model_copy(
        update={"past": "Ten years of **protein** chemistry.", "fields": ["Science policy"]}
    )
    client.save(profile)
    [contact] = client.contacts()
    client.save(
        Conversation(
            contact_id=contact.id,
            happened_on=date(2026, 11, 20),
            insights="Policy teams want people who can [explain](http://x.example) data.",
        )
    )
    sharing.accept_invitation(coach, sharing.create_invitation(client).code)
    at = _open(coach_user, pages.CLIENTS.path)
    assert {"Story", "Contacts", "Asks", "Call plans", "Conversations"} <= {
        t.label for t in at.tabs
    }
    texts = [t.value for t in at.text]
    assert "Ten years of **protein** chemistry." in texts  # shown as plain text
    assert "Science policy" in texts
    people = next(d.value for d in at.dataframe if "Compelling reason" in d.value.columns)
    assert list(people["Name"]) == ["Ada's contact"]
    assert list(people["Stage"]) == ["Met"]
    assert "Policy teams want people who can [explain](http://x.example) data." in texts
    assert "Fri 20 Nov 2026" in " ".join(str(e.label) for e in at.expander)
    # Read-only: the only inputs are the coach's own (code, comments, assignments, publishing).
    assert not [w for w in at.text_input if w.key and not w.key.startswith("cl_")]


def test_a_coach_sets_an_assignment_clients_see_it_on_home_and_the_coach_sees_who_did_it(hosted):
    from datetime import date

    coach_user, coach = _person(hosted, "Coach Kim", "coach", "Mine")
    a_user, a_store = _person(hosted, "Ada", "a", "Ada's draft")
    sharing.accept_invitation(coach, sharing.create_invitation(a_store).code)
    at = _open(coach_user, pages.CLIENTS.path)
    kind = next(s for s in at.selectbox if s.label == "What to count")
    kind.set_value("asks")
    next(n for n in at.number_input if n.label == "How many").set_value(1)
    _button(at, "Set for every client").click().run()
    assert not at.exception
    assert "**0 of 1** done" in " ".join(m.value for m in at.markdown)

    home = _open(a_user, pages.HOME.path)
    assert "Assignments from your coach" in [h.value for h in home.header]
    assert "**0 of 1** · to do · set by Coach Kim" in " ".join(m.value for m in home.markdown)

    ask = a_store.all("outreach")[0]
    a_store.save(ask.model_copy(update={"sent_on": date.today()}))
    home = _open(a_user, pages.HOME.path)
    assert "**1 of 1** · done" in " ".join(m.value for m in home.markdown)
    at = _open(coach_user, pages.CLIENTS.path)
    assert "**1 of 1** done" in " ".join(m.value for m in at.markdown)


def test_a_coach_publishes_a_template_and_a_question_clients_copy_them(hosted):
    coach_user, coach = _person(hosted, "Coach Kim", "coach", "Mine")
    a_user, a_store = _person(hosted, "Ada", "a", "Ada's draft")
    sharing.accept_invitation(coach, sharing.create_invitation(a_store).code)
    at = _open(coach_user, pages.CLIENTS.path)
    next(t for t in at.text_input if t.label == "Template name").set_value("Warm intro")
    next(t for t in at.text_input if t.label == "Subject").set_value("A quick question")
    next(t for t in at.text_area if t.label == "Message").set_value("Hi, I read your *post*.")
    _button(at, "Publish the template").click().run()
    assert not at.exception
    question = "Who else should I talk to?"
    next(t for t in at.text_input if t.label.startswith("Publish a question")).set_value(question)
    _button(at, "Publish the question").click().run()
    assert "Template: Warm intro" in [t.value for t in at.text]

    contact_id = a_store.all("outreach")[0].contact_id
    ask = _open(a_user, pages.ASK.path, contact=contact_id)
    assert "Subject: A quick question\n\nHi, I read your *post*." in [t.value for t in ask.text]
    _button(ask, "Copy into my templates").click().run()
    assert not ask.exception
    fresh = PgStore(hosted, ISSUER, a_user["sub"])
    assert [(t.name, t.body) for t in fresh.all("templates")] == [
        ("Warm intro", "Hi, I read your *post*.")
    ]

    plan_page = _open(a_user, pages.QUESTIONS.path, contact=contact_id)
    _button(plan_page, "Add to my plan").click().run()
    assert not plan_page.exception
    plan = PgStore(hosted, ISSUER, a_user["sub"]).all("plans")[0]
    assert question in [i.text for i in plan.items]
