"""Deterministic work counting for scaling tests: Python lines executed (loop iterations included).

A timed assert would be flaky on a loaded machine; the number of executed lines is the same on every
run.  It counts Python-level work only (a regular expression's own scanning is not seen), so the wall
clock figures live in benchmarks/length.py and benchmarks/corpus.py.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


def executed_lines(fn: Callable[..., Any], *args: Any) -> tuple[int, Any]:
    """How many Python lines ``fn(*args)`` executes (each iteration of a comprehension counts), and its result."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    previous = sys.gettrace()
    sys.settrace(lambda frame, event, arg: local)
    try:
        result = fn(*args)
    finally:
        sys.settrace(previous)
    return count, result
