"""The quotes stage on sentences written for these tests, one construction per test."""

from __future__ import annotations

import pytest

from tidings import nlp as nlp_loader
from tidings.config import PipelineConfig
from tidings.model import Actor, Article, Mention, Place, Quote
from tidings.quotes.stage import QuotesStage, create


@pytest.fixture(scope="module")
def stage() -> QuotesStage:
    return create(PipelineConfig(stages=("quotes",)))


@pytest.fixture(scope="module")
def parse():
    return nlp_loader.load()


@pytest.fixture
def code(stage, parse):
    """Run the quotes stage alone over a text (optionally with mentions/places set first)."""

    def run(text: str, **annotations) -> Article:
        article = Article(text=text, **annotations)
        stage(article, parse(article.analysed_text))
        return article

    return run


def only(article: Article, fragment: str) -> Quote:
    found = [q for q in article.quotes if fragment in q.text]
    assert len(found) == 1, [(q.kind, q.text) for q in article.quotes]
    return found[0]


def speaker(quote: Quote) -> str | None:
    return quote.speaker.text if quote.speaker else None


def test_ids_offsets_and_kinds(code) -> None:
    article = code('"We will reopen the border next week," Interior Minister Lena Vogt said.')
    (quote,) = article.quotes
    assert quote.id == "q1"
    assert article.text[quote.start : quote.end] == quote.text
    assert quote.kind == "direct"
    assert quote.text.startswith("We will reopen the border")
    assert speaker(quote) == "Interior Minister Lena Vogt"
    assert quote.cue.text == "said"
    assert quote.speaker_actor.name == "Lena Vogt"


def test_curly_marks_and_several_sentences(code) -> None:
    article = code("“The talks were long. They were also useful,” Mr. Okafor said on Tuesday.")
    quote = only(article, "The talks were long")
    assert "They were also useful" in quote.text
    assert speaker(quote) == "Mr. Okafor"


def test_quote_over_paragraphs_with_speaker_after(code) -> None:
    text = (
        "Foreign Minister Ines Carvalho spoke after the summit.\n\n"
        '"We have agreed on a timetable.\n\n'
        '"The first inspectors arrive in March," Carvalho said.'
    )
    quote = only(code(text), "timetable")
    assert "first inspectors arrive in March" in quote.text
    assert quote.speaker_actor.name == "Ines Carvalho"


def test_split_quote_has_one_speaker_and_cue(code) -> None:
    article = code('"The ceasefire holds," the general said, "but the roads remain closed."')
    first, second = article.quotes
    assert first.text.startswith("The ceasefire holds")
    assert second.text.startswith("but the roads")
    assert speaker(first) == speaker(second) == "the general"
    assert (first.cue.start, first.cue.end) == (second.cue.start, second.cue.end)


def test_partial_quote_inside_reported_speech(code) -> None:
    article = code('Ambassador Rhee said the proposal was "deeply flawed" and should be withdrawn.')
    (partial,) = [q for q in article.quotes if q.kind == "partial"]
    assert partial.text == "deeply flawed"
    assert speaker(partial) == "Ambassador Rhee"
    reported = [q for q in article.quotes if q.kind == "indirect"]
    assert len(reported) == 1
    assert "should be withdrawn" in reported[0].text


def test_scare_quotes_and_titles_have_no_speaker(code) -> None:
    article = code('The so-called "peace dividend" never came, and the film "Salt Roads" opened.')
    assert [q.kind for q in article.quotes] == ["scare", "scare"]
    assert all(q.speaker is None and q.cue is None for q in article.quotes)


def test_he_said_in_the_next_paragraph(code) -> None:
    text = (
        "Defence Secretary Tomas Berg visited the base on Monday.\n\n"
        '"Our troops will stay as long as they are needed,"\n\n'
        "he said.\n\n"
        '"Nobody should doubt that."'
    )
    article = code(text)
    stay = only(article, "troops will stay")
    assert speaker(stay) == "he"
    assert stay.speaker_actor.name == "Tomas Berg"
    doubt = only(article, "Nobody should doubt")
    assert doubt.speaker_actor.name == "Tomas Berg"


def test_speaker_paragraph_ending_with_comma_before_the_quote(code) -> None:
    text = (
        "President Alma Duarte said in a speech yesterday,\n\n"
        '"Our doors remain open to dialogue with every neighbour."'
    )
    quote = only(code(text), "doors remain open")
    assert speaker(quote) == "President Alma Duarte"


