"""Walk files, folders, URLs and standard input and read each input, accounting for every one.

The reader is chosen by ``fmt`` (``--format``) or else by the file ending, or else by sniffing
the first bytes: plain text, HTML pages, RSS/Atom feeds, JSON Lines and CSV. In folders, a file is
read when its ending is one of ``SUFFIX_FORMATS`` or it has no ending (then its first bytes
decide); other files and hidden ones are skipped, and :func:`scan` says which. Files that must be
read whole (text, HTML, feeds) are size-checked before reading, so a gigantic file is refused
with a clear message instead of exhausting memory; JSONL and CSV are streamed record by record
and may be of any size.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from fnmatch import fnmatch
from pathlib import Path
from typing import BinaryIO

from tidings.read import ReadResult
from tidings.read.encoding import DecodeError, decode_any
from tidings.read.feeds import PoliteFetcher, read_feed
from tidings.read.html import read_html
from tidings.read.records import FieldMap, read_csv, read_jsonl
from tidings.read.text import MAX_BYTES, read_text

STDIN = "-"
FORMATS = ("text", "html", "feed", "jsonl", "csv")
#: File ending -> reader; a folder contributes files with these endings and files with no ending
#: (unless --include says otherwise).
SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
_SNIFF_BYTES = 4096


@dataclass(frozen=True)
class ReadOptions:
    """How to read a batch: format, metadata defaults, record fields, limits, link fetching."""

    fmt: str | None = None  # one of FORMATS; None = by file ending, else by content
    default_date: date | None = None
    field_map: FieldMap = field(default_factory=FieldMap)
    fetch_links: bool = False  # feeds: fetch each entry's page (politely) instead of its summary
    max_bytes: int = MAX_BYTES  # whole-file readers refuse bigger inputs

    def __post_init__(self) -> None:
        if self.fmt is not None and self.fmt not in FORMATS:
            raise ValueError(f"unknown format {self.fmt!r}; use one of {', '.join(FORMATS)}")


@dataclass
class Scan:
    """The inputs named or found in folders, and the files the folders held that are skipped."""

    inputs: list[str] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)  # folder -> skipped files

    def skipped_summary(self, shown: int = 5) -> list[str]:
        """One line per folder: how many files were skipped and the first few names."""
        lines = []
        for folder, names in self.skipped.items():
            first = ", ".join(names[:shown]) + (", ..." if len(names) > shown else "")
            noun = "file" if len(names) == 1 else "files"
            lines.append(
                f"{len(names)} {noun} in {folder} skipped (hidden, or not an ending tidings "
                f"reads: {', '.join(sorted(SUFFIX_FORMATS))}, or none; --include picks files): "
                f"{first}"
            )
        return lines


def scan(
    paths: Iterable[Path | str],
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> Scan:
    """Inputs named directly, plus the readable files inside named folders (sorted, recursive).

    In folders, a file is taken when its ending is a known format or it has none (or, given
    ``include`` globs, when it matches one of them) and dropped when it matches an ``exclude``
    glob; globs match the path relative to the folder, or the file name. Hidden files and files
    with other endings are listed in ``skipped`` (excluded ones are not: the user asked for
    that). Missing paths, URLs and ``-`` (stdin) are kept as given, so that reading them
    reports what happened.
    """
    include, exclude = tuple(include), tuple(exclude)
    found = Scan()
    for raw in paths:
        name = str(raw)
        path = Path(name)
        if name == STDIN or _is_url(name) or not path.is_dir():
            found.inputs.append(name)
            continue
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            relative = file.relative_to(path).as_posix()
            if _matches(relative, exclude):
                continue
            if include:
                wanted = _matches(relative, include)
            else:
                wanted = _readable_name(relative)
                if not wanted:
                    found.skipped.setdefault(name, []).append(relative)
            if wanted:
                found.inputs.append(str(file))
    return found


def expand(
    paths: Iterable[Path | str],
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> list[str]:
    """The inputs of :func:`scan` (named, and found in folders)."""
    return scan(paths, include=include, exclude=exclude).inputs


def _readable_name(relative: str) -> bool:
    """A file a folder contributes by default: not hidden, with a known ending or none."""
    if any(part.startswith(".") for part in relative.split("/")):
        return False
    suffix = Path(relative).suffix.lower()
    return suffix in SUFFIX_FORMATS or not suffix


def read_inputs(
    paths: Iterable[Path | str],
    options: ReadOptions | None = None,
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> Iterator[ReadResult]:
    """Read every input named or found in the folders named, in a stable order."""
    options = options or ReadOptions()
    fetcher: PoliteFetcher | None = None
    try:
        for name in expand(paths, include=include, exclude=exclude):
            if _is_url(name):
                fetcher = fetcher or PoliteFetcher()
                yield from _read_url(name, options, fetcher)
            else:
                yield from read_source(name, options)
    finally:
        if fetcher is not None:
            fetcher.close()


def read_source(name: str, options: ReadOptions) -> Iterator[ReadResult]:
    """All results of one file or of stdin (``-``)."""
    if name == STDIN:
        yield from _read_stream(sys.stdin.buffer, "<stdin>", options, fmt=options.fmt)
        return
    path = Path(name)
    if not path.exists():
        yield ReadResult.failed(name, "no such file or folder")
        return
    if not path.is_file():
        yield ReadResult.failed(name, "not a regular file")
        return
    fmt = options.fmt or SUFFIX_FORMATS.get(path.suffix.lower())
    try:
        with path.open("rb") as stream:
            if fmt in {"jsonl", "csv"}:
                yield from _read_stream(stream, name, options, fmt=fmt)
                return
            size = path.stat().st_size
            if size > options.max_bytes:
                yield _too_large(name, size, options.max_bytes)
                return
            data = stream.read()
    except OSError as err:
        yield ReadResult.failed(name, f"cannot read: {err.strerror or err}")
        return
    yield from read_bytes(data, name, options, fmt=fmt)


def read_file(
    path: Path, *, default_date: date | None = None, metadata_date: date | None = None
) -> ReadResult:
    """Read one plain-text file; failures come back as a ReadResult naming the file."""
    source = str(path)
    if not path.is_file():
        reason = "not a regular file" if path.exists() else "no such file or folder"
        return ReadResult.failed(source, reason)
    size = path.stat().st_size
    if size > MAX_BYTES:
        return _too_large(source, size, MAX_BYTES)
    try:
        data = path.read_bytes()
    except OSError as err:
        return ReadResult.failed(source, f"cannot read: {err.strerror or err}")
    return _read_plain(data, source, default_date=default_date, metadata_date=metadata_date)


def read_paths(paths: Iterable[Path], *, default_date: date | None = None) -> Iterator[ReadResult]:
    """Read every file named or found in the folders named (by format), in a stable order."""
    return read_inputs(paths, ReadOptions(default_date=default_date))


def read_bytes(
    data: bytes, source: str, options: ReadOptions, *, fmt: str | None = None
) -> Iterator[ReadResult]:
    """All results of one input held in memory (a file, a page, a feed, stdin)."""
    fmt = fmt or sniff(data[:_SNIFF_BYTES])
    if fmt == "html":
        yield read_html(data, source, default_date=options.default_date)
    elif fmt == "feed":
        yield from read_feed(
            data, source, fetch_links=options.fetch_links, default_date=options.default_date
        )
    elif fmt in {"jsonl", "csv"}:
        reader = read_jsonl if fmt == "jsonl" else read_csv
        yield from reader(
            io.BufferedReader(io.BytesIO(data)),
            source,
            field_map=options.field_map,
            default_date=options.default_date,
        )
    else:
        yield _read_plain(data, source, default_date=options.default_date)


def sniff(head: bytes) -> str:
    """Guess the format of an input from its first bytes."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    if start.startswith(b"<"):
        if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def _read_plain(
    data: bytes, source: str, *, default_date: date | None, metadata_date: date | None = None
) -> ReadResult:
    """Plain text in any detectable encoding (UTF-8 first; see :mod:`tidings.read.encoding`)."""
    try:
        text, encoding = decode_any(data)
    except DecodeError as err:
        return ReadResult.failed(source, str(err))
    result = read_text(text, source, default_date=default_date, metadata_date=metadata_date)
    if result.article is not None and encoding != "utf-8":
        result.article.meta["encoding"] = encoding
    return result


