"""Shared helpers for the time tests: tag a text with the time stage over a real parse."""

from __future__ import annotations

from datetime import date

from tidings import nlp
from tidings.model import TimeExpression
from tidings.time.stage import TimeStage

STAGE = TimeStage()


def tag(text: str, published: date | None) -> list[TimeExpression]:
    """The time expressions the stage finds in ``text`` dated against ``published``."""
    return STAGE.tag(text, published, nlp.load()(text))


def values(text: str, published: date | None) -> dict[str, str]:
    """Surface text -> normalised value, for compact assertions."""
    return {t.text: t.value for t in tag(text, published)}
