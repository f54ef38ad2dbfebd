"""Work spread over the cores: same results in the same order, and no fork where forking is unsafe."""

from __future__ import annotations

import multiprocessing
import os
import threading

import pytest

from groeiperspectief import parallel


@pytest.fixture
def forks(monkeypatch):
    seen: list[str] = []
    monkeypatch.setattr(multiprocessing, "get_context", lambda method, real=multiprocessing.get_context: seen.append(method) or real(method))
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    return seen


def test_results_come_back_in_order_from_other_processes(forks, monkeypatch):
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    offset = 1000  # reaches the workers through the closure, not through pickling
    threads = set(threading.enumerate())
    results = parallel.forked_map(lambda part: [(x + offset, os.getpid()) for x in part], parallel.chunks(range(10), 3))
    assert [x for part in results for x, _ in part] == list(range(1000, 1010))
    assert os.getpid() not in {pid for part in results for _, pid in part}
    # The pool leaves no thread behind, so the build, which renders after it checks, forks again.
    assert set(threading.enumerate()) == threads
    assert parallel.forked_map(lambda x: x + offset, [1, 2]) == [1001, 1002]
    assert forks == ["fork", "fork"]


def test_a_process_running_threads_is_never_forked(forks):
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
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
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
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel, "FORK_IS_SAFE", False)
    assert parallel.forked_map(lambda x: os.getpid(), [1, 2]) == [os.getpid()] * 2
    assert forks == []


def test_a_worker_that_dies_does_not_lose_the_work(forks, monkeypatch, caplog):
    """The kernel may end a worker when memory runs out: the work goes on in this process, with a Dutch note."""
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    parent = os.getpid()

    def work(x):
        if os.getpid() != parent:
            os._exit(9)  # as if killed
        return x * 2

    assert parallel.forked_map(work, [1, 2, 3]) == [2, 4, 6]
    assert forks == ["fork"]
    assert "Een werkproces stopte onverwacht" in caplog.text
