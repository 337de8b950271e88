"""Pure coaching rules: the ask review, research completeness and send timing."""

from infoview.coach.ask import Finding, Level, Review, review_ask

# Research exports (infoview.coach.research) are added here by its author.

__all__ = ["Finding", "Level", "Review", "review_ask"]
