"""Named entities: a CRF trained here on ANERcorp, with Arabic clitic-aware features, re-tagged by a numpy BiLSTM-CRF.

``tag_entities(doc)`` fills ``doc.entities``; the model is loaded on first use.
"""

from __future__ import annotations

from rasd.entities.tagger import tag_entities

__all__ = ["tag_entities"]
