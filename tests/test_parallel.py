"""Work spread over the cores: same results in the same order, and no fork where forking is unsafe."""

from __future__ import annotations

import os
import threading

from groeiperspectief import parallel


def test_results_come_back_in_order_from_other_processes(forks):
    offset = 1000  # reaches the workers through the closure, not through pickling
    threads = set(threading.enumerate())
    results = parallel.forked_map(lambda part: [(x + offset, os.getpid()) for x in part], parallel.chunks(range(10), 3))
    assert [x for part in results for x, _ in part] == list(range(1000, 1010))
    assert os.getpid() not in {pid for part in results for _, pid in part}
    # The pool leaves no thread behind, so the build, which renders after it checks, forks again.
    assert set(threading.enumerate()) == threads
    assert parallel.forked_map(lambda x: x + offset, [1, 2]) == [1001, 1002]
    assert forks == ["fork", "fork"]


def test_a_process_running_threads_is_never_forked(forks, monkeypatch):
    monkeypatch.setattr(threading, "active_count", lambda: len(threading.enumerate()))  # the real count
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel.forked_map(lambda x: x * 2, [1, 2, 3]) == [2, 4, 6]
    finally:
        stop.set()
        thread.join()
    assert forks == []


def test_one_core_or_one_task_stays_in_this_process(forks, monkeypatch):
    assert parallel.forked_map(lambda x: os.getpid(), [1]) == [os.getpid()]
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    assert parallel.forked_map(lambda x: os.getpid(), [1, 2]) == [os.getpid()] * 2
    assert forks == []


def test_chunks_cover_every_item_once():
    assert parallel.chunks(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert parallel.chunks([], 4) == []
    assert parallel.chunks([1], 4) == [[1]]


def test_only_linux_forks(forks, monkeypatch):
    """macOS offers fork, but its system libraries may crash in a forked child."""
    monkeypatch.setattr(parallel, "FORK_IS_SAFE", False)
    assert parallel.forked_map(lambda x: os.getpid(), [1, 2]) == [os.getpid()] * 2
    assert forks == []


def test_a_worker_that_dies_does_not_lose_the_work(forks, caplog):
    """The kernel may end a worker when memory runs out: the work goes on in this process, with a Dutch note."""
    parent = os.getpid()

    def work(x):
        if os.getpid() != parent:
            os._exit(9)  # as if killed
        return x * 2

    assert parallel.forked_map(work, [1, 2, 3]) == [2, 4, 6]
    assert forks == ["fork"]
    assert "Een werkproces stopte onverwacht" in caplog.text
