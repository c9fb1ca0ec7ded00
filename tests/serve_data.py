"""Hand-annotated Articles (our own sentences, real model objects) for the store and serve tests.

They are built directly from the data model rather than through the pipeline, so the store,
query, export and dashboard tests do not depend on how far the coding stages have got.
"""

from __future__ import annotations

from datetime import date

from tidings.model import (
    Actor,
    Article,
    Event,
    Mention,
    Participant,
    Place,
    Quote,
    Span,
    TimeExpression,
)

RUS_GOV = Actor("Russia", "RUS", "GOV", kind="country")
LAVROV = Actor("Sergei Lavrov", "RUS", "GOV", role="foreign minister", kind="person", kb_id="P1")
WANG = Actor("Wang Yi", "CHN", "GOV", role="foreign minister", kind="person", kb_id="P2")
CHINA = Actor("China", "CHN", "GOV")
UKR_MIL = Actor("Ukrainian forces", "UKR", "MIL", kind="group")
RUS_MIL = Actor("Russian troops", "RUS", "MIL", kind="group")
UMEROV = Actor("Rustem Umerov", "UKR", "GOV", role="defence minister", kind="person")
USA = Actor("United States", "USA", "GOV")
IRN_BUS = Actor("Iranian banks", "IRN", "BUS", kind="group")
IRN_GOV = Actor("Iran", "IRN", "GOV")


def at(text: str, phrase: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), phrase)


def sentence_of(text: str, span: Span) -> Span:
    """The sentence (ending in '.') around ``span``."""
    start = max(text.rfind(". ", 0, span.start), text.rfind("\n\n", 0, span.start))
    start = 0 if start < 0 else start + 2
    end = text.find(".", span.end)
    end = len(text) if end < 0 else end + 1
    return Span(start, end, text[start:end])


def mention(text: str, phrase: str, mid: str, actor: Actor, kind: str = "name", nth: int = 0):
    s = at(text, phrase, nth)
    return Mention(s.start, s.end, s.text, id=mid, actor=actor, kind=kind, why="test lexicon")


def participant(m: Mention) -> Participant:
    return Participant(m.start, m.end, m.text, mention_id=m.id, actor=m.actor)


def event(text: str, eid: str, etype: str, trigger: str, sources, targets, **fields) -> Event:
    trig = at(text, trigger)
    return Event(
        id=eid,
        type=etype,
        trigger=trig,
        sentence=sentence_of(text, trig),
        sources=[participant(m) for m in sources],
        targets=[participant(m) for m in targets],
        **fields,
    )


def talks() -> Article:
    text = (
        "Lavrov and Wang hold talks\n"
        "MOSCOW, March 4, 2024 (Tidewire) - Russian Foreign Minister Sergei Lavrov met his "
        "Chinese counterpart Wang Yi in Moscow on Monday. "
        '"Our partnership is aimed at no third country," Lavrov told reporters after the talks. '
        "China and Russia agreed to expand trade in national currencies."
    )
    title = at(text, "Lavrov and Wang hold talks")
    lavrov = mention(text, "Sergei Lavrov", "m1", LAVROV)
    wang = mention(text, "Wang Yi", "m2", WANG)
    lavrov2 = mention(text, "Lavrov", "m3", LAVROV, nth=2)
    china = mention(text, "China", "m4", CHINA)
    russia = mention(text, "Russia", "m5", RUS_GOV, nth=1)
    monday = at(text, "Monday")
    quote_text = at(text, "Our partnership is aimed at no third country,")
    article = Article(
        text=text,
        title=title.text,
        title_span=title,
        outlet="Tidewire",
        dateline=at(text, "MOSCOW, March 4, 2024 (Tidewire) -"),
        dateline_place="Moscow",
        published=date(2024, 3, 4),
        date_source="dateline",
        source="talks.txt",
        excluded=[title],
        mentions=[lavrov, wang, lavrov2, china, russia],
        places=[
            Place(
                *_pos(at(text, "Moscow", 0)),
                id="p1",
                name="Moscow",
                country="RUS",
                latitude=55.75,
                longitude=37.62,
                geonames_id=524901,
                feature="city",
            )
        ],
        timexes=[
            TimeExpression(
                *_pos(monday), id="t1", value="2024-03-04", granularity="day", anchor="dateline"
            )
        ],
        quotes=[
            Quote(
                *_pos(quote_text),
                id="q1",
                kind="direct",
                speaker=at(text, "Lavrov", 2),
                speaker_mention="m3",
                speaker_actor=LAVROV,
                cue=at(text, "told"),
                date="2024-03-04",
                date_source="dateline",
            )
        ],
    )
    article.events = [
        event(
            text,
            "e1",
            "CONSULT",
            "met",
            [lavrov],
            [wang],
            mode="visit",
            cameo="043",
            goldstein=2.8,
            quad_class=1,
            date="2024-03-04",
            date_source="text",
            date_granularity="day",
            time_id="t1",
            place_id="p1",
        ),
        event(
            text,
            "e2",
            "AGREE",
            "agreed",
            [china, russia],
            [],
            cameo="057",
            goldstein=8.0,
            quad_class=1,
            date="2024-03",
            date_source="dateline",
            date_granularity="month",
            confidence=0.8,
        ),
    ]
    return article


