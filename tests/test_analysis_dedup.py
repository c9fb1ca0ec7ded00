"""Cross-article deduplication of event and quote mentions."""

from __future__ import annotations

import csv
import itertools
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from analysis_helpers import CHINA, MERKEL, PUTIN, RUSSIA, WANG, XI, Coder, call_report
from tidings.analysis.dedup import (
    ActorKey,
    DedupConfig,
    Deduplicator,
    EventMention,
    When,
    event_mentions,
    when,
)
from tidings.cli import app
from tidings.model import Actor, Article
from tidings.store import Store

JAPAN = Actor("Japan", "JPN")
CHILE = Actor("Chile", "CHL", kb_id="country:CHL")


def three_reports() -> list[Article]:
    return [
        call_report("Xinhua", "2017-09-07", 0),
        call_report("Reuters", "2017-09-08", 1),
        call_report("TASS", "2017-09-08", 2),
    ]


def clustering(dedup: Deduplicator) -> set[tuple[str, frozenset]]:
    return {(c.id, frozenset(m.key for m in c.mentions)) for c in dedup.event_clusters()}


def test_three_outlets_reporting_one_call_give_one_cluster_of_three() -> None:
    dedup = Deduplicator()
    dedup.add_articles(three_reports())
    [cluster] = dedup.event_clusters()
    assert cluster.mention_count == 3
    assert cluster.outlets == ["Reuters", "TASS", "Xinhua"]
    assert cluster.first.outlet == "Xinhua"  # published first
    assert cluster.label == "CONSULT"
    assert cluster.date == "2017-09-07"
    # every mention keeps its provenance: article id and trigger offsets
    for mention in cluster.mentions:
        assert mention.article_id and mention.end > mention.start


def test_a_call_a_month_later_is_another_event() -> None:
    later = call_report("Reuters", "2017-10-09", 1, day="2017-10-08")
    dedup = Deduplicator()
    dedup.add_articles([*three_reports(), later])
    assert sorted(c.mention_count for c in dedup.event_clusters()) == [1, 3]


def test_a_call_between_other_leaders_is_another_event() -> None:
    coder = Coder("Xi Jinping spoke by phone with Vladimir Putin on Thursday.", "AP", "2017-09-08")
    coder.event(
        "CONSULT", "spoke", [("Xi Jinping", XI)], [("Vladimir Putin", PUTIN)], date="2017-09-07"
    )
    dedup = Deduplicator()
    dedup.add_articles([*three_reports(), coder.article])
    assert sorted(c.mention_count for c in dedup.event_clusters()) == [1, 3]


def test_a_denied_call_does_not_join_the_reported_call() -> None:
    coder = Coder("Xi Jinping did not speak with Angela Merkel on Thursday.", "AP", "2017-09-08")
    coder.event(
        "CONSULT",
        "speak",
        [("Xi Jinping", XI)],
        [("Angela Merkel", MERKEL)],
        date="2017-09-07",
        factuality="negated",
    )
    dedup = Deduplicator()
    dedup.add_articles([*three_reports(), coder.article])
    assert sorted(c.mention_count for c in dedup.event_clusters()) == [1, 3]


def test_incompatible_types_stay_apart() -> None:
    coder = Coder("Xi Jinping accused Angela Merkel of meddling on Thursday.", "AP", "2017-09-08")
    coder.event(
        "ACCUSE", "accused", [("Xi Jinping", XI)], [("Angela Merkel", MERKEL)], date="2017-09-07"
    )
    dedup = Deduplicator()
    dedup.add_articles([*three_reports(), coder.article])
    assert sorted(c.mention_count for c in dedup.event_clusters()) == [1, 3]


def test_type_groups_make_types_compatible() -> None:
    text = "Xi Jinping rebuked Angela Merkel over the visit on Thursday."
    coder = Coder(text, "AP", "2017-09-08")
    coder.event("REJECT", "rebuked", [("Xi Jinping", XI)], [("Angela Merkel", MERKEL)])
    other = Coder(text.replace("rebuked", "criticised"), "AFP", "2017-09-08")
    other.event("ACCUSE", "criticised", [("Xi Jinping", XI)], [("Angela Merkel", MERKEL)])
    articles = [coder.article, other.article]
    for groups, sizes in [({}, [1, 1]), ({"ACCUSE": "disapprove", "REJECT": "disapprove"}, [2])]:
        dedup = Deduplicator(DedupConfig.load({"type_group": groups}))
        dedup.add_articles(articles)
        assert sorted(c.mention_count for c in dedup.event_clusters()) == sizes


