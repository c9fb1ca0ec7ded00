"""Within-article links: surnames, nominals and pronouns carry the antecedent's actor."""

from __future__ import annotations

from actors_helpers import code, mention


def test_surname_links_to_the_full_mention(actors_pipeline):
    article = code(
        actors_pipeline,
        "Russian Ambassador to Japan Oleg Sidorov met officials on Monday. "
        "Sidorov later told reporters the talks went well.",
    )
    full = mention(article, "Oleg Sidorov")
    short = mention(article, "Sidorov")
    assert short.kind == "alias" and short.antecedent == full.id
    assert short.actor.country == "RUS" and short.actor.role == "ambassador"


def test_pronoun_after_a_quote_paragraph_is_the_last_speaker(actors_pipeline):
    article = code(
        actors_pipeline,
        "Chinese Foreign Minister Wang Yi told journalists that talks must resume.\n\n"
        '"We will keep working for peace on the peninsula,"\n\n'
        "he said.",
        "2018-05-02",
    )
    he = mention(article, "he")
    assert he.kind == "pronoun"
    assert he.antecedent == mention(article, "Wang Yi").id
    assert (he.actor.name, he.actor.country) == ("Wang Yi", "CHN")


def test_pronoun_prefers_the_subject_over_a_later_object(actors_pipeline):
    article = code(
        actors_pipeline,
        "Spanish diplomat Jorge Ruiz met Italian envoy Marco Bianchi in Rome. He said the "
        "meeting was useful.",
    )
    assert mention(article, "He").antecedent == mention(article, "Jorge Ruiz").id


def test_pronoun_gender_must_agree(actors_pipeline):
    article = code(
        actors_pipeline,
        "Prime Minister Theresa May met President Donald Trump in London. "
        "She said the alliance was strong.",
        "2018-07-13",
    )
    she = mention(article, "She")
    assert she.actor.name == "Theresa May"


def test_pronouns_inside_quotes_and_without_antecedent_are_left_alone(actors_pipeline):
    article = code(actors_pipeline, 'He left early. "He is wrong," Peter Novak said.')
    assert all(m.kind != "pronoun" for m in article.mentions)


def test_nominal_links_back_to_the_person_holding_the_role(actors_pipeline):
    article = code(
        actors_pipeline,
        "Canadian Ambassador to Mexico Anne Leblanc arrived on Sunday. "
        "The ambassador met the mayor on Monday.",
    )
    nominal = mention(article, "ambassador")
    assert nominal.kind == "nominal"
    assert nominal.antecedent == mention(article, "Anne Leblanc").id
    assert nominal.actor.country == "CAN"


def test_bare_knowledge_base_surname_needs_a_person_reading(actors_pipeline):
    article = code(actors_pipeline, "Parliament will sit again in May, the clerk said.")
    assert "May" not in {m.text for m in article.mentions}


def test_it_refers_to_the_body_that_was_the_subject(actors_pipeline):
    article = code(
        actors_pipeline,
        "The Kremlin gave a different account of the call. It said the talks had been frank.",
    )
    it = mention(article, "It")
    assert it.kind == "pronoun" and it.antecedent == mention(article, "Kremlin").id
    assert it.actor.code == "RUSGOV"


def test_acronym_in_brackets_becomes_an_alias(actors_pipeline):
    article = code(
        actors_pipeline,
        "The Kenyan Electoral Commission (KEC) announced the results. The KEC said turnout rose.",
    )
    full = mention(article, "Kenyan Electoral Commission")
    later = mention(article, "KEC")  # the bracketed acronym itself restates the name
    assert later.start > article.text.index("results")
    assert later.kind == "alias" and later.antecedent == full.id
    assert later.actor.code == "KENGOV"
