"""The Plan questions page points out near-duplicate questions and drops by the reason (#15)."""

from __future__ import annotations

from infoview.models import CallPlan, PlanItem
from infoview.questions import REFERRAL, to_item
from tests.app.test_questions_page import PAGE, _researched


def test_near_duplicates_are_pointed_out_and_drops_follow_the_reason(app, store):
    contact = _researched(store, reason="Her grant office reviews first proposals.")
    items = [
        PlanItem(
            question_id="typical-day", text="What does an ordinary workday look like?", minutes=4
        ),
        PlanItem(text="How is a usual week split between meetings and solo work?", minutes=4),
        PlanItem(text="How do grant reviewers score a first proposal?", minutes=4),
        to_item(REFERRAL),
    ]
    store.save(CallPlan(contact_id=contact.id, minutes=10, items=items))
    at = app(PAGE, contact=contact.id)
    assert not at.exception
    info = "\n".join(i.value for i in at.info)
    assert "ask much the same thing" in info
    assert "ordinary workday" in info and "usual week split" in info
    warning = "\n".join(w.value for w in at.warning)
    assert "least related to your reason" in warning
    drops = warning.split("Questions to drop first")[1]
    assert "grant reviewers" not in drops