def test_clusters_do_not_depend_on_input_order_or_batching() -> None:
    articles = [
        *three_reports(),
        call_report("AP", "2017-10-09", 1, day="2017-10-08"),
        call_report("AFP", "2017-10-09", 0, day="2017-10-08"),
    ]
    expected = None
    for order in itertools.permutations(articles):
        batch = Deduplicator()
        batch.add_articles(order)
        one_by_one = Deduplicator()
        for article in order:
            one_by_one.add_articles([article])
        assert clustering(batch) == clustering(one_by_one)
        expected = expected or clustering(batch)
        assert clustering(batch) == expected
    assert sorted(len(members) for _, members in expected) == [2, 3]


def test_a_new_report_joins_the_existing_cluster() -> None:
    first, second, third = three_reports()
    dedup = Deduplicator()
    dedup.add_articles([second, third])
    [before] = dedup.event_clusters()
    changed, retired = dedup.add_events(event_mentions(first, dedup.config))
    [after] = dedup.event_clusters()
    assert after.mention_count == 3
    # the first report now opens the cluster, so its id changed: the old one is retired
    assert changed == {after.id} and retired == {before.id}
    assert after.first.outlet == "Xinhua"
    # re-adding the same mentions changes nothing
    assert dedup.add_events(event_mentions(first, dedup.config)) == (set(), set())


def test_only_clusters_that_change_are_reported() -> None:
    first, second, third = three_reports()
    other = call_report("AP", "2017-10-09", 1, day="2017-10-08")
    dedup = Deduplicator()
    dedup.add_articles([first, second, other])
    before = {c.id: c for c in dedup.event_clusters()}
    changed, retired = dedup.add_events(event_mentions(third, dedup.config))
    [grown] = [c for c in dedup.event_clusters() if c.mention_count == 3]
    assert changed == {grown.id} and grown.id in before and retired == set()


def test_a_report_published_later_keeps_the_cluster_id() -> None:
    first, second, third = three_reports()
    dedup = Deduplicator()
    dedup.add_articles([first, second])
    [before] = dedup.event_clusters()
    changed, retired = dedup.add_events(event_mentions(third, dedup.config))
    assert changed == {before.id} and retired == set()
    assert dedup.event_clusters()[0].mention_count == 3


def test_same_speaker_same_words_is_one_statement() -> None:
    words = "China agrees that the Security Council should take further necessary measures"
    reports = []
    # one resolver linked the speaker, the other only named him
    unlinked = Actor("Wang Yi", "CHN", "GOV", kind="person")
    for outlet, frame, who in [
        ("Reuters", "{q}, Wang Yi told reporters.", WANG),
        ("AP", "Wang Yi said {q}.", unlinked),
    ]:
        coder = Coder(frame.format(q=words), outlet, "2017-09-08")
        coder.quote(words, who, "Wang Yi", cue="told" if outlet == "Reuters" else "said")
        reports.append(coder.article)
    coder = Coder(f"Vladimir Putin said {words}.", "TASS", "2017-09-08")
    coder.quote(words, PUTIN, "Vladimir Putin")
    reports.append(coder.article)
    dedup = Deduplicator()
    dedup.add_articles(reports)
    assert sorted(c.mention_count for c in dedup.quote_clusters()) == [1, 2]
    two = next(c for c in dedup.quote_clusters() if c.mention_count == 2)
    assert two.label == "person:yi"


def test_date_tolerance_depends_on_precision() -> None:
    config = DedupConfig.load()
    pub = date(2017, 9, 8)
    day = when("2017-09-07", "text", pub, config)
    assert day.compatible(when("2017-09-08", "text", pub, config))
    assert not day.compatible(when("2017-09-10", "text", pub, config))
    assert day.compatible(when("2017-09", "text", pub, config))  # a month holds the day
    assert day.compatible(when(None, "none", pub, config))  # undated: days before publication
    assert not day.compatible(when(None, "none", date(2017, 9, 20), config))
    later = when("2017-09-20", "text", pub, config)
    assert not later.compatible(when(None, "none", pub, config))
    assert later.compatible(when(None, "none", pub, config, ahead=True))  # "will meet": ahead
    year = when("2017", "text", pub, config)
    assert year.coarse == "2017" and year.compatible(day)  # "this year's talks": a day in it
    assert day.compatible(year) and year.compatible(when("2017", "text", pub, config))
    assert not year.compatible(when("2016-12-31", "text", pub, config))
    assert not year.compatible(when("201", "text", pub, config))  # coarse values: only equal
    assert not year.compatible(When(coarse=""))  # no date at all


