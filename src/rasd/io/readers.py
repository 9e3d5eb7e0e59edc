"""Streaming readers for every input form of SCHEMA §1: JSONL, CSV, .txt, a directory, .gz of any.

``read_articles`` yields Articles one at a time (constant memory) and reports each malformed record
through ``on_problem`` with ``file:line`` before moving on to the next one.  Every read is bounded:
a line, a CSV field or a .txt file over the limit for one article is refused with its file and line
instead of being read whole.

``input_parts`` cuts the inputs into Parts that separate processes read on their own with ``read_part``:
a whole file, the lines of a plain JSONL/CSV file that start in a byte range (numbered from the line
count of a newline scan, so that problems keep their ``file:line``), or lines of a .jsonl.gz carried
in the part.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, replace
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
MAX_LINE_BYTES = 8 * MAX_CHARS  # one JSON line: MAX_CHARS characters written as \uXXXX escapes, plus fields
# The documented input forms (README "Inputs"); a folder's other files are not read.
KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "tsv", ".txt": "txt"}
_CHUNK = 1 << 16
_LONE = re.compile("[\ud800-\udfff]")  # a surrogate outside a pair


@dataclass(frozen=True)
class ReadProblem:
    where: str
    message: str
    note: bool = False  # information only: nothing was skipped

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ReadProgress:
    """Bytes of input read so far, and in all (None when standard input is among the inputs)."""

    total: int | None = None
    done: int = 0


Reporter = Callable[[ReadProblem], None]


class _Stop(Exception):
    """A file cannot be read further; ``where`` and ``message`` say why."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where, self.message = where, message


def _stderr(problem: ReadProblem) -> None:
    print(f"rasd: {'note' if problem.note else 'skipped'} {problem}", file=sys.stderr)


def read_articles(paths: Iterable[str | Path] | str | Path, on_problem: Reporter = _stderr, *,
                  encoding: str | None = None, progress: ReadProgress | None = None) -> Iterator[Article]:
    """Yield Articles from files or directories; ``-`` reads JSONL from standard input.

    Ids are unique within one call: a record repeating an earlier ``id`` is reported and skipped; a
    file's id is its path relative to the folder given (``2015/1`` for ``coll/2015/1.txt``), or its
    content hash when an earlier file took that name.  ``encoding`` overrides UTF-8.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    sources = list(_sources(paths, on_problem))
    progress = progress if progress is not None else ReadProgress()
    progress.total = None if any(p is None for p, _ in sources) else sum(_size(p) for p, _ in sources)
    seen: set[str] = set()
    base = 0
    for path, name in sources:
        if path is None:
            articles = _guarded(_read_jsonl(sys.stdin.buffer, "<stdin>", on_problem, encoding), "<stdin>", on_problem, encoding)
        else:
            articles = _read_file(path, name, on_problem, encoding, progress, base)
        from_file = path is not None and _kind(path)[0] in ("txt", None)
        for article in articles:
            if (unique := _unique(article, from_file, seen, on_problem)) is not None:
                yield unique
        base += _size(path)
        progress.done = base


def _size(path: Path | None) -> int:
    try:
        return path.stat().st_size if path is not None else 0
    except OSError:
        return 0


def _sources(paths: Iterable[str | Path], on_problem: Reporter) -> Iterator[tuple[Path | None, str]]:
    """(file, name for its id) for each input; None stands for standard input."""
    for p in paths:
        if str(p) == "-":
            yield None, "<stdin>"
            continue
        path = Path(p)
        if path.is_dir():
            yield from _folder(path, on_problem)
        elif path.exists():
            yield path, path.name
        else:
            on_problem(ReadProblem(str(path), "no such file or directory"))


def _folder(folder: Path, on_problem: Reporter) -> Iterator[tuple[Path, str]]:
    """The folder's input files (hidden ones left out), with their paths relative to it."""
    other: dict[str, int] = {}
    for child in sorted(folder.rglob("*")):
        rel = child.relative_to(folder)
        if not child.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        if _kind(child)[0] is None:
            ext = "".join(child.suffixes[-2:]).lower() or "(none)"
            other[ext] = other.get(ext, 0) + 1
            continue
        yield child, rel.as_posix()
    if other:
        listed = ", ".join(f"{ext} ×{n}" for ext, n in sorted(other.items()))
        on_problem(ReadProblem(str(folder), f"{sum(other.values())} file(s) of other types not read ({listed}); "
                               f"a folder is read for {' '.join(KINDS)} and .gz of them"))


