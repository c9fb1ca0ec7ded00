"""What a pipeline is built from: the stages to run, in order, and each stage's typed options.

This module is light on purpose (no spaCy): stages import their configuration from here, and so
can a caller that only builds a configuration (the CLI, worker processes, tests).

Every stage reads its options the same way: ``create(config)`` takes the whole
:class:`PipelineConfig` and reads the section named after the stage (``config.events`` for the
``events`` stage). A section is a frozen dataclass, so a configuration is hashable, printable
and safe to send to worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: Stage name -> module providing ``create(config) -> Stage``. The order here is the run order
#: of the default pipeline; :mod:`tidings.pipeline` checks any other order against the stages'
#: declared reads and writes when it is built.
STAGES: dict[str, str] = {
    "actors": "tidings.actors.stage",
    "time": "tidings.time.stage",
    "quotes": "tidings.quotes.stage",
    "events": "tidings.events.stage",
    "dating": "tidings.time.event_and_quote_dates",
}
DEFAULT_STAGES: tuple[str, ...] = tuple(STAGES)


@dataclass(frozen=True, slots=True)
class ActorsConfig:
    """Options of the ``actors`` stage."""

    #: User actor dictionaries (``--actors``) added to the packaged knowledge base.
    files: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class TimeConfig:
    """Options of the ``time`` stage."""

    #: Recognition patterns to use instead of the packaged ``data/time/patterns.yaml``.
    patterns: Path | None = None


@dataclass(frozen=True, slots=True)
class QuotesConfig:
    """Options of the ``quotes`` stage."""

    #: A cue lexicon to use instead of the packaged ``data/quotes/cues.yaml``.
    lexicon: Path | None = None
    #: Attribute beliefs and intentions ("X believes that ...") as reported speech.
    attitudes: bool = True


@dataclass(frozen=True, slots=True)
class EventsConfig:
    """Options of the ``events`` stage."""

    #: A trigger lexicon to use instead of the packaged ``data/events/triggers.yaml``.
    triggers: Path | None = None
    #: A trained event detector to use instead of the packaged one.
    detector: Path | None = None


@dataclass(frozen=True, slots=True)
class DatingConfig:
    """Options of the ``dating`` stage."""

    #: How many dependency steps a time expression may be from the word it dates.
    max_steps: int = 4


@dataclass(frozen=True)
class PipelineConfig:
    """Everything that changes what the pipeline produces."""

    model: str | None = None  # spaCy model name; None = default resolution
    stages: tuple[str, ...] = DEFAULT_STAGES
    actors: ActorsConfig = field(default_factory=ActorsConfig)
    time: TimeConfig = field(default_factory=TimeConfig)
    quotes: QuotesConfig = field(default_factory=QuotesConfig)
    events: EventsConfig = field(default_factory=EventsConfig)
    dating: DatingConfig = field(default_factory=DatingConfig)