def test_nested_channel_speaker_addressee_via(code) -> None:
    text = (
        '"We will not accept new conditions,"\n\n'
        "Prime Minister Ana Lopes told reporters, reported Reuters."
    )
    quote = only(code(text), "new conditions")
    assert speaker(quote) == "Prime Minister Ana Lopes"
    assert quote.addressee.text == "reporters"
    assert quote.via.text == "Reuters"


def test_told_an_agency_is_the_channel(code) -> None:
    article = code("Ambassador Pavel Orlov told TASS that the sanctions had failed.")
    quote = only(article, "sanctions had failed")
    assert quote.kind == "indirect"
    assert speaker(quote) == "Ambassador Pavel Orlov"
    assert quote.via.text == "TASS"


def test_according_to(code) -> None:
    article = code("According to the interior ministry, the convoy left the capital at dawn.")
    quote = only(article, "convoy left")
    assert quote.kind == "indirect"
    assert speaker(quote) == "the interior ministry"
    assert quote.cue.text == "According to"
    assert "According" not in quote.text


def test_spokesman_of_someone(code) -> None:
    article = code("The president's spokesman said that the state visit had been postponed.")
    quote = only(article, "state visit")
    assert speaker(quote) == "The president's spokesman"


def test_inverted_said_name(code) -> None:
    article = code('"The border crossing is closed until further notice," said Tanaka.')
    quote = only(article, "border crossing")
    assert speaker(quote) == "Tanaka"


def test_was_quoted_as_saying(code) -> None:
    article = code("Okonkwo was quoted as saying that the pipeline deal was dead.")
    quote = only(article, "pipeline deal")
    assert speaker(quote) == "Okonkwo"


def test_reported_speech_complement_clause(code) -> None:
    article = code(
        "Chancellor Brandt emphasised that the dispute can only be settled by negotiation."
    )
    (quote,) = article.quotes
    assert quote.kind == "indirect"
    assert quote.text.startswith("that the dispute")
    assert quote.cue.text == "emphasised"
    assert speaker(quote) == "Chancellor Brandt"


def test_unbalanced_mark_does_not_swallow_the_article(code) -> None:
    text = (
        'Mayor Ruiz said the budget was "a disaster for the suburbs.\n\n'
        "The council meets again on Thursday to vote on the transport plan.\n\n"
        "Residents are divided over the new tram line."
    )
    article = code(text)
    council = text.index("The council")
    assert all(q.end <= council for q in article.quotes)
    assert any("a disaster for the suburbs" in q.text for q in article.quotes)


def test_unresolved_pronoun_is_not_a_name(code) -> None:
    article = code('"We are ready for the vote," he said.')
    (quote,) = article.quotes
    assert speaker(quote) == "he"
    assert quote.speaker_actor is None


def test_actor_mentions_resolve_the_speaker(code) -> None:
    text = 'President Maria Santos arrived late. "The deal is done," she said.'
    santos = Actor(name="Maria Santos", country="BRA", sector="GOV", kind="person")
    she = text.index("she said")
    mentions = [
        Mention(start=10, end=22, text="Maria Santos", id="m1", actor=santos),
        Mention(
            start=she,
            end=she + 3,
            text="she",
            id="m2",
            actor=santos,
            kind="pronoun",
            antecedent="m1",
        ),
    ]
    (quote,) = code(text, mentions=mentions).quotes
    assert quote.speaker_mention == "m2"
    assert quote.speaker_actor is santos


def test_place_of_the_statement(code) -> None:
    text = "Foreign Minister Ruth Adler said in Lisbon that the embassy would reopen."
    lisbon = text.index("Lisbon")
    places = [Place(start=lisbon, end=lisbon + 6, text="Lisbon", id="p1", name="Lisbon")]
    (quote,) = code(text, places=places).quotes
    assert quote.place_id == "p1"
    assert quote.date is None  # dates are the dating stage's job


def test_headline_and_transcript_labels(code) -> None:
    article = code("Angela Merkel: Europe Must Stand Together\n\nWALLACE: Will you run again?")
    headline = only(article, "Europe Must")
    assert speaker(headline) == "Angela Merkel"
    transcript = only(article, "run again")
    assert speaker(transcript) == "WALLACE"


def test_dateline_is_not_reported_content(code) -> None:
    from tidings.model import Span

    text = "ATHENS, March 27 - The ministry will cut pensions again, officials said."
    dateline = Span(0, 18, text[:18])
    (quote,) = code(text, dateline=dateline).quotes
    assert quote.text.startswith("The ministry will cut pensions")