def shelling() -> Article:
    text = (
        "KYIV, April 9, 2024 (Northline) — Ukrainian forces shelled positions held by Russian "
        "troops near Bakhmut on Tuesday, the army said. "
        "Russia denied that it had attacked the city's power station.\n\n"
        "“We will answer every strike,” said Rustem Umerov, Ukraine's defence minister."
    )
    ukr = mention(text, "Ukrainian forces", "m1", UKR_MIL)
    rus_troops = mention(text, "Russian troops", "m2", RUS_MIL)
    russia = mention(text, "Russia", "m3", RUS_GOV, nth=1)
    umerov = mention(text, "Rustem Umerov", "m4", UMEROV)
    return Article(
        text=text,
        outlet="Northline",
        dateline=at(text, "KYIV, April 9, 2024 (Northline) —"),
        dateline_place="Kyiv",
        published=date(2024, 4, 9),
        date_source="dateline",
        source="shelling.txt",
        mentions=[ukr, rus_troops, russia, umerov],
        timexes=[
            TimeExpression(
                *_pos(at(text, "Tuesday")),
                id="t1",
                value="2024-04-09",
                granularity="day",
                anchor="dateline",
            )
        ],
        quotes=[
            Quote(
                *_pos(at(text, "We will answer every strike,")),
                id="q1",
                kind="direct",
                speaker=at(text, "Rustem Umerov"),
                speaker_mention="m4",
                speaker_actor=UMEROV,
                cue=at(text, "said", 1),
                date="2024-04-09",
                date_source="dateline",
            )
        ],
        events=[
            event(
                text,
                "e1",
                "ASSAULT",
                "shelled",
                [ukr],
                [rus_troops],
                mode="aerial",
                cameo="195",
                goldstein=-10.0,
                quad_class=4,
                date="2024-04-09",
                date_source="text",
                date_granularity="day",
                time_id="t1",
            ),
            event(
                text,
                "e2",
                "ASSAULT",
                "attacked",
                [russia],
                [],
                cameo="190",
                goldstein=-10.0,
                quad_class=4,
                factuality="negated",
                date="2024-04-09",
                date_source="dateline",
                confidence=0.7,
            ),
            event(
                text,
                "e3",
                "THREATEN",
                "answer",
                [umerov],
                [rus_troops],
                cameo="138",
                goldstein=-7.0,
                quad_class=3,
                factuality="future",
                quote_id="q1",
                date="2024-04-09",
                date_source="dateline",
            ),
        ],
    )


def sanctions() -> Article:
    text = (
        "WASHINGTON, May 2, 2024 (Tidewire) - The United States imposed new sanctions on "
        "Iranian banks on Thursday. Iran called the measures illegal and said it would "
        "complain to the United Nations."
    )
    usa = mention(text, "United States", "m1", USA)
    banks = mention(text, "Iranian banks", "m2", IRN_BUS)
    iran = mention(text, "Iran", "m3", IRN_GOV, nth=1)
    return Article(
        text=text,
        outlet="Tidewire",
        dateline=at(text, "WASHINGTON, May 2, 2024 (Tidewire) -"),
        dateline_place="Washington",
        published=date(2024, 5, 2),
        date_source="dateline",
        source="https://news.example.org/sanctions",
        mentions=[usa, banks, iran],
        timexes=[
            TimeExpression(
                *_pos(at(text, "Thursday")),
                id="t1",
                value="2024-05-02",
                granularity="day",
                anchor="dateline",
            )
        ],
        quotes=[
            Quote(
                *_pos(at(text, "it would complain to the United Nations")),
                id="q1",
                kind="indirect",
                speaker=at(text, "Iran", 1),
                speaker_mention="m3",
                speaker_actor=IRN_GOV,
                cue=at(text, "said"),
            )
        ],
        events=[
            event(
                text,
                "e1",
                "SANCTION",
                "imposed",
                [usa],
                [banks],
                cameo="163",
                goldstein=-8.0,
                quad_class=4,
                date="2024-05-02",
                date_source="text",
                date_granularity="day",
                time_id="t1",
            ),
            event(
                text,
                "e2",
                "DISAPPROVE",
                "called",
                [iran],
                [usa],
                cameo="111",
                goldstein=-2.0,
                quad_class=3,
                date="2024-05-02",
                date_source="dateline",
            ),
        ],
    )


def _pos(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.text


def articles() -> list[Article]:
    return [talks(), shelling(), sanctions()]
