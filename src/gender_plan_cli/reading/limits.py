"""Safety limits checked before a file is read into memory."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds on what one submitted file may cost; each has a CLI flag to raise it."""

    max_file_mb: float = 100  # --max-file-mb: size of the file on disk
    max_unzipped_mb: float = 500  # --max-unzipped-mb: all members of a workbook, decompressed
    max_ratio: float = 200  # --max-ratio: decompressed ÷ compressed size of one member over 1 MiB
    max_cells: int = 5_000_000  # --max-cells: rows × columns of the used range of a sheet
    max_line_kb: float = 1024  # --max-line-kb: one line of a CSV

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MiB)

    @property
    def max_unzipped_bytes(self) -> int:
        return int(self.max_unzipped_mb * MiB)

    @property
    def max_line_bytes(self) -> int:
        return int(self.max_line_kb * 1024)


DEFAULT_LIMITS = Limits()


class ReadProblem(Exception):
    """A file that cannot be read; becomes one file-level finding, never a crash."""

    def __init__(self, code: str, message_id: str, **args: object) -> None:
        super().__init__(message_id)
        self.code = code
        self.message_id = message_id
        self.args_: dict[str, Any] = args


def reader_failure(exc: BaseException) -> ReadProblem:
    """A reader's own failure as a finding.

    python-calamine raises `PanicException` (a BaseException, not an Exception)
    on some corrupt files; it is a property of the file, not a reason to stop
    the run. Interrupts still propagate.
    """
    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        raise exc
    return ReadProblem("unreadable-file", "unreadable-file", reason=str(exc) or type(exc).__name__)
