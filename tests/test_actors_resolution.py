"""Actor resolution: dates, the Koreas, metonyms, role phrases, ambiguous names, context."""

from __future__ import annotations

from actors_helpers import code, codes, mention


def test_same_name_two_dates_two_answers(actors_pipeline):
    text = "Angela Merkel spoke to reporters on Tuesday."
    then = mention(code(actors_pipeline, text, "2017-03-01"), "Angela Merkel").actor
    later = mention(code(actors_pipeline, text, "2023-03-01"), "Angela Merkel").actor
    assert (then.country, then.sector, then.role) == ("DEU", "GOV", "head of government")
    assert later.country == "DEU" and later.sector != "GOV"
    assert later.role == "former head of government"


def test_person_with_successive_offices(actors_pipeline):
    text = "Boris Johnson arrived for the talks."
    assert mention(code(actors_pipeline, text, "2017-05-01"), "Boris Johnson").actor.role == (
        "foreign minister"
    )
    assert mention(code(actors_pipeline, text, "2020-05-01"), "Boris Johnson").actor.role == (
        "head of government"
    )


def test_office_resolves_to_its_holder_at_the_date(actors_pipeline):
    text = "The Emir of Kuwait received the delegation."
    early = mention(code(actors_pipeline, text, "2015-04-01"), "Emir of Kuwait").actor
    late = mention(code(actors_pipeline, text, "2022-04-01"), "Emir of Kuwait").actor
    assert (early.country, early.sector, early.role) == ("KWT", "GOV", "head of state")
    assert early.name.startswith("Sabah") and late.name.startswith("Nawaf")


def test_the_koreas_are_never_confused(actors_pipeline):
    article = code(
        actors_pipeline,
        "North Korea fired a missile and South Korea protested. The D.P.R.K. blamed the ROK, "
        "and Pyongyang warned Seoul. North Korean troops faced South Korean troops.",
    )
    found = codes(article)
    assert found["North Korea"] == "PRK" and found["D.P.R.K."] == "PRK"
    assert found["South Korea"] == "KOR" and found["ROK"] == "KOR"
    assert found["Pyongyang"] == "PRKGOV" and found["Seoul"] == "KORGOV"
    assert found["North Korean troops"] == "PRKMIL"
    assert found["South Korean troops"] == "KORMIL"


def test_seats_of_power_and_capitals_stand_for_governments(actors_pipeline):
    article = code(
        actors_pipeline,
        "The Kremlin rejected the report, while the White House and Downing Street welcomed "
        "it. Beijing warned Tokyo, and the Élysée kept silent.",
    )
    found = codes(article)
    assert found["Kremlin"] == "RUSGOV"
    assert found["White House"] == "USAGOV"
    assert found["Downing Street"] == "GBRGOV"
    assert found["Beijing"] == "CHNGOV" and found["Tokyo"] == "JPNGOV"
    assert found["Élysée"] == "FRAGOV"
    assert mention(article, "Kremlin").kind == "metonym"


def test_capital_after_in_is_a_place_not_a_government(actors_pipeline):
    article = code(actors_pipeline, "The two envoys held talks in Beijing on Monday.")
    assert "Beijing" not in codes(article)
    assert [(p.text, p.country, p.feature) for p in article.places] == [("Beijing", "CHN", "city")]


def test_role_phrases_resolve_unknown_names(actors_pipeline):
    article = code(
        actors_pipeline,
        "Brazilian Ambassador to Argentina Carla Mendes met Kremlin spokesman Ivan Sokolov "
        "and Iraqi army officers.",
    )
    envoy = mention(article, "Carla Mendes").actor
    assert (envoy.country, envoy.sector, envoy.role) == ("BRA", "GOV", "ambassador")
    spokesman = mention(article, "Ivan Sokolov").actor
    assert (spokesman.country, spokesman.sector, spokesman.role) == ("RUS", "GOV", "spokesperson")
    assert codes(article)["Argentina"] == "ARG"  # the posting, a mention of its own
    assert codes(article)["Iraqi army officers"] == "IRQMIL"


def test_apposition_describes_the_name_before_it(actors_pipeline):
    article = code(actors_pipeline, "Pedro Alvarez, Chile's foreign minister, said no.")
    actor = mention(article, "Pedro Alvarez").actor
    assert (actor.country, actor.sector, actor.role) == ("CHL", "GOV", "foreign minister")


def test_generic_role_takes_the_sector_of_its_body(actors_pipeline):
    article = code(actors_pipeline, "Nigerian police spokesman Musa Bello denied the claim.")
    actor = mention(article, "Musa Bello").actor
    assert (actor.country, actor.sector) == ("NGA", "COP")