def _unique(article: Article, from_file: bool, seen: set[str], on_problem: Reporter) -> Article | None:
    if article.id is None:
        return article
    if article.id not in seen:
        seen.add(article.id)
        return article
    unique = replace(article, id=None) if from_file else None
    on_problem(repeated_id(article.origin or article.id, article.id, unique.doc_id if unique else None))
    return unique


def repeated_id(where: str, id: str, stored_as: str | None) -> ReadProblem:
    """The message for a record whose id an earlier one has: a file's (``stored_as`` its content-hash
    id) is kept under that id, a record of a JSONL/CSV input is skipped (``stored_as`` None)."""
    if stored_as is not None:
        return ReadProblem(where, f"an earlier file is also named {id!r}: this one is stored as {stored_as} "
                           "(its content hash)", note=True)
    return ReadProblem(where, f"duplicate id {id!r} (an earlier record of this input has it)")


def _kind(path: Path) -> tuple[str | None, bool]:
    """('jsonl' | 'csv' | 'tsv' | 'txt' | None for other types, gzipped?)."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    return KINDS.get(suffixes[-1] if suffixes else ""), gz


def _read_file(path: Path, name: str, on_problem: Reporter, encoding: str | None, progress: ReadProgress,
               base: int) -> Iterator[Article]:
    kind, gz = _kind(path)
    kind = kind or "txt"  # a file named on the command line is read as text whatever its name
    try:
        if _looks_binary(path, gz):
            on_problem(ReadProblem(str(path), "binary file, not text — skipped"))
            return
        plain: IO[bytes] = open(path, "rb")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        on_problem(ReadProblem(str(path), f"cannot open: {exc.strerror or exc}"))
        return
    with plain, gzip.GzipFile(fileobj=plain, mode="rb") if gz else nullcontext(plain) as raw:
        if kind == "jsonl":
            articles = _read_jsonl(raw, str(path), on_problem, encoding)
        else:
            stream = io.TextIOWrapper(raw, encoding=encoding or "utf-8-sig", errors="strict", newline="")
            if kind == "txt":
                articles = _read_txt(stream, path, _file_id(name), on_problem)
            else:
                articles = _read_csv(_text_lines(stream, str(path)), str(path), on_problem, "\t" if kind == "tsv" else ",")
        for article in _guarded(articles, str(path), on_problem, encoding):
            progress.done = base + plain.tell()
            yield article


def _guarded(articles: Iterator[Article], name: str, on_problem: Reporter, encoding: str | None) -> Iterator[Article]:
    """Pass articles through; an error that ends the file's reading becomes one message."""
    try:
        yield from articles
    except UnicodeDecodeError as exc:
        on_problem(ReadProblem(name, f"{_not_decoded(exc, encoding)} — stopped reading this file"))
    except (EOFError, gzip.BadGzipFile, OSError) as exc:
        on_problem(_unreadable(name, exc))
    except _Stop as exc:
        on_problem(ReadProblem(exc.where, f"{exc.message} — stopped reading this file"))


def _unreadable(name: str, exc: BaseException) -> ReadProblem:
    return ReadProblem(name, f"unreadable input ({exc or type(exc).__name__}) — stopped reading this file")


