"""Where an exploration's batches of calls run: in worker processes, or in the main process.

Scoring a call costs more than playing it, and most strategies' calls do not depend on one
another, so `explore --jobs N` plays, counts and grades batches of calls in N processes: N - 1
workers, and the main process itself whenever it would otherwise wait (it takes back a batch no
worker has been sent yet). Workers send back only the grades, outcomes, hit counts and the batch's
best call. A batch gives the same result wherever it runs, so the report does not depend on N.

Each worker has a pipe of its own and is handed at most two batches at a time, by the main
thread, whenever the main thread asks whether a batch is done. There are no helper threads: the
main process plays calls in pure Python, and a thread that needs the interpreter lock for each
small step of passing work on (as `concurrent.futures`' pool threads do) waits up to the lock's
switch interval (5 ms) for every step, long enough for a worker to sit idle. A worker that dies
loses nothing: its unfinished batches are handed out again.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import traceback
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from .calls import Plan, Played, Player
from .report import Batch

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

DEPTH = 2  # batches a worker holds at once: the next is at hand when it finishes one
# A request up to this size fits in any platform's pipe buffer. A busy worker is sent only requests
# that fit in its pipe's buffer beside the others it holds, so that the main process never waits to
# write while the worker waits to write back (both would wait for ever); a larger one (calls to
# grade) waits until the worker is idle, reading.
SMALL_MESSAGE = 4096


class WorkerError(RuntimeError):
    """A batch failed in a worker process; the message carries the worker's traceback."""


class Pending(Protocol):
    """A batch handed out: `result()` waits for it; `steal()` runs it here if no process has started it."""

    def done(self) -> bool: ...

    def steal(self) -> bool: ...

    def result(self) -> Batch: ...


class Later:
    """A batch for the main process, run when its result is first asked for.

    Work is then done in the order the report takes it in, so the progress bar moves as calls
    are played, even though every batch was handed out up front.
    """

    def __init__(self, work: Callable[[], Batch]) -> None:
        self._work: Callable[[], Batch] | None = work
        self._value: Batch | None = None

    def done(self) -> bool:
        return True  # ready whenever asked: no other process to wait for

    def steal(self) -> bool:
        return False

    def result(self) -> Batch:
        if self._work is not None:
            self._value, self._work = self._work(), None
        assert self._value is not None
        return self._value


class Task:
    """A batch for the worker processes, that the main process may take back while no worker has it."""

    __slots__ = ("_failure", "_pool", "message", "sent", "value", "work")

    def __init__(self, pool: Pool, message: bytes, work: Callable[[], Batch]) -> None:
        self._pool = pool
        self.message = message  # the pickled request a worker acts on
        self.work = work  # the same batch, done here
        self.sent = False
        self.value: Batch | None = None
        self._failure: str | None = None

    def done(self) -> bool:
        if self.value is None and self._failure is None:
            self._pool.collect(block=False)
        return self.value is not None or self._failure is not None

    def steal(self) -> bool:
        if self.sent or self.value is not None:
            return False
        self._pool.withdraw(self)
        self.value = self.work()
        return True

    def result(self) -> Batch:
        while self.value is None and self._failure is None:
            if self.sent:
                self._pool.collect(block=True)
            else:  # no worker has it (or none is left): do it here
                self.steal()
        if self._failure is not None:
            raise WorkerError(self._failure)
        assert self.value is not None
        return self.value

    def finish(self, reply: tuple[bool, Any]) -> None:
        ok, value = reply
        if ok:
            self.value = value
        else:
            self._failure = value


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.holding: deque[Task] = deque()  # sent, in the order the worker answers them
        self.room = max(SMALL_MESSAGE, _buffer(conn) // (2 * DEPTH))  # the largest request a busy worker is sent


def _buffer(conn: Connection) -> int:
    """Bytes the pipe to a worker holds unread (a Unix socket pair's send buffer: 208 KiB on Linux,
    8 KiB on macOS); 0 when unknown."""
    import socket

    try:
        with socket.socket(fileno=os.dup(conn.fileno())) as sock:
            return int(sock.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))
    except (OSError, ValueError, AttributeError):
        return 0


