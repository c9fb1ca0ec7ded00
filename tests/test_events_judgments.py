"""Criticism passed as a judgment, and trigger words added for cross-outlet coverage (own
sentences; actors from the test-only tagger)."""

from __future__ import annotations

import pytest

from events_fallback import dyad, fallback_coder


@pytest.fixture(scope="module")
def code():
    return fallback_coder()


def test_calling_anothers_act_reckless_is_a_criticism(code):
    (event,) = code("Turkey called Greece's naval manoeuvres reckless and provocative.")
    assert dyad(event) == (["TUR"], "ACCUSE", ["GRC"])
    assert (event.cameo, event.trigger.text) == ("111", "called")


def test_saying_anothers_plan_would_be_destructive_is_a_criticism(code):
    (event,) = code("Egypt said Ethiopia's dam plan would be destructive for the region.")
    assert dyad(event) == (["EGY"], "ACCUSE", ["ETH"])
    assert event.trigger.text == "said"


def test_a_judgment_on_nobody_or_a_negated_one_is_no_event(code):
    assert code("Egypt said the delay was unacceptable.") == []
    assert code("Egypt said Ethiopia's plan was not unacceptable.") == []
    assert code("Egypt called Ethiopia's plan constructive.") == []  # praise is no criticism


def test_wont_attend_a_speech_is_a_refusal(code):
    (event,) = code("Japan will not attend the Chinese summit.")
    assert dyad(event) == (["JPN"], "REJECT", ["CHN"])


def test_encouraging_another_to_act_is_a_request(code):
    (event,) = code("Norway encouraged Sweden on Monday to reopen the border.")
    assert dyad(event) == (["NOR"], "REQUEST", ["SWE"])
