"""What a worker process may cost while reading one file, and how many workers run at once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from gender_plan_cli.reading.limits import WORKER_MEMORY_MB, WORKER_SECONDS

MAX_JOBS = 8  # each worker may use up to max_memory_mb: more workers, more memory at risk


def default_jobs() -> int:
    """The CPUs this process may run on, at most MAX_JOBS."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on macOS or Windows
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_JOBS))


@dataclass(frozen=True)
class WorkerLimits:
    """What one worker may cost while reading one file; each has a CLI flag to change it."""

    max_memory_mb: int = WORKER_MEMORY_MB  # --max-memory-mb: RLIMIT_AS of a worker (address space)
    max_seconds: float = (
        WORKER_SECONDS  # --max-seconds: wall clock per file; RLIMIT_CPU a little above
    )
    jobs: int = field(default_factory=default_jobs)  # --jobs: workers at once
