"""Every chart keeps a text alternative: the summary sentence shown under it, which is also
the chart's accessible name, on every tab of the Network page."""

from __future__ import annotations

from datetime import date

from infoview.sample_store import load_sample
from infoview.ui import pages
from infoview.ui.network_ui import TABS


def test_every_chart_is_named_by_the_summary_shown_beside_it(app, store):
    load_sample(store, date.today())
    at = app(pages.NETWORK.path)
    drawn = 0
    for tab in TABS:
        at.session_state["nw_tab"] = tab
        at.run()
        assert not at.exception, at.exception
        captions = [c.value for c in at.caption]
        charts = at.get("vega_lite_chart")
        for chart in charts:
            alt = chart.proto.alt
            assert alt.strip(), f"the {tab} chart has no text alternative"
            assert alt in captions, f"the {tab} chart's text alternative is not shown"
        drawn += len(charts)
    assert drawn >= len(TABS)  # sample data draws at least one chart on every tab


def test_a_tree_without_folded_branches_draws_no_empty_layer():
    # An empty layer reaches screen readers as an unnamed image (axe: svg-img-alt).
    from infoview import charts
    from infoview.models import Contact
    from infoview.referral_tree import referral_tree

    people = [Contact(id="a", full_name="Ana", joined_on=date(2024, 1, 1))] + [
        Contact(id=f"k{i}", full_name=f"Kid {i}", joined_on=date(2024, 1, 2), referred_by="a")
        for i in range(3)
    ]
    small = charts.tree_chart(referral_tree(people)).to_dict()
    assert len(small["layer"]) == 4
    many = [Contact(id="r", full_name="Root", joined_on=date(2024, 1, 1))] + [
        Contact(id=f"m{i}", full_name=f"M {i}", joined_on=date(2024, 1, 2), referred_by="r")
        for i in range(30)
    ]
    folded = charts.tree_chart(referral_tree(many, max_nodes=10)).to_dict()
    assert len(folded["layer"]) == 5