def test_last_years_attack_joins_the_attack_dated_in_that_year() -> None:
    """A year-level date meets the precise dates inside it, whichever arrives first."""
    year = Coder("The attack on Chile last year was condemned.", "AP", "2018-03-01")
    year.event("ASSAULT", "attack", targets=[("Chile", CHILE)], date="2017")
    day = Coder("Gunmen launched an attack on Chile on 4 May.", "AFP", "2017-05-05")
    day.event("ASSAULT", "attack", targets=[("Chile", CHILE)], date="2017-05-04")
    other = Coder("Gunmen launched an attack on Chile on 4 May.", "AFP", "2016-05-05", "x")
    other.event("ASSAULT", "attack", targets=[("Chile", CHILE)], date="2016-05-04")
    for order in itertools.permutations([year.article, day.article, other.article]):
        dedup = Deduplicator()
        for article in order:
            dedup.add_articles([article])
        clusters = {frozenset(m.published.year for m in c.mentions) for c in dedup.event_clusters()}
        assert clusters == {frozenset({2017, 2018}), frozenset({2016})}


RUIZ = Actor("Ana Ruiz", "ESP", "LEG", "committee chair", "person", "ana-ruiz")
VEGA = Actor("Pablo Vega", "ESP", "GOV", "minister", "person", "pablo-vega")


def test_an_earlier_request_told_in_the_past_perfect_is_not_the_day_of_publication() -> None:
    """ "Ruiz had asked Vega ..." (undated) is not the request Ruiz made on the publication day,
    but is the request a report dates to a day in the weeks before, and another report of that
    day telling it the same way."""
    today = Coder("Ruiz asked Vega on Tuesday to testify before the panel.", "AP", "2021-06-15")
    today.event("REQUEST", "asked", [("Ruiz", RUIZ)], [("Vega", VEGA)], date="2021-06-15")
    earlier = Coder("Ruiz had asked Vega to hand over his phone records.", "EFE", "2021-06-15")
    earlier.event("REQUEST", "asked", [("Ruiz", RUIZ)], [("Vega", VEGA)], date_source="dateline")
    again = Coder("Ruiz had already asked Vega for his phone records.", "AFP", "2021-06-15")
    again.event("REQUEST", "asked", [("Ruiz", RUIZ)], [("Vega", VEGA)], date_source="dateline")
    dated = Coder(
        "On 1 June Ruiz asked Vega to hand over his phone records.", "El Pais", "2021-06-02"
    )
    dated.event("REQUEST", "asked", [("Ruiz", RUIZ)], [("Vega", VEGA)], date="2021-06-01")
    articles = [today.article, earlier.article, again.article, dated.article]
    assert when(None, "dateline", date(2021, 6, 15), DedupConfig.load(), earlier=True).coarse
    for order in itertools.permutations(articles):
        dedup = Deduplicator()
        for article in order:
            dedup.add_articles([article])
        clusters = {frozenset(m.outlet for m in c.mentions) for c in dedup.event_clusters()}
        assert clusters == {frozenset({"AP"}), frozenset({"EFE", "AFP", "El Pais"})}


def test_a_past_perfect_shifted_back_in_reported_speech_keeps_the_days_before_publication() -> None:
    """ "Vega said Ruiz had asked him ..." is the simple past of the speaker's words: the request
    may be the one made on the publication day."""
    today = Coder("Ruiz asked Vega on Tuesday to testify before the panel.", "AP", "2021-06-15")
    today.event("REQUEST", "asked", [("Ruiz", RUIZ)], [("Vega", VEGA)], date="2021-06-15")
    told = Coder("Vega said Ruiz had asked him to testify before the panel.", "EFE", "2021-06-15")
    quote = told.quote(
        "Ruiz had asked him to testify before the panel", VEGA, "Vega", kind="indirect"
    )
    event = told.event(
        "REQUEST", "asked", [("Ruiz", RUIZ)], [("him", VEGA)], date_source="dateline"
    )
    event.quote_id = quote.id
    dedup = Deduplicator()
    dedup.add_articles([today.article, told.article])
    assert [c.mention_count for c in dedup.event_clusters()] == [2]


