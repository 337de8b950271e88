"""The contact form (#17): the checklist and coaching follow the typing, month and year for
"since", and "Referred by" that makes the Ask choose the referral template."""

from __future__ import annotations

from datetime import date

from infoview.models import Contact, Source
from infoview.store import Store
from infoview.ui import pages

RESEARCH = pages.RESEARCH.path
REASON = "You moved from bench chemistry into grant policy at the Research Council in 2021."


def _widget(at, name: str):
    return next(w for w in at.main if getattr(w, "key", None) == f"rc_{name}")


def _checked(at) -> list[str]:
    return [m.value.split(" ", 1)[1] for m in at.markdown if "material/check_box:" in m.value]


def _save(at) -> None:
    next(b for b in at.button if b.label == "Save contact").click().run()
    assert not at.exception, at.exception


def test_the_checklist_and_coaching_follow_the_fields_before_any_save(app, store, data_dir):
    contact = store.save(Contact(full_name="Priya Raman"))
    at = app(RESEARCH, contact=contact.id)
    assert _checked(at) == []
    assert "0% known" in " ".join(m.value for m in at.markdown)
    _widget(at, "organization").set_value("Research Council").run()
    _widget(at, "since_month").set_value(3).run()
    _widget(at, "since_year").set_value(2021).run()
    assert _checked(at) == ["Where they work now", "How long in this position"]
    assert "25% known" in " ".join(m.value for m in at.markdown)
    assert any("In this position" in m.value and "yr" in m.value for m in at.main.markdown)
    assert not at.success
    _widget(at, "reason").set_value(REASON).run()
    assert "A compelling reason to talk" in _checked(at)
    assert at.success, "the reason coaching reads the reason as typed"
    # Nothing is stored until Save contact.
    assert Store.in_dir(data_dir).contact(contact.id).organization == ""


def test_since_asks_month_and_year_and_stores_the_first_of_the_month(app, store, data_dir):
    contact = store.save(Contact(full_name="Priya Raman", reason=REASON))
    at = app(RESEARCH, contact=contact.id)
    _widget(at, "since_month").set_value(5).run()
    _save(at)
    assert any("the year as well" in e.value for e in at.error)
    assert Store.in_dir(data_dir).contact(contact.id).position_since is None
    _widget(at, "since_year").set_value(2019).run()
    _save(at)
    assert not at.error
    assert Store.in_dir(data_dir).contact(contact.id).position_since == date(2019, 5, 1)


def test_referred_by_on_the_form_gives_the_referral_ask(app, store, data_dir):
    friend = store.save(Contact(full_name="Kim Park"))
    contact = store.save(Contact(full_name="Priya Raman", reason=REASON))
    at = app(RESEARCH, contact=contact.id)
    picker = _widget(at, "referred_by")
    assert picker.value is None
    assert picker.options == ["Kim Park"]  # not the contact themself
    picker.set_value(friend.id).run()
    _save(at)
    saved = Store.in_dir(data_dir).contact(contact.id)
    assert saved.referred_by == friend.id and saved.source == Source.REFERRAL
    at.switch_page(pages.ASK.path)
    at.run()
    assert not at.exception, at.exception
    template = next(w for w in at.main.selectbox if w.label == "Template")
    assert template.value == "referral"
    body = next(w for w in at.main.text_area if w.label == "Email").value
    assert "Kim Park" in body


def test_a_refused_save_is_said_once_then_the_form_stays_marked_out_of_date(app, store, data_dir):
    rosalind = store.save(Contact(full_name="Rosalind Franklin", reason=REASON))
    other = store.save(Contact(full_name="Maurice Wilkins", reason=REASON))
    at = app(RESEARCH, contact=rosalind.id)
    Store.in_dir(data_dir).save(rosalind.model_copy(update={"title": "Elsewhere"}))
    _widget(at, "title").set_value("Here")
    _save(at)
    [refused] = at.warning
    assert refused.value.startswith("Not saved — This record changed elsewhere")
    at.run()  # any later run: the form is still out of date, and says so
    [stale] = at.warning
    assert stale.value.startswith("This contact changed elsewhere")
    assert any(b.label.startswith("Load the latest version") for b in at.button)
    at.query_params["contact"] = other.id
    at.run()  # another contact's form carries nothing of it
    assert not at.warning
    assert Store.in_dir(data_dir).contact(rosalind.id).title == "Elsewhere"
