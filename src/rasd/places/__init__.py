"""Places: an Arabic gazetteer (GeoNames + curated sites) and a geocoder for place mentions.

``resolve_places(doc)`` is the pipeline stage; ``country_focus(doc)`` and ``geocode(name, country)``
serve the other stages.  Data (the compact GeoNames index, curated sites, triggers) lives in
``rasd/data/places`` and is loaded on first use.
"""

from rasd.places.gazetteer import Candidate, Gazetteer, default_gazetteer
from rasd.places.stage import country_focus, geocode, resolve_places

__all__ = ["Candidate", "Gazetteer", "country_focus", "default_gazetteer", "geocode", "resolve_places"]
