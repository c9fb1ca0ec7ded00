"""A cross-process readers-writer lock that lets processes take turns on one DuckDB file.

DuckDB lets one process open a database file read-write, or any number of processes open it
read-only, but never both at once: a second opener fails at once with "Could not set lock".
The gate queues openers instead of failing them. Readers (the REST server's requests) share the
file; a writer (``tidings code``, ``POST /articles``) takes it alone for a short time. It is
writer-preferring, so a busy server cannot starve a batch: a writer first takes the *turnstile*,
which stops new readers entering, waits for the readers inside to leave, then lets the turnstile
go once it holds the file. Readers pass the turnstile on their way in, and a process keeping an
idle read connection open watches it (:meth:`FileGate.writer_waiting`) to close when a writer
queues.

It is built from ``flock`` on two sidecar files next to the database (``<db>.lock`` and
``<db>.turnstile``); flock locks belong to an open file, so threads of one process queue like
processes do, and the kernel drops them when a process dies (no stale locks). On systems without
``fcntl`` (Windows) the gate is a no-op and DuckDB's own fail-fast lock applies.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class LockTimeout(TimeoutError):
    """The store stayed busy for longer than the caller was willing to wait."""


class FileGate:
    """Writer-preferring readers-writer lock over sidecar files of ``db_path``."""

    def __init__(self, db_path: Path, timeout: float = 30.0):
        self.lock_path = db_path.with_name(db_path.name + ".lock")
        self.turnstile_path = db_path.with_name(db_path.name + ".turnstile")
        self.timeout = timeout

    def pass_turnstile(self) -> None:
        """Wait while a writer holds or awaits the file (readers queue behind writers)."""
        if fcntl is None:  # pragma: no cover
            return
        turnstile = self._open(self.turnstile_path)
        try:
            _acquire(turnstile, fcntl.LOCK_EX, time.monotonic() + self.timeout, "read")
        finally:
            os.close(turnstile)

    def shared(self) -> int | None:
        """Take the file for reading (alongside other readers); a handle for :meth:`release`."""
        if fcntl is None:  # pragma: no cover
            return None
        lock = self._open(self.lock_path)
        try:
            _acquire(lock, fcntl.LOCK_SH, time.monotonic() + self.timeout, "read")
        except BaseException:
            os.close(lock)
            raise
        return lock

    def writer_waiting(self) -> bool:
        """True when someone holds the turnstile: a writer waiting for readers to leave (or,
        for a moment, a reader passing through)."""
        if fcntl is None:  # pragma: no cover
            return False
        turnstile = self._open(self.turnstile_path)
        try:
            fcntl.flock(turnstile, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(turnstile)
        return False

    def exclusive(self) -> int | None:
        """Take the file for writing; returns a handle for :meth:`release`."""
        if fcntl is None:  # pragma: no cover
            return None
        deadline = time.monotonic() + self.timeout
        turnstile = self._open(self.turnstile_path)
        try:
            _acquire(turnstile, fcntl.LOCK_EX, deadline, "write")
            lock = self._open(self.lock_path)
            try:
                _acquire(lock, fcntl.LOCK_EX, deadline, "write")
            except BaseException:
                os.close(lock)
                raise
        finally:
            os.close(turnstile)
        return lock

    @staticmethod
    def release(handle: int | None) -> None:
        if handle is not None:
            os.close(handle)

    @staticmethod
    def _open(path: Path) -> int:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


def _acquire(fd: int, mode: int, deadline: float, what: str) -> None:
    """flock with a deadline: poll without blocking, backing off from 1 ms to 20 ms."""
    pause = 0.001
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockTimeout(
                    f"the store is busy: could not get {what} access in time "
                    "(another process is writing to it)"
                ) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.02)
