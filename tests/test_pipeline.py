"""The pipeline's seams: declared stage contracts checked at build time, typed stage options."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import pytest
import spacy
import yaml

from tidings.config import DEFAULT_STAGES, STAGES, EventsConfig, PipelineConfig
from tidings.events.stage import create as create_events
from tidings.model import Article
from tidings.pipeline import Pipeline, StageOrderError, check_order


@dataclass
class FakeStage:
    name: str
    requires: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, article: Article, doc) -> None:  # pragma: no cover - never run
        raise AssertionError("contracts are checked without running a stage")


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def test_default_order_is_the_registry_order_and_satisfies_every_contract(blank) -> None:
    assert tuple(STAGES) == DEFAULT_STAGES
    Pipeline(PipelineConfig(stages=("time", "dating")), nlp_model=blank)


def test_a_stage_before_the_one_it_reads_from_fails_naming_the_attribute(blank) -> None:
    with pytest.raises(StageOrderError, match=r"article\.timexes.*'time'.*before 'dating'"):
        Pipeline(PipelineConfig(stages=("dating", "time")), nlp_model=blank)


def test_a_requirement_nothing_provides_fails_naming_the_attribute(blank) -> None:
    with pytest.raises(StageOrderError, match=r"'events' requires article\.mentions"):
        Pipeline(PipelineConfig(stages=("time", "events")), nlp_model=blank)


def test_an_optional_input_may_be_absent_but_not_late() -> None:
    quotes = FakeStage("quotes", reads=("mentions",), assigns=("quotes",))
    actors = FakeStage("actors", assigns=("mentions",))
    check_order([quotes])
    check_order([actors, quotes])
    with pytest.raises(StageOrderError, match=r"article\.mentions.*put 'actors' before 'quotes'"):
        check_order([quotes, actors])


def test_a_field_of_annotations_can_be_required() -> None:
    dating = FakeStage("dating", assigns=("events.date",))
    export = FakeStage("export", requires=("events.date",))
    check_order([dating, export])
    with pytest.raises(StageOrderError, match=r"article\.events\.date"):
        check_order([export])


def test_what_reading_provides_is_always_there() -> None:
    check_order([FakeStage("x", requires=("published", "dateline", "text"))])


def test_a_typo_in_a_contract_is_reported() -> None:
    with pytest.raises(StageOrderError, match=r"article\.mentoins.*does not have"):
        check_order([FakeStage("x", reads=("mentoins",))])


def test_an_unknown_stage_is_named(blank) -> None:
    with pytest.raises(ValueError, match="unknown stage 'sentiment'"):
        Pipeline(PipelineConfig(stages=("sentiment",)), nlp_model=blank)


def test_configs_are_hashable_values() -> None:
    a = PipelineConfig(events=EventsConfig(triggers=None))
    assert a == PipelineConfig() and hash(a) == hash(PipelineConfig())


def test_events_honour_a_custom_trigger_file(tmp_path, pipeline) -> None:
    packaged = resources.files("tidings") / "data" / "events" / "triggers.yaml"
    lexicon = yaml.safe_load(packaged.read_text(encoding="utf-8"))
    lexicon["verbs"]["praise"] = [{"cameo": "111"}]  # read "praise" as criticism
    custom = tmp_path / "triggers.yaml"
    custom.write_text(yaml.safe_dump(lexicon), encoding="utf-8")
    text = "The Ruritanian government praised Germany on Monday for its stance."

    def event_codes(events_stage) -> list[str]:
        article = Article(text=text)
        doc = pipeline.nlp(text)
        article.clear_annotations()
        for stage in pipeline.stages:
            (events_stage if stage.name == "events" else stage)(article, doc)
        return [event.cameo for event in article.events]

    default = event_codes(next(s for s in pipeline.stages if s.name == "events"))
    custom_stage = create_events(PipelineConfig(events=EventsConfig(triggers=custom)))
    assert default == ["051"]  # praise
    assert event_codes(custom_stage) == ["111"]  # criticise
