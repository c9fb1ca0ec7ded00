"""JSONL and CSV exports from news databases, with configurable field names.

Both are streamed record by record, so a file of any size is read in constant memory. Every
record yields one :class:`ReadResult` named ``FILE:LINE``; a broken JSON line or a record
without text is reported with its line number and the good records around it are still read.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, BinaryIO

from tidings.read import ReadResult
from tidings.read.compose import compose_article
from tidings.read.encoding import DecodeError, decode_any

#: One record (a JSONL line or a CSV row) above this size is refused, not read into memory.
MAX_RECORD_BYTES = 5_000_000


@dataclass(frozen=True)
class FieldMap:
    """Which record field holds what (``--fields text=body,title=headline``)."""

    text: str = "text"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    outlet: str = "outlet"

    @classmethod
    def parse(cls, spec: str | None) -> FieldMap:
        """``"text=body,date=published_at"`` -> FieldMap; unknown keys raise ValueError."""
        if not spec:
            return cls()
        known = {f.name for f in fields(cls)}
        mapping: dict[str, str] = {}
        for item in spec.split(","):
            key, sep, value = item.partition("=")
            key, value = key.strip(), value.strip()
            if not sep or key not in known or not value:
                raise ValueError(
                    f"bad field mapping {item!r}: use NAME=FIELD with NAME in {', '.join(known)}"
                )
            mapping[key] = value
        return cls(**mapping)


def read_jsonl(
    stream: BinaryIO,
    source: str,
    *,
    field_map: FieldMap | None = None,
    default_date: date | None = None,
    max_record_bytes: int = MAX_RECORD_BYTES,
) -> Iterator[ReadResult]:
    """One result per non-blank line of a JSON Lines stream."""
    field_map = field_map or FieldMap()
    records = 0
    for lineno, raw, too_long in _lines(stream, max_record_bytes):
        where = f"{source}:{lineno}"
        records += bool(too_long or raw.strip())
        if too_long:
            yield ReadResult.failed(where, f"line {lineno} is over {max_record_bytes:,} bytes")
            continue
        if not raw.strip():
            continue
        try:
            text, _ = decode_any(raw)
            record = json.loads(text)
        except (DecodeError, json.JSONDecodeError) as err:
            yield ReadResult.failed(where, f"line {lineno}: broken JSON: {err}")
            continue
        if not isinstance(record, dict):
            yield ReadResult.failed(where, f"line {lineno}: not a JSON object")
            continue
        yield from_record(record, where, field_map=field_map, default_date=default_date)
    if not records:
        yield ReadResult.failed(source, "no records (empty file)")


def read_csv(
    stream: BinaryIO,
    source: str,
    *,
    field_map: FieldMap | None = None,
    default_date: date | None = None,
    max_record_bytes: int = MAX_RECORD_BYTES,
) -> Iterator[ReadResult]:
    """One result per data row of a CSV stream with a header row (encoding detected)."""
    field_map = field_map or FieldMap()
    head = stream.peek(65_536)[:65_536] if hasattr(stream, "peek") else b""
    try:
        encoding = decode_any(head)[1] if head.strip() else "utf-8"
    except DecodeError as err:
        yield ReadResult.failed(source, str(err))
        return
    if codecs.lookup(encoding).name == "utf-8":
        encoding = "utf-8-sig"
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    csv.field_size_limit(max_record_bytes)
    reader = csv.DictReader(text)
    records = 0
    while True:
        try:
            row = next(reader)
            records += 1
        except StopIteration:
            if not records:
                yield ReadResult.failed(source, "no records (empty file or header only)")
            return
        except csv.Error as err:
            line = reader.line_num
            yield ReadResult.failed(f"{source}:{line}", f"line {line}: broken CSV: {err}")
            continue
        where = f"{source}:{reader.line_num}"
        yield from_record(row, where, field_map=field_map, default_date=default_date)


def from_record(
    record: dict[str, Any],
    source: str,
    *,
    field_map: FieldMap,
    default_date: date | None = None,
) -> ReadResult:
    """An Article from one record's text, title, date, url and outlet fields."""
    body = record.get(field_map.text)
    if not isinstance(body, str) or not body.strip():
        return ReadResult.failed(source, f"no text in field {field_map.text!r}")
    title = _string(record.get(field_map.title))
    article = compose_article(
        body,
        title=title,
        published=parse_date(record.get(field_map.date)),
        default_date=default_date,
        outlet=_string(record.get(field_map.outlet)),
        source=source,
        url=_string(record.get(field_map.url)),
    )
    return ReadResult(source=source, status="read", article=article)


def parse_date(value: Any) -> date | None:
    """ISO 8601 (``2024-05-01``, ``2024-05-01T10:00:00Z``) or RFC 2822 dates; else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _string(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes, bool]]:
    """``(line number, bytes, too_long)``; an over-long line is skipped without being held."""
    lineno = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield lineno, raw, False
            continue
        while raw and not raw.endswith(b"\n"):  # drain the rest of the over-long line
            raw = stream.readline(1 << 20)
        yield lineno, b"", True