def _file_id(name: str) -> str:
    """``2015/1.txt.gz`` → ``2015/1``: the path under the folder given, without the text suffixes."""
    for suffix in (".gz", ".txt"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


def _not_decoded(exc: UnicodeDecodeError, encoding: str | None) -> str:
    message = f"not {encoding or 'UTF-8'}: byte 0x{exc.object[exc.start]:02x}"
    if encoding is None and _looks_cp1256(exc.object):
        message += "; it looks like Windows-1256 (Arabic): read it with --encoding cp1256"
    return message


def _looks_cp1256(data: bytes) -> bool:
    """Most non-ASCII bytes decode to Arabic letters in Windows-1256 (and the bytes are not UTF-8)."""
    text = data.decode("cp1256", errors="replace")
    high = [c for c in text if ord(c) > 127]
    return len(high) >= 3 and sum("\u0600" <= c <= "\u06ff" for c in high) >= 0.8 * len(high)


def _looks_binary(path: Path, gz: bool) -> bool:
    opener = gzip.open if gz else open
    try:
        with opener(path, "rb") as fh:
            head = fh.read(4096)
    except (OSError, EOFError, gzip.BadGzipFile):
        return True
    return b"\x00" in head


def _byte_lines(stream: IO[bytes], name: str, on_problem: Reporter, first: int = 1,
                end: int | None = None) -> Iterator[tuple[int, bytes]]:
    """Numbered lines of at most MAX_LINE_BYTES; a longer line is reported, skipped and never held whole.

    The first line read is numbered ``first``; with ``end``, only the lines that start before that offset."""
    lineno = first - 1
    while (end is None or stream.tell() < end) and (line := stream.readline(MAX_LINE_BYTES + 1)):
        lineno += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            on_problem(ReadProblem(f"{name}:{lineno}", f"line over {MAX_LINE_BYTES:,} bytes, the limit for one record — skipped"))
            continue
        yield lineno, line


def _decode(line: bytes, lineno: int, encoding: str | None) -> str:
    return line.decode(encoding or ("utf-8-sig" if lineno == 1 else "utf-8"))


def _read_jsonl(stream: IO[bytes], name: str, on_problem: Reporter, encoding: str | None = None, first: int = 1,
                end: int | None = None) -> Iterator[Article]:
    """One JSON object per line; each line is decoded on its own so a bad byte costs one line.

    A file that opens with ``[`` (a JSON array) or with a line holding only ``{`` (pretty-printed
    objects) is read as a sequence of JSON values instead.  ``first`` and ``end``: a range of the file
    (see ``_byte_lines``), read from the stream's position.
    """
    lines = _byte_lines(stream, name, on_problem, first, end)
    empty, whole = True, first == 1 and end is None
    for lineno, raw in lines:
        where = f"{name}:{lineno}"
        try:
            line = _decode(raw, lineno, encoding)
        except UnicodeDecodeError as exc:
            message = _not_decoded(exc, encoding)
            if "Windows-1256" in message:
                raise _Stop(where, message) from None
            on_problem(ReadProblem(where, f"{message} — line skipped"))
            continue
        if not line.strip():
            continue
        if empty and first == 1 and (line.strip() == "{" or line.lstrip().startswith("[")):
            yield from _read_json_values(line, lineno, lines, name, on_problem, encoding)
            return
        empty = False
        try:
            yield article_from_record(json.loads(line), where)
        except json.JSONDecodeError as exc:
            on_problem(ReadProblem(where, f"malformed JSON ({exc.msg} at column {exc.colno})"))
        except InputError as exc:
            on_problem(ReadProblem(exc.where, exc.message))
    if empty and whole:
        on_problem(ReadProblem(f"{name}:1", "empty file — nothing to read"))


def _read_json_values(first: str, lineno: int, lines: Iterator[tuple[int, bytes]], name: str, on_problem: Reporter,
                      encoding: str | None) -> Iterator[Article]:
    """The objects of a JSON array (or of concatenated JSON objects), read one at a time."""
    array = first.lstrip().startswith("[")
    shape = "a JSON array" if array else "pretty-printed JSON, not one object per line"
    on_problem(ReadProblem(f"{name}:{lineno}", f"{shape} — reading its objects one by one", note=True))
    decoder = json.JSONDecoder()
    buf, pos, buf_line, done = first, 0, lineno, False
    if array:
        pos = buf.index("[") + 1

    def more() -> bool:  # append about _CHUNK more characters; False at the end of the file
        nonlocal buf, done
        added = 0
        for n, raw in lines:
            buf += _decode(raw, n, encoding)
            added += len(raw)
            if added >= _CHUNK:
                return True
        done = True
        return added > 0

    while True:
        while True:  # skip blanks and the separating comma
            while pos < len(buf) and buf[pos] in " \t\r\n,":
                pos += 1
            if pos < len(buf) or done or not more():
                break
        at = f"{name}:{buf_line + buf.count(chr(10), 0, pos)}"
        if pos >= len(buf):
            if array:
                raise _Stop(at, "the JSON array is not closed with ']'")
            return
        if array and buf[pos] == "]":
            return
        try:
            value, end = decoder.raw_decode(buf, pos)
        except json.JSONDecodeError as exc:
            if not done and len(buf) - pos <= MAX_LINE_BYTES and more():
                continue  # the value goes on in the next lines
            raise _Stop(at, f"malformed JSON ({exc.msg} at line {buf_line + exc.lineno - 1}, column {exc.colno})") from None
        try:
            yield article_from_record(value, at)
        except InputError as exc:
            on_problem(ReadProblem(exc.where, exc.message))
        buf_line += buf.count("\n", 0, end)
        buf, pos = buf[end:], 0


def _text_lines(stream: IO[str], name: str) -> Iterator[str]:
    """Lines of a text stream, each at most MAX_CHARS + 1 characters (csv reads from this)."""
    lineno = 0
    while line := stream.readline(MAX_CHARS + 2):
        lineno += 1
        if len(line) > MAX_CHARS + 1:
            raise _Stop(f"{name}:{lineno}", f"line over {MAX_CHARS:,} characters, the limit for one article")
        yield line


def _csv_rows(reader: csv.DictReader) -> Iterator[dict]:
    """Rows with the field limit raised to one article's only while a row is parsed (it is process-wide)."""
    while True:
        old = csv.field_size_limit(MAX_CHARS + 1)
        try:
            row = next(reader)
        except StopIteration:
            return
        finally:
            csv.field_size_limit(old)
        yield row


def _read_csv(lines: Iterable[str], name: str, on_problem: Reporter, delimiter: str, header: list[str] | None = None,
              first: int = 1) -> Iterator[Article]:
    """Rows as Articles; ``header`` and ``first``: the file's header for lines that start at line ``first``."""
    reader = csv.DictReader(lines, header, delimiter=delimiter)
    try:
        fields = reader.fieldnames
        if not fields:
            on_problem(ReadProblem(f"{name}:1", "empty file — nothing to read"))
            return
        if not set(fields) & set(ALIASES["text"]):
            if header is not None:
                return  # reported by the reader of the file's first range
            raise _Stop(f"{name}:1", f"no text column: the header has {', '.join(map(repr, fields))}; "
                        f"expected one of {', '.join(ALIASES['text'])}")
        for row in _csv_rows(reader):
            where = f"{name}:{first - 1 + reader.line_num}"
            try:
                if None in row:
                    raise InputError(where, f"row has {len(row) + len(row[None]) - 1} fields, header has {len(fields)}")
                yield article_from_record(row, where)
            except InputError as exc:
                on_problem(ReadProblem(exc.where, exc.message))
    except csv.Error as exc:
        raise _Stop(f"{name}:{first - 1 + reader.line_num}", f"unreadable CSV ({exc})") from None


def _read_txt(stream: IO[str], path: Path, doc_id: str, on_problem: Reporter) -> Iterator[Article]:
    content = stream.read(MAX_CHARS + 1)
    if len(content) > MAX_CHARS:
        line = content.count("\n") + 1
        on_problem(ReadProblem(f"{path}:{line}", f"the file is over {MAX_CHARS:,} characters, the limit for one "
                               "article — skipped"))
        return
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
    yield Article(text=body, title=title, id=doc_id, origin=f"{path}:1")


def json_type(value: Any) -> str:
    """JSON's name for the type of a parsed value (``null``, ``object``…), for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    for types, name in ((dict, "object"), (list, "array"), (str, "string"), (int | float, "number")):
        if isinstance(value, types):
            return name
    return type(value).__name__


def article_from_record(record: Any, where: str) -> Article:
    """Build an Article from a JSON object or CSV row, validating ``text``."""
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {_a(json_type(record))}")
    values = {field: _first(record, names) for field, names in ALIASES.items()}
    text = values["text"]
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError(where, "missing or empty 'text'")
    for key, value in values.items():
        if isinstance(value, str) and _LONE.search(value):  # JSON allows "\udc80"; no encoder writes it
            values[key] = _LONE.sub("\ufffd", value)
        elif value is not None and not isinstance(value, str):
            if key in ("id",) and isinstance(value, int | float) and not isinstance(value, bool):
                values[key] = str(value)
            else:
                raise InputError(where, f"'{key}' must be a string, got {_a(json_type(value))}")
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


def _a(name: str) -> str:
    if name == "null":
        return name
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _first(record: dict, names: tuple[str, ...]) -> Any:
    for n in names:
        if n in record and record[n] not in (None, ""):
            return record[n]
    return None


@dataclass(frozen=True)
class Part:
    """A piece of the input that a process reads on its own (``read_part``): a whole file, the lines of
    a plain JSONL/CSV file that start in bytes ``start``…``end`` (None: the end of the file), or the
    lines in ``data``; the first of them is line ``line``.  ``name`` names a .txt file's id; ``base``:
    input bytes before the file."""

    path: str
    name: str
    start: int = 0
    end: int | None = None
    line: int = 1
    base: int = 0
    data: bytes | None = None  # the lines themselves, decompressed by the caller (a .jsonl.gz file's)
    read: int = 0  # with data: compressed bytes of the file read once this part was cut

    @property
    def split(self) -> bool:
        return self.start > 0 or self.end is not None or self.data is not None

    def done(self) -> int:
        """Input bytes read once this part is read (for ReadProgress.done)."""
        if self.data is not None:
            return self.base + self.read
        return self.base + (self.end if self.end is not None else _size(Path(self.path)))

    def from_file(self) -> bool:
        """A .txt file (or one of no known type): its id is its name, not a field of the record."""
        return _kind(Path(self.path))[0] in ("txt", None)


def input_parts(paths: Iterable[str | Path] | str | Path, on_problem: Reporter = _stderr, *, chunk: int = 1 << 20,
                encoding: str | None = None, progress: ReadProgress | None = None) -> Iterator[Part]:
    """The inputs in order as Parts of about ``chunk`` bytes: plain JSONL/CSV files larger than that are
    split at line starts (CSV: outside quoted fields) after a newline scan; a .jsonl.gz file is
    decompressed here, streaming, into parts that carry their lines; other .gz and .txt files are whole.

    A missing file or the other files of a folder are reported here, like ``read_articles`` does;
    standard input (``-``) cannot be split among processes and raises InputError.  ``progress.total``
    is set to the bytes of all inputs.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    sources = list(_sources(paths, on_problem))
    if any(path is None for path, _ in sources):
        raise InputError("-", "standard input cannot be shared among processes: give files")
    if progress is not None:
        progress.total = sum(_size(path) for path, _ in sources)
    base = 0
    for path, name in sources:
        assert path is not None
        if _gz_lines(path, encoding):
            yield from _gz_parts(path, name, chunk, base, on_problem)
        else:
            for start, end, line in _ranges(path, chunk, encoding):
                yield Part(str(path), name, start, end, line, base)
        base += _size(path)


def _gz_lines(path: Path, encoding: str | None) -> bool:
    """A gzipped JSON Lines file (not a JSON array, not binary) in an encoding whose newline is ``\n``."""
    kind, gz = _kind(path)
    return gz and kind == "jsonl" and _lf_newlines(encoding) and not _looks_binary(path, gz) and not _json_values(path, gz)


def _lf_newlines(encoding: str | None) -> bool:
    """Lines can be cut at ``\n`` bytes (not so in UTF-16)."""
    return "\n".encode(encoding or "utf-8") == b"\n"


def _gz_parts(path: Path, name: str, chunk: int, base: int, on_problem: Reporter) -> Iterator[Part]:
    """Parts of about ``chunk`` decompressed bytes, cut after whole lines, each with its lines."""
    pieces: list[bytes] = []
    size, line, lineno, broken = 0, 1, 1, False
    with open(path, "rb") as plain, gzip.GzipFile(fileobj=plain, mode="rb") as raw:
        try:
            while piece := raw.readline(_CHUNK):
                pieces.append(piece)
                size += len(piece)
                if piece.endswith(b"\n"):
                    lineno += 1
                    if size >= chunk:
                        yield Part(str(path), name, line=line, base=base, data=b"".join(pieces), read=plain.tell())
                        pieces, size, line = [], 0, lineno
        except (EOFError, gzip.BadGzipFile, OSError) as exc:
            on_problem(_unreadable(str(path), exc))
            broken = True
        if pieces or (line == 1 and not broken):  # an empty file is one (empty) part: its reader says so
            yield Part(str(path), name, line=line, base=base, data=b"".join(pieces), read=_size(path))


def _ranges(path: Path, chunk: int, encoding: str | None) -> list[tuple[int, int | None, int]]:
    """(start, end, first line) of the pieces of one file, cut after the line where ``chunk`` is passed."""
    kind, gz = _kind(path)
    if gz or kind not in ("jsonl", "csv", "tsv") or _size(path) <= chunk or _looks_binary(path, False) \
            or not _lf_newlines(encoding) or (kind == "jsonl" and _json_values(path)):
        return [(0, None, 1)]
    cuts: list[tuple[int, int | None, int]] = []
    start = pos = 0
    line = lineno = 1
    odd = False  # inside a quoted CSV field: an odd number of quotes since the file's start
    with open(path, "rb") as fh:
        while piece := fh.readline(_CHUNK):
            pos += len(piece)
            if kind != "jsonl":
                odd ^= piece.count(b'"') % 2 == 1
                if piece.count(b"\r") != piece.count(b"\r\n"):  # a lone CR ends a CSV line too: not split
                    return [(0, None, 1)]
            if not piece.endswith(b"\n"):
                continue
            lineno += 1
            if pos - start >= chunk and not odd:
                cuts.append((start, pos, line))
                start, line = pos, lineno
    if start < pos or not cuts:
        cuts.append((start, None, line))
    else:  # the last cut was at the end of the file
        cuts[-1] = (cuts[-1][0], None, cuts[-1][2])
    return cuts


def _json_values(path: Path, gz: bool = False) -> bool:
    """The file opens with a JSON array or a pretty-printed object (read as one sequence of values)."""
    with (gzip.open if gz else open)(path, "rb") as fh:
        while line := fh.readline(_CHUNK):
            if line.strip(b" \t\r\n\xef\xbb\xbf"):
                text = line.lstrip(b"\xef\xbb\xbf")
                return text.strip() == b"{" or text.lstrip().startswith(b"[")
    return False


def read_part(part: Part, on_problem: Reporter = _stderr, *, encoding: str | None = None) -> Iterator[Article]:
    """The Articles of one Part, problems reported with ``file:line`` as ``read_articles`` does
    (ids are not checked for repeats across parts: the caller does that)."""
    path = Path(part.path)
    if not part.split:
        yield from _read_file(path, part.name, on_problem, encoding, ReadProgress(), 0)
        return
    if part.data is not None:
        articles = _read_jsonl(io.BytesIO(part.data), str(path), on_problem, encoding, part.line)
        yield from _guarded(articles, str(path), on_problem, encoding)
        return
    kind, _ = _kind(path)
    try:
        raw: IO[bytes] = open(path, "rb")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        on_problem(ReadProblem(str(path), f"cannot open: {exc.strerror or exc}"))
        return
    with raw:
        if kind == "jsonl":
            raw.seek(part.start)
            articles = _read_jsonl(raw, str(path), on_problem, encoding, part.line, part.end)
        else:
            delimiter = "\t" if kind == "tsv" else ","
            header = _csv_header(raw, str(path), delimiter, encoding) if part.start else None
            if part.start and header is None:
                return  # no header: the reader of the file's first range reports it
            raw.seek(part.start)
            lines = _range_text_lines(raw, str(path), part.line, part.end, encoding)
            articles = _read_csv(lines, str(path), on_problem, delimiter, header, part.line)
        yield from _guarded(articles, str(path), on_problem, encoding)


def _range_text_lines(raw: IO[bytes], name: str, first: int, end: int | None, encoding: str | None) -> Iterator[str]:
    """Decoded lines that start before ``end`` (see ``_text_lines``), the first numbered ``first``."""
    lineno = first - 1
    while (end is None or raw.tell() < end) and (line := raw.readline(MAX_LINE_BYTES + 1)):
        lineno += 1
        text = _decode(line, lineno, encoding)
        if len(text) > MAX_CHARS + 1 or (len(line) > MAX_LINE_BYTES and not line.endswith(b"\n")):
            raise _Stop(f"{name}:{lineno}", f"line over {MAX_CHARS:,} characters, the limit for one article")
        yield text


def _csv_header(raw: IO[bytes], name: str, delimiter: str, encoding: str | None) -> list[str] | None:
    raw.seek(0)
    try:
        return next(csv.reader(_range_text_lines(raw, name, 1, None, encoding), delimiter=delimiter), None)
    except (csv.Error, UnicodeDecodeError, _Stop):
        return None  # the reader of the file's first range reports it
