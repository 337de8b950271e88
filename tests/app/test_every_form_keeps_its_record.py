"""Every form that loads a stored record shows it again after a page switch, and saving it
then changes only what the user changed (the contact form has its own, wider matrix in
test_forms_keep_records.py)."""

from __future__ import annotations

from datetime import date, timedelta

from infoview.models import AskStatus, Contact, Conversation, Outreach, Profile
from infoview.store import Store

SKIP = {"updated_at", "revision", "history"}


def _away_and_back(at, page: str, **query) -> None:
    at.query_params.clear()
    at.switch_page("app.py").run()
    at.switch_page("pages/2_Research.py").run()
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception


def test_your_story_comes_back_whole_and_a_save_changes_only_the_edit(app, store, data_dir):
    before = store.save(
        Profile(
            name="Sam Rivera",
            email="sam@example.org",
            current_role="PhD student in chemistry",
            past="Six years in a chemistry lab.",
            future="Health policy.",
            schools=["MIT"],
            country="DE",
        )
    )
    at = app("pages/1_Your_story.py")
    _away_and_back(at, "pages/1_Your_story.py")
    assert at.text_input(key="ysw_name").value == "Sam Rivera"
    assert at.text_input(key="ysw_current_role").value == "PhD student in chemistry"
    at.text_input(key="ysw_email").input("sam@example.com")
    at.button(key="ys_save").click().run()
    assert not at.exception, at.exception
    after = Store.in_dir(data_dir).profile()
    assert after.email == "sam@example.com"
    keep = SKIP | {"email", "timezone", "intro"}
    assert after.model_dump(exclude=keep) == before.model_dump(exclude=keep)


def test_a_saved_ask_comes_back_whole_after_a_page_switch(app, store, data_dir):
    store.save(Profile(name="Sam Rivera", current_role="postdoc in ecology"))
    amara = store.save(
        Contact(full_name="Amara Okafor", organization="Policy Office", reason="Your move")
    )
    ask = store.save(
        Outreach(
            contact_id=amara.id,
            subject="A question about your move",
            body="Hi Amara,\n\nMy own words.\n\nSam",
            topics=["grant writing"],
            status=AskStatus.DRAFT,
            template="cold_interest",
            edited=True,
        )
    )
    at = app("pages/3_Ask.py", contact=amara.id)
    _away_and_back(at, "pages/3_Ask.py", contact=amara.id)
    subject = next(w for w in at.text_input if w.key == f"askw_{amara.id}_subject")
    body = next(w for w in at.text_area if w.key == f"askw_{amara.id}_body")
    assert (subject.value, body.value) == (ask.subject, ask.body)
    subject.set_value("A short question about your move").run()
    next(b for b in at.button if b.label == "Save draft").click().run()
    assert not at.exception, at.exception
    [saved] = Store.in_dir(data_dir).by_contact("outreach")[amara.id]
    assert saved.subject == "A short question about your move"
    keep = SKIP | {"subject"}
    assert saved.model_dump(exclude=keep) == ask.model_dump(exclude=keep)


def test_a_logged_conversation_comes_back_whole_after_a_page_switch(app, store, data_dir):
    ana = store.save(Contact(full_name="Ana Ruiz", reason="Policy"))
    day = date.today() - timedelta(days=2)
    talk = store.save(
        Conversation(
            contact_id=ana.id,
            happened_on=day,
            insights="Fellowships matter",
            advice="Write to the program office",
            thank_you_sent_on=day,
        )
    )
    at = app("pages/5_Conversations.py", contact=ana.id, conversation=talk.id)
    _away_and_back(at, "pages/5_Conversations.py", contact=ana.id, conversation=talk.id)
    key = next(k for k in at.session_state if str(k).startswith("cv_tab_"))
    at.session_state[key] = next(t.label for t in at.tabs if "Log" in t.label)
    at.run()
    areas = {w.label: w for w in at.text_area}
    shown = {w.value for w in areas.values()}
    assert "Fellowships matter" in shown and "Write to the program office" in shown
    assert next(w for w in at.date_input if w.label == "Day you talked").value == day
    next(b for b in at.button if b.label == "Save the log").click().run()
    assert not at.exception, at.exception
    saved = Store.in_dir(data_dir).get("conversations", talk.id)
    keep = SKIP | {"report_back_due", "question_notes"}
    assert saved.model_dump(exclude=keep) == talk.model_dump(exclude=keep)


def test_a_saved_template_comes_back_whole_after_a_page_switch(app, store, data_dir):
    from infoview.models import UserTemplate

    store.save(Profile(name="Sam Rivera"))
    amara = store.save(Contact(full_name="Amara Okafor", reason="Your move"))
    template = store.save(
        UserTemplate(name="Short", subject="About {{ first_name }}", body="Hi {{ first_name }},")
    )
    at = app("pages/3_Ask.py", contact=amara.id)
    at.session_state["ask_tpl_open"] = True
    at.run()
    at.selectbox(key="ask_tpl_pick").set_value(template.id).run()
    _away_and_back(at, "pages/3_Ask.py", contact=amara.id)
    at.session_state["ask_tpl_open"] = True
    at.run()
    assert at.selectbox(key="ask_tpl_pick").value == template.id
    prefix = f"ask_tpl_{template.id}"
    assert at.text_input(key=f"{prefix}_name").value == "Short"
    assert at.text_area(key=f"{prefix}_body").value == "Hi {{ first_name }},"
    at.text_input(key=f"{prefix}_name").set_value("Short and warm").run()
    next(b for b in at.button if b.label == "Save template").click().run()
    assert not at.exception, at.exception
    saved = Store.in_dir(data_dir).get("templates", template.id)
    assert saved.name == "Short and warm"
    assert (saved.subject, saved.body) == (template.subject, template.body)
