"""Sources stage: who the article says reports each claim, and factuality cues."""

from rasd.sources.attribution import find_sources, source_for
from rasd.sources.factuality import factuality, is_aggregate

__all__ = ["factuality", "find_sources", "is_aggregate", "source_for"]
