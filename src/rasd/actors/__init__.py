"""Actors: a canonical dictionary of the region's conflict actors, mention detection and resolution.

``find_actors(doc)`` is the pipeline stage; ``lookup`` and ``get_actor`` serve other stages.
"""

from rasd.actors.dictionary import Actor, load_dictionary
from rasd.actors.stage import find_actors, get_actor, lookup

__all__ = ["Actor", "find_actors", "get_actor", "load_dictionary", "lookup"]
