"""Altair builders for the Network page (aggregated DataFrame in, chart out) and their summaries.

Each chart has a Summary: the key figures and a sentence the page shows beside the chart, so
the numbers stay readable when Streamlit draws the chart on a canvas. Summaries hold no user
text (names, fields), so the page may show them as st.metric or st.caption safely.

One module per chart family (``time``, ``outreach``, ``people``) beside what they share
(``base``); the pages read them all through this package, as ``charts.growth_chart``.
"""

from infoview.charts.base import (
    ACTIVITY_COLORS as ACTIVITY_COLORS,
)
from infoview.charts.base import (
    EMPTY_MESSAGES as EMPTY_MESSAGES,
)
from infoview.charts.base import (
    FILTERED_MESSAGE as FILTERED_MESSAGE,
)
from infoview.charts.base import (
    FRAME as FRAME,
)
from infoview.charts.base import (
    HEIGHT as HEIGHT,
)
from infoview.charts.base import (
    LABEL_LIMIT as LABEL_LIMIT,
)
from infoview.charts.base import (
    MOST_TIME_TICKS as MOST_TIME_TICKS,
)
from infoview.charts.base import (
    MUTED as MUTED,
)
from infoview.charts.base import (
    OKABE_ITO as OKABE_ITO,
)
from infoview.charts.base import (
    ROW as ROW,
)
from infoview.charts.base import (
    SAMPLE_HIDDEN_MESSAGE as SAMPLE_HIDDEN_MESSAGE,
)
from infoview.charts.base import (
    SECTOR_COLORS as SECTOR_COLORS,
)
from infoview.charts.base import (
    SOURCE_COLORS as SOURCE_COLORS,
)
from infoview.charts.base import (
    Figure as Figure,
)
from infoview.charts.base import (
    Summary as Summary,
)
from infoview.charts.base import (
    count_ticks as count_ticks,
)
from infoview.charts.base import (
    empty_message as empty_message,
)
from infoview.charts.base import (
    rows_height as rows_height,
)
from infoview.charts.base import (
    sample_hidden_summary as sample_hidden_summary,
)
from infoview.charts.base import (
    time_ticks as time_ticks,
)
from infoview.charts.outreach import (
    funnel_chart as funnel_chart,
)
from infoview.charts.outreach import (
    funnel_summary as funnel_summary,
)
from infoview.charts.outreach import (
    replies_summary as replies_summary,
)
from infoview.charts.outreach import (
    reply_days_chart as reply_days_chart,
)
from infoview.charts.outreach import (
    reply_rate_chart as reply_rate_chart,
)
from infoview.charts.people import (
    WARM_COLORS as WARM_COLORS,
)
from infoview.charts.people import (
    kept_warm_chart as kept_warm_chart,
)
from infoview.charts.people import (
    kept_warm_frame as kept_warm_frame,
)
from infoview.charts.people import (
    kept_warm_summary as kept_warm_summary,
)
from infoview.charts.people import (
    mix_chart as mix_chart,
)
from infoview.charts.people import (
    mix_summary as mix_summary,
)
from infoview.charts.people import (
    tree_chart as tree_chart,
)
from infoview.charts.people import (
    tree_summary as tree_summary,
)
from infoview.charts.time import (
    MONTH_BARS as MONTH_BARS,
)
from infoview.charts.time import (
    activity_chart as activity_chart,
)
from infoview.charts.time import (
    activity_summary as activity_summary,
)
from infoview.charts.time import (
    growth_chart as growth_chart,
)
from infoview.charts.time import (
    growth_summary as growth_summary,
)
