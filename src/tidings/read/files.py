"""Walk files and folders and read each input, accounting for every one of them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from tidings.read import ReadResult
from tidings.read.text import MAX_BYTES, read_text

#: File endings read as plain text when found in a folder.
TEXT_SUFFIXES = frozenset({".txt", ".text"})


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus the readable files inside named folders (sorted, recursive).

    Missing paths are kept, so that reading them reports the failure.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)
            )
        else:
            found.append(path)
    return found


def read_file(
    path: Path, *, default_date: date | None = None, metadata_date: date | None = None
) -> ReadResult:
    """Read one file; failures come back as a ReadResult naming the file and the reason."""
    source = str(path)
    if not path.exists():
        return ReadResult.failed(source, "no such file or folder")
    if not path.is_file():
        return ReadResult.failed(source, "not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        return ReadResult.failed(
            source, f"file too large ({size:,} bytes; the limit is {MAX_BYTES:,})"
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        return ReadResult.failed(source, f"cannot read: {err.strerror or err}")
    return read_text(data, source, default_date=default_date, metadata_date=metadata_date)


def read_paths(paths: Iterable[Path], *, default_date: date | None = None) -> Iterator[ReadResult]:
    """Read every file named or found in the folders named, in a stable order."""
    for path in expand(paths):
        yield read_file(path, default_date=default_date)