def test_outlet_criticised_is_content_not_channel(code) -> None:
    article = code('The senator blasted the American media for being "deeply unfair."\n')
    reported = only(article, "the American media")
    assert reported.kind == "topic" and reported.cue.text == "blasted"
    assert [q.text for q in article.quotes if q.kind == "partial"] == ["deeply unfair."]


def test_hope_despite_the_small_model_lemma(code) -> None:
    article = code("The governor hopes that the bridge will reopen by spring.\n")
    reported = only(article, "the bridge will reopen")
    assert reported.cue.text == "hopes" and reported.speaker.text == "The governor"


@pytest.mark.parametrize(
    ("sentence", "content", "cue", "kind"),
    [
        (
            "The union endorsed the proposal to cut rents.\n",
            "the proposal to cut rents",
            "endorsed",
            "topic",
        ),
        (
            "The minister rejected calls for an early vote.\n",
            "calls for an early vote",
            "rejected",
            "topic",
        ),
        (
            "The senator refused to answer questions on the deal.\n",
            "to answer questions",
            "refused",
            "directive",
        ),
        (
            "The coach thanked the fans for their patience.\n",
            "the fans for their patience",
            "thanked",
            "topic",
        ),
    ],
)
def test_stance_verbs_attribute_their_object(code, sentence, content, cue, kind) -> None:
    """What a stance verb is about is a topic and a to-infinitive a directive: attributions,
    but not reported speech."""
    reported = only(code(sentence), content)
    assert reported.kind == kind and reported.cue.text == cue


def test_trailing_participle_is_not_reported_content(code) -> None:
    article = code(
        "The mayor promised that the city would plant more trees, pointing to a new fund.\n"
    )
    reported = only(article, "the city would plant")
    assert reported.text == "that the city would plant more trees"


def test_a_date_after_the_cue_is_not_content(code) -> None:
    article = code("The ambassador spoke on Tuesday.\n")
    assert article.quotes == []


def test_offered_object_is_content(code) -> None:
    reported = only(code("The council offered a compromise on parking fees.\n"), "a compromise")
    assert reported.cue.text == "offered" and reported.speaker.text == "The council"


def test_headline_label_names_its_source(code) -> None:
    article = code(
        "Survey: Most Farmers Expect a Dry Summer\n\nThe survey of 500 farms was run in May.\n"
    )
    quote = only(article, "Most Farmers Expect")
    assert quote.speaker.text == "Survey"
    rubric = code("Exclusive: The Port Will Close in June\n\nThe port authority met on Monday.\n")
    assert not any("The Port Will Close" in q.text for q in rubric.quotes)


def test_object_content_leaves_out_the_frame_of_the_cue(code) -> None:
    article = code("The senator criticised the tariff plan during a radio interview in Ohio.\n")
    reported = only(article, "the tariff plan")
    assert reported.text == "the tariff plan"


def test_object_content_leaves_out_a_which_clause(code) -> None:
    article = code("The mayor praised the new bus line, which opened in March after long delays.\n")
    reported = only(article, "the new bus line")
    assert reported.text == "the new bus line"


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("Engineers questioned the minister's claim that the dam was safe.\n", "the dam was safe"),
        ("Voters welcomed the governor's pledge to repair the roads.\n", "to repair the roads"),
    ],
)
def test_speech_noun_with_possessor(code, sentence, content) -> None:
    article = code(sentence)
    (reported,) = [q for q in article.quotes if q.cue.text in ("claim", "pledge")]
    assert content in reported.text
    assert reported.speaker.text in ("the minister", "the governor")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            '"One of the finest engineers in the whole province," Mayor Tomas Lind said.\n',
            "Mayor Tomas Lind",
        ),
        (
            '"The harbour is in crisis mode. Total crisis mode," said Ana Moreau, the director.\n',
            "Ana Moreau",
        ),
        ('"The old pier is finally finished" was written by Ida Berg in 1962.\n', "Ida Berg"),
    ],
)
def test_a_subject_inside_the_quote_is_not_the_speaker(code, sentence, name) -> None:
    """The parser may take a noun inside the quotation for the cue's subject; the speaker is
    the name outside the marks."""
    (quote,) = code(sentence).quotes
    assert speaker(quote) == name


def test_a_time_stamp_line_is_not_part_of_the_speaker(code) -> None:
    article = code(
        "No reply came.\n\n___.\n\n4:30 p.m.\n\nJohn Carter says public schools will reopen.\n"
    )
    reported = only(article, "public schools")
    assert speaker(reported) == "John Carter"


