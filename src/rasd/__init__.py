"""rasd (رصد): Arabic news → structured, geolocated, time-normalised conflict events."""

__version__ = "0.1.0"

from rasd.document import Article, Document  # noqa: E402
from rasd.pipeline import Pipeline, analyse  # noqa: E402

__all__ = ["Article", "Document", "Pipeline", "__version__", "analyse"]
