"""Search text, the same for every database: the index terms of an article (normalised words with
their clitic-free forms and light stems), the words of a query and the snippet of a hit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rasd.text.normalize import normalize, normalize_with_map
from rasd.text.tokens import candidate_stems


@cache
def _stemmer() -> Any:
    import snowballstemmer  # the compiled PyStemmer when installed (a dependency): same stems, 33x faster

    return snowballstemmer.stemmer("arabic")


@lru_cache(maxsize=100_000)  # news repeats its words; PyStemmer (C) makes a new word cost microseconds
def light_stem(word: str) -> str:
    """A normalised word without article, clitics and common suffixes (Snowball's Arabic light stemmer):
    القتل, قتلهم, قتلوا, قتلى → قتل."""
    return _stemmer().stemWord(word) or word


def word_forms(word: str) -> list[str]:
    """The index forms of a normalised word: itself, without its clitics, and its light stem."""
    return list(dict.fromkeys([*candidate_stems(word), light_stem(word)]))


def _alnum(term: str) -> str:
    """A whitespace-separated normalised term's letters and digits."""
    return "".join(c for c in term if c.isalnum())


@lru_cache(maxsize=200_000)
def _terms(term: str) -> str:
    """The index terms of one whitespace-separated normalised word ('' for punctuation)."""
    word = _alnum(term)
    return " ".join(word_forms(word)) if word else ""


def search_terms(text: str) -> str:
    """Normalised terms for the search index, each with its clitic-free forms and light stem
    (``وقتلوا`` is indexed as ``وقتلوا قتلوا قتل``)."""
    return " ".join(filter(None, map(_terms, normalize(text).split())))


def doc_text(title: str | None, text: str) -> str:
    """An article's searchable text: its title, a blank line, its body."""
    return f"{title}\n\n{text}" if title else text


@dataclass(frozen=True)
class QueryWord:
    word: str  # normalised, letters and digits only
    prefix: bool  # written with a final * (matches any word that starts so)

    @property
    def forms(self) -> list[str]:
        return [self.word] if self.prefix else list(dict.fromkeys([self.word, light_stem(self.word)]))

    def matches(self, word: str) -> bool:
        if self.prefix:
            return any(f.startswith(self.word) for f in word_forms(word))
        return bool(set(self.forms) & set(word_forms(word)))


def query_words(query: str) -> list[QueryWord]:
    """The words of a search query, normalised (an empty list when nothing searchable is left)."""
    out = []
    for term in normalize(query).split():
        if word := _alnum(term):
            out.append(QueryWord(word, term.endswith("*")))
    return out


_WORD = re.compile(r"\w+")


def snippet(doc: str, words: list[QueryWord], width: int = 60) -> tuple[str, str | None]:
    """A window of the original text around the first word that matches the query, in [brackets],
    and that word as written."""
    view = normalize_with_map(doc)
    for m in _WORD.finditer(view.text):
        if any(w.matches(m.group()) for w in words):
            start, end = view.to_original(m.start(), m.end())
            lo, hi = max(0, start - width), min(len(doc), end + width)
            text = (("…" if lo else "") + doc[lo:start] + "[" + doc[start:end] + "]" + doc[end:hi]
                    + ("…" if hi < len(doc) else ""))
            return text, doc[start:end]
    return doc[: 2 * width], None
