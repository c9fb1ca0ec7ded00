"""Events reported in statements: criticisms, accusations, demands and invitations in reported
or quoted speech (own sentences; the full pipeline, as the speaker of a quote and the actors
come from the quotes and actors stages)."""

from __future__ import annotations

import pytest

from tidings.model import Article, Event
from tidings.pipeline import Pipeline


@pytest.fixture(scope="module")
def code(pipeline: Pipeline):
    def run(text: str) -> list[Event]:
        return pipeline(Article(text=text)).events

    return run


def coded(event: Event) -> tuple[list[str], str, str, list[str], str]:
    return (
        [p.actor.country for p in event.sources],
        event.type,
        event.cameo,
        [p.actor.country for p in event.targets],
        event.trigger.text,
    )


def test_a_passive_criticism_within_one_country_keeps_its_target(code):
    # the passive's own "by" phrase is its agent, not another target
    (event,) = code("President Obama was criticized by Republicans over the budget deal.")
    assert coded(event) == (["USA"], "ACCUSE", "111", ["USA"], "criticized")
    assert event.targets[0].text == "Obama"


def test_a_quoted_demand_is_the_speakers_request(code):
    text = (
        "The German chancellor met reporters on Monday. "
        '"Russia should respect the border. There is no other way," Angela Merkel said.'
    )
    (event,) = code(text)
    assert coded(event) == (["DEU"], "REQUEST", "100", ["RUS"], "respect")
    assert event.factuality == "asserted"


def test_a_quoted_intention_of_the_speaker_is_no_demand(code):
    text = (
        'The German chancellor met reporters. "We should respect the border," Angela Merkel said.'
    )
    assert [e for e in code(text) if e.type == "REQUEST"] == []


def test_an_indirect_should_clause_is_no_quoted_demand(code):
    text = "The cabinet took a decision that Turkey should defend its rights in the Aegean."
    assert [e for e in code(text) if e.type == "REQUEST"] == []


def test_a_judgment_given_as_an_apposition_is_a_criticism(code):
    (event,) = code('Senator John McCain called Russia\'s referendum "a cynical stunt" on Sunday.')
    assert coded(event) == (["USA"], "ACCUSE", "111", ["RUS"], "called")


def test_a_date_after_call_on_is_no_demand(code):
    events = code("France called on Monday for talks with Iran.")
    assert [coded(e)[:4] for e in events] == [(["FRA"], "REQUEST", "106", ["IRN"])]
    # "called ... on Sunday" with a judgment is not read as "call on"
    assert all(
        e.type != "REQUEST" for e in code("Turkey called Greece's drills reckless on Sunday.")
    )


def test_an_actor_in_a_compound_inside_a_modifier(code):
    (event,) = code("Moscow charged that Obama administration officials had misled the public.")
    assert coded(event) == (["RUS"], "ACCUSE", "112", ["USA"], "charged")


def test_saying_another_did_wrong_is_an_accusation(code):
    (event,) = code("The German finance minister said Greece had failed to meet its commitments.")
    assert coded(event) == (["DEU"], "ACCUSE", "112", ["GRC"], "said")


def test_saying_another_did_no_wrong_or_that_oneself_failed_is_no_accusation(code):
    assert code("The German finance minister said Greece had not failed.") == []
    assert code("France said it had failed to reach a deal.") == []


def test_an_alleged_act_names_its_passive_agent(code):
    (event,) = code("American officials allege the bombings were plotted by Iraqi agents.")
    assert coded(event) == (["USA"], "ACCUSE", "112", ["IRQ"], "allege")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Netanyahu was invited by Speaker John Boehner to address Congress.",
            (["USA"], "AGREE", "036", ["ISR"], "invited"),
        ),
        (
            "Beijing invited the Japanese prime minister to visit in May.",
            (["CHN"], "AGREE", "036", ["JPN"], "invited"),
        ),
        (
            "The Chinese foreign ministry blasted the Japanese prime minister on Tuesday.",
            (["CHN"], "ACCUSE", "111", ["JPN"], "blasted"),
        ),
        (
            "Greece implored Germany to ease the terms.",
            (["GRC"], "REQUEST", "100", ["DEU"], "implored"),
        ),
        (
            "Paris lauded the decision of the Malian government.",
            (["FRA"], "SUPPORT", "051", ["MLI"], "lauded"),
        ),
        (
            "The Russian foreign minister took a swipe at Germany on Monday.",
            (["RUS"], "ACCUSE", "111", ["DEU"], "swipe"),
        ),
    ],
)
def test_statement_triggers(code, text, expected):
    (event,) = code(text)
    assert coded(event) == expected


def test_blasting_no_actor_is_no_criticism(code):
    assert code("The storm blasted the coast of Florida on Tuesday.") == []


def test_declining_an_offer_to_meet_names_the_other_side(code):
    # the act inside the offer's complement ("to meet with X") gives the target
    (event,) = code("Netanyahu turned down an offer to meet privately with Senate Democrats.")
    assert coded(event) == (["ISR"], "REJECT", "120", ["USA"], "turned")


def test_linking_an_actor_to_an_act_is_an_accusation(code):
    (event,) = code("German investigators have linked Iranian officials to the murders.")
    assert coded(event) == (["DEU"], "ACCUSE", "112", ["IRN"], "linked")
    assert code("A new pipeline links Germany to Russia.") == []


def test_a_quoted_demand_to_act_refines_the_act_and_is_triggered_inside_the_quote(code):
    # the trigger is the quoted verb, so the evidence of the quote holds it
    text = (
        '"Russia must withdraw its troops from Crimea," the German chancellor Angela Merkel said.'
    )
    (event,) = code(text)
    assert coded(event) == (["DEU"], "REQUEST", "105", ["RUS"], "withdraw")
    assert event.factuality == "asserted"


def test_a_quoted_accusation_is_the_speakers(code):
    text = (
        "The Iranian foreign minister met reporters. "
        '"Washington lied to us. It always does," Zarif said on Monday.'
    )
    (event,) = code(text)
    assert coded(event) == (["IRN"], "ACCUSE", "112", ["USA"], "lied")
    text = (
        'The German finance minister said on Monday: "Greece has failed to meet its commitments."'
    )
    (event,) = code(text)
    assert coded(event) == (["DEU"], "ACCUSE", "112", ["GRC"], "failed")


def test_a_quoted_admission_is_no_accusation(code):
    text = 'The German finance minister met reporters. "We failed. We lied," Schaeuble said.'
    assert [e for e in code(text) if e.type == "ACCUSE"] == []


def test_progress_reported_in_talks_belongs_to_the_reporters(code):
    (event,) = code("Iran and France made headway in the talks on Monday.")
    assert coded(event)[:4] == (["IRN", "FRA"], "CONSULT", "040", [])