def test_ambiguous_names_are_decided_by_context(actors_pipeline):
    caucasus = code(actors_pipeline, "Georgia accused Moscow of provocations near Tbilisi.")
    assert codes(caucasus)["Georgia"] == "GEO"
    state = code(actors_pipeline, "Georgia's governor said Atlanta would host the convention.")
    assert "Georgia" not in codes(state)
    assert any(p.text == "Georgia" and p.country == "USA" for p in state.places)
    person = code(actors_pipeline, "Michael Jordan visited the school in Chicago.")
    assert "JOR" not in {m.actor.country for m in person.mentions if m.actor}


def test_description_without_country_takes_it_from_context(actors_pipeline):
    article = code(actors_pipeline, "In Caracas, Foreign Minister Luis Gomez rejected the plan.")
    actor = mention(article, "Luis Gomez").actor
    assert (actor.country, actor.sector, actor.role) == ("VEN", "GOV", "foreign minister")
    assert "context" in mention(article, "Luis Gomez").why


def test_backer_is_not_the_country_of_what_it_backs(actors_pipeline):
    article = code(
        actors_pipeline, "In eastern Ukraine, Russian-backed separatists shelled a village."
    )
    separatists = mention(article, "Russian-backed separatists").actor
    assert (separatists.country, separatists.sector) == ("UKR", "REB")
    assert mention(article, "Russian").actor.country == "RUS"


def test_organisations_and_media(actors_pipeline):
    article = code(
        actors_pipeline,
        "The UN Security Council met as Reuters, TASS and Xinhua reported on NATO plans.",
    )
    found = codes(article)
    assert found["UN Security Council"] == "IGOUNO"
    assert found["Reuters"] == "---MED"  # no country
    assert found["TASS"] == "RUSMED" and found["Xinhua"] == "CHNMED"
    assert found["NATO"] == "IGONATO"  # an IGO's sector names it (PLOVER data)


def test_dated_organisation_status(actors_pipeline):
    text = "The Taliban announced new rules."
    assert codes(code(actors_pipeline, text, "2010-01-01"))["Taliban"] == "AFGREB"
    assert codes(code(actors_pipeline, text, "2022-01-01"))["Taliban"] == "AFGGOV"


def test_mentions_are_numbered_in_text_order_with_verbatim_spans(actors_pipeline):
    article = code(actors_pipeline, "Russia and China met. Japan watched.")
    assert [m.id for m in article.mentions] == ["m1", "m2", "m3"]
    for m in article.mentions:
        assert article.text[m.start : m.end] == m.text
        assert m.why


def test_what_belongs_to_an_igo_has_the_igo_as_its_sector(actors_pipeline):
    article = code(
        actors_pipeline,
        "U.N. peacekeepers and EU monitors arrived, while Chile's ambassador to the U.N. and "
        "NATO officials watched.",
    )
    found = codes(article)
    assert found["U.N. peacekeepers"] == "IGOUNO"
    assert found["EU"] == "IGOEUR"
    assert found["NATO officials"] == "IGONATO"
    assert found["Chile's ambassador"] == "CHLGOV"  # posted to the U.N., not of it


def test_unnamed_sources_keep_their_words_and_the_country_they_imply(actors_pipeline):
    article = code(
        actors_pipeline,
        '"We will respond," a Turkish security source said. Diplomats said the talks had '
        "stalled, and witnesses reported gunfire near the border.",
    )
    found = codes(article)
    assert found["Turkish security source"] == "TURCOP"  # not Turkey as a person
    assert "Turkish" not in found
    assert found["Diplomats"] == "---GOV" and found["witnesses"] == "---CVL"
    assert mention(article, "Diplomats").actor.kind != "country"


def test_ngos_are_ngo_and_media_are_media(actors_pipeline):
    article = code(
        actors_pipeline,
        "Amnesty International and the International Crisis Group criticised the raid, "
        "Xinhua reported.",
    )
    found = codes(article)
    assert found["Amnesty International"] == "---NGO"
    assert found["International Crisis Group"] == "---NGO"
    assert found["Xinhua"] == "CHNMED"


def test_ethnic_groups_are_coded_as_the_country_they_live_in(actors_pipeline):
    found = codes(code(actors_pipeline, "Kurds in Iraq voted on Monday."))
    assert found["Kurds in Iraq"] == "IRQCVL"
    named = codes(code(actors_pipeline, "Syrian Kurds met envoys in Geneva."))
    assert named["Syrian Kurds"] == "SYRCVL"
    nearby = codes(code(actors_pipeline, "Turkey shelled the border town. Kurds protested."))
    assert nearby["Kurds"] == "TURCVL"
    unknown = code(actors_pipeline, "Kurds protested on Monday.")
    assert codes(unknown)["Kurds"] == "---CVL"  # four homelands, nothing says which
    assert codes(code(actors_pipeline, "Tibetans marched."))["Tibetans"] == "CHNCVL"
