from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from functools import cache
from pathlib import Path

import pytest

from rasd.document import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SEED = Path(__file__).resolve().parents[1] / "src" / "rasd" / "examples" / "seed_article.txt"


def seed_article() -> Article:
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    return Article(text=body.strip(), title=title.strip(), id="seed", published="2019-10-02", source="Al Arabiya")


@pytest.fixture
def seed() -> Article:
    return seed_article()


def needs_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (../shared/data is only beside a full checkout)")
    return path


@pytest.fixture(autouse=True)
def _ner_mode_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts in the default NER mode; a CLI run with --fast-ner sets RASD_NER for the process,
    and this undoes it when the test ends."""
    monkeypatch.delenv("RASD_NER", raising=False)


# -- the store on each database: SQLite always, PostgreSQL + PostGIS where RASD_TEST_PG names a server ------

PG_ENV = "RASD_TEST_PG"  # e.g. postgresql://rasd:rasd@127.0.0.1:5432/rasd_test (a role that may create schemas)


@cache
def _postgres_unavailable() -> str | None:
    """Why the PostgreSQL cases cannot run here (None: they can)."""
    url = os.environ.get(PG_ENV)
    if not url:
        return f"{PG_ENV} is not set (e.g. {PG_ENV}=postgresql://rasd:rasd@127.0.0.1:5432/rasd_test)"
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    from rasd.store.postgres import redact

    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
            if not conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone():
                conn.execute("CREATE EXTENSION postgis")
    except psycopg.Error as exc:
        return f"no PostgreSQL server with PostGIS at {redact(url)}: {str(exc).strip().splitlines()[0]}"
    return None


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh schema in the database of $RASD_TEST_PG, as a URL whose search_path puts it first (PostGIS
    stays reachable in public); dropped afterwards.  Skips with the reason where PostgreSQL is missing."""
    if reason := _postgres_unavailable():
        pytest.skip(reason)
    import psycopg

    url, schema = os.environ[PG_ENV], f"rasd_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema},public"
        finally:
            admin.execute("SET lock_timeout = '20s'")
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """The database the store tests of a module run on, each in turn."""
    if request.param == "postgresql" and (reason := _postgres_unavailable()):
        pytest.skip(reason)
    return request.param


@contextmanager
def databases(backend: str, folder: Path) -> Iterator[Callable[[str], str]]:
    """``make(name)``: a new, empty database of ``backend`` as ``--db`` takes it (a file in ``folder``, or
    the URL of a new PostgreSQL schema); the schemas are dropped when the block ends."""
    with ExitStack() as stack:
        def make(name: str) -> str:
            if backend == "sqlite":
                return str(folder / f"{name}.db")
            return stack.enter_context(postgres_schema())

        yield make


@pytest.fixture
def new_db(backend: str, tmp_path: Path) -> Iterator[Callable[[str], str]]:
    with databases(backend, tmp_path) as make:
        yield make


@pytest.fixture
def store_db(new_db: Callable[[str], str]) -> str:
    """One new database of the module's backend (a path or a postgresql:// URL)."""
    return new_db("store")
