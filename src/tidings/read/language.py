"""Offline language identification with lingua (its n-gram models ship inside the wheel).

Only English is coded; anything else is recorded as skipped with the language named, instead
of being parsed by an English model into nonsense. Too little text to judge is
"undetermined" and coded, because refusing short English
items would lose data while coding a short foreign item costs little.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

SAMPLE_CHARS = 1_000  # enough for a confident call; keeps detection ~ms per article
MIN_WORDS = 8  # below this, letter n-grams are not evidence enough to refuse an article
MIN_CONFIDENCE = 0.5  # the other language must be at least this likely
#: Frequent English words that are not words of other major languages written in Latin script.
ENGLISH_FUNCTION_WORDS = frozenset(
    {
        *("the", "of", "and", "to", "that", "is", "was", "for", "with", "said", "on", "by"),
        *("it", "as", "at", "from", "has", "have", "had", "he", "his", "its", "are", "were"),
        *("be", "been", "would", "which", "who", "this", "their", "they", "after", "about"),
        *("there", "than", "also", "but", "not"),
    }
)
FUNCTION_WORD_SHARE = 0.2


@dataclass(frozen=True)
class Verdict:
    """``code`` is ISO 639-1 (``"en"``, ``"de"``...) or ``"und"`` when undetermined."""

    code: str
    name: str
    confidence: float

    @property
    def english(self) -> bool:
        return self.code in {"en", "und"}


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """One detector per process (low-accuracy mode: 70 MB, a few ms per article)."""
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def identify(text: str) -> Verdict:
    """The language of ``text`` (judged on its first :data:`SAMPLE_CHARS` characters).

    Plain English prose is recognised first by its function words (a fifth or more of the
    words are English-only ones like "the", "of", "and", "said"; the confidence is then that
    share), which costs microseconds; anything else goes to the lingua detector.
    """
    sample = text[:SAMPLE_CHARS]
    words = sample.lower().split()
    if len(words) < MIN_WORDS:
        return Verdict("und", "undetermined", 0.0)
    share = sum(1 for word in words if word in ENGLISH_FUNCTION_WORDS) / len(words)
    if share >= FUNCTION_WORD_SHARE:
        return Verdict("en", "English", round(share, 2))
    values = detector().compute_language_confidence_values(sample)
    if not values:
        return Verdict("und", "undetermined", 0.0)
    best = values[0]
    if best.language is Language.ENGLISH:
        return Verdict("en", "English", best.value)
    if best.value < MIN_CONFIDENCE:
        return Verdict("und", "undetermined", best.value)
    return Verdict(
        best.language.iso_code_639_1.name.lower(), best.language.name.title(), best.value
    )
