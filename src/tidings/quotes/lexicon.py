"""The attribution cue lexicon (``data/quotes/cues.yaml``), loaded once per stage."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from spacy.tokens import Token

DEFAULT_PATH = Path(str(resources.files("tidings") / "data" / "quotes" / "cues.yaml"))


@dataclass(frozen=True)
class Lexicon:
    """Cue words as lower-case lemma sets."""

    speech_verbs: frozenset[str]
    assertion_verbs: frozenset[str]  # the speech verbs that only state a claim (events)
    attitude_verbs: frozenset[str]
    quote_verbs: frozenset[str]
    verb_particles: dict[str, frozenset[str]]
    channel_verbs: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    channels: frozenset[str]
    channel_words: frozenset[str]
    scare_max_words: int
    lemma_corrections: dict[str, str]
    headline_rubrics: frozenset[str]
    speech_nouns: frozenset[str]
    documents: frozenset[str]
    addressee_verbs: frozenset[str]
    directive_verbs: frozenset[str]
    issuing_verbs: frozenset[str]
    speech_frames: frozenset[str]
    title_minor_words: frozenset[str]
    quoting_verbs: frozenset[str]
    abbreviations: frozenset[str]  # their full stop ends no sentence

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> Lexicon:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            return cls(
                speech_verbs=_lower_set(data["speech_verbs"]),
                assertion_verbs=_subset(data["assertion_verbs"], data["speech_verbs"]),
                attitude_verbs=_lower_set(data["attitude_verbs"]),
                quote_verbs=_lower_set(data["quote_verbs"]),
                verb_particles={
                    verb.lower(): _lower_set(words)
                    for verb, words in data["verb_particles"].items()
                },
                channel_verbs=_lower_set(data["channel_verbs"]),
                according_to=tuple(tuple(p.lower().split()) for p in data["according_to"]),
                channels=_lower_set(data["channels"]),
                channel_words=_lower_set(data["channel_words"]),
                scare_max_words=int(data["scare_max_words"]),
                headline_rubrics=_lower_set(data["headline_rubrics"]),
                speech_nouns=_lower_set(data["speech_nouns"]),
                documents=_lower_set(data["documents"]),
                addressee_verbs=_lower_set(data["addressee_verbs"]),
                directive_verbs=_lower_set(data["directive_verbs"]),
                issuing_verbs=_lower_set(data["issuing_verbs"]),
                speech_frames=_lower_set(data["speech_frames"]),
                title_minor_words=_lower_set(data["title_minor_words"]),
                quoting_verbs=_lower_set(data["quoting_verbs"]),
                abbreviations=_lower_set(data["abbreviations"]),
                lemma_corrections={
                    wrong.lower(): right.lower()
                    for wrong, right in data["lemma_corrections"].items()
                },
            )
        except (OSError, KeyError, TypeError, yaml.YAMLError) as err:
            raise ValueError(f"{path}: not a valid quotes cue lexicon ({err})") from err

    def lemma(self, token: Token) -> str:
        """The token's lower-case lemma, corrected where the parser's lemmatiser errs."""
        lemma = token.lemma_.lower()
        return self.lemma_corrections.get(lemma, lemma)

    def is_channel_name(self, name: str) -> bool:
        """Whether ``name`` is a known news outlet or agency ("Reuters", "the Associated Press")."""
        lowered = name.lower()
        if lowered.startswith("the "):
            lowered = lowered[4:]
        return lowered in self.channels or f"the {lowered}" in self.channels


def _lower_set(words: list[str]) -> frozenset[str]:
    bad = [w for w in words if not isinstance(w, str)]
    if bad:  # YAML reads bare on/off/no/yes as booleans
        raise TypeError(f"non-word entries {bad} (quote on/off/no/yes)")
    return frozenset(w.lower() for w in words)


def _subset(words: list[str], of: list[str]) -> frozenset[str]:
    """A sub-list of the speech verbs; a word missing from them is a typo or an omission."""
    subset = _lower_set(words)
    missing = subset - _lower_set(of)
    if missing:
        raise KeyError(f"assertion_verbs not in speech_verbs: {sorted(missing)}")
    return subset


@lru_cache(maxsize=1)
def shared() -> Lexicon:
    """The shipped lexicon, loaded once: its speech verbs also serve events and coreference."""
    return Lexicon.load()
