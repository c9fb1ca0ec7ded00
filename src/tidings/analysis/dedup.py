"""Cross-article deduplication: many reports of one real-world event become one cluster.

Every event (and quote) an article reports becomes a *mention* that keeps its provenance (article
id, outlet, publication date, character offsets). Two mentions are linked when they are
compatible and there is evidence that they report the same thing:

* **compatible** (any failure is a hard conflict): PLOVER types in the same group
  (``data/analysis/dedup.yaml``); the same polarity (a negated event never joins an asserted one);
  dates within a tolerance set by their precision (a day from the text: ±1 day; a month: the whole
  month; no date in the text: the days before publication; years and decades only match the same
  value); places in the same country (and the same place when both are cities); and, when both
  name actors, at least one actor in common (people match by surname, other actors by country
  and compatible sector).
* **evidence**: a weighted score of agreeing sources, agreeing targets (or the same actors in
  swapped roles), minus differing sources or targets, plus the same trigger word and the lexical
  similarity of the two sentences, above a threshold.

Clustering is exact and order-free. Mentions are blocked by (type group, week, actor;
mentions without actors by trigger word) so only plausible pairs are compared; evidence
links form a graph whose connected components are clustered independently by greedy
agglomeration over links sorted by (score, mention order): two clusters merge when no pair across
them conflicts and enough pairs across them have evidence. Because the
links of a set of mentions do not depend on the order they arrive in, adding mentions in any
order, in one batch or incrementally, yields the same clusters. A cluster's id is a hash of its
first mention (by publication date, article id, offset), so the same mentions get the same ids.

Quotes are clustered the same way: the same speaker, dates within a few days, and content words
that overlap.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Generic, Literal, TypeVar

import yaml
from spacy.lang.en.stop_words import STOP_WORDS

from tidings.model import Actor, Article, Event, Quote
from tidings.time import calendar

_WORD = re.compile(r"[^\W\d_]{3,}")
#: Settlement-level place features: two of them must be the same place, not just the same country.
_LOCAL_FEATURES = frozenset({"city", "town", "village", "site", "building", "district"})

#: Factualities of events that may lie after the report: undated, they cover the weeks ahead.
_AHEAD = frozenset({"future", "proposed", "possible", "hypothetical"})
#: A trigger verb in the past perfect ("had asked", "had already been invited"): the event is
#: anterior to the narrative's time, so an undated one is not one of the days before publication.
#: In reported speech ("Israel said its forces had arrested ...") the past perfect is only the
#: simple past shifted back after "said", so it does not count there.
_PAST_PERFECT = re.compile(
    r"\bhad(?:\s+(?:not|never|already|also|just|first|\w+ly))*(?:\s+been)?\s+$"
)

Kind = Literal["event", "quote"]
Key = tuple[str, int, int]  # article id, start and end offsets of a mention
#: The blocks a mention is indexed under, and the blocks its candidates are looked up in.
Blocks = tuple[Iterable[Hashable], Iterable[Hashable]]


# -- configuration -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DedupConfig:
    """Thresholds and type groups; defaults from ``data/analysis/dedup.yaml``."""

    type_group: dict[str, str]
    day_slack: int = 1
    dateline_window: int = 2
    dateline_slack: int = 1
    ahead_window: int = 31
    earlier_window: int = 62
    coarse_days: int = 62
    source_weight: float = 0.6
    target_weight: float = 0.6
    cross_weight: float = 0.3
    affiliation_share: float = 0.5
    type_penalty: float = 0.8
    conflict_penalty: float = 0.4
    person_conflict_penalty: float = 1.0
    trigger_weight: float = 0.2
    lexical_weight: float = 3.0
    threshold: float = 1.2
    link_share: float = 1.0
    quote_similarity: float = 0.6
    quote_min_words: int = 3
    quote_date_slack: int = 3

    @classmethod
    def load(cls, overrides: dict[str, Any] | None = None) -> DedupConfig:
        """The packaged settings, with ``overrides`` (field name -> value) applied."""
        data = _packaged_settings()
        groups = {
            type_: name for name, types in data.get("type_groups", {}).items() for type_ in types
        }
        values: dict[str, Any] = {"type_group": groups}
        values.update(data.get("date", {}))
        values.update(data.get("evidence", {}))
        values.update({f"quote_{k}": v for k, v in data.get("quotes", {}).items()})
        values.update(overrides or {})
        return cls(**values)

    def group(self, event_type: str) -> str:
        return self.type_group.get(event_type, event_type)


@lru_cache(maxsize=1)
def _packaged_settings() -> dict[str, Any]:
    text = resources.files("tidings").joinpath("data/analysis/dedup.yaml").read_text("utf-8")
    return yaml.safe_load(text) or {}


# -- mentions ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorKey:
    """What an actor is compared on: country, sector, identity and, for people, the surname."""

    country: str | None
    sector: str | None
    ident: str | None  # knowledge-base id or normalised name (people, actors without a country)
    surname: str | None = None  # people only
    person: bool = False  # a person, named or by role ("the chairman")

    @classmethod
    def of(cls, actor: Actor) -> ActorKey:
        person = actor.kind == "person"
        named = person or not actor.country
        ident = actor.kb_id or (normalise_name(actor.name) if named and actor.name else None)
        surname = _surname(actor.name) if person else None
        return cls(actor.country, actor.sector, ident, surname, person)

    def matches(self, other: ActorKey) -> bool:
        """People match by surname (resolvers disagree on the full names, ids, countries and
        sectors of one person); other actors by identity when a country is missing, else by the
        same country with a compatible sector."""
        if self.surname and other.surname:
            return self.surname == other.surname
        if self.ident and other.ident and (self.country is None or other.country is None):
            return self.ident == other.ident
        if self.country and other.country:
            if self.country != other.country:
                return False
            if self.sector and other.sector and self.sector != other.sector:
                return False
            return not (self.ident and other.ident) or self.ident == other.ident
        return False

    def may_be(self, other: ActorKey) -> bool:
        """A person named only by role ("the chairman") may be any person of a compatible
        country and sector: who it is stays unknown, neither agreement nor conflict."""
        unnamed, other_person = (self, other) if self.person and not self.surname else (other, self)
        if not (unnamed.person and not unnamed.surname and other_person.person):
            return False
        if unnamed.country and other_person.country and unnamed.country != other_person.country:
            return False
        return not (unnamed.sector and other_person.sector) or unnamed.sector == other_person.sector

    def affiliated(self, other: ActorKey) -> bool:
        """A named person and a collective actor (not another person, named or by role) of the
        person's country in a compatible sector: one act is reported as "Obama said" and
        "Washington said" or "the White House said"."""
        person, group = (self, other) if self.surname else (other, self)
        if not person.surname or group.person or not person.country:
            return False
        if person.country != group.country:
            return False
        return group.sector is None or group.sector == person.sector

    def block_keys(self) -> tuple[str, ...]:
        """Keys shared by any two matching actors (a person without a country: the surname)."""
        if self.surname:
            return (f"p:{self.surname}",)
        return tuple(k for k in (self.country, self.ident) if k)

    def affiliation_keys(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Keys (indexed under, looked up) that bring a person and collective actors of the
        person's country together, without comparing every two people of one country."""
        if not self.country or (self.person and not self.surname):
            return (), ()
        if self.surname:
            return (f"a:{self.country}",), (self.country,)
        return (), (f"a:{self.country}",)


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _surname(name: str) -> str | None:
    """The last word of a proper name ("Susan E. Rice": rice); None for a role ("counterpart")."""
    words = [w for w in name.replace(".", " ").split() if w.lower() not in _NAME_SUFFIXES]
    if not words or not words[-1][:1].isupper():
        return None
    return words[-1].lower()


