from __future__ import annotations

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
