"""The turn's job beside the drawing loop: its result or error comes back in the caller's
thread, and the memory freed during the job is given back to the system when it ends."""

from __future__ import annotations

import sys
import threading

import pytest

from game.ui import worker


def test_result_and_error_come_back():
    assert worker.Job(lambda: 41 + 1).result() == 42

    def fail():
        raise ValueError("no turn")

    with pytest.raises(ValueError, match="no turn"):
        worker.Job(fail).result()


def test_freed_memory_is_given_back_after_each_job(monkeypatch):
    calls: list[tuple[int, str]] = []
    monkeypatch.setattr(
        worker, "_TRIM", lambda pad: calls.append((pad, threading.current_thread().name)) or 1
    )
    seen = []
    job = worker.Job(lambda: seen.append(len(calls)) or "done")
    assert job.result() == "done"
    assert seen == [0]  # after the job's work, not before
    assert calls == [(0, "kinmen-turn")]  # in the job's thread, not the drawing one

    def fail():
        raise RuntimeError

    with pytest.raises(RuntimeError):
        worker.Job(fail).result()
    assert len(calls) == 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_glibc_trim_found_on_linux():
    if worker._TRIM is None:  # a Linux without glibc (musl) has none
        pytest.skip("no malloc_trim in this C library")
    assert worker._TRIM(0) in (0, 1)


def test_the_collector_stays_off_until_the_last_overlapping_job_ends():
    """The turn's job and the orders panel's odds jobs overlap: the collector must stay off
    until the last of them ends (a job that switched it on while another ran let a full
    collection run in the drawing thread in the middle of the hard AI's thinking)."""
    import gc

    assert gc.isenabled()
    release_a, release_b = threading.Event(), threading.Event()
    a = worker.Job(release_a.wait)
    b = worker.Job(release_b.wait)
    assert not gc.isenabled()
    release_a.set()
    a.wait()
    assert not gc.isenabled()  # b still runs
    release_b.set()
    b.wait()
    assert gc.isenabled()