def normalise_name(name: str) -> str:
    return " ".join(name.lower().replace(".", " ").split())


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of three letters or more that are not stop words."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS)


@dataclass(frozen=True, slots=True)
class When:
    """A date as an interval of day ordinals with a slack, or a coarse/undated key.

    A coarse date (a year, a decade) keeps its interval: it matches the same value, or a precise
    date inside it ("last year's attack" / "the attack last September").
    """

    lo: int = 0
    hi: int = 0
    slack: int = 0
    coarse: str | None = None  # "2015" for year-level dates, "" when undated

    def compatible(self, other: When) -> bool:
        if self.coarse is not None or other.coarse is not None:
            if self.coarse == other.coarse:
                return True
            wide, narrow = (self, other) if self.coarse else (other, self)
            return bool(wide.coarse) and narrow.coarse is None and wide.contains(narrow)
        gap = max(self.lo, other.lo) - min(self.hi, other.hi)
        return gap <= max(self.slack, other.slack)

    def contains(self, other: When) -> bool:
        return self.lo <= other.lo and other.hi <= self.hi

    def buckets(self) -> tuple[Hashable, ...]:
        """The weeks the interval (with its slack) touches: mentions that can match share one."""
        if self.coarse is not None:
            return (("coarse", self.coarse),)
        return tuple(range((self.lo - self.slack) // 7, (self.hi + self.slack) // 7 + 1))

    def containment_buckets(self) -> tuple[tuple[Hashable, ...], tuple[Hashable, ...]]:
        """Buckets (indexed under, looked up) that bring a coarse date together with the precise
        dates of its years, without comparing precise dates with each other by year."""
        if self.coarse == "" or not self.hi:
            return (), ()
        first, last = date.fromordinal(self.lo).year, date.fromordinal(self.hi).year
        years = range(first, last + 1)
        inside, around = tuple(("in", y) for y in years), tuple(("around", y) for y in years)
        return (around, inside) if self.coarse else (inside, around)


def when(
    value: str | None,
    source: str,
    published: date | None,
    config: DedupConfig,
    *,
    ahead: bool = False,
    earlier: bool = False,
) -> When:
    """The comparable date of a mention: its own date if the text gives one, else the dateline's.

    An undated mention covers the days before publication; one that looks ``ahead`` (a future,
    planned or possible event) also the weeks after it. One told as ``earlier`` than the
    narrative (past perfect: "had asked") happened on some day of the weeks before publication
    but not on the publication day: like a year, it matches only a precise date inside that
    span, or another such mention of a report published the same day.
    """
    span = calendar.parse(value) if value and source == "text" else None
    if span:
        lo, hi = span.first.toordinal(), span.last.toordinal()
        if hi - lo > config.coarse_days:
            return When(lo, hi, coarse=value)
        return When(lo, hi, config.day_slack)
    if published and earlier:
        day = published.toordinal()
        return When(day - config.earlier_window, day - 1, coarse=f"before {published.isoformat()}")
    if published:
        day = published.toordinal()
        last = day + config.ahead_window if ahead else day
        return When(day - config.dateline_window, last, config.dateline_slack)
    return When(coarse="")


@dataclass(frozen=True, slots=True)
class EventMention:
    """One article's report of an event, with its provenance and what it is compared on."""

    article_id: str
    start: int  # trigger offsets in the article text
    end: int
    sentence_start: int
    sentence_end: int
    type: str
    outlet: str | None
    published: date | None
    event_id: str
    date: str | None
    when: When
    sources: frozenset[ActorKey]
    targets: frozenset[ActorKey]
    place: tuple[str | None, int | None, bool] | None  # country, geonames id, settlement-level
    negated: bool
    trigger_word: str
    words: frozenset[str]

    key: Key = field(init=False, compare=False)
    order: tuple[int, str, int, int] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        _set_identity(self)

    @property
    def actor_keys(self) -> frozenset[str]:
        """Blocking keys (a link between mentions that name actors needs an actor in common)."""
        return frozenset(k for actor in self.sources | self.targets for k in actor.block_keys())

    @property
    def affiliation_keys(self) -> tuple[frozenset[str], frozenset[str]]:
        """Blocking keys (indexed under, looked up) that let a person meet the person's country."""
        keys = [actor.affiliation_keys() for actor in self.sources | self.targets]
        return (
            frozenset(k for under, _ in keys for k in under),
            frozenset(k for _, up in keys for k in up),
        )


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """One article's report of a statement: the speaker and the content words."""

    article_id: str
    start: int  # content offsets
    end: int
    outlet: str | None
    published: date | None
    quote_id: str
    speaker: str
    speaker_code: str
    date: str | None
    when: When
    words: frozenset[str]

    key: Key = field(init=False, compare=False)
    order: tuple[int, str, int, int] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        _set_identity(self)


def _set_identity(mention: EventMention | QuoteMention) -> None:
    """A mention's key (article id, offsets) and its order (publication date first), set once."""
    key = (mention.article_id, mention.start, mention.end)
    published = mention.published.toordinal() if mention.published else date.max.toordinal()
    object.__setattr__(mention, "key", key)
    object.__setattr__(mention, "order", (published, *key))


def event_mentions(article: Article, config: DedupConfig) -> list[EventMention]:
    """The events of an article as mentions to deduplicate."""
    places = {p.id: p for p in article.places}
    reported = {q.id for q in article.quotes if q.kind == "indirect"}
    mentions = []
    for event in article.events:
        place = places.get(event.place_id) if event.place_id else None
        mentions.append(
            EventMention(
                article_id=article.id,
                start=event.trigger.start,
                end=event.trigger.end,
                sentence_start=event.sentence.start,
                sentence_end=event.sentence.end,
                type=event.type,
                outlet=article.outlet,
                published=article.published,
                event_id=event.id,
                date=event.date,
                when=when(
                    event.date,
                    event.date_source,
                    article.published,
                    config,
                    ahead=event.factuality in _AHEAD,
                    earlier=event.quote_id not in reported and _past_perfect(article, event),
                ),
                sources=_actor_keys(event, "sources"),
                targets=_actor_keys(event, "targets"),
                place=(
                    (place.country, place.geonames_id, place.feature in _LOCAL_FEATURES)
                    if place
                    else None
                ),
                negated=event.factuality == "negated",
                trigger_word=event.trigger.text.lower(),
                words=content_words(event.sentence.text),
            )
        )
    return mentions


def _past_perfect(article: Article, event: Event) -> bool:
    """Whether the event's trigger is a verb in the past perfect ("had asked")."""
    start = max(event.sentence.start, event.trigger.start - 60)
    return _PAST_PERFECT.search(article.analysed_text, start, event.trigger.start) is not None


def _actor_keys(event: Event, role: Literal["sources", "targets"]) -> frozenset[ActorKey]:
    return frozenset(ActorKey.of(p.actor) for p in getattr(event, role) if p.actor)


def quote_mentions(article: Article, config: DedupConfig) -> list[QuoteMention]:
    """The article's attributed quotes (a quote without a resolved speaker cannot be matched)."""
    mentions = []
    for quote in article.quotes:
        speaker = speaker_key(quote)
        if speaker is None:
            continue
        published = article.published
        source = "text" if quote.date_source == "text" else "dateline"
        mentions.append(
            QuoteMention(
                article_id=article.id,
                start=quote.start,
                end=quote.end,
                outlet=article.outlet,
                published=published,
                quote_id=quote.id,
                speaker=speaker,
                speaker_code=quote.speaker_actor.code if quote.speaker_actor else "",
                date=quote.date,
                when=when(quote.date, source, published, config),
                words=content_words(quote.text),
            )
        )
    return mentions


def speaker_key(quote: Quote) -> str | None:
    """Who said it, comparably across articles: a person's surname (resolvers disagree on full
    names and ids: "Susan Rice", "Susan E. Rice"), else the actor's id, name or code."""
    actor = quote.speaker_actor
    if actor is None:
        return None
    if actor.kind == "person" and (surname := _surname(actor.name)):
        return f"person:{surname}"
    if actor.kb_id:
        return actor.kb_id
    if not actor.country:
        return normalise_name(actor.name) or None
    return actor.code


# -- comparison ----------------------------------------------------------------------------------


def _relation(left: frozenset[ActorKey], right: frozenset[ActorKey], affiliation: float) -> float:
    """1 when the actor sets share an actor, ``affiliation`` when they share only a person and
    the person's country or government, 0 when either is unknown (or only a person named by
    role may be the other's person), -1 when they differ."""
    if not left or not right:
        return 0
    best = -1.0
    for a in left:
        for b in right:
            if a.matches(b):
                return 1
            if a.affiliated(b):
                best = max(best, affiliation)
            elif a.may_be(b):
                best = max(best, 0)
    return best


def _conflict(
    left: frozenset[ActorKey], right: frozenset[ActorKey], relation: float, config: DedupConfig
) -> float:
    """The penalty for differing actors in one role: named people differ more surely than
    countries or sectors, which resolvers code less consistently."""
    if relation >= 0:
        return 0.0
    people = any(a.surname for a in left) and any(b.surname for b in right)
    return config.person_conflict_penalty if people else config.conflict_penalty


def dice(left: frozenset[str], right: frozenset[str]) -> float:
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


def compare_events(a: EventMention, b: EventMention, config: DedupConfig) -> float | None:
    """Evidence that two mentions report the same event, or None when they cannot."""
    if config.group(a.type) != config.group(b.type) or a.negated != b.negated:
        return None
    if not a.when.compatible(b.when) or not _places_compatible(a.place, b.place):
        return None
    share = config.affiliation_share
    sources = _relation(a.sources, b.sources, share)
    targets = _relation(a.targets, b.targets, share)
    crossed = False
    if sources <= 0 and targets <= 0 and (a.sources or a.targets) and (b.sources or b.targets):
        # both name actors but agree in no role: the same actors with their roles confused by
        # the parse ("A's invitation to B" / "B accepted A's invitation") or different events
        crossed = (
            _relation(a.sources, b.targets, share) > 0 or _relation(a.targets, b.sources, share) > 0
        )
        if not crossed:
            return None
    return (
        -config.type_penalty * (a.type != b.type)
        + config.source_weight * max(sources, 0)
        + config.target_weight * max(targets, 0)
        + config.cross_weight * crossed
        - _conflict(a.sources, b.sources, sources, config)
        - _conflict(a.targets, b.targets, targets, config)
        + config.trigger_weight * (a.trigger_word == b.trigger_word)
        + config.lexical_weight * dice(a.words, b.words)
    )


def _places_compatible(
    a: tuple[str | None, int | None, bool] | None, b: tuple[str | None, int | None, bool] | None
) -> bool:
    if a is None or b is None:
        return True
    if a[0] and b[0] and a[0] != b[0]:
        return False
    if a[2] and b[2] and a[1] is not None and b[1] is not None:
        return a[1] == b[1]
    return True


def compare_quotes(a: QuoteMention, b: QuoteMention, config: DedupConfig) -> float | None:
    """Similarity of two statements by the same speaker, or None when they cannot match."""
    if a.speaker != b.speaker:
        return None
    if a.when.coarse is None and b.when.coarse is None:
        gap = max(a.when.lo, b.when.lo) - min(a.when.hi, b.when.hi)
        if gap > config.quote_date_slack:
            return None
    elif a.when.coarse != b.when.coarse:
        return None
    shorter = min(len(a.words), len(b.words))
    if shorter < config.quote_min_words:
        return 1.0 if a.words and a.words == b.words else 0.0
    return len(a.words & b.words) / shorter


# -- clusters ------------------------------------------------------------------------------------

M = TypeVar("M", EventMention, QuoteMention)


@dataclass(frozen=True)
class Cluster(Generic[M]):
    """Mentions of one real-world event (or statement), first report first."""

    id: str
    kind: Kind
    mentions: tuple[M, ...]

    @property
    def mention_count(self) -> int:
        return len(self.mentions)

    @property
    def first(self) -> M:
        return self.mentions[0]

    @property
    def outlets(self) -> list[str]:
        return sorted({m.outlet for m in self.mentions if m.outlet})

    @property
    def articles(self) -> list[str]:
        return sorted({m.article_id for m in self.mentions})

    @property
    def label(self) -> str:
        """The event type (or speaker) most mentions give, ties broken alphabetically."""
        values = Counter(
            m.type if isinstance(m, EventMention) else m.speaker for m in self.mentions
        )
        return min(values, key=lambda v: (-values[v], v))

    @property
    def date(self) -> str | None:
        """The most precise date the reports give (most often given, then earliest)."""
        dated = [m for m in self.mentions if m.date and m.when.coarse is None]
        if not dated:
            return None
        narrowest = min(m.when.hi - m.when.lo for m in dated)
        values = Counter(m.date for m in dated if m.when.hi - m.when.lo == narrowest)
        return min(values, key=lambda v: (-values[v], v or ""))


class _Clusterer(Generic[M]):
    """Blocking, evidence links and order-free greedy clustering for one kind of mention."""

    def __init__(
        self,
        kind: Kind,
        compare: Callable[[M, M], float | None],
        blocks: Callable[[M], Blocks],
        threshold: float,
        link_share: float,
    ) -> None:
        self.kind: Kind = kind
        self.compare = compare
        self.blocks = blocks
        self.threshold = threshold
        self.link_share = link_share
        self.mentions: dict[Key, M] = {}
        self.index: dict[Hashable, list[Key]] = defaultdict(list)
        self.links: dict[Key, dict[Key, float]] = defaultdict(dict)
        self.cluster_of: dict[Key, str] = {}
        self.clusters: dict[str, Cluster[M]] = {}

    def add(self, mentions: Iterable[M]) -> tuple[set[str], set[str]]:
        """Add mentions (re-adding is a no-op): (new or changed cluster ids, retired ids)."""
        fresh = list({m.key: m for m in mentions if m.key not in self.mentions}.values())
        for mention in fresh:
            self.mentions[mention.key] = mention
            indexed_under, looked_up = self.blocks(mention)
            candidates: dict[Key, None] = {}
            for block in looked_up:
                candidates.update(dict.fromkeys(self.index.get(block, ())))
            for block in indexed_under:
                self.index[block].append(mention.key)
            for other in candidates:
                score = self.compare(mention, self.mentions[other])
                if score is not None and score >= self.threshold:
                    self.links[mention.key][other] = score
                    self.links[other][mention.key] = score
        changed: set[str] = set()
        kept: set[str] = set()
        retired: set[str] = set()
        for component in self._components([m.key for m in fresh]):
            retired.update(self.cluster_of[k] for k in component if k in self.cluster_of)
            for group in self._cluster(component):
                cluster = self._make(group)
                kept.add(cluster.id)
                if self.clusters.get(cluster.id) == cluster:
                    continue  # the same mentions as before
                self.clusters[cluster.id] = cluster
                for mention in group:
                    self.cluster_of[mention.key] = cluster.id
                changed.add(cluster.id)
        retired -= kept
        for cluster_id in retired:
            del self.clusters[cluster_id]
        return changed, retired

    def _components(self, starts: list[Key]) -> list[list[Key]]:
        """The link-graph components holding these mentions (each listed once)."""
        seen: set[Key] = set()
        components = []
        for start in starts:
            if start in seen:
                continue
            seen.add(start)
            component, stack = [], [start]
            while stack:
                key = stack.pop()
                component.append(key)
                for other in self.links.get(key, ()):
                    if other not in seen:
                        seen.add(other)
                        stack.append(other)
            components.append(component)
        return components

    def _cluster(self, keys: Sequence[Key]) -> list[list[M]]:
        """Greedy agglomeration of one link component, strongest links first."""
        mentions = self.mentions
        groups: dict[Key, list[Key]] = {k: [k] for k in keys}
        owner = {k: k for k in keys}
        links = sorted(
            (
                (-score, mentions[a].order, mentions[b].order, a, b)
                for a in keys
                for b, score in self.links[a].items()
                if mentions[a].order < mentions[b].order
            ),
        )
        for *_, a, b in links:
            left, right = owner[a], owner[b]
            if left != right and self._can_merge(groups[left], groups[right]):
                keep, gone = sorted((left, right), key=lambda k: mentions[k].order)
                groups[keep].extend(groups.pop(gone))
                for key in groups[keep]:
                    owner[key] = keep
        return [sorted((mentions[k] for k in g), key=lambda m: m.order) for g in groups.values()]

    def _can_merge(self, left: list[Key], right: list[Key]) -> bool:
        """No pair across conflicts and at least ``link_share`` of the pairs are linked."""
        pairs = len(left) * len(right)
        allowed_unlinked = pairs - math.ceil(self.link_share * pairs - 1e-9)
        unlinked = 0
        for a in left:
            links = self.links[a]
            for b in right:
                if b in links:
                    continue
                unlinked += 1
                if unlinked > allowed_unlinked:
                    return False
                if self.compare(self.mentions[a], self.mentions[b]) is None:
                    return False
        return True

    def _make(self, group: list[M]) -> Cluster[M]:
        first = group[0]
        digest = hashlib.sha1(f"{self.kind}|{first.article_id}|{first.start}|{first.end}".encode())
        prefix = "ev" if self.kind == "event" else "qt"
        return Cluster(f"{prefix}-{digest.hexdigest()[:12]}", self.kind, tuple(group))


@dataclass
class Deduplicator:
    """Incremental, order-free clustering of event and quote mentions across articles."""

    config: DedupConfig = field(default_factory=DedupConfig.load)

    def __post_init__(self) -> None:
        config = self.config
        self.events: _Clusterer[EventMention] = _Clusterer(
            "event",
            lambda a, b: compare_events(a, b, config),
            self._event_blocks,
            config.threshold,
            config.link_share,
        )
        self.quotes: _Clusterer[QuoteMention] = _Clusterer(
            "quote",
            lambda a, b: compare_quotes(a, b, config),
            self._quote_blocks,
            config.quote_similarity,
            1.0,
        )

    def _event_blocks(self, mention: EventMention) -> Blocks:
        """Blocks by (type group, date bucket, actor).

        A link needs an actor in common, unless one side names no actor; a mention without
        actors can only link on its words, so it meets the mentions of its week with the same
        trigger word. A person also meets the collective actors of the person's country, and a
        year-level mention the precise mentions of its years (``When.containment_buckets``).
        """
        group = self.config.group(mention.type)
        trigger = mention.trigger_word
        shared = mention.when.buckets()
        inside, around = mention.when.containment_buckets()
        under_buckets, up_buckets = (*shared, *inside), (*shared, *around)
        actors = sorted(mention.actor_keys)
        if not actors:
            indexed = [(group, b, "*", trigger) for b in under_buckets]
            return indexed, [(group, b, k, trigger) for b in up_buckets for k in ("*", "+")]
        affiliated_under, affiliated_up = (sorted(keys) for keys in mention.affiliation_keys)
        indexed = [(group, b, key) for b in under_buckets for key in (*actors, *affiliated_under)]
        indexed += [(group, b, "+", trigger) for b in under_buckets]
        looked_up = [(group, b, key) for b in up_buckets for key in (*actors, *affiliated_up)]
        looked_up += [(group, b, "*", trigger) for b in up_buckets]
        return indexed, looked_up

    @staticmethod
    def _quote_blocks(mention: QuoteMention) -> Blocks:
        mine = [(mention.speaker, bucket) for bucket in mention.when.buckets()]
        return mine, mine

    def add_articles(self, articles: Iterable[Article]) -> None:
        """Add every event and attributed quote of the articles."""
        events: list[EventMention] = []
        quotes: list[QuoteMention] = []
        for article in articles:
            events.extend(event_mentions(article, self.config))
            quotes.extend(quote_mentions(article, self.config))
        self.add_events(events)
        self.add_quotes(quotes)

    def add_events(self, mentions: Iterable[EventMention]) -> tuple[set[str], set[str]]:
        return self.events.add(mentions)

    def add_quotes(self, mentions: Iterable[QuoteMention]) -> tuple[set[str], set[str]]:
        return self.quotes.add(mentions)

    def event_clusters(self) -> list[Cluster[EventMention]]:
        return sorted(self.events.clusters.values(), key=lambda c: c.first.order)

    def quote_clusters(self) -> list[Cluster[QuoteMention]]:
        return sorted(self.quotes.clusters.values(), key=lambda c: c.first.order)

    def event_cluster_id(self, article_id: str, start: int, end: int) -> str:
        """The cluster of the event whose trigger is at ``article_id[start:end]``."""
        return self.events.cluster_of[(article_id, start, end)]

    def quote_cluster_id(self, article_id: str, start: int, end: int) -> str:
        return self.quotes.cluster_of[(article_id, start, end)]


def mention_rows(clusters: Iterable[Cluster[EventMention] | Cluster[QuoteMention]]) -> list[dict]:
    """One row per mention with its cluster's id, size, outlets and first report (for export)."""
    rows = []
    for cluster in clusters:
        first = cluster.first
        outlets = cluster.outlets
        for mention in cluster.mentions:
            rows.append(
                {
                    "cluster_id": cluster.id,
                    "kind": cluster.kind,
                    "label": cluster.label,
                    "date": cluster.date,
                    "mention_count": cluster.mention_count,
                    "outlets": ";".join(outlets),
                    "n_outlets": len(outlets),
                    "first_article_id": first.article_id,
                    "first_outlet": first.outlet,
                    "first_published": first.published.isoformat() if first.published else None,
                    "article_id": mention.article_id,
                    "annotation_id": (
                        mention.event_id if isinstance(mention, EventMention) else mention.quote_id
                    ),
                    "start": mention.start,
                    "end": mention.end,
                    "outlet": mention.outlet,
                    "published": mention.published.isoformat() if mention.published else None,
                }
            )
    return rows
