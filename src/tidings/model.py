"""The one data model every stage reads and annotates.

An :class:`Article` holds the text exactly as read (offsets never shift) plus the spans that are
excluded from analysis (title, boilerplate). Stages add annotations to it: actor mentions,
places, time expressions, quotes and events. Every annotation carries ``start``/``end`` character
offsets into ``Article.text``, so each field can be checked against the words it came from.

Serialisation is plain JSON (``to_dict``/``from_dict``) with :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self

if TYPE_CHECKING:
    from tidings.layout import Layout

SCHEMA_VERSION = 1

Factuality = Literal["asserted", "negated", "possible", "hypothetical", "proposed", "future"]
FACTUALITIES: tuple[str, ...] = (
    "asserted",
    "negated",
    "possible",
    "hypothetical",
    "proposed",
    "future",
)
#: ``direct``: inside quotation marks; ``indirect``: a reported clause ("said that ...");
#: ``partial``: quoted words inside a reported clause; ``directive``: an act asked, promised or
#: intended ("urged X to halt the tests", "vowed to retaliate"), an event rather than speech;
#: ``topic``: what a speech act is about ("denied the allegations", "praised the deal");
#: ``scare``: words in quotation marks that nobody is reported to say (a term, a title).
QuoteKind = Literal["direct", "indirect", "partial", "directive", "topic", "scare"]
#: The kinds that are quotes (reported speech): what ``tidings quotes`` lists and the article
#: scorer counts unless other kinds are asked for.
SPEECH_KINDS: tuple[QuoteKind, ...] = ("direct", "indirect", "partial")
DateSource = Literal["text", "dateline", "none"]
#: How an event side was found: ``path``, on a dependency path from the trigger (subject,
#: object, a preposition...); ``nearby``, an actor (or place) of the sentence taken by its
#: position and role when no path names one; ``implied``, named by no word, as PLOVER codes it
#: (the domestic target of a protest, the country where unknown attackers act).
SideFound = Literal["path", "nearby", "implied"]


#: Fields of annotations that hold the id of another annotation of the same article (a
#: TimeExpression's ``anchor`` may also be ``"dateline"``).
REFERENCE_FIELDS = frozenset(
    {"antecedent", "speaker_mention", "mention_id", "time_id", "place_id", "quote_id", "anchor"}
)


@dataclass(slots=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(slots=True)
class Actor:
    """A resolved actor: who a mention refers to, coded CAMEO/PLOVER-style.

    ``country`` is an ISO 3166-1 alpha-3 code, ``IGO`` for intergovernmental organisations, or
    ``None`` when unknown (e.g. a news agency with no country). ``sector`` is GOV, MIL, LEG, JUD,
    COP, REB, OPP, CVL, BUS, MED, EDU, NGO, UNO, IGO... ``kind`` is one of ``country``,
    ``person``, ``organisation``, ``group``.
    """

    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kind: str = "country"
    kb_id: str | None = None

    @property
    def code(self) -> str:
        """CAMEO-style compact code: country followed by sector (``RUSGOV``)."""
        return f"{self.country or '---'}{self.sector or ''}"


@dataclass(slots=True)
class Mention(Span):
    """An actor mention. ``kind``: name, role, metonym, demonym, pronoun, nominal, alias."""

    id: str = ""
    actor: Actor | None = None
    kind: str = "name"
    antecedent: str | None = None  # id of the mention this one refers back to
    confidence: float = 1.0
    why: str = ""  # human-readable reason for the resolution


@dataclass(slots=True)
class Place(Span):
    """A place name resolved against the gazetteer."""

    id: str = ""
    name: str = ""
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    feature: str = ""  # city, country, region...
    confidence: float = 1.0


@dataclass(slots=True)
class TimeExpression(Span):
    """A TIMEX3-style time expression with its normalised TimeML value."""

    id: str = ""
    type: str = "DATE"  # DATE, TIME, DURATION, SET
    value: str = ""  # 2017-09-07, 2017-W36, 2017-WI, PRESENT_REF, P3Y...
    granularity: str = ""  # day, week, month, season, quarter, year, decade, century, time...
    anchor: str = ""  # "dateline", an id of another TimeExpression, or "" (absolute)
    confidence: float = 1.0


@dataclass(slots=True)
class Quote(Span):
    """Direct or reported speech. ``start``/``end``/``text`` are the content span."""

    id: str = ""
    kind: QuoteKind = "direct"
    speaker: Span | None = None  # the speaker's words in the text ("he", "Wang Yi")
    speaker_mention: str | None = None  # id of the Mention the speaker span belongs to
    speaker_actor: Actor | None = None  # resolved speaker (a pronoun resolved to its person)
    cue: Span | None = None  # the speech verb or "according to"
    addressee: Span | None = None
    via: Span | None = None  # channel that relayed it ("reported Reuters")
    date: str | None = None
    date_source: DateSource = "none"
    time_id: str | None = None
    place_id: str | None = None
    confidence: float = 1.0


@dataclass(slots=True)
class Participant(Span):
    """A source or target of an event: a mention span and the actor it resolves to, how it was
    found and how sure that reading is (0-1)."""

    mention_id: str | None = None
    actor: Actor | None = None
    found: SideFound = "path"
    confidence: float = 1.0


@dataclass(slots=True)
class Event:
    """A PLOVER event with CAMEO code, Goldstein score, quad class and factuality.

    ``sources``/``targets`` hold coordinated actors ("China and Russia") as one event, as PLOVER
    records do; exports that need one dyad per row expand them.
    """

    id: str
    type: str  # PLOVER type: AGREE, CONSULT, ... ASSAULT
    trigger: Span
    sentence: Span
    sources: list[Participant] = field(default_factory=list)
    targets: list[Participant] = field(default_factory=list)
    mode: str = ""
    context: str = ""
    cameo: str = ""
    goldstein: float | None = None
    quad_class: int | None = None
    factuality: Factuality = "asserted"
    date: str | None = None
    date_source: DateSource = "none"
    date_granularity: str = ""
    time_id: str | None = None
    place_id: str | None = None
    quote_id: str | None = None  # the quote the event was reported in
    confidence: float = 1.0


@dataclass(slots=True)
class SkippedExpression(Span):
    """Words a stage could not read: it skipped them, logged why and coded the rest."""

    stage: str = ""
    error: str = ""  # the exception's type and message


@dataclass(slots=True)
class Article:
    """A news report and everything the pipeline found in it."""

    text: str
    id: str = ""
    title: str | None = None
    title_span: Span | None = None
    outlet: str | None = None
    dateline: Span | None = None  # the whole dateline prefix, e.g. "ATHENS, March 27 -"
    dateline_place: str | None = None
    published: date | None = None
    date_source: str = "none"  # metadata, dateline, option, none
    source: str | None = None  # path or URL it was read from
    language: str = "en"
    excluded: list[Span] = field(default_factory=list)  # title, boilerplate: not analysed
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    timexes: list[TimeExpression] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    skipped_expressions: list[SkippedExpression] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    #: Paragraphs, quoted stretches and sentences, recorded by the pipeline before the stages
    #: run (:mod:`tidings.layout`); derived from the text and its parse, so never serialised.
    layout: Layout | None = field(
        default=None, repr=False, compare=False, metadata={"derived": True}
    )

    ANNOTATIONS: ClassVar[tuple[str, ...]] = (
        "mentions",
        "places",
        "timexes",
        "quotes",
        "events",
        "skipped_expressions",
    )

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)

    @property
    def analysed_text(self) -> str:
        """The text with excluded spans blanked out: same length, so offsets are unchanged."""
        if not self.excluded:
            return self.text
        chars = list(self.text)
        for span in self.excluded:
            for i in range(span.start, span.end):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def mention(self, mention_id: str | None) -> Mention | None:
        return next((m for m in self.mentions if m.id == mention_id), None)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Actor mentions overlapping the character range ``[start, end)``, in text order."""
        return [m for m in self.mentions if m.start < end and start < m.end]

    def clear_annotations(self) -> None:
        for name in self.ANNOTATIONS:
            getattr(self, name).clear()

    # -- serialisation -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        data = asdict(replace(self, layout=None))
        del data["layout"]
        data["published"] = self.published.isoformat() if self.published else None
        data["schema_version"] = SCHEMA_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        version = data.get("schema_version", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            raise ValueError(
                f"unsupported tidings schema version {version} (want {SCHEMA_VERSION})"
            )
        published = data.get("published")
        return cls(
            text=data["text"],
            id=data.get("id", ""),
            title=data.get("title"),
            title_span=_span(data.get("title_span")),
            outlet=data.get("outlet"),
            dateline=_span(data.get("dateline")),
            dateline_place=data.get("dateline_place"),
            published=date.fromisoformat(published) if published else None,
            date_source=data.get("date_source", "none"),
            source=data.get("source"),
            language=data.get("language", "en"),
            excluded=[Span(**s) for s in data.get("excluded", [])],
            mentions=[_mention(m) for m in data.get("mentions", [])],
            places=[Place(**p) for p in data.get("places", [])],
            timexes=[TimeExpression(**t) for t in data.get("timexes", [])],
            quotes=[_quote(q) for q in data.get("quotes", [])],
            events=[_event(e) for e in data.get("events", [])],
            skipped_expressions=[
                SkippedExpression(**s) for s in data.get("skipped_expressions", [])
            ],
            meta=data.get("meta", {}),
        )


def normalise_for_id(text: str) -> str:
    """Whitespace-folded text: the same article re-read or re-wrapped gets the same id."""
    return re.sub(r"\s+", " ", text).strip()


def content_id(text: str) -> str:
    """Stable article id: the first 16 hex digits of the SHA-256 of the normalised text."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


def _span(data: dict[str, Any] | None) -> Span | None:
    return Span(**data) if data else None


def _actor(data: dict[str, Any] | None) -> Actor | None:
    return Actor(**data) if data else None


def _mention(data: dict[str, Any]) -> Mention:
    return Mention(**{**data, "actor": _actor(data.get("actor"))})


def _participant(data: dict[str, Any]) -> Participant:
    return Participant(**{**data, "actor": _actor(data.get("actor"))})


def _quote(data: dict[str, Any]) -> Quote:
    spans = {k: _span(data.get(k)) for k in ("speaker", "cue", "addressee", "via")}
    return Quote(**{**data, **spans, "speaker_actor": _actor(data.get("speaker_actor"))})


def _event(data: dict[str, Any]) -> Event:
    return Event(
        **{
            **data,
            "trigger": Span(**data["trigger"]),
            "sentence": Span(**data["sentence"]),
            "sources": [_participant(p) for p in data.get("sources", [])],
            "targets": [_participant(p) for p in data.get("targets", [])],
        }
    )
