"""Span lookups in logarithmic time, so that no pass of the actors stage compares all pairs.

A long text has thousands of mentions, names and quotations; asking "does this span overlap any
of those?" by scanning them all makes one article cost quadratic time. :class:`SpanIndex` sorts
the spans once and answers each question with a binary search.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class SpanIndex:
    """A fixed set of ``(start, end)`` character spans (they may overlap each other)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        #: the largest end among the spans up to each position (spans sorted by start)
        self.max_end = list(accumulate((end for _, end in self.spans), max))

    def __len__(self) -> int:
        return len(self.spans)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span shares a character with ``[start, end)``."""
        before_end = bisect_left(self.starts, end)
        return before_end > 0 and self.max_end[before_end - 1] > start

    def inside(self, offset: int) -> bool:
        """Whether ``offset`` lies strictly inside a span (``start < offset < end``)."""
        before = bisect_left(self.starts, offset)
        return before > 0 and self.max_end[before - 1] > offset

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans lying entirely inside ``[start, end]``."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [span for span in self.spans[lo:hi] if span[1] <= end]

    def enclosing(self, start: int, end: int) -> tuple[int, int] | None:
        """The span that contains ``[start, end]``, for spans that do not overlap each other."""
        at = bisect_right(self.starts, start) - 1
        if at >= 0 and self.spans[at][1] >= end:
            return self.spans[at]
        return None
