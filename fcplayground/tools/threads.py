"""The bounded pool of threads that runs synchronous tools off the caller's thread.

A thread cannot be killed: a sync tool that overruns its timeout is abandoned and goes
on running until it returns by itself. So the pool never grows past ``MAX_THREADS``.
Calls beyond that wait for a free thread; once every thread is held by an abandoned
call, further calls are refused at once (an error result) rather than queued for ever.
:func:`running_in_background` says how many abandoned calls are still running.

Threads are daemons, so an abandoned call never holds up interpreter exit (a
ThreadPoolExecutor joins its workers at exit, even after ``shutdown(wait=False)``).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

# Enough for the parallel calls of one step (a lesson fans out to a dozen cities).
MAX_THREADS = 16


class PoolFull(RuntimeError):
    """Every thread is held by a call that timed out and is still running."""


@dataclass
class Job:
    """One call handed to the pool: the function, and the future its result goes to."""

    fn: Callable[[], Any]
    future: Future = field(default_factory=Future)
    abandoned: bool = False


class ToolThreads:
    """At most ``max_threads`` daemon threads that run jobs from one queue."""

    def __init__(self, max_threads: int = MAX_THREADS) -> None:
        self.max_threads = max_threads
        self._jobs: queue.SimpleQueue[Job] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads = self._idle = self._abandoned = 0

    @property
    def abandoned(self) -> int:
        """Calls that timed out and are still running in their thread."""
        return self._abandoned

    @property
    def threads(self) -> int:
        """Threads started so far (never more than ``max_threads``)."""
        return self._threads

    def submit(self, fn: Callable[[], Any]) -> Job:
        """Queue ``fn`` for a thread; raises PoolFull if none could ever take it."""
        with self._lock:
            if self._abandoned >= self.max_threads:
                raise PoolFull(
                    f"all {self.max_threads} tool threads are held by calls that timed out "
                    f"and are still running ({self._abandoned} in the background)"
                )
            job = Job(fn)
            self._jobs.put(job)
            if self._idle > 0:
                self._idle -= 1  # a waiting thread takes this job: it is idle no more
            elif self._threads < self.max_threads:
                self._threads += 1
                threading.Thread(target=self._work, name="fcplayground-tool", daemon=True).start()
            # else every thread is busy: the job waits in the queue for the first free one
        return job

    def abandon(self, job: Job) -> None:
        """Give up waiting for ``job``: unstarted, it never runs; running, it is counted."""
        with self._lock:
            if job.future.cancel() or job.future.done() or job.abandoned:
                return
            job.abandoned = True
            self._abandoned += 1

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job.future.set_running_or_notify_cancel():
                try:
                    job.future.set_result(job.fn())
                except BaseException as exc:  # re-raised in whoever waits on the future
                    job.future.set_exception(exc)
            with self._lock:
                if job.abandoned:
                    self._abandoned -= 1
                self._idle += 1


POOL = ToolThreads()


def running_in_background() -> int:
    """How many tool calls timed out and are still running in their thread."""
    return POOL.abandoned
