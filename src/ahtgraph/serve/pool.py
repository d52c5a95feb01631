"""The query workers, seen from the HTTP front: a bounded queue, one job per worker at a time.

Why this shape (measured in benchmarks/bench_serve.py, figures in docs/serve.md): queries run
inside long-lived worker processes, so a short query costs one pipe round trip, not a process;
a query past ``--query-timeout`` is ended by killing its worker, which only ever holds that one
job, so no other client's request is lost; a fresh worker replaces it. Jobs wait in one shared
queue (four per worker), so a runaway query never holds up a job another worker could take;
a full queue answers 503 at once instead of letting waits grow without bound.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import pickle
import signal
import struct
import sys
from dataclasses import dataclass, field
from typing import Any

from .worker import frame

_HEADER = struct.Struct(">I")
Reply = tuple[int, list[tuple[str, str]], bytes, int | None]


class PoolBusy(Exception):
    """The queue is full: answer 503 at once."""


class WorkerFailed(Exception):
    """The workers cannot start (bad data file...): the server cannot serve."""


@dataclass
class _Job:
    message: Any
    future: asyncio.Future[Reply]


@dataclass
class _Worker:
    process: asyncio.subprocess.Process
    job: _Job | None = None
    ready: bool = False
    timer: asyncio.TimerHandle | None = None
    ended: str = ""  # why this worker is being ended ("timeout"), so its death is not a crash
    reader: asyncio.Task[None] | None = None


def _timeout_reply(seconds: float) -> Reply:
    text = f"query timed out after {seconds:g} s\n".encode()
    return 503, [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "5")], text, None


def _died_reply() -> Reply:
    text = b"query ended: its worker ran out of memory or crashed\n"
    return 503, [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "5")], text, None


@dataclass
class Pool:
    """``size`` worker processes sharing one queue of ``4 * size`` jobs."""

    size: int
    config: dict[str, Any]
    timeout: float
    per_worker_queue: int = 4
    workers: list[_Worker] = field(default_factory=list)
    queue: collections.deque[_Job] = field(default_factory=collections.deque)
    summary: dict[str, Any] = field(default_factory=dict)
    replaced: int = 0
    start_failures: int = 0
    closing: bool = False
    _first_ready: asyncio.Future[None] | None = None

    @property
    def capacity(self) -> int:
        return self.per_worker_queue * self.size

    async def start(self) -> dict[str, Any]:
        """Start every worker; the graph summary once the first is ready (WorkerFailed if not)."""
        loop = asyncio.get_running_loop()
        self._first_ready = loop.create_future()
        for _ in range(self.size):
            await self._spawn()
        await self._first_ready
        return self.summary

    async def _spawn(self, replacement: bool = False) -> None:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "ahtgraph.serve.worker",
            # A replacement skips warming the page model: seconds of CPU right after a
            # runaway query was stopped would hold up the queries still waiting.
            json.dumps({**self.config, "pages": not replacement}),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=2**31 - 1,
        )
        worker = _Worker(process)
        self.workers.append(worker)
        worker.reader = asyncio.create_task(self._read(worker))

    async def _read(self, worker: _Worker) -> None:
        stdout = worker.process.stdout
        assert stdout is not None
        try:
            while True:
                head = await stdout.readexactly(4)
                (size,) = _HEADER.unpack(head)
                message = pickle.loads(await stdout.readexactly(size))
                if not worker.ready:
                    self._on_ready(worker, message)
                    continue
                job, worker.job = worker.job, None
                if worker.timer is not None:
                    worker.timer.cancel()
                    worker.timer = None
                if job is not None and not job.future.done():
                    job.future.set_result(message)
                self._dispatch()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        await self._ended(worker)

    def _on_ready(self, worker: _Worker, message: Any) -> None:
        kind, payload = message
        if kind == "error":
            if self._first_ready is not None and not self._first_ready.done():
                self._first_ready.set_exception(WorkerFailed(payload))
            return
        worker.ready = True
        self.summary = payload
        if self._first_ready is not None and not self._first_ready.done():
            self._first_ready.set_result(None)
        self._dispatch()

    async def _ended(self, worker: _Worker) -> None:
        """A worker's pipe closed: answer its job, start a replacement unless closing."""
        await worker.process.wait()
        if worker in self.workers:
            self.workers.remove(worker)
        if worker.timer is not None:
            worker.timer.cancel()
        job = worker.job
        if job is not None and not job.future.done():
            job.future.set_result(_died_reply())
        if not worker.ready and self._first_ready is not None and not self._first_ready.done():
            self._first_ready.set_exception(WorkerFailed("a query worker failed to start"))
            return
        if self.closing:
            return
        # A worker that dies before it is ready (its data file gone, no memory) would die again
        # at once: wait longer after each such failure instead of starting one in a loop.
        self.start_failures = 0 if worker.ready else self.start_failures + 1
        if self.start_failures:
            await asyncio.sleep(min(30.0, 0.5 * 2**self.start_failures))
        if not self.closing:
            self.replaced += 1
            await self._spawn(replacement=True)

    def _dispatch(self) -> None:
        for worker in self.workers:
            if not self.queue:
                return
            if worker.ready and worker.job is None and not worker.ended:
                job = self.queue.popleft()
                if job.future.done():  # its client went away
                    continue
                worker.job = job
                assert worker.process.stdin is not None
                worker.process.stdin.write(frame(job.message))
                loop = asyncio.get_running_loop()
                worker.timer = loop.call_later(self.timeout, self._expire, worker)

    def _expire(self, worker: _Worker) -> None:
        """Past the timeout: answer 503 and kill the worker (its only job is this one)."""
        worker.timer = None
        job, worker.job = worker.job, None
        worker.ended = "timeout"
        if job is not None and not job.future.done():
            job.future.set_result(_timeout_reply(self.timeout))
        with contextlib.suppress(ProcessLookupError):
            worker.process.send_signal(signal.SIGKILL)

    async def submit(self, message: Any) -> Reply:
        """Queue a job and wait for its reply; PoolBusy when the queue is full."""
        if len(self.queue) >= self.capacity:
            raise PoolBusy
        loop = asyncio.get_running_loop()
        job = _Job(message, loop.create_future())
        self.queue.append(job)
        self._dispatch()
        return await job.future

    def busy(self) -> int:
        return sum(1 for w in self.workers if w.job is not None)

    async def close(self) -> None:
        """Stop every worker: end of input lets each finish its job and exit."""
        self.closing = True
        for worker in list(self.workers):
            stdin = worker.process.stdin
            if stdin is not None:
                stdin.close()
        for worker in list(self.workers):
            try:
                await asyncio.wait_for(worker.process.wait(), 5)
            except TimeoutError:
                worker.process.kill()
                await worker.process.wait()
        for worker in list(self.workers):
            if worker.reader is not None:
                worker.reader.cancel()
