"""The analyst's web app (`rasd serve`): an API over the store and one offline page (map, timeline, evidence)."""

from rasd.serve.app import create_app

__all__ = ["create_app"]
