"""The actors stage costs linear time in the length of one text.

Work is counted, not timed: the number of Python lines the stage executes inside
``tidings/actors/`` for a text and for the same kind of text four times as long. A linear stage
does about four times the work; a pass that compares every mention with every other (the
quadratic surname scan this guards against) does far more, whatever the machine's load.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import tidings.actors
from tidings.model import Article

ACTORS_DIR = str(Path(tidings.actors.__file__).parent)
GIVEN = ["Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hassan", "Ines", "Jonas"]
SURNAMES = ["Varga", "Okafor", "Lindqvist", "Moreau", "Haddad", "Novak", "Castillo", "Brandt",
            "Kowalski", "Mendes", "Tanaka", "Olsen", "Rahman", "Dubois", "Horvat",
            "Keller"]  # fmt: skip
COUNTRIES = [("French", "Paris"), ("German", "Berlin"), ("Chilean", "Santiago"),
             ("Kenyan", "Nairobi")]  # fmt: skip


def _paragraph(i: int) -> str:
    """One invented news paragraph with a new person, a quote, a pronoun, an acronym."""
    given, other = GIVEN[i % len(GIVEN)], GIVEN[(i * 3 + 1) % len(GIVEN)]
    surname = SURNAMES[(i * 7) % len(SURNAMES)] + "abcdefghij"[i // len(SURNAMES) % 10]
    envoy = SURNAMES[(i * 5 + 2) % len(SURNAMES)]
    adjective, capital = COUNTRIES[i % len(COUNTRIES)]
    return (
        f"{given} {surname}, the {adjective} foreign minister, met Ambassador {other} {envoy} "
        f'in {capital} on Monday. "We will not accept these terms," {surname} told reporters. '
        f"He said the {adjective} government would answer within a week. The Regional Trade "
        f"Council (RTC) said {envoy} had rejected the offer, and the RTC called for calm."
    )


def _executed_lines(work: Callable[[], None]) -> int:
    """How many lines of ``tidings/actors/`` code ``work`` executes."""
    count = 0

    def local(frame, event, arg):  # the sys.settrace protocol
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(ACTORS_DIR) else None

    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def _work_for(actors_pipeline, paragraphs: int) -> tuple[int, int]:
    text = "\n\n".join(_paragraph(i) for i in range(paragraphs))
    doc = actors_pipeline.nlp(text)
    article = Article(text=text, published=date(2019, 6, 1))
    stage = actors_pipeline.stages[0]
    lines = _executed_lines(lambda: stage(article, doc))
    return lines, len(article.mentions)


def test_four_times_the_text_is_four_times_the_work(actors_pipeline):
    short_lines, short_mentions = _work_for(actors_pipeline, 12)
    long_lines, long_mentions = _work_for(actors_pipeline, 48)
    assert 3.6 <= long_mentions / short_mentions <= 4.4  # the texts are alike, only longer
    assert long_lines / short_lines < 4.6, (short_lines, long_lines)
