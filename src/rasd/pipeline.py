"""The ordered stages: a Document in, the same Document enriched out.

text → entities → places / time / actors / sources → events.  Each stage is a plain function
``(Document) -> Document`` registered here by name; ``run`` refuses anything that is not a Document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from importlib import import_module

from rasd.document import Article, Document
from rasd.errors import RasdError

Stage = Callable[[Document], Document]

# name -> "module:function"; imported on first use so that importing rasd stays cheap.
STAGES: dict[str, str] = {
    "text": "rasd.text.stage:analyse_text",
    "entities": "rasd.entities:tag_entities",
    "places": "rasd.places:resolve_places",
    "time": "rasd.time:tag_timexes",
    "actors": "rasd.actors:find_actors",
    "sources": "rasd.sources:find_sources",
    "events": "rasd.events:extract_events",
}


def load_stage(name: str) -> Stage:
    try:
        module, func = STAGES[name].split(":")
    except KeyError:
        raise RasdError(f"unknown stage {name!r}; known: {', '.join(STAGES)}") from None
    return getattr(import_module(module), func)


class Pipeline:
    """Runs named stages in registration order."""

    def __init__(self, stages: Iterable[str] | None = None) -> None:
        names = list(stages) if stages is not None else list(STAGES)
        unknown = [n for n in names if n not in STAGES]
        if unknown:
            raise RasdError(f"unknown stage {unknown[0]!r}; known: {', '.join(STAGES)}")
        order = list(STAGES)
        self.names = sorted(names, key=order.index)
        self._stages = [(n, load_stage(n)) for n in self.names]

    def __call__(self, doc: Document | Article) -> Document:
        if isinstance(doc, Article):
            doc = Document.from_article(doc)
        if not isinstance(doc, Document):
            raise RasdError(f"a pipeline takes a Document or Article, not {type(doc).__name__}")
        for _name, stage in self._stages:
            doc = stage(doc)
        return doc

    def pipe(self, articles: Iterable[Article]) -> Iterator[Document]:
        for article in articles:
            yield self(article)


def analyse(article: Article | str, **meta: str) -> Document:
    """Python API: run the full pipeline on one article (or a plain text string)."""
    if isinstance(article, str):
        article = Article(text=article, **meta)
    return default_pipeline()(article)


_DEFAULT: list[Pipeline] = []


def default_pipeline() -> Pipeline:
    if not _DEFAULT:
        _DEFAULT.append(Pipeline())
    return _DEFAULT[0]
