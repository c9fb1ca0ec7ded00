"""What is not a quote: directives, topics, the writer's terms, titles, datelines, anonymity.

Sentences written for these tests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tidings import nlp as nlp_loader
from tidings.eval import article_gold
from tidings.model import SPEECH_KINDS, Article
from tidings.pipeline import Pipeline, PipelineConfig
from tidings.quotes.stage import QuotesStage, create
from tidings.read.text import parse_layout


@pytest.fixture(scope="module")
def stage() -> QuotesStage:
    return create(PipelineConfig(stages=("quotes",)))


@pytest.fixture(scope="module")
def parse():
    return nlp_loader.load()


@pytest.fixture
def code(stage, parse):
    def run(text: str) -> Article:
        article = Article(text=text)
        stage(article, parse(article.analysed_text))
        return article

    return run


def kinds(article: Article) -> list[tuple[str, str]]:
    return [(q.kind, q.text) for q in article.quotes]


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("The council urged the company to halt the tests at once.\n", "the company to halt"),
        ("The rebels vowed to retake the airport before winter.\n", "to retake the airport"),
        ("Ms. Ferreira called on both sides to return to the table.\n", "to return to the table"),
    ],
)
def test_a_directive_complement_is_not_reported_speech(code, sentence, content) -> None:
    """ "urged X to halt the tests" is a request (an event), not something said."""
    article = code(sentence)
    (directive,) = [q for q in article.quotes if content in q.text]
    assert directive.kind == "directive"
    assert directive.speaker is not None  # who asked or promised is kept
    assert not [q for q in article.quotes if q.kind in SPEECH_KINDS]


def test_what_a_speech_act_is_about_is_a_topic(code) -> None:
    article = code("The opposition rejected the new ferry timetable on Friday.\n")
    assert kinds(article) == [("topic", "the new ferry timetable")]


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ('The two ministers announced a "joint" patrol force on Monday.\n', "joint"),
        ('Critics said the so-called "harbour peace" would not last.\n', "harbour peace"),
        ('The fund backed the "three-step" formula, the bank said.\n', "three-step"),
        ('Ms. Lind said so in an interview on the radio show "Morning Notes."\n', "Morning Notes."),
    ],
)
def test_the_writers_term_or_a_title_is_a_scare_quote(code, sentence, term) -> None:
    article = code(sentence)
    (quoted,) = [q for q in article.quotes if q.text == term]
    assert quoted.kind == "scare" and quoted.speaker is None


@pytest.mark.parametrize(
    "sentence",
    [
        'Ms. Lind said the plan was "a disgrace" and should be dropped.\n',
        '"Harbour Peace Now," the protesters chanted outside the ministry.\n',
    ],
)
def test_words_a_speaker_says_stay_quotes(code, sentence) -> None:
    """A quoted predicate is the speaker's, and a capitalised slogan a cue introduces directly
    is speech, not a title."""
    article = code(sentence)
    assert [q.kind for q in article.quotes if q.kind in ("direct", "partial")]


@pytest.mark.parametrize(
    "sentence",
    [
        "An official, speaking on condition of anonymity, said two suspects had been arrested.\n",
        "Two suspects were arrested, said an officer who spoke on condition of anonymity.\n",
    ],
)
def test_condition_of_anonymity_is_no_quote(code, sentence) -> None:
    article = code(sentence)
    assert not [q for q in article.quotes if "anonymity" in q.text]
    assert [q.text for q in article.quotes] == ["two suspects had been arrested"] or [
        q.text for q in article.quotes
    ] == ["Two suspects were arrested"]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(PipelineConfig(stages=("actors", "quotes")), nlp_model=nlp_loader.load())


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("PARIS: The minister said the budget would be cut.", "The minister"),
        ("LISBON - Officials said the budget would be cut.", "Officials"),
        ("OSLO, May 4 (Reuters) - The budget will be cut, the minister said.", "the minister"),
    ],
)
def test_a_dateline_is_never_a_speaker_or_a_quote(pipeline, body, speaker) -> None:
    article = parse_layout(f"Budget\n2021-05-04\n\n{body}\n", default_date=date(2021, 5, 4))
    pipeline(article)
    (quote,) = article.quotes
    assert quote.speaker.text == speaker
    assert "budget" in quote.text and not quote.text.isupper()


def test_the_article_scorer_counts_only_reported_speech(tmp_path: Path, code) -> None:
    text = (
        "The council urged the company to halt the tests.\n\n"
        'The "joint" patrol starts today, Mayor Ana Lind said.\n'
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    gold = {"article": "a.txt", "quotes": [{"text": "patrol starts today", "speaker": "Ana Lind"}]}
    (tmp_path / "a.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    article = code(text)
    assert {q.kind for q in article.quotes} >= {"directive", "scare", "indirect"}
    item = article_gold.GoldArticle(tmp_path / "a.gold.json", gold, article)
    quotes = article_gold.score([item]).summary["quotes"]
    assert quotes["p"] == quotes["r"] == 1.0


@pytest.mark.parametrize(
    ("sentence", "speaker", "via"),
    [
        (
            "The mayor told reporters that the bridge would reopen, the local radio reported.\n",
            "The mayor",
            "the local radio",
        ),
        (
            "The bridge will reopen in May, a city spokesman said, according to the state news "
            "agency.\n",
            "a city spokesman",
            "the state news agency",
        ),
        (
            "The agency quoted the transport minister as saying the bridge would reopen.\n",
            "the transport minister",
            "The agency",
        ),
        (
            "The transport minister was quoted by Reuters as saying the bridge would reopen.\n",
            "The transport minister",
            "Reuters",
        ),
    ],
)
def test_an_outlet_carrying_someone_elses_words_is_the_channel(
    code, sentence, speaker, via
) -> None:
    (quote,) = [q for q in code(sentence).quotes if "bridge" in q.text]
    assert quote.speaker.text == speaker
    assert quote.via is not None and quote.via.text == via


@pytest.mark.parametrize(
    "sentence",
    [
        "Reuters reported that the bridge would reopen in May.\n",
        "The newspaper said the city had indicated its interest in a new bridge.\n",
    ],
)
def test_an_outlet_speaking_for_itself_is_the_speaker(code, sentence) -> None:
    (quote,) = [q for q in code(sentence).quotes if q.kind == "indirect"]
    assert quote.speaker.text in ("Reuters", "The newspaper") and quote.via is None