def _read_stream(
    stream: BinaryIO, source: str, options: ReadOptions, *, fmt: str | None
) -> Iterator[ReadResult]:
    if fmt in {"jsonl", "csv"}:
        reader = read_jsonl if fmt == "jsonl" else read_csv
        yield from reader(
            stream, source, field_map=options.field_map, default_date=options.default_date
        )
        return
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield ReadResult.failed(
            source, f"input is over the {options.max_bytes:,}-byte limit (--max-bytes)"
        )
        return
    yield from read_bytes(data, source, options, fmt=fmt)


def _read_url(url: str, options: ReadOptions, fetcher: PoliteFetcher) -> Iterator[ReadResult]:
    try:
        data = fetcher.get(url)
    except OSError as err:
        yield ReadResult.failed(url, str(err))
        return
    fmt = options.fmt or sniff(data[:_SNIFF_BYTES])
    if fmt == "html":
        yield read_html(data, url, url=url, default_date=options.default_date)
    elif fmt == "feed":
        yield from read_feed(
            data,
            url,
            fetch_links=options.fetch_links,
            fetcher=fetcher,
            default_date=options.default_date,
        )
    else:
        yield from read_bytes(data, url, options, fmt=fmt)


def _too_large(source: str, size: int, limit: int) -> ReadResult:
    return ReadResult.failed(
        source,
        f"file too large ({size:,} bytes; the limit is {limit:,}; raise it with --max-bytes)",
    )


def _matches(relative: str, globs: tuple[str, ...]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch(relative, g) or fnmatch(name, g) for g in globs)


def _is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))
