"""The worker side of `isolation`: a process that confines itself (memory cap, CPU backstop,
death with its parent, its own stderr) and reads the files it is sent, one at a time, in order."""

from __future__ import annotations

import contextlib
import faulthandler
import os
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from gender_plan_cli.intake.worker_limits import WorkerLimits
from gender_plan_cli.reading.limits import set_overlap
from gender_plan_cli.records import FileResult

CPU_MARGIN_SECONDS = 5  # RLIMIT_CPU above max_seconds: the backstop if the parent is gone
OVERLAP_HEADROOM = 1024 * 1024 * 1024  # address space a worker needs left to overlap a read

ReadOne = Callable[[Path], FileResult]


def worker_main(conn: Connection, limits: WorkerLimits, log: str) -> None:
    """A worker: confine itself, say it is ready, then read the paths it is sent until told to
    stop. Each task says how to read its file (`read_one`), so one worker serves any reader."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 2)
    os.close(fd)
    if faulthandler.is_enabled():  # inherited by fork, still writing to the parent's terminal
        faulthandler.enable(file=2)
    os.environ["RUST_BACKTRACE"] = "0"  # one line from a dying reader, not a page
    _die_with_parent()
    resource = _resource()
    cap = 0
    if resource is not None:
        cap = limits.max_memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    conn.send(("ready",))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        index, path, careful, read_one = task
        roomy = not careful and _headroom(cap) >= OVERLAP_HEADROOM
        set_overlap(_teller(conn, index) if roomy else None)
        if resource is not None:
            _arm_cpu_limit(resource, limits.max_seconds)
        try:
            reply: tuple[Any, ...] = ("ok", index, read_one(path), _peak_rss_kb(resource))
        except MemoryError:
            reply = ("memory", index)
        except BaseException as exc:  # a reader's bug is still this file's finding
            reply = ("error", index, f"{type(exc).__name__}: {exc}"[:500])
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory", index))
        except Exception as exc:  # a result that cannot be pickled
            conn.send(("error", index, f"{type(exc).__name__}: {exc}"[:500]))


def _headroom(cap: int) -> int:
    """Bytes of address space left under the cap (Linux, where RLIMIT_AS holds; 0 elsewhere).

    A worker forked from a large parent may start near its cap: there, a thread could fail to
    start, and a read does not overlap."""
    if not cap or not sys.platform.startswith("linux"):
        return 0
    try:
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return cap - pages * os.sysconf("SC_PAGE_SIZE")


def _teller(conn: Connection, index: int) -> Callable[[], None]:
    """What a read calls as it lets calamine parse alongside the scan: the parent is told, so
    that a death from then on is read again carefully rather than taken as the file's."""

    def tell() -> None:
        conn.send(("overlap", index))

    return tell


def _arm_cpu_limit(resource: Any, seconds: float) -> None:
    """RLIMIT_CPU counts the worker's whole life: set it to what is used plus this file's share."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(usage.ru_utime + usage.ru_stime + seconds + CPU_MARGIN_SECONDS)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _peak_rss_kb(resource: Any) -> int:
    if resource is None:
        return 0
    rss = int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return rss // 1024 if sys.platform == "darwin" else rss  # bytes on macOS, KiB on Linux


def _die_with_parent() -> None:
    """Linux: SIGKILL this worker when the process that forked it (the parent, or the
    forkserver, which exits with the parent) is gone, even while it is stuck in a reader."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _resource() -> Any:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource
