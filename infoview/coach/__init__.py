"""Pure coaching rules: the ask review, research completeness and send timing."""

from infoview.coach.ask import review_ask
from infoview.coach.findings import Finding, Level, Review
from infoview.coach.timing import TimingAdvice, advise_send_date

# Research exports (infoview.coach.research) are added here by its author.

__all__ = ["Finding", "Level", "Review", "TimingAdvice", "advise_send_date", "review_ask"]
