"""Streaming readers for every input form of SCHEMA §1: JSONL, CSV, .txt, a directory, .gz of any.

``read_articles`` yields Articles one at a time (constant memory) and reports each malformed record
through ``on_problem`` with ``file:line`` before moving on to the next one.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rasd.document import Article
from rasd.errors import InputError

# Field names accepted for each Article field (SaudiNewsNet's own names included).
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body"),
    "title": ("title", "headline"),
    "id": ("id", "doc_id"),
    "published": ("published", "date", "pub_date", "date_extracted"),
    "source": ("source", "outlet"),
    "url": ("url",),
    "dateline": ("dateline", "author"),
}
MAX_CHARS = 1_000_000  # longer "articles" (dumps, concatenations) are refused with a message
csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class ReadProblem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


Reporter = Callable[[ReadProblem], None]


def _stderr(problem: ReadProblem) -> None:
    print(f"rasd: skipped {problem}", file=sys.stderr)


def read_articles(paths: Iterable[str | Path] | str | Path, on_problem: Reporter = _stderr) -> Iterator[Article]:
    """Yield Articles from files or directories; ``-`` reads JSONL from standard input."""
    if isinstance(paths, str | Path):
        paths = [paths]
    for p in paths:
        if str(p) == "-":
            yield from _read_jsonl(sys.stdin.buffer, "<stdin>", on_problem)
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(c for c in path.rglob("*") if c.is_file() and not c.name.startswith(".")):
                yield from _read_file(child, on_problem)
        elif path.exists():
            yield from _read_file(path, on_problem)
        else:
            on_problem(ReadProblem(str(path), "no such file or directory"))


def _kind(path: Path) -> tuple[str, bool]:
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    ext = suffixes[-1] if suffixes else ""
    return {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "tsv"}.get(ext, "txt"), gz


def _read_file(path: Path, on_problem: Reporter) -> Iterator[Article]:
    kind, gz = _kind(path)
    try:
        if _looks_binary(path, gz):
            on_problem(ReadProblem(str(path), "binary file, not text — skipped"))
            return
        raw: IO[bytes] = gzip.open(path, "rb") if gz else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        on_problem(ReadProblem(str(path), f"cannot open: {exc.strerror or exc}"))
        return
    with raw:
        try:
            if kind == "jsonl":
                yield from _read_jsonl(raw, str(path), on_problem)
                return
            stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")
            if kind in ("csv", "tsv"):
                yield from _read_csv(stream, str(path), on_problem, "\t" if kind == "tsv" else ",")
            else:
                yield from _read_txt(stream, path, on_problem)
        except (UnicodeDecodeError, EOFError, gzip.BadGzipFile, OSError) as exc:
            on_problem(ReadProblem(str(path), f"unreadable input ({_describe(exc)}) — stopped reading this file"))


def _describe(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8: byte 0x{exc.object[exc.start]:02x}"
    return str(exc) or type(exc).__name__


def _looks_binary(path: Path, gz: bool) -> bool:
    opener = gzip.open if gz else open
    try:
        with opener(path, "rb") as fh:
            head = fh.read(4096)
    except (OSError, EOFError, gzip.BadGzipFile):
        return True
    return b"\x00" in head


def _read_jsonl(stream: IO[bytes] | IO[str], name: str, on_problem: Reporter) -> Iterator[Article]:
    """One JSON object per line; each line is decoded on its own so a bad byte costs one line."""
    lineno = 0
    for lineno, line in enumerate(stream, 1):  # noqa: B007
        where = f"{name}:{lineno}"
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                on_problem(ReadProblem(where, f"not valid UTF-8 ({_describe(exc)}) — line skipped"))
                continue
        if not line.strip():
            continue
        try:
            yield article_from_record(json.loads(line), where)
        except json.JSONDecodeError as exc:
            on_problem(ReadProblem(where, f"malformed JSON ({exc.msg} at column {exc.colno})"))
        except InputError as exc:
            on_problem(ReadProblem(exc.where, exc.message))
    if lineno == 0:
        on_problem(ReadProblem(f"{name}:1", "empty file — nothing to read"))


def _read_csv(stream: IO[str], name: str, on_problem: Reporter, delimiter: str) -> Iterator[Article]:
    reader = csv.DictReader(stream, delimiter=delimiter)
    for row in reader:
        where = f"{name}:{reader.line_num}"
        try:
            if None in row:
                raise InputError(where, f"row has {len(row) + len(row[None]) - 1} fields, header has {len(reader.fieldnames or [])}")
            yield article_from_record(row, where)
        except InputError as exc:
            on_problem(ReadProblem(exc.where, exc.message))


def _read_txt(stream: IO[str], path: Path, on_problem: Reporter) -> Iterator[Article]:
    content = stream.read()
    lines = content.lstrip("\ufeff").splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        on_problem(ReadProblem(f"{path}:1", "empty file — nothing to read"))
        return
    title = lines[0].strip()
    body = "\n".join(lines[1:]).strip()
    if not body:
        body, title = title, None
    stem = path.name.split(".")[0]
    if len(body) > MAX_CHARS:
        on_problem(ReadProblem(f"{path}:1", f"text is {len(body):,} characters, over the {MAX_CHARS:,} limit for one article — skipped"))
        return
    yield Article(text=body, title=title, id=stem, origin=f"{path}:1")


def article_from_record(record: Any, where: str) -> Article:
    """Build an Article from a JSON object or CSV row, validating ``text``."""
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {type(record).__name__}")
    values = {field: _first(record, names) for field, names in ALIASES.items()}
    text = values["text"]
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError(where, "missing or empty 'text'")
    for key, value in values.items():
        if value is not None and not isinstance(value, str):
            if key in ("id",) and isinstance(value, int | float):
                values[key] = str(value)
            else:
                raise InputError(where, f"'{key}' must be a string, got {type(value).__name__}")
    if len(values["text"]) > MAX_CHARS:
        raise InputError(where, f"'text' is {len(values['text']):,} characters, over the {MAX_CHARS:,} limit for one article")
    if values["dateline"]:
        values["dateline"] = values["dateline"].split(":")[0].strip() or None
    return Article(
        text=values["text"].replace("\r\n", "\n"),
        title=(values["title"] or "").strip() or None,
        id=(values["id"] or "").strip() or None,
        published=(values["published"] or "").strip() or None,
        source=values["source"],
        url=values["url"],
        dateline=values["dateline"],
        origin=where,
    )


def _first(record: dict, names: tuple[str, ...]) -> Any:
    for n in names:
        if n in record and record[n] not in (None, ""):
            return record[n]
    return None