def test_split_quote_second_half_takes_the_cue_that_introduces_it(code) -> None:
    article = code(
        '"Keep your lanterns lit tonight," Mara sings to the crowd before asking them, '
        '"Will you walk home with me?"\n'
    )
    assert only(article, "Keep your lanterns").cue.text == "sings"
    second = only(article, "Will you walk home")
    assert second.cue.text == "asking" and speaker(second) == "Mara"


def test_split_quote_stays_with_its_cue_past_a_finished_aside(code) -> None:
    article = code(
        '"The union wants a deal," Mr. Haas said, referring to the dockworkers. '
        '"Nobody wants a strike."\n'
    )
    assert only(article, "Nobody wants a strike").cue.text == "said"


def test_quote_inside_a_longer_clause_is_partial_and_the_clause_reported(code) -> None:
    article = code(
        'The minister said there remains a "deep divide between the two coalition partners," '
        "when it comes to pensions.\n"
    )
    (quote,) = [q for q in article.quotes if q.kind != "indirect"]
    assert quote.kind == "partial" and quote.text.startswith("deep divide")
    clause = [q for q in article.quotes if q.kind == "indirect"]
    assert clause and clause[0].text.startswith("there remains a")
    assert clause[0].cue.start == quote.cue.start


@pytest.mark.parametrize(
    ("sentence", "cue", "content", "kind"),
    [
        (
            'The mayor encouraged residents to "stay calm and stay indoors" until dawn.\n',
            "encouraged",
            'residents to "stay calm',
            "directive",
        ),
        (
            "The appeals court ruled that the new map was unconstitutional.\n",
            "ruled",
            "new map",
            "indirect",
        ),
    ],
)
def test_encouraging_and_ruling_report_their_complement(code, sentence, cue, content, kind) -> None:
    article = code(sentence)
    reported = only(article, content)
    assert reported.kind == kind and reported.cue.text == cue


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        (
            'The governor blasted the mayor as a "coward" Wednesday on a local radio show.\n',
            'the mayor as a "coward"',
        ),
        (
            'The senator dismissed the report as "pure fiction" — a phrase she has used before.\n',
            'the report as "pure fiction"',
        ),
        (
            'The former president criticized the pension law as a "broken system" during a '
            "campaign stop in Dayton for his party.\n",
            'the pension law as a "broken system"',
        ),
        (
            "Unions also blasted the board for failing to make clear earlier Friday that the cuts "
            "were final.\n",
            "the board for failing to make clear earlier Friday that the cuts were final",
        ),
    ],
)
def test_object_content_stops_where_the_frame_of_the_cue_begins(code, sentence, content) -> None:
    """A date, "during ..." or a dash gloss after "X as 'Y'" frames the cue; a date inside a
    clause of the content stays."""
    (reported,) = [q for q in code(sentence).quotes if q.kind == "topic"]
    assert reported.text == content


def test_a_verb_inside_a_quotation_never_attributes_another_one(code) -> None:
    article = code(
        'Mayor Holt tells his supporters at a Denver rally to "go to your precinct and vote" '
        'and then "go watch the count with your neighbors."\n'
    )
    for fragment in ("go to your precinct", "go watch the count"):
        quote = only(article, fragment)
        assert quote.cue.text == "tells" and speaker(quote) == "Mayor Holt"


def test_a_speech_verb_coordinated_with_a_reported_clause_is_a_second_relation(code) -> None:
    article = code(
        'The governor tweeted in the early morning hours that the senator was "reckless" and '
        '"a fraud" and urged voters to "stay home" on Tuesday.\n'
    )
    tweeted = only(article, "that the senator was")
    assert "urged" not in tweeted.text
    urged = only(article, "voters to")
    assert urged.cue.text == "urged" and speaker(urged) == "The governor"
    (partial,) = [q for q in article.quotes if q.text == "stay home"]
    assert partial.cue.text == "urged"


def test_a_coordinated_that_clause_stays_in_the_content(code) -> None:
    article = code(
        'The chief also said the videos were "unclear" and that the footage did not show '
        "whether he held a knife.\n"
    )
    reported = only(article, "the videos were")
    assert reported.text.endswith("whether he held a knife")


def test_a_short_line_in_single_marks_is_a_subheading(code) -> None:
    article = code(
        '"We cannot wait for another winter," Ms. Varga said. "The pipes will freeze again."\n\n'
        "'A Long Winter.'\n\n"
        "The city council first debated the heating plan in 2014, when fuel prices peaked.\n"
    )
    heading = only(article, "A Long Winter")
    assert heading.kind == "scare" and heading.speaker is None


