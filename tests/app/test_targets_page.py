"""The target employers page through AppTest: add, the order, who you know, one-click adds."""

from __future__ import annotations

from datetime import date

from infoview.models import Contact, Conversation, Target
from infoview.store import Store
from infoview.ui import pages
from tests.app.test_every_form_keeps_its_record import _away_and_back

PAGE = pages.TARGETS.path


def _click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def test_an_empty_list_offers_the_organizations_where_the_user_knows_most_people(
    app, store, data_dir
):
    for name in ("Ana", "Bo", "Cy"):
        store.save(Contact(full_name=name, organization="Globex, Inc.", source="linkedin"))
    store.save(Contact(full_name="Di", organization="Hooli"))
    at = app(PAGE)
    assert at.title[0].value == "Target employers"
    assert any("Your list is empty" in i.value for i in at.info)
    labels = [b.label for b in at.button if "·" in b.label]
    assert labels == ["Globex, Inc\\. · 3", "Hooli · 1"]
    _click(at, "Globex, Inc\\. · 3")
    [target] = Store.in_dir(data_dir).all("targets")
    assert target.organization == "Globex, Inc."
    assert [b.label for b in at.button if "·" in b.label] == ["Hooli · 1"]
    assert at.dataframe[0].value["People you know"].tolist() == [3]
    assert any("Globex, Inc\\. · 3 people you know" in e.label for e in at.expander)


def test_adding_refuses_a_duplicate_and_the_list_follows_the_methods_order(app, store, data_dir):
    store.save(Target(organization="Initech", motivation=2, postings=True))
    ana = store.save(Contact(full_name="Ana Ruiz", organization="globex"))
    store.save(Conversation(contact_id=ana.id, happened_on=date(2026, 1, 5)))
    at = app(PAGE)
    at.text_input(key="tg_new_org").input("Globex Corporation")
    at.selectbox(key="tg_new_motivation").select(3)
    at.text_area(key="tg_new_notes").input("Opened a lab in Denver")
    _click(at, "Add to the list")
    assert Store.in_dir(data_dir).count("targets") == 2
    frame = at.dataframe[0].value
    assert frame["Organization"].tolist() == ["Globex Corporation", "Initech"]
    assert frame["Their stages"].tolist() == ["1 Met", ""]
    assert any("talked to someone at 1 of 2" in c.value for c in at.caption)
    at.text_input(key="tg_new_org").input("initech, inc.")
    _click(at, "Add to the list")
    assert any("Initech is already on your list" in e.value for e in at.error)
    assert Store.in_dir(data_dir).count("targets") == 2


def test_a_target_with_nobody_known_links_to_research_with_the_organization(app, store, data_dir):
    hooli = store.save(Target(organization="Hooli, Inc."))
    store.save(Contact(full_name="Ana Ruiz", organization="Globex"))
    at = app(PAGE)
    [box] = [e for e in at.expander if "find someone" in e.label]
    assert box.label == "Hooli, Inc\\. · find someone"
    assert not [p for p in at.get("page_link") if "Find someone" in p.proto.label]  # folded
    at.session_state[f"tg_open_{hooli.id}"] = True
    at.run()
    [link] = [p.proto for p in at.get("page_link") if "Find someone" in p.proto.label]
    assert link.page == "Research" and link.query_string == "org=Hooli%2C+Inc."
    assert any("You know nobody there yet" in c.value for c in at.caption)
    # Change it from its own form: motivation 3 and a note.
    at.selectbox(key=f"tg_{hooli.id}_1_motivation").select(3)
    at.text_area(key=f"tg_{hooli.id}_1_notes").input("Hiring analysts in spring")
    _click(at, "Save changes")
    saved = Store.in_dir(data_dir).get("targets", hooli.id)
    assert (saved.motivation, saved.notes) == (3, "Hiring analysts in spring")
    _click(at, "Remove from the list")
    assert Store.in_dir(data_dir).count("targets") == 0
    # Research narrows its list to the people there ("Hooli" matches "Hooli, Inc.").
    store.save(Contact(full_name="Hana Lee", organization="Hooli"))
    research = app(pages.RESEARCH.path, org="Hooli, Inc.")
    assert any("People at **Hooli, Inc\\.**" in m.value for m in research.markdown)
    assert research.dataframe[0].value["Name"].tolist() == ["Hana Lee"]


def test_a_half_typed_target_survives_a_page_switch_and_the_form_empties_once_added(
    app, store, data_dir
):
    at = app(PAGE)
    at.text_input(key="tg_new_org").input("Globex Corporation")
    at.selectbox(key="tg_new_motivation").select(3)
    at.checkbox(key="tg_new_alumni").check()
    at.text_area(key="tg_new_notes").input("Opened a lab in [Denver](http://x.test)").run()
    _away_and_back(at, PAGE)
    assert at.text_input(key="tg_new_org").value == "Globex Corporation"
    assert at.selectbox(key="tg_new_motivation").value == 3
    assert at.checkbox(key="tg_new_alumni").value is True
    assert at.text_area(key="tg_new_notes").value == "Opened a lab in [Denver](http://x.test)"
    assert Store.in_dir(data_dir).count("targets") == 0  # nothing saved by the switch
    _click(at, "Add to the list")
    [target] = Store.in_dir(data_dir).all("targets")
    assert (target.organization, target.motivation, target.alumni) == (
        "Globex Corporation",
        3,
        True,
    )
    assert at.text_input(key="tg_new_org").value == ""  # empty again, as a cleared form was
    _away_and_back(at, PAGE)
    assert at.text_input(key="tg_new_org").value == ""
    assert at.selectbox(key="tg_new_motivation").value == 2


def test_a_half_typed_change_to_a_target_survives_folding_and_a_page_switch(app, store, data_dir):
    hooli = store.save(Target(organization="Hooli", notes="Big campus"))
    at = app(PAGE)
    at.session_state[f"tg_open_{hooli.id}"] = True
    at.run()
    notes = f"tg_{hooli.id}_1_notes"
    at.text_area(key=notes).input("Big campus; hiring analysts").run()
    at.session_state[f"tg_open_{hooli.id}"] = False
    at.run()
    assert not [t for t in at.text_area if t.key == notes]  # folded: not drawn
    _away_and_back(at, PAGE)
    at.session_state[f"tg_open_{hooli.id}"] = True
    at.run()
    assert at.text_area(key=notes).value == "Big campus; hiring analysts"
    assert Store.in_dir(data_dir).get("targets", hooli.id).notes == "Big campus"  # not saved
    _click(at, "Save changes")
    assert Store.in_dir(data_dir).get("targets", hooli.id).notes == "Big campus; hiring analysts"
    assert at.text_area(key=f"tg_{hooli.id}_2_notes").value == "Big campus; hiring analysts"
    assert not [k for k in at.session_state["tg_edit_kept"] if k.startswith(f"tg_{hooli.id}_1")]
