"""Sources stage: who the article says reports each claim, and factuality cues."""

from rasd.sources.attribution import find_sources, source_for
from rasd.sources.factuality import (
    factuality,
    is_aggregate,
    is_attempt,
    is_denial,
    is_foiled,
    is_future_possibility,
    is_past_reference,
)

__all__ = ["factuality", "find_sources", "is_aggregate", "is_attempt", "is_denial", "is_foiled", "is_future_possibility", "is_past_reference", "source_for"]
