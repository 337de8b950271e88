"""The Network page through Streamlit's AppTest: empty states, figures, filters, sample data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infoview.analytics import contacts_frame
from infoview.charts import EMPTY_MESSAGES, FILTERED_MESSAGE, SAMPLE_HIDDEN_MESSAGE
from infoview.models import AskStatus, Contact, Conversation, Outreach, Sector, Source
from infoview.ui import pages
from infoview.ui.network_ui import FILL_STEPS, TABS, date_span, open_range
from tests.conftest import ROOT

PAGE = pages.NETWORK.path
HOSTILE = "Ana *Ruiz* ![x](http://127.0.0.1:9/a.png)"
CHARTS = ["growth", "funnel", "replies", "tree", "activity", "mix", "warm"]
CHART_OF_TAB = dict(zip(TABS, CHARTS, strict=True))


def _contact(cid: str, joined: date, sector: Sector, **fields) -> Contact:
    return Contact(id=cid, full_name=fields.pop("name", f"Person {cid}"), joined_on=joined,
                   sector=sector, **fields)  # fmt: skip


@pytest.fixture
def network(store):
    """5 contacts (2 referred by Ana), 3 asks sent with 2 replies, 1 conversation."""
    reason = {"reason": "Moved from the lab into policy."}
    store.save_many(
        [
            _contact("a", date(2024, 1, 5), Sector.INDUSTRY, name=HOSTILE, **reason),
            _contact("b", date(2024, 2, 5), Sector.ACADEMIA, **reason),
            _contact("c", date(2024, 3, 5), Sector.INDUSTRY, **reason),
            _contact("d", date(2024, 4, 5), Sector.INDUSTRY, source=Source.REFERRAL,
                     referred_by="a"),
            _contact("e", date(2024, 5, 5), Sector.ACADEMIA, source=Source.REFERRAL,
                     referred_by="a", archived=True),  # archived contacts stay in history
            Outreach(contact_id="a", status=AskStatus.REPLIED, sent_on=date(2024, 3, 1),
                     replied_on=date(2024, 3, 3)),
            Outreach(contact_id="b", status=AskStatus.REPLIED, sent_on=date(2024, 3, 10),
                     replied_on=date(2024, 3, 14)),
            Outreach(contact_id="c", status=AskStatus.SENT, sent_on=date(2024, 3, 20)),
            Outreach(contact_id="c"),  # a draft is not an ask sent
            Conversation(contact_id="a", happened_on=date(2024, 3, 20)),
        ]
    )  # fmt: skip
    return store


def _open(app, tab: str = TABS[0], at=None):
    at = at or app(PAGE)
    at.session_state["nw_tab"] = tab
    at.run()
    assert not at.exception, at.exception
    return at


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _charts(at) -> int:
    return len(at.get("vega_lite_chart"))


def test_an_empty_database_shows_every_empty_state_with_a_next_step(app):
    at = app(PAGE)
    assert not at.exception
    assert not at.multiselect and not at.date_input  # nothing to filter yet
    for tab, chart in CHART_OF_TAB.items():
        _open(app, tab, at)
        assert [i.value for i in at.info] == [EMPTY_MESSAGES[chart]]
        assert _charts(at) == 0 and not at.metric
        steps = [Path(page).stem.split("_", 1)[1] for page, _, _ in FILL_STEPS[chart]]
        existing = [
            s
            for (page, _, _), s in zip(FILL_STEPS[chart], steps, strict=True)
            if (ROOT / page).exists()
        ]
        shown = [link.proto.page for link in at.main.get("page_link")]
        assert shown == existing
        assert shown or chart in ("replies", "activity")  # their steps may not exist yet


def test_growth_shows_the_network_size_beside_the_chart(app, network):
    at = _open(app, "Growth")
    assert _charts(at) == 1
    # The archived contact is left out, as on Home (docs/figures.md).
    assert _metrics(at) == {
        "Contacts": "4",
        "Joined in this range": "4",
        "Largest source": "Added by hand",
    }
    at.radio(key="nw_freq").set_value("M").run()
    assert any(c.value.startswith("4 contacts by Apr 2024") for c in at.caption)


def test_funnel_replies_tree_activity_and_mix_figures(app, network):
    at = _open(app, "Funnel")
    # Nobody was thanked (a's thank-you is unsent), though a gave referrals.
    assert _metrics(at) == {"Researched": "3", "Gave referrals": "1", "Weakest step": "0%"}
    assert at.metric[2].delta == "Met → Thanked"
    assert "researched 3, asked 3, replied 2, met 1, thanked 0, gave referrals 1" in "".join(
        c.value for c in at.caption
    )

    at = _open(app, "Replies", at)
    assert _charts(at) == 2
    assert _metrics(at) == {
        "Asks sent": "3",
        "Reply rate": "67%",
        "Median days to reply": "3 days",
        "Middle half of replies": "2–4 days",
    }

    at = _open(app, "Referrals", at)
    assert _metrics(at) == {
        "People in referral chains": "3",
        "Longest chain": "2 people",
        "Most introductions by one person": "2",
    }
    # Names are user text: they appear in the table, never as Markdown.
    table = at.dataframe[0].value
    assert table["Name"].tolist() == [HOSTILE]
    assert table["Introduced directly"].tolist() == [2]
    assert not any("![x]" in m.value for m in at.markdown)

    at = _open(app, "Activity", at)
    assert _metrics(at) == {
        "Asks sent": "3",
        "Conversations held": "1",
        "Busiest month": "Mar 2024",
    }

    at = _open(app, "Sectors and fields", at)
    assert _charts(at) == 3  # sector, organization, role: no contact has a field
    assert _metrics(at)["Largest sector"] == "Industry"
    assert _metrics(at)["Sectors"] == "2"


def test_the_sector_filter_changes_every_figure(app, network):
    at = _open(app, "Growth")
    at.multiselect(key="nw_sectors").set_value(["industry"]).run()
    assert _metrics(at)["Contacts"] == "3"
    at = _open(app, "Replies", at)
    assert _metrics(at)["Asks sent"] == "2"
    assert _metrics(at)["Reply rate"] == "50%"
    at = _open(app, "Referrals", at)
    assert _metrics(at)["People in referral chains"] == "2"
    at.multiselect(key="nw_sectors").set_value(["government"]).run()
    assert [i.value for i in at.info] == [FILTERED_MESSAGE]
    assert not at.main.get("page_link")  # the data exists: the filters hide it


def test_the_date_range_counts_earlier_contacts_in_the_size(app, network):
    at = _open(app, "Growth")
    at.date_input(key="nw_dates").set_value((date(2024, 3, 1), date(2024, 12, 31))).run()
    assert _metrics(at)["Contacts"] == "4"
    assert _metrics(at)["Joined in this range"] == "2"
    at = _open(app, "Activity", at)
    at.date_input(key="nw_dates").set_value((date(2024, 3, 15), date(2024, 12, 31))).run()
    assert _metrics(at)["Asks sent"] == "1"
    assert _metrics(at)["Conversations held"] == "1"


def test_the_filters_survive_a_visit_to_another_page(app, network):
    at = _open(app, "Growth")
    at.multiselect(key="nw_sectors").set_value(["academia"]).run()
    assert _metrics(at)["Contacts"] == "1"
    at.switch_page(pages.RESEARCH.path).run()
    at.switch_page(PAGE).run()
    assert at.multiselect(key="nw_sectors").value == ["academia"]
    assert _metrics(at)["Contacts"] == "1"


def test_sample_data_can_be_left_out(app, network):
    network.save_many(
        [
            _contact("s1", date(2024, 6, 1), Sector.GOVERNMENT, sample=True),
            _contact("s2", date(2024, 6, 2), Sector.GOVERNMENT, sample=True),
            Outreach(contact_id="s1", status=AskStatus.SENT, sent_on=date(2024, 6, 3),
                     sample=True),
        ]
    )  # fmt: skip
    at = _open(app, "Growth")
    assert _metrics(at)["Contacts"] == "6"
    at.checkbox(key="nw_sample").uncheck().run()
    assert _metrics(at)["Contacts"] == "4"
    at = _open(app, "Replies", at)
    assert _metrics(at)["Asks sent"] == "3"


def test_the_sample_checkbox_is_shown_only_with_sample_data(app, network):
    at = _open(app, "Growth")
    assert not at.checkbox


def test_date_span_and_open_range():
    frame = contacts_frame([_contact("a", date(2024, 1, 5), Sector.OTHER)])
    span = date_span(frame, date(2025, 6, 1))
    assert span == (date(2024, 1, 5), date(2025, 6, 1))
    assert date_span(contacts_frame([]), date(2025, 6, 1)) == (date(2025, 6, 1),) * 2
    assert open_range(span, span) == (None, None)
    assert open_range([date(2024, 2, 1)], span) == (date(2024, 2, 1), None)
    assert open_range([date(2024, 2, 1), date(2024, 3, 1)], span) == (
        date(2024, 2, 1),
        date(2024, 3, 1),
    )
    assert open_range([], span) == (None, None)


def test_a_range_outside_the_data_after_a_deletion_is_reset_not_an_error(app, network):
    at = _open(app, "Growth")
    at.date_input(key="nw_dates").set_value((date(2024, 1, 5), date(2024, 3, 1))).run()
    assert _metrics(at)["Joined in this range"] == "2"
    network.delete_contact("a")  # the earliest contact: the picker's range now starts later
    at.run()
    assert not at.exception
    assert at.date_input(key="nw_dates").value == (date(2024, 2, 5), date(2024, 3, 1))
    assert _metrics(at)["Contacts"] == "1"  # the chosen end is kept: only Person b by then


def test_when_leaving_out_sample_data_empties_a_chart_the_empty_state_says_so(app, store):
    store.save_many(
        [
            _contact("s1", date(2024, 6, 1), Sector.GOVERNMENT, sample=True),
            Outreach(contact_id="s1", status=AskStatus.SENT, sent_on=date(2024, 6, 3),
                     sample=True),
        ]
    )  # fmt: skip
    at = _open(app, "Replies")
    assert _metrics(at)["Asks sent"] == "1"
    at.checkbox(key="nw_sample").uncheck().run()
    assert [i.value for i in at.info] == [SAMPLE_HIDDEN_MESSAGE]


def test_kept_warm_counts_the_people_met_within_their_rhythm_and_target_coverage(app, store):
    from datetime import timedelta

    from infoview.models import Target

    today = date.today()
    store.save_many(
        [
            Contact(id="w", full_name="Warm", organization="Globex, Inc."),
            Contact(id="c", full_name="Cold", organization="Hooli"),
            Conversation(contact_id="w", happened_on=today - timedelta(days=20)),
            Conversation(contact_id="c", happened_on=today - timedelta(days=200)),
            Target(organization="Globex"),
            Target(organization="Initech"),
        ]
    )
    at = _open(app, "Kept warm")
    assert _charts(at) == 1
    metrics = _metrics(at)
    assert metrics["Kept warm now"] == "1 of 2"
    assert metrics["Past the longest gap"] == "1"
    assert metrics["Targets with a conversation"] == "1 of 2"
