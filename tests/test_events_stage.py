"""The events stage on sentences written for these tests (actors from the test-only tagger)."""

from __future__ import annotations

import pytest

from events_fallback import dyad, fallback_coder
from tidings.model import Actor, Article, Quote


@pytest.fixture(scope="module")
def code():
    return fallback_coder()


def test_passive_agent_is_the_source(code):
    (event,) = code("Israel was attacked by Syrian forces on Monday.")
    assert dyad(event) == (["SYR"], "ASSAULT", ["ISR"])
    assert event.factuality == "asserted"
    assert event.trigger.text == "attacked"


def test_passive_agent_hung_on_the_complement_is_the_source(code):
    """The parser may attach "by X" to a noun of the passive's complement; X is still the agent,
    but not when the "by" phrase is the noun's own or belongs to a passive or participle below."""
    invited = code("Kenya was invited to speak before a joint session of the assembly by Uganda.")
    assert [dyad(e) for e in invited] == [(["UGA"], "AGREE", ["KEN"])]
    assert code("Kenya was urged to attend a summit hosted by Uganda.") == []
    for text in (
        "Kenya was asked to comment on the proposal by Uganda.",
        "Kenya was asked to reply to the offer by Friday.",
    ):
        assert ["UGA"] not in [dyad(e)[0] for e in code(text)]


def test_coordinated_subjects_are_sources_of_one_event(code):
    (event,) = code("China and Russia condemned the Japanese visit.")
    assert dyad(event) == (["CHN", "RUS"], "ACCUSE", ["JPN"])
    assert event.cameo == "111"


def test_nominal_triggers_with_light_verbs(code):
    talks, sanctions = code(
        "Vietnam held talks with China on Monday, and Germany imposed sanctions on Iran."
    )
    assert dyad(talks) == (["VNM"], "CONSULT", ["CHN"])
    assert dyad(sanctions) == (["DEU"], "SANCTION", ["IRN"])
    assert (sanctions.cameo, sanctions.goldstein, sanctions.quad_class) == ("163", -8.0, 4)


def test_phone_conversation_takes_the_clause_subject(code):
    (event,) = code("In a phone conversation with Japan, Turkey stressed the need for calm.")
    assert dyad(event) == (["TUR"], "CONSULT", ["JPN"])
    assert (event.mode, event.cameo) == ("phone", "041")


def test_negated_verb_and_negated_noun_are_kept_with_their_label(code):
    (attack,) = code("The United States did not attack Iran.")
    assert attack.factuality == "negated"
    (action,) = code("France said military action against Iran is not inevitable.")
    assert action.type == "ASSAULT"
    assert action.factuality == "negated"


def test_conditional_and_its_consequent_are_hypothetical(code):
    invasion, sanctions = code(
        "If Russia invades Ukraine, Britain will impose sanctions on Russia."
    )
    assert dyad(invasion) == (["RUS"], "ASSAULT", ["UKR"])
    assert invasion.factuality == sanctions.factuality == "hypothetical"


def test_a_draft_only_proposes(code):
    (event,) = code("A British draft would ban exports to Iran.")
    assert event.type == "SANCTION"
    assert event.factuality == "proposed"


def test_call_for_talks_is_one_request_for_a_meeting(code):
    (event,) = code("Japan called for talks with China.")
    assert dyad(event) == (["JPN"], "REQUEST", ["CHN"])
    assert (event.cameo, event.mode, event.factuality) == ("106", "meet", "asserted")


def test_modal_may_is_possible(code):
    (event,) = code("Russia may fire a missile at Ukraine.")
    assert dyad(event) == (["RUS"], "ASSAULT", ["UKR"])
    assert event.factuality == "possible"


def test_future_meeting_is_an_intention(code):
    (event,) = code("Vietnam will meet China next week.")
    assert dyad(event) == (["VNM"], "AGREE", ["CHN"])
    assert (event.cameo, event.factuality) == ("036", "future")


def test_reported_demand(code):
    (event,) = code("Russia said on Friday that Sudan must hand back the helicopter.")
    assert dyad(event) == (["RUS"], "REQUEST", ["SDN"])


def test_event_in_a_quote_is_attributed_to_the_speaker(code):
    text = '"We will attack Israel soon," the minister said.'
    content = text.index("We")
    quote = Quote(
        content,
        text.index(',"'),
        text[content : text.index(',"')],
        id="q1",
        speaker_actor=Actor(name="minister", country="IRN", sector="GOV", kind="person"),
    )
    (event,) = code(text, [quote])
    assert dyad(event)[0] == ["IRN"]
    assert event.type == "THREATEN"  # a future assault is a threat
    assert event.quote_id == "q1"