class Pool:
    """Worker processes fed through pipes by the main thread; the queue is shared out in order."""

    def __init__(self, plan: Plan, player: Player, workers: int) -> None:
        import multiprocessing.connection

        context = _context()
        self.queue: deque[Task] = deque()  # not yet sent to a worker, in order
        self.workers: list[_Worker] = []
        # A forked worker starts from this process's memory, player and all; a spawned one builds its own.
        shared = player if context.get_start_method() == "fork" else None
        for _ in range(workers):
            here, there = context.Pipe()
            process = context.Process(target=_serve, args=(there, plan, shared), daemon=True)
            process.start()
            there.close()  # the worker's end: once it exits, reading ours says so
            self.workers.append(_Worker(process, here))
        self._wait = multiprocessing.connection.wait

    def submit(self, request: tuple[Any, ...], work: Callable[[], Batch]) -> Task:
        task = Task(self, pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL), work)
        self.queue.append(task)
        self._feed()
        return task

    def withdraw(self, task: Task) -> None:
        self.queue.remove(task)

    def collect(self, *, block: bool) -> None:
        """Take in whatever the workers have answered (waiting for one answer if `block`), then hand out more."""
        busy = [w.conn for w in self.workers if w.holding]
        if busy:
            for conn in self._wait(busy, None if block else 0):
                worker = next(w for w in self.workers if w.conn is conn)
                self._receive(worker)
        self._feed()

    def _receive(self, worker: _Worker) -> None:
        try:
            reply = worker.conn.recv()
        except (EOFError, OSError):  # the worker died: its batches go back to the front of the queue
            self.workers.remove(worker)
            worker.conn.close()
            for task in reversed(worker.holding):
                task.sent = False
                self.queue.appendleft(task)
            return
        worker.holding.popleft().finish(reply)

    def _feed(self) -> None:
        for worker in self.workers:
            while self.queue and len(worker.holding) < DEPTH:
                task = self.queue[0]
                if worker.holding and len(task.message) > worker.room:
                    break
                self.queue.popleft()
                try:
                    worker.conn.send_bytes(task.message)
                except OSError:  # the worker is gone: the next collect() finds out and takes its batches back
                    self.queue.appendleft(task)
                    break
                task.sent = True
                worker.holding.append(task)

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send_bytes(pickle.dumps(None))
        for worker in self.workers:
            worker.process.join(timeout=None if not worker.holding else 0)
            if worker.process.is_alive():  # closing early (an error here): it may be mid-batch
                worker.process.terminate()
                worker.process.join()
            worker.conn.close()
        self.workers = []


class Workers:
    """`jobs` processes at work: this one and jobs - 1 workers (none when jobs is 1)."""

    def __init__(self, plan: Plan, player: Player, jobs: int = 1) -> None:
        self.player = player
        self.jobs = max(1, jobs)
        self.pool = Pool(plan, player, self.jobs - 1) if self.jobs > 1 else None

    def play(self, k: int, first: int, count: int) -> Pending:
        def work() -> Batch:
            return self.player.play_batch(k, first, count)

        if self.pool is None:
            return Later(work)
        return self.pool.submit(("play", k, first, count), work)

    def grade(self, calls: list[Played]) -> Pending:
        def work() -> Batch:
            return self.player.grade_batch(calls)

        if self.pool is None:
            return Later(work)
        return self.pool.submit(("grade", calls), work)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _serve(conn: Connection, plan: Plan, player: Player | None) -> None:
    """A worker process: answer each request in turn until told to stop (None) or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle; it stops us
    player = player or Player(plan)
    while True:
        try:
            request = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            if request[0] == "play":
                reply: tuple[bool, Any] = (True, player.play_batch(*request[1:]))
            else:
                reply = (True, player.grade_batch(request[1]))
        except Exception:
            reply = (False, traceback.format_exc())
        conn.send(reply)


def _context() -> Any:
    """Fork where it is safe and cheap (Linux): a worker starts at once, with the main process's
    recogniser, Faker identities and imports already built, instead of building its own."""
    import multiprocessing

    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
