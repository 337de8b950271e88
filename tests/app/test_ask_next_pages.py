"""Who to ask next through AppTest: on Home and in Research, one click to act."""

from __future__ import annotations

from infoview.models import Contact, Profile, Target
from infoview.ui import pages


def _links(at, label: str):
    return [p.proto for p in at.get("page_link") if p.proto.label == label]


def test_home_ranks_who_to_ask_next_with_reasons_and_links(app, store):
    store.save(Profile(name="Me", schools=["Halden University"], fields=["data science"]))
    store.save(Target(organization="Globex", motivation=3))
    fay = store.save(
        Contact(full_name="Fay Ode", organization="Globex, Inc.", field="Data science")
    )
    store.save(Contact(full_name="Al Um", education=["Halden University"]))
    store.save(Contact(full_name="No Reason"))
    at = app()
    rows = [
        m.value for m in at.markdown if m.value.startswith("**1. ") or m.value.startswith("**2. ")
    ]
    assert len(rows) == 2
    assert "Fay Ode" in rows[0] and "Works at Globex, a target employer" in rows[0]
    assert "a field you are heading to" in rows[0]
    assert "Al Um" in rows[1] and "Studied at Halden University, like you" in rows[1]
    [research] = [p for p in _links(at, "Research") if p.query_string == f"contact={fay.id}"]
    assert research.page == "Research"
    [ask] = [p for p in _links(at, "Ask") if p.query_string == f"contact={fay.id}"]
    assert ask.page == "Ask"


def test_research_ranks_them_once_its_box_is_opened(app, store):
    store.save(Profile(fields=["data science"]))
    store.save(Contact(full_name="Fay Ode", field="Data science"))
    at = app(pages.RESEARCH.path)
    assert not any("Fay Ode" in m.value and "heading to" in m.value for m in at.markdown)
    at.session_state["rs_next"] = True
    at.run()
    assert any("Fay Ode" in m.value and "heading to" in m.value for m in at.markdown)
