"""Named entities: a CRF trained here on ANERcorp (+ WikiFANE), with Arabic clitic-aware features.

``tag_entities(doc)`` fills ``doc.entities``; the model is loaded on first use.
"""

from __future__ import annotations

from rasd.entities.tagger import tag_entities

__all__ = ["tag_entities"]
