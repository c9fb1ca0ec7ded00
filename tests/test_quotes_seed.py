"""The seed article: every required quote found with the right speaker; agencies are channels."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tidings.eval import article_gold
from tidings.pipeline import Pipeline, PipelineConfig

pytestmark = pytest.mark.shared


def _stages() -> tuple[str, ...]:
    has_actors = importlib.util.find_spec("tidings.actors.stage") is not None
    return ("actors", "quotes") if has_actors else ("quotes",)


@pytest.fixture(scope="module")
def seed(shared: Path):
    items = article_gold.load_gold(shared / "seed")
    pipeline = Pipeline(PipelineConfig(stages=_stages()))
    for item in items:
        pipeline(item.article)
    return items


def test_every_required_quote_with_its_speaker(seed) -> None:
    quotes = article_gold.score(seed).summary["quotes"]
    assert quotes["r"] == 1.0
    assert quotes["speaker_accuracy"] == 1.0


def test_agencies_are_channels_not_speakers(seed) -> None:
    article = seed[0].article
    speakers = {q.speaker.text for q in article.quotes if q.speaker}
    assert not speakers & {"Reuters", "TASS"}
    vias = {q.via.text: q for q in article.quotes if q.via}
    assert vias["Reuters"].speaker_actor.name == "Wang Yi"
    assert vias["Reuters"].addressee.text == "journalists"
    assert vias["TASS"].speaker_actor.name == "Andrey Denisov"


def test_he_said_in_the_next_paragraph(seed) -> None:
    article = seed[0].article
    by_start = {" ".join(q.text.split()[:3]): q for q in article.quotes}
    assert by_start["Any new actions"].speaker.text == "he"
    assert by_start["Any new actions"].speaker_actor.name == "Wang Yi"
    assert by_start["Any steps in"].speaker_actor.name == "Andrey Denisov"
