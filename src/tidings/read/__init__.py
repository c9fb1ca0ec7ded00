"""Readers: turn files, pages, feeds and batches into Articles, never dropping an input silently.

Every input yields a :class:`ReadResult`: an Article, or the reason it was skipped or failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tidings.model import Article

Status = Literal["read", "skipped", "failed"]


@dataclass
class ReadResult:
    """One input (a file, a JSONL line, a feed entry...) and what became of it."""

    source: str  # path, path:line, URL...
    status: Status
    article: Article | None = None
    reason: str = ""

    @classmethod
    def failed(cls, source: str, reason: str) -> ReadResult:
        return cls(source=source, status="failed", reason=reason)

    @classmethod
    def skipped(cls, source: str, reason: str) -> ReadResult:
        return cls(source=source, status="skipped", reason=reason)
