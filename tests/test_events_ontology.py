"""The PLOVER/CAMEO ontology data: codes, Goldstein scores, quad classes, trigger lexicon."""

from __future__ import annotations

import pytest

from tidings.events.ontology import load

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def test_sixteen_plover_types_each_with_cameo_codes():
    onto = load()
    assert set(onto.types) == PLOVER_TYPES
    assert {c.plover for c in onto.cameo.values() if c.plover} == PLOVER_TYPES
    assert set(onto.types["CONSULT"]["modes"]) >= {"visit", "third-party", "multilateral", "phone"}


@pytest.mark.parametrize(
    ("code", "plover", "goldstein", "quad"),
    [
        ("036", "AGREE", 4.0, 1),
        ("041", "CONSULT", 1.0, 1),
        ("057", "SUPPORT", 8.0, 1),
        ("073", "AID", 7.4, 2),
        ("112", "ACCUSE", -2.0, 3),
        ("138", "THREATEN", -7.0, 3),
        ("163", "SANCTION", -8.0, 4),
        ("173", "COERCE", -5.0, 4),
        ("190", "ASSAULT", -10.0, 4),
    ],
)
def test_cameo_goldstein_and_quad_class(code, plover, goldstein, quad):
    entry = load().code(code)
    assert (entry.plover, entry.goldstein, entry.quad_class) == (plover, goldstein, quad)


def test_every_root_has_its_three_digit_codes_and_goldstein_in_range():
    onto = load()
    for code in onto.cameo.values():
        assert -10.0 <= code.goldstein <= 10.0
        if len(code.code) == 3:
            assert code.root in onto.cameo


def test_trigger_lexicon_covers_verbs_and_nouns():
    onto = load()
    assert onto.plover_type(onto.nouns["embargo"][0]) == "SANCTION"
    assert onto.plover_type(onto.verbs["visit"][0]) == "CONSULT"
    phone = onto.nouns["conversation"][0]
    assert phone.cameo == "041" and "phone" in phone.mods
    assert onto.future["CONSULT"] == "036"


def test_unknown_code_is_an_error():
    with pytest.raises(KeyError, match="unknown CAMEO"):
        load().code("999")