def test_no_actor_no_event(code):
    assert code("The sanctions continue and talks are planned.") == []


def test_spans_point_into_the_text(code):
    text = "Israel was attacked by Syrian forces on Monday."
    (event,) = code(text)
    assert text[event.trigger.start : event.trigger.end] == event.trigger.text
    assert event.sentence.text == text
    for p in event.sources + event.targets:
        assert text[p.start : p.end] == p.text


def test_refusal_is_a_rejection(code):
    (event,) = code("Japan will not meet China this year.")
    assert dyad(event) == (["JPN"], "REJECT", ["CHN"])
    assert (event.cameo, event.factuality) == ("125", "asserted")


def test_parties_acting_jointly_are_all_sources(code):
    (event,) = code("China and Russia held talks on Friday.")
    assert dyad(event) == (["CHN", "RUS"], "CONSULT", [])


def test_proposal_author_is_the_source_and_the_target_of_a_rejection(code):
    events = code(
        "A British draft resolution was circulated on Monday. "
        "The draft would ban exports to Iran. Parts of this are unacceptable to Russia."
    )
    ban, rejection = events
    assert dyad(ban) == (["GBR"], "SANCTION", ["IRN"])
    assert ban.factuality == "proposed"
    assert dyad(rejection) == (["RUS"], "REJECT", ["GBR"])


def test_reported_pronoun_is_the_reporter(code):
    (event,) = code("Norway said it had expelled three Russian diplomats.")
    assert dyad(event) == (["NOR"], "SANCTION", ["RUS"])


def test_killing_without_a_perpetrator_is_no_event(code):
    assert code("Ten Syrian soldiers were killed when their helicopter crashed.") == []


def test_a_repeated_act_names_the_agent_of_the_earlier_one(code):
    test, launch = code(
        "Sanctions were discussed after the nuclear test of last week. "
        "Officials fear Iran may test another missile soon."
    )
    assert dyad(test) == (["IRN"], "MOBILIZE", [])
    assert test.factuality == "asserted"
    assert test.confidence < launch.confidence
    assert launch.factuality == "possible"


def test_a_government_saying_its_adversary_attacked_is_an_accusation(code):
    (event,) = code("Israel said that Syrian forces had shelled Israeli villages.")
    assert dyad(event) == (["ISR"], "ACCUSE", ["SYR"])
    assert event.cameo == "112"


def test_a_trailing_attribution_reports_the_act_itself(code):
    (event,) = code("Syrian forces attacked Turkish troops on Monday, Turkey said.")
    assert dyad(event) == (["SYR"], "ASSAULT", ["TUR"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Norway rejected the latest proposals by Sweden on fishing quotas.",
            (["NOR"], "REJECT", ["SWE"]),
        ),
        ("Chile demanded a full admission by Peru of its role.", (["CHL"], "REQUEST", ["PER"])),
        (
            "Kenya welcomed the decision by Uganda to reopen the border.",
            (["KEN"], "SUPPORT", ["UGA"]),
        ),
    ],
)
def test_by_phrase_of_a_nominal_object_is_the_target(code, text, expected):
    assert expected in [dyad(e) for e in code(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ghana summoned the ambassador of Togo on Friday.", (["GHA"], "ACCUSE", ["TGO"])),
        ("Tunisia relaxed the nightly curfew on Tuesday.", (["TUN"], "CONCEDE", ["TUN"])),
        ("Peru dismissed calls by Bolivia for a new border treaty.", (["PER"], "REJECT", ["BOL"])),
    ],
)
def test_summons_relaxed_curfews_and_calls_for(pipeline, text, expected):
    article = pipeline(Article(text=text))
    assert expected in [dyad(e) for e in article.events]


def test_untargeted_protest_and_coercion_are_domestic(pipeline):
    article = pipeline(Article(text="Thousands of Kenyan students marched in Nairobi on Monday."))
    (protest,) = [e for e in article.events if e.type == "PROTEST"]
    assert dyad(protest) == (["KEN"], "PROTEST", ["KEN"])
    assert protest.targets[0].actor.sector == "GOV"
    assert protest.targets[0].mention_id is None


def test_domestic_target_needs_one_country(pipeline):
    article = pipeline(Article(text="Chilean and Peruvian fishermen protested on Monday."))
    dyads = [dyad(e) for e in article.events]  # sources in either order (a coordinated pair)
    assert [(sorted(s), t, g) for s, t, g in dyads] == [(["CHL", "PER"], "PROTEST", [])]