def test_a_cue_after_a_quote_inside_the_sentence_does_not_attribute_it(code) -> None:
    """`," Senator Dale accused` attributes a quote that opens the sentence, not the quoted
    words of a participle phrase before the subject."""
    article = code(
        'Bemoaning the "rigged tariffs," Senator Dale accused the trade office of bias.\n'
    )
    assert only(article, "rigged tariffs").kind == "scare"
    assert only(article, "the trade office").cue.text == "accused"


def test_typewriter_quote_leaves_the_speaker_outside_it(code) -> None:
    article = code(
        "MOSCOW (AP)_ The two presidents signed a trade plan Friday, and Petrov claimed they "
        "settled even more old disputes. ``We have solved them all,'' he told reporters.\n"
    )
    assert speaker(only(article, "even more old disputes")) == "Petrov"
    assert only(article, "We have solved them all").cue.text == "told"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ('Ratas called the decision "a clear sign of unity."\n', "direct"),
        ('The chief said there remains a "deep gap between the two agencies."\n', "partial"),
    ],
)
def test_a_quote_is_partial_only_inside_a_clause_of_the_writer(code, sentence, kind) -> None:
    (quote,) = [q for q in code(sentence).quotes if q.kind != "indirect"]
    assert quote.kind == kind


def test_a_participle_on_an_issued_statement_speaks_for_its_issuer(code) -> None:
    article = code(
        'The council issued a statement calling the missile test "a flagrant breach" of '
        "earlier resolutions.\n"
    )
    reported = only(article, "the missile test")
    assert reported.cue.text == "calling" and speaker(reported) == "The council"
    assert reported.text.endswith("of earlier resolutions")


def test_a_speech_verb_before_a_colon_takes_the_quote_after_it(code) -> None:
    article = code(
        'Senator Ruth Kahn scolded him: "The whole committee is against you on the three drugs '
        'you called \'cures,\'" she said. "When you call a pill a cure, people believe you."\n'
    )
    first = only(article, "The whole committee")
    assert first.cue.text == "scolded" and speaker(first) == "Senator Ruth Kahn"
    assert only(article, "When you call a pill").cue.text == "said"


def test_a_cue_introducing_the_quote_inside_reported_speech_takes_it(code) -> None:
    article = code(
        "She said parents who adopt would not get the full leave, and when asked why the plan "
        'leaves out fathers, the 41-year-old lawyer replied, "It is meant to help the mother '
        'who has given birth."\n'
    )
    (quote,) = [q for q in article.quotes if q.kind == "direct"]
    assert quote.text.startswith("It is meant") and quote.cue.text == "replied"
    assert speaker(quote) == "the 41-year-old lawyer"


def test_a_clause_ending_at_the_last_quoted_word_takes_the_closing_mark(code) -> None:
    article = code(
        'Lynch said there remains a "wide gap between private firms and government," when it '
        "comes to staffing.\n"
    )
    (clause,) = [q for q in article.quotes if q.kind == "indirect"]
    assert clause.text.startswith("there remains a")
    assert clause.text.endswith('government,"')


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "LONDON (Reuters) - Donald Trump said he doubted the new chancellor would last the "
            "year.\n",
            "Donald Trump",
        ),
        (
            "At the state's party convention on Saturday Sen. Ellen Ward (D-MA) said the governor "
            'was a "proven failure" in business.\n',
            "Sen. Ellen Ward",
        ),
    ],
)
def test_speaker_behind_a_dateline_or_before_a_parenthesis(code, sentence, name) -> None:
    """The subject nearest the verb, not a dateline; a name before "(D-MA) said"; no date."""
    (reported,) = [q for q in code(sentence).quotes if q.kind == "indirect"]
    assert speaker(reported) == name


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ('His aides called him "a genius" for his tax strategies.\n', '"a genius" for his tax'),
        ("Ms. Kahn scolded him over the delays in the harbour works.\n", "the delays"),
    ],
)
def test_a_pronoun_object_is_the_target_and_what_follows_the_content(
    code, sentence, content
) -> None:
    (reported,) = [q for q in code(sentence).quotes if q.kind == "topic"]
    assert content in reported.text
    assert not reported.text.startswith("him")


def test_as_someone_put_it_names_the_source(code) -> None:
    article = code(
        'For most visa applicants the main test is a "lawful source of investment income," as '
        "a Homeland Security memo put it.\n"
    )
    reported = only(article, "the main test is")
    assert reported.cue.text == "put it" and speaker(reported) == "a Homeland Security memo"
    assert "put it" not in reported.text
