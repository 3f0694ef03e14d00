"""Atomic output files: written beside the target, renamed into place when complete.

An interrupted run leaves the previous complete file (or none), never a
truncated file that looks complete.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO


class AtomicFile:
    """A binary file that appears under its name only when closed without error."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None
        self._tmp: str | None = None

    def __enter__(self) -> IO[bytes]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".partial",
                                         dir=self.path.parent)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self._tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
        self._handle = os.fdopen(fd, "wb")
        return self._handle

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        assert self._handle is not None and self._tmp is not None
        self._handle.close()
        if exc_type is None:
            os.replace(self._tmp, self.path)
        else:
            os.unlink(self._tmp)


def write_bytes(path: Path, data: bytes) -> None:
    """Write a whole small file atomically."""
    with AtomicFile(path) as handle:
        handle.write(data)
