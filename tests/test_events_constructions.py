"""Event constructions found by the PLOVER error analysis, on sentences written for these tests.

These run the full pipeline (actors from the actors stage), as the coded dyads depend on how
groups, titles and demonyms resolve.
"""

from __future__ import annotations

import pytest

from tidings.eval import plover
from tidings.model import Article, Event
from tidings.pipeline import Pipeline, PipelineConfig


@pytest.fixture(scope="module")
def code(pipeline: Pipeline):
    def run(text: str) -> list[Event]:
        return pipeline(Article(text=text)).events

    return run


def dyad(event: Event) -> tuple[list[str], str, str, list[str]]:
    return (
        [p.actor.country for p in event.sources],
        event.type,
        event.cameo,
        [p.actor.country for p in event.targets],
    )


def only(events: list[Event]) -> Event:
    assert len(events) == 1, [dyad(e) for e in events]
    return events[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # phrasal and multi-word triggers
        ("Pakistan reneged on its pledge to India.", (["PAK"], "REJECT", "120", ["IND"])),
        ("India stopped talks with Pakistan on Friday.", (["IND"], "SANCTION", "164", ["PAK"])),
        (
            "Thousands of French workers stopped work on Monday.",
            (["FRA"], "PROTEST", "143", ["FRA"]),
        ),
        (
            "Colombian rebels blew up an oil pipeline on Sunday.",
            (["COL"], "COERCE", "171", ["COL"]),
        ),
        ("Japan lodged a protest with China on Tuesday.", (["JPN"], "ACCUSE", "114", ["CHN"])),
        (
            "Qatar brokered talks between Sudan and Chad.",
            (["QAT"], "CONSULT", "045", ["SDN", "TCD"]),
        ),
        ("The African Union suspended Mali's membership.", (["IGO"], "SANCTION", "160", ["MLI"])),
        # a noun's theme is its of-phrase, and the theme's partner the other side
        (
            "Spain declared a suspension of flights to Libya.",
            (["ESP"], "SANCTION", "162", ["LBY"]),
        ),
        # an object's compound and a part of it say what the object is
        ("Japan suspended aid deliveries to Myanmar.", (["JPN"], "SANCTION", "162", ["MMR"])),
        (
            "Germany halted part of its military aid program for Ukraine.",
            (["DEU"], "SANCTION", "162", ["UKR"]),
        ),
        # letting a named actor act is easing restrictions; accepting demands is yielding
        (
            "An Egyptian court allowed opposition leader Ayman Nour to run for president.",
            (["EGY"], "CONCEDE", "081", ["EGY"]),
        ),
        (
            "The Zambian government accepted the demands of the striking miners.",
            (["ZMB"], "CONCEDE", "080", ["ZMB"]),
        ),
        # a light verb the lemmatiser misreads ("staged" as "stag")
        (
            "Hundreds of Kenyan students staged demonstrations on Friday to demand lower fees.",
            (["KEN"], "PROTEST", "141", ["KEN"]),
        ),
        # a reading's own preposition for the other side
        (
            "Some 2,000 Syrian families sought asylum in Germany last year.",
            (["SYR"], "REQUEST", "103", ["DEU"]),
        ),
        (
            "Spain extradited a Russian hacker to the United States.",
            (["ESP"], "COOPERATE", "063", ["USA"]),
        ),
        # a promise of military aid
        ("Germany pledged to send tanks to Ukraine.", (["DEU"], "AGREE", "033", ["UKR"])),
        # "X is opposed to Y": X rejects Y (not the other way round)
        ("Britain is opposed to the Russian plan.", (["GBR"], "REJECT", "120", ["RUS"])),
        # a commitment's complement names the other side
        (
            "Ethiopia agreed to open its border to Kenyan traders.",
            (["ETH"], "AGREE", "030", ["KEN"]),
        ),
    ],
)
def test_triggers_and_their_sides(code, text, expected):
    assert dyad(only(code(text))) == expected


def test_a_vow_of_violence_is_a_threat(code):
    event = only(code("Syrian rebels have sworn to attack Turkish troops."))
    assert dyad(event) == (["SYR"], "THREATEN", "138", ["TUR"])


def test_an_act_in_the_of_phrase_of_another_is_its_theme(code):
    event = only(code("Spain declared a suspension of aid to Serbia."))
    assert dyad(event) == (["ESP"], "SANCTION", "162", ["SRB"])
    assert code("The suspension of French aid to Mali angered the junta.") == []  # no aid given


def test_a_vow_to_retaliate_is_a_threat(code):
    event = only(code("Armenia vowed to retaliate against Azerbaijan."))
    assert dyad(event) == (["ARM"], "THREATEN", "138", ["AZE"])


def test_a_threat_is_addressed_to_the_subject_of_its_condition(code):
    event = only(code("Russia threatened to halt gas deliveries if Ukraine joined the alliance."))
    assert dyad(event) == (["RUS"], "THREATEN", "131", ["UKR"])


def test_withdrawing_peacekeepers_unless_is_a_threat_to_the_host(code):
    text = "Nigeria will withdraw its peacekeepers from Liberia unless the fighting stops."
    event = only(code(text))
    assert dyad(event) == (["NGA"], "THREATEN", "131", ["LBR"])
    assert event.factuality == "hypothetical"


def test_a_future_retreat_is_an_intention_to_yield(code):
    withdrawal = only(code("Israel will withdraw its troops from Lebanon."))
    assert dyad(withdrawal) == (["ISR"], "AGREE", "035", ["LBN"])
    assert withdrawal.factuality == "future"
    release = only(code("Kenyan police said they will release the Ugandan students."))
    assert dyad(release)[1:] == ("AGREE", "035", ["UGA"])


def test_a_statement_demanding_is_its_issuers_demand(code):
    event = only(code("Hamas issued a statement demanding that Israel lift the blockade."))
    assert dyad(event) == (["PSE"], "REQUEST", "105", ["ISR"])


def test_a_conditional_meeting_is_an_intention_and_a_title_gives_the_country(code):
    text = "Afghan leaders said they would meet the U.N. envoy Anna Berg if she came to Kabul."
    event = only(code(text))
    assert dyad(event) == (["AFG"], "AGREE", "036", ["IGO"])
    assert event.factuality == "hypothetical"


def test_deaths_in_an_attack_but_not_in_clashes(code):
    event = only(code("Five Iraqi soldiers were killed in a car bombing."))
    assert dyad(event) == ([], "ASSAULT", "180", ["IRQ"])
    assert code("Two Indian soldiers were killed in clashes on Sunday.") == []


def test_an_attack_that_kills_names_its_perpetrator(code):
    event = only(code("Israeli air strikes killed five Hamas fighters on Monday."))
    assert dyad(event) == (["ISR"], "ASSAULT", "180", ["PSE"])


def test_what_is_not_allowed_is_not_asserted(code):
    event = only(code("Egypt will not allow Israeli officials to visit Gaza."))
    assert dyad(event) == (["EGY"], "REJECT", "124", ["ISR"])


def test_a_state_letting_its_own_police_act_concedes_nothing(code):
    assert code("The bill would allow Indian police to detain suspects.") == []


def test_plover_dev_targets(shared):
    summary = plover.run(shared / "gold" / "plover-gsr-dev.json", PipelineConfig()).summary
    assert summary["type_accuracy"] >= 0.80
    assert summary["triple"]["f1"] >= 0.65
