"""Read each file in a worker process, so that a file that kills its reader kills only a worker.

python-calamine aborts the whole process on some small hostile files (a shared-string
table that declares 10¹⁴ entries, an OLE DIFAT chain that points at itself); an abort
cannot be caught in Python. Here each file is read by `read_one` in a worker process
with a memory cap (RLIMIT_AS) and a wall-clock deadline; a worker that dies or overruns
gives its file one finding (`reader-crashed`, `file-too-large`, `read-timeout`) and the
run goes on. The parent only sends paths and receives FileResults: it never opens a
submission itself.

The pool is our own, over `multiprocessing`, rather than `ProcessPoolExecutor`:

- a worker reads the files it is sent one at a time, in order, and answers each before
  the next: a dead worker's culprit is exactly the oldest file it has not answered, and
  the one queued behind it goes back to another worker — no batch to re-run, no innocent
  neighbour blamed (the executor's BrokenProcessPool fails every pending future without
  saying which task killed it). Two files are queued per worker so that it never idles
  waiting for the parent between them;
- a worker that overruns its deadline is killed alone (the executor cannot cancel a
  running task);
- each worker's stderr goes to its own file, so Rust's "memory allocation of N bytes
  failed" tells a memory cap from a crash, and nothing a dying reader prints reaches
  the user's terminal;
- a worker is reused for up to MAX_FILES_PER_WORKER files (imports and start-up paid
  once), and replaced early once its peak RSS passes a share of the cap;
- a Linux worker with room under its cap lets an .xlsx sheet's parse overlap its scan
  (`reading.limits.set_overlap`) and tells the parent so; a death or a MemoryError after
  that is not yet the file's finding: the file is read once more without overlap
  (`_Pool._again`), and that read's result is the file's.

The worker's side is `worker`, its limits `worker_limits`, and what a death or an
overrun says `worker_findings`; this module is the parent's side, the pool — started for one
call (`read_isolated`), or kept alive from call to call by a server (`ReaderPool`).

Start method: on Linux, `fork` while the parent has a single thread — a worker then starts
in milliseconds with every module already imported, and the parent holds no cells to
copy. Forking a process with other threads (the Rich progress bar refreshes from one) can
deadlock the child on a lock a thread held, so then `forkserver`, with the reading
modules pre-imported into the server once (about 0.3 s), is used instead; it is also the
choice on macOS, where fork is unsafe. Elsewhere (Windows) it is `spawn` and there is no
`resource` module: crash isolation and the wall-clock timeout still hold, the memory cap
and the CPU-time backstop do not.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from gender_plan_cli.intake.worker import ReadOne, worker_main
from gender_plan_cli.intake.worker_findings import death_finding, file_finding, stderr_tail
from gender_plan_cli.intake.worker_limits import WorkerLimits
from gender_plan_cli.records import FileResult

MAX_FILES_PER_WORKER = 100  # then a fresh worker: fragmentation and leaks stay bounded
QUEUE_PER_WORKER = 2  # files sent ahead, so a worker never waits for the parent between two
RECYCLE_RSS_SHARE = 0.5  # a worker whose peak RSS passed this share of the cap is replaced
START_FAILURES_ALLOWED = 3  # workers that die before taking a file: the machine, not a file
START_SECONDS = 60  # for a worker to say it is ready
PRELOAD = (
    "gender_plan_cli.intake.load",
    "gender_plan_cli.records",
    "gender_plan_cli.intake.worker",
    "gender_plan_cli.reading.detect",
    "gender_plan_cli.reading.xlsx",
    "gender_plan_cli.reading.xlsb",
    "gender_plan_cli.reading.xls",
    "gender_plan_cli.reading.ods",
    "gender_plan_cli.reading.csv",
    "python_calamine",
)

Progress = Callable[[int, int, Path], None]


def read_isolated(
    paths: list[Path],
    read_one: ReadOne,
    limits: WorkerLimits | None = None,
    progress: Progress | None = None,
    pool: ReaderPool | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[FileResult]:
    """`read_one` of every path, each in a worker; results in the order of `paths`.

    `read_one` must be picklable (a top-level function or a `functools.partial` of one).
    `progress(done, total, path)` is called in the parent as each file finishes, in the
    order they finish; `done` runs from 1 to `total`. `pool`: workers kept alive between
    calls (a server's); then its limits hold, not `limits`. Without it, the workers of this
    call are started for it and stopped after it. `meanwhile` is called once, in the parent,
    as soon as a worker has a file to read (work that needs no file: the registry).
    """
    if not paths:
        if meanwhile is not None:
            meanwhile()
        return []
    if pool is not None:
        return pool.read(paths, read_one, progress, meanwhile)
    limits = limits or WorkerLimits()
    jobs = max(1, min(limits.jobs, len(paths)))
    with _Pool(limits, jobs) as pool_of_call:
        return pool_of_call.run(paths, read_one, progress, meanwhile)


class ReaderPool:
    """Reader workers kept alive from one call to the next, for a process that reads a file
    now and then — the portal reads each upload as it comes. Starting a worker costs a
    server ~0.2 s (forkserver); here that is paid once per worker, and a worker is still
    replaced after MAX_FILES_PER_WORKER files, past its share of memory, or once a file has
    killed it. Reads through one pool take turns (a lock): a server keeps one pool per file
    it checks at once. `close()` stops the workers (they also die with this process)."""

    def __init__(self, limits: WorkerLimits) -> None:
        self.limits = limits
        self._lock = threading.Lock()
        self._pool: _Pool | None = None

    def read(
        self,
        paths: list[Path],
        read_one: ReadOne,
        progress: Progress | None = None,
        meanwhile: Callable[[], object] | None = None,
    ) -> list[FileResult]:
        with self._lock:
            if self._pool is None:
                self._pool = _Pool(self.limits, max(1, self.limits.jobs), lasting=True)
            try:
                return self._pool.run(paths, read_one, progress, meanwhile)
            except BaseException:
                self._pool.__exit__(RuntimeError, None, None)  # kill them all, start afresh
                self._pool = None
                raise

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.__exit__(None, None, None)
                self._pool = None


# -- the parent ---------------------------------------------------------------------------------


def _context(lasting: bool = False) -> Any:
    """fork while this process has one thread; forkserver with a warm preload if not, or for
    `lasting` workers (a server's, started when it has one thread, reused when it has many,
    and better small: forked from the server they would carry its memory); else spawn."""
    methods = multiprocessing.get_all_start_methods()
    one_thread = threading.active_count() == 1 and not lasting
    if sys.platform.startswith("linux") and "fork" in methods and one_thread:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        preload = list(PRELOAD)
        if getattr(sys.modules.get("__main__"), "__file__", None):
            preload.insert(0, "__main__")  # imported once in the server, not in every worker
        ctx.set_forkserver_preload(preload)
        return ctx
    return multiprocessing.get_context("spawn")


@dataclass
class _Worker:
    process: Any
    conn: Connection
    log: Path
    deadline: float  # to say it is ready, then to read the file at the head of its queue
    ready: bool = False
    tasks: deque[tuple[int, Path]] = field(default_factory=deque)  # read in this order
    files: int = 0
    worn: bool = False  # takes no more files; retired once its queue is empty


Done = tuple[tuple[int, Path], FileResult]


class _Pool:
    """Workers that read their queued files one at a time; the parent waits on replies,
    deaths and deadlines."""

    def __init__(self, limits: WorkerLimits, jobs: int, lasting: bool = False) -> None:
        self.read_one: ReadOne | None = None  # the reader of the current run
        self.limits = limits
        self.jobs = jobs
        self.ctx = _context(lasting)
        self.workers: list[_Worker] = []
        self.retired: list[Any] = []
        self.todo: deque[tuple[int, Path]] = deque()
        self.overlapped: set[int] = set()  # files whose read let calamine parse alongside
        self.careful: set[int] = set()  # files read again, one step after the other
        self.start_failures = 0
        self.started = 0
        self.tmp = tempfile.TemporaryDirectory(prefix="gplan-workers-")

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        for w in list(self.workers):
            self._retire(w, kill=exc[0] is not None)
        for process in self.retired:
            process.join(5)
            if process.is_alive():
                process.kill()
                process.join()
        self.tmp.cleanup()

    def run(
        self,
        paths: list[Path],
        read_one: ReadOne,
        progress: Progress | None,
        meanwhile: Callable[[], object] | None = None,
    ) -> list[FileResult]:
        self.read_one = read_one
        self.todo = deque(enumerate(paths))
        self.overlapped.clear()  # keyed by the index in this run's paths
        self.careful.clear()
        self._reap()
        results: list[FileResult | None] = [None] * len(paths)
        done = 0
        while self.todo or self._queued():
            while len(self.workers) < min(self.jobs, len(self.todo) + self._queued()):
                self._start()
            for w in self.workers:
                while w.ready and not w.worn and len(w.tasks) < QUEUE_PER_WORKER and self.todo:
                    self._assign(w, self.todo.popleft())
            if meanwhile is not None and self._queued():
                meanwhile()  # once a worker reads: then the parent's own work costs no time
                meanwhile = None
            for (index, path), result in self._wait() + self._overdue():
                results[index] = result
                done += 1
                if progress is not None:
                    progress(done, len(paths), path)
        assert all(r is not None for r in results)
        return [r for r in results if r is not None]

    def _reap(self) -> None:
        """Before a run on workers kept from an earlier one: forget any that died idle (so no
        file of this run is blamed for it) and join the retired ones that have exited."""
        for w in [w for w in self.workers if not w.process.is_alive()]:
            self._retire(w, kill=True)
        still = []
        for process in self.retired:
            process.join(0)
            if process.exitcode is None:
                still.append(process)
        self.retired = still

    def _queued(self) -> int:
        return sum(len(w.tasks) for w in self.workers)

    def _start(self) -> None:
        parent, child = self.ctx.Pipe()
        self.started += 1
        log = Path(self.tmp.name) / f"worker-{self.started}.log"
        process = self.ctx.Process(
            target=worker_main,
            args=(child, self.limits, str(log)),
            name=f"gplan-reader-{self.started}",
            daemon=True,
        )
        process.start()
        child.close()
        deadline = time.monotonic() + max(self.limits.max_seconds, START_SECONDS)
        self.workers.append(_Worker(process, parent, log, deadline))

    def _assign(self, w: _Worker, task: tuple[int, Path]) -> None:
        if not w.tasks:
            w.deadline = time.monotonic() + self.limits.max_seconds
        w.tasks.append(task)
        if w.files + len(w.tasks) >= MAX_FILES_PER_WORKER:
            w.worn = True
        careful = task[0] in self.careful  # read again: no overlap
        with contextlib.suppress(OSError):
            w.conn.send((*task, careful, self.read_one))  # if it died meanwhile, the sentinel tells

    def _wait(self) -> list[Done]:
        """Wait for a reply, a death or the nearest deadline; the files that finished."""
        nearest = min(w.deadline for w in self.workers)
        timeout = None if nearest == float("inf") else max(0.0, nearest - time.monotonic())
        handles: dict[Any, _Worker] = {}
        for w in self.workers:
            handles[w.conn] = w
            handles[w.process.sentinel] = w
        ready = wait(list(handles), timeout)
        finished: list[Done] = []
        for w in {id(handles[h]): handles[h] for h in ready}.values():
            try:
                message = w.conn.recv() if w.conn.poll() else None
            except (EOFError, OSError):
                message = None
            if message is not None:
                finished.extend(self._on_message(w, message))
            if w.process.sentinel in ready or message is None:
                finished.extend(self._on_death(w))
        return finished

    def _on_message(self, w: _Worker, message: tuple[Any, ...]) -> list[Done]:
        kind = message[0]
        if kind == "ready":
            w.ready = True
            w.deadline = float("inf")
            return []
        if kind == "overlap":
            self.overlapped.add(message[1])
            return []
        task = w.tasks.popleft()
        assert task[0] == message[1], "a worker reads its files in the order it was sent them"
        w.deadline = time.monotonic() + self.limits.max_seconds if w.tasks else float("inf")
        w.files += 1
        if kind == "memory" and self._again(task):
            w.worn = True
            if not w.tasks:
                self._retire(w)
            return []
        result = self._result(task[1], message)
        if kind == "ok":
            self.start_failures = 0
            if message[3] > self.limits.max_memory_mb * 1024 * RECYCLE_RSS_SHARE:
                w.worn = True
        else:
            w.worn = True  # after a MemoryError or an exception, a fresh worker for the rest
        if w.worn and not w.tasks:
            self._retire(w)
        return [(task, result)]

    def _result(self, path: Path, message: tuple[Any, ...]) -> FileResult:
        kind = message[0]
        if kind == "ok":
            result: FileResult = message[2]
            return result
        if kind == "memory":
            limit = self.limits.max_memory_mb
            return file_finding(path, "file-too-large", "file-too-large.memory", limit=limit)
        return file_finding(path, "reader-crashed", "reader-crashed.error", error=message[2])

    def _on_death(self, w: _Worker) -> list[Done]:
        """A worker is gone: the file it was reading is the culprit, the files queued behind it
        go back to be read by another; a worker that held none is a start failure."""
        if w not in self.workers:
            return []
        w.process.join(5)
        status = w.process.exitcode
        stderr = stderr_tail(w.log)
        culprit = self._retire(w, kill=True)
        if culprit is not None and self._again(culprit):
            return []
        if culprit is not None:
            return [(culprit, death_finding(culprit[1], status, stderr, self.limits))]
        self.start_failures += 1
        if self.start_failures > START_FAILURES_ALLOWED:
            shown = stderr.decode("utf-8", "replace").strip()[-500:]
            raise RuntimeError(f"reader workers die before reading any file ({status}): {shown}")
        return []

    def _again(self, task: tuple[int, Path]) -> bool:
        """A file whose overlapped read ran out of memory or killed its worker is read once
        more, carefully (the scan first, then calamine), and what that read says is its
        finding; False for any other file."""
        if task[0] not in self.overlapped or task[0] in self.careful:
            return False
        self.careful.add(task[0])
        self.todo.appendleft(task)
        return True

    def _overdue(self) -> list[Done]:
        """Workers past their deadline are killed; the file each was reading is a read-timeout."""
        finished: list[Done] = []
        now = time.monotonic()
        for w in [w for w in self.workers if w.deadline <= now]:
            culprit = self._retire(w, kill=True)
            if culprit is not None:
                seconds = self.limits.max_seconds
                finished.append(
                    (culprit, file_finding(culprit[1], "read-timeout", seconds=seconds))
                )
            else:
                self.start_failures += 1
                if self.start_failures > START_FAILURES_ALLOWED:
                    raise RuntimeError("reader workers do not start")
        return finished

    def _retire(self, w: _Worker, *, kill: bool = False) -> tuple[int, Path] | None:
        """Forget a worker: an idle one is asked to stop (joined at the end), a busy one killed.

        Returns the file it was reading, if any; the files queued behind it go back to the
        front of the queue, in order.
        """
        self.workers.remove(w)
        culprit = w.tasks.popleft() if w.tasks else None
        self.todo.extendleft(reversed(w.tasks))
        w.tasks.clear()
        if kill or culprit is not None:
            w.process.kill()
            w.process.join(5)
        else:
            with contextlib.suppress(OSError):
                w.conn.send(None)
            self.retired.append(w.process)
        w.conn.close()
        with contextlib.suppress(OSError):
            w.log.unlink()
        return culprit
