"""The Research page through Streamlit's AppTest."""

from __future__ import annotations

from infoview.models import Contact
from infoview.store import Store

PAGE = "pages/2_Research.py"


def _fill(at, **values):
    for key, value in values.items():
        widget = next(w for w in at.main if getattr(w, "key", None) == f"rc_{key}")
        widget.set_value(value)


def _save(at):
    next(b for b in at.button if b.label == "Save contact").click().run()


def test_home_counts_contacts_and_links_the_steps(app, store):
    store.save(Contact(full_name="Ada Lovelace"))
    at = app()
    assert at.metric[0].value == "1"
    assert any("Research" in str(p.label) for p in at.get("page_link"))


def test_empty_research_page_invites_a_first_contact(app):
    at = app(PAGE)
    assert "No contacts yet" in at.info[0].value


def test_add_contact_saves_once_even_when_save_is_clicked_twice(app, data_dir):
    at = app(PAGE, contact="new")
    _fill(at, full_name="Jürgen Müller 🎓", organization="Max Planck", reason="short")
    _save(at)
    assert not at.exception
    _save(at)
    store = Store.in_dir(data_dir)
    saved = store.contacts()
    assert [c.full_name for c in saved] == ["Jürgen Müller 🎓"]
    assert at.query_params["contact"] in (saved[0].id, [saved[0].id])


def test_missing_name_and_bad_url_are_explained_and_nothing_saved(app, data_dir):
    at = app(PAGE, contact="new")
    _fill(at, full_name="  ", linkedin_url="javascript:alert(1)", email="not-an-email")
    _save(at)
    text = at.error[0].value
    assert "Nothing was saved" in text
    assert "Name" in text and "LinkedIn URL" in text and "Email" in text
    assert Store.in_dir(data_dir).count("contacts") == 0


def test_edit_archive_restore_and_delete(app, store, data_dir):
    contact = store.save(Contact(full_name="Grace Hopper", organization="Navy"))
    at = app(PAGE, contact=contact.id)
    _fill(at, title="Rear Admiral", reason="networking")
    _save(at)
    fresh = Store.in_dir(data_dir).contact(contact.id)
    assert fresh.title == "Rear Admiral" and fresh.revision == 2
    assert any("generic" in w.value or "short" in w.value for w in at.warning)

    next(b for b in at.button if b.label == "Archive").click().run()
    assert Store.in_dir(data_dir).contact(contact.id).archived
    # This tab archived it: no "changed elsewhere" warning about its own change.
    assert not any("changed elsewhere" in w.value for w in at.warning)
    next(b for b in at.button if b.label == "Restore from archive").click().run()
    assert not Store.in_dir(data_dir).contact(contact.id).archived

    delete = next(b for b in at.button if b.label == "Delete for good")
    assert delete.disabled
    at.checkbox(key="del_ok").check().run()
    next(b for b in at.button if b.label == "Delete for good").click().run()
    assert Store.in_dir(data_dir).count("contacts") == 0


def test_a_save_over_a_change_made_elsewhere_is_refused(app, store, data_dir):
    contact = store.save(Contact(full_name="Rosalind Franklin"))
    at = app(PAGE, contact=contact.id)
    Store.in_dir(data_dir).save(
        contact.model_copy(update={"title": "From the other tab"}), expected_revision=1
    )
    _fill(at, title="From this tab")
    _save(at)
    assert any("changed elsewhere" in w.value for w in at.warning)
    assert Store.in_dir(data_dir).contact(contact.id).title == "From the other tab"


def test_list_filters_and_search(app, store):
    store.save(Contact(full_name="Ana Ruiz", sector="academia", tags=["policy"]))
    store.save(Contact(full_name="Bo Chen", sector="industry"))
    at = app(PAGE)
    assert "2 of 2 contacts" in at.caption[-1].value or any("2 of 2" in c.value for c in at.caption)
    at.text_input[0].set_value("ruiz").run()
    assert any("1 of 2" in c.value for c in at.caption)
    assert at.dataframe[0].value["Name"].tolist() == ["Ana Ruiz"]
