"""The Ask page shows the coach's job-ask finding for an indirect job ask, not a negated one."""

from __future__ import annotations

from tests.app.test_ask_page import PAGE, _setup, _text, _w

INDIRECT = (
    "Hi Amara,\n\nYour move from a protein chemistry postdoc into science policy is the path I "
    "hope for. I recently submitted an application for the analyst post at your office. "
    "Would you have 15 minutes next week to talk about how policy analysts use research?\n\n"
    "Best,\nSam"
)
NEGATED = INDIRECT.replace(
    "I recently submitted an application for the analyst post at your office.",
    "I'm not looking for a job or an introduction.",
)


def _review(app, store, body):
    contact = _setup(store)
    at = app(PAGE, contact=contact.id)
    _w(at, contact.id, "subject").set_value("Your move into science policy").run()
    _w(at, contact.id, "body").set_value(body).run()
    assert not at.exception
    return at


def test_an_indirect_job_ask_is_a_problem_on_the_page(app, store):
    at = _review(app, store, INDIRECT)
    text = _text(at)
    assert "Asks for advice, not a job" in text
    assert "reads as a request for a job" in text
    assert int(at.metric[0].value.split(" ")[0]) < 85


def test_a_negated_job_phrase_is_not_flagged(app, store):
    at = _review(app, store, NEGATED)
    assert "reads as a request for a job" not in _text(at)
    assert int(at.metric[0].value.split(" ")[0]) >= 85
