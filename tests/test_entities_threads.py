"""The NER stage on two threads gives each document what it gets alone (crfsuite taggers keep state)."""

import sys
from concurrent.futures import ThreadPoolExecutor

from rasd.document import Article
from rasd.pipeline import Pipeline

TEXTS = [
    "قال محافظ نينوى إن قوات الجيش العراقي دخلت بلدة تلعفر بعد معارك مع مسلحي تنظيم داعش استمرت يومين.",
    "أعلنت وزارة الداخلية المصرية القبض على خلية في مدينة الإسماعيلية، وقال المتحدث باسم الوزارة إن أفرادها "
    "خططوا لاستهداف كنيسة في القاهرة.",
]


def _entities(pipe: Pipeline, text: str) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label) for e in pipe(Article(text=text, id="t")).entities]


def test_two_threads_tag_as_one():
    pipe = Pipeline(["text", "entities"])
    alone = [_entities(pipe, t) for t in TEXTS]
    assert all(alone)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, to meet the race
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = list(pool.map(lambda k: (k % 2, _entities(pipe, TEXTS[k % 2])), range(60)))
    finally:
        sys.setswitchinterval(interval)
    assert all(found == alone[k] for k, found in runs)


class _Watch:
    """A crfsuite tagger stand-in that records whether the model's lock was held at each call."""

    def __init__(self, tagger, lock) -> None:
        self._tagger, self._lock, self.unlocked = tagger, lock, 0

    def __getattr__(self, name):
        attr = getattr(self._tagger, name)
        if name not in ("tag", "marginal", "set"):
            return attr

        def call(*args, **kwargs):
            self.unlocked += not self._lock._is_owned()
            return attr(*args, **kwargs)
        return call


def test_every_tagger_call_holds_the_model_lock():
    from dataclasses import replace

    from rasd.entities.model import load_model

    model = load_model()
    watch = _Watch(model.tagger, model.lock)
    watched = replace(model, tagger=watch, lock=model.lock)
    watched.document_entities([t.split() for t in TEXTS])
    watched.tag(TEXTS[0].split())
    assert watch.unlocked == 0
