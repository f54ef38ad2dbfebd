"""Work spread over the machine's cores: reading the entries and rendering the pages of a large region.

Forked worker processes inherit everything the parent already computed (the
perspective, the compiled templates), so only the small task descriptions go
to them and only the results come back. Small jobs, machines with one core,
systems other than Linux and processes that run threads (the preview server:
forking those can deadlock) stay in one process.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["cores", "chunks", "forked_map"]

log = logging.getLogger("groeiperspectief")

T = TypeVar("T")
R = TypeVar("R")

# Linux only: macOS offers fork too, but its system libraries may crash in a forked child (which is
# why Python starts processes there with spawn, which would have to pickle the whole perspective).
FORK_IS_SAFE = sys.platform == "linux"

_task: Callable | None = None
"""The function the workers run; set before forking, so it needs no pickling (closures are fine)."""


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def chunks(items: Sequence[T], n: int) -> list[Sequence[T]]:
    """``items`` in ``n`` contiguous parts of nearly equal size (fewer when there are fewer items)."""
    size = -(-len(items) // max(1, n)) or 1
    return [items[i : i + size] for i in range(0, len(items), size)]


def _run(task):
    assert _task is not None
    return _task(task)


def forked_map(func: Callable[[T], R], tasks: Sequence[T]) -> list[R]:
    """``[func(t) for t in tasks]``, in forked worker processes when that can pay off; results in order.

    ``tasks`` are pickled to the workers and the results back, so keep tasks small (ranges,
    names) and give the workers what they share through ``func``'s closure. A worker that dies
    (the kernel ends it when memory runs out) makes the work go on in this process.
    """
    global _task
    workers = min(cores(), len(tasks))
    if workers < 2 or threading.active_count() > 1 or not FORK_IS_SAFE:
        return [func(task) for task in tasks]
    # Only here: importing these costs a small check 20 ms.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _task = func
    try:
        # With fork, the executor starts every worker before its own thread: no thread is forked.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, tasks))
    except BrokenProcessPool:
        log.warning("Een werkproces stopte onverwacht (te weinig geheugen?); het werk gaat verder in één proces.")
        return [func(task) for task in tasks]
    finally:
        _task = None
