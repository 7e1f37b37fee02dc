"""Timing shared by the benchmark scripts (run them as ``python benchmarks/NAME.py``)."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def best_of(fn: Callable[[], Any], repeat: int = 7) -> float:
    """The fastest of ``repeat`` timed calls, in seconds (the machine is noisy: the minimum is
    the most repeatable figure). Warm up before calling."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