def test_tidings_dedup_writes_one_row_per_mention(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        for article in three_reports():
            store.write(article)
    out = tmp_path / "clusters.csv"
    result = CliRunner().invoke(app, ["dedup", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3 and len({r["cluster_id"] for r in rows}) == 1
    assert {r["mention_count"] for r in rows} == {"3"}
    assert {r["first_outlet"] for r in rows} == {"Xinhua"}
    assert rows[0]["outlets"] == "Reuters;TASS;Xinhua"


def random_mentions(seed: int, n: int = 60) -> list[EventMention]:
    """Mentions of a few random events among few actors and days, so that many pairs compete."""
    rng = random.Random(seed)
    config = DedupConfig.load()
    words = ["talks", "border", "troops", "envoy", "ceasefire", "sanctions", "oil", "visit"]
    mentions = []
    for i in range(n):
        day = date(2017, 9, rng.randint(1, 6))
        country = rng.choice(["CHN", "RUS", "USA"])
        source = rng.choice(
            [
                ActorKey(country, rng.choice([None, "GOV"]), None),
                ActorKey(country, "GOV", f"{country}-leader", f"{country}-leader", person=True),
            ]
        )
        target = ActorKey(rng.choice(["PRK", "KOR"]), None, None)
        roll = rng.random()
        value = day.isoformat() if roll < 0.65 else ("2017" if roll < 0.75 else None)
        mentions.append(
            EventMention(
                article_id=f"a{i:03d}",
                start=rng.randint(0, 50),
                end=60,
                sentence_start=0,
                sentence_end=80,
                type=rng.choice(["CONSULT", "ACCUSE"]),
                outlet=f"o{rng.randint(1, 5)}",
                published=day + timedelta(days=1),
                event_id="e1",
                date=value,
                when=when(value, "text", day, config),
                sources=frozenset({source}),
                targets=frozenset({target}) if rng.random() < 0.8 else frozenset(),
                place=None,
                negated=False,
                trigger_word=rng.choice(["met", "talks"]),
                words=frozenset(rng.sample(words, 4)),
            )
        )
    return mentions


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.randoms(use_true_random=False))
def test_any_order_and_any_batching_give_the_same_clusters(seed: int, rng: random.Random) -> None:
    mentions = random_mentions(seed)
    batch = Deduplicator()
    batch.add_events(mentions)
    shuffled = mentions[:]
    rng.shuffle(shuffled)
    incremental = Deduplicator()
    cut = rng.randint(0, len(shuffled))
    for part in (shuffled[:cut], shuffled[cut:]):
        incremental.add_events(part)
    assert clustering(batch) == clustering(incremental)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_update_reports_exactly_the_clusters_it_changed(seed: int) -> None:
    *earlier, last = random_mentions(seed)
    dedup = Deduplicator()
    dedup.add_events(earlier)
    before = {c.id: c for c in dedup.event_clusters()}
    changed, retired = dedup.add_events([last])
    after = {c.id: c for c in dedup.event_clusters()}
    assert changed == {i for i, c in after.items() if before.get(i) != c}
    assert retired == set(before) - set(after)


def test_a_leader_and_his_country_report_one_act() -> None:
    """Outlets name a leader or his country for the same act: the two agree, if less surely
    than the same actor."""
    coder = Coder("Xi Jinping criticised Japan's defence plan on Monday.", "AP", "2017-09-05")
    coder.event("ACCUSE", "criticised", [("Xi Jinping", XI)], [("Japan", JAPAN)], date="2017-09-04")
    other = Coder(
        "China on Monday condemned the new military budget of Japan.", "AFP", "2017-09-05"
    )
    china = Actor("China", "CHN", kb_id="country:CHN")  # as the actors stage resolves it
    other.event("ACCUSE", "condemned", [("China", china)], [("Japan", JAPAN)], date="2017-09-04")
    for share, sizes in [(DedupConfig.load().affiliation_share, [2]), (-1.0, [1, 1])]:
        dedup = Deduplicator(DedupConfig.load({"affiliation_share": share}))
        dedup.add_articles([coder.article, other.article])
        assert sorted(c.mention_count for c in dedup.event_clusters()) == sizes


def test_only_a_named_person_and_a_collective_of_the_same_country_are_affiliated() -> None:
    xi, china = ActorKey.of(XI), ActorKey.of(CHINA)
    assert xi.affiliated(china) and china.affiliated(xi)
    assert not xi.affiliated(ActorKey.of(RUSSIA))
    assert not xi.affiliated(ActorKey.of(Actor("Chinese army", "CHN", "MIL")))  # other sector
    chairman = ActorKey.of(Actor("chairman", "CHN", "GOV", kind="person"))
    assert not xi.affiliated(chairman)  # a person by role may be someone else
    assert not xi.affiliated(ActorKey.of(WANG))  # two people: surnames decide


def test_a_person_named_only_by_role_neither_agrees_nor_conflicts() -> None:
    minister = ActorKey.of(Actor("foreign minister", "CHN", "GOV", kind="person"))
    assert minister.may_be(ActorKey.of(WANG)) and ActorKey.of(WANG).may_be(minister)
    assert not minister.may_be(ActorKey.of(PUTIN))  # another country
    assert not minister.may_be(ActorKey.of(CHINA))  # not a person
    assert not ActorKey.of(XI).may_be(ActorKey.of(WANG))  # two named people differ
