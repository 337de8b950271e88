"""The coach's review of a thank-you, follow-up or report-back, drawn like the Ask page's."""

from __future__ import annotations

import streamlit as st

from infoview.asks import score_verdict
from infoview.coach.ask import Level, Review
from infoview.coach.drafts import DRAFT_RULES
from infoview.ui.text import Markdown, md, md_escape

# The Ask page's icons (infoview/ui/ask_ui.py LEVEL_ICONS), so both coaches look alike.
_ICONS = {
    Level.PROBLEM: ":red[:material/error:]",
    Level.WARN: ":orange[:material/warning:]",
    Level.TIP: ":blue[:material/lightbulb:]",
    Level.OK: ":green[:material/check_circle:]",
}


def note_review(review: Review) -> None:
    """Show a note's score and what to fix, the most serious first; what is fine, folded."""
    st.markdown(md("**The coach: {} / 100** · {}", review.score, score_verdict(review.score)))
    for finding in review.issues:
        label = DRAFT_RULES.get(finding.rule, finding.rule)
        st.markdown(md("{} **{}** — {}", Markdown(_ICONS[finding.level]), label, finding.message))
        if finding.suggestion:
            st.caption(md_escape(finding.suggestion))
    if review.passed:
        st.caption(
            md(
                "Done well: {}.",
                "; ".join(DRAFT_RULES.get(f.rule, f.rule).lower() for f in review.passed),
            )
        )
