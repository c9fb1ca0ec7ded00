"""The ``quotes`` stage: direct quotes, reported speech, and who said them.

Runs after ``actors`` (speaker mentions and their resolution) and ``time``; before ``events``.

1. Quotation marks are paired by paragraph rules (:mod:`tidings.quotes.marks`).
2. Attribution cues are read off the parse (:mod:`tidings.quotes.cues`).
3. Each quoted stretch is attributed, first rule that applies: the cue whose complement holds it;
   the other half of a split quote; a verb before a colon; a speech cue next to it; a dash
   signature; "he said." in the next paragraph or "X said," ending the one before; the same
   speaker going on from the paragraph above. Short quoted words with none of these are scare
   quotes or titles, with no speaker; longer ones take the last speaker named above.
4. A cue's complement clause that is not already a direct quote is reported speech.
5. Speakers resolve through the actor mentions (pronouns and surnames as the actors stage
   resolved them); without an overlapping mention, spaCy's named entities name the speaker (no
   country is invented); a pronoun nothing resolves is kept as words, never as a name.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from tidings import isolation
from tidings.config import PipelineConfig
from tidings.layout import recorded
from tidings.model import Actor, Article, Mention, Quote, QuoteKind
from tidings.quotes.cues import CharSpan, Content, ContentForm, Cue, cue_for_verb, find_cues
from tidings.quotes.lexicon import Lexicon
from tidings.quotes.marks import Quoted

#: A quote that fills at least this share of the clause its cue governs is the direct quote of
#: that clause; a smaller one is a partial quote inside reported speech.
DIRECT_SHARE = 0.6
#: A clause with this many of the writer's words beside the quote in it, a verb among them
#: ("there remains a "..."), is reported speech holding a partial quote, however much of it
#: the quote fills.
OWN_WORDS = 2
#: An attribution-only paragraph ("he said.") has at most this many words.
ATTRIBUTION_PARAGRAPH_WORDS = 30
#: Words a paragraph may go on after a closing "X said" that covers the whole paragraph.
ATTRIBUTION_TAIL_WORDS = 8
#: A pronoun speaker with nothing resolving it continues the quote chain this many paragraphs.
CHAIN_PARAGRAPHS = 3
#: At most this many words between a quote and the cue next to it (", Secretary Jane Doe said").
ADJACENT_WORDS = 8
_TERMINATOR = re.compile(r"(\w*)[.!?]+(?=\s|$)")
_SIGNATURE = re.compile(r"[\s,]*([―—–]|--)\s*((?:[A-Z][\w.'’-]*\s?){1,5})\s*$")
_LABEL = re.compile(r"[\"“]?((?:[A-Z][\w.’'-]*\s?){1,4}):\s+(\S)")
#: A conjunction or punctuation left dangling at the end of a cut clause.
_SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.IGNORECASE)
_WORD_EDGES = "\"'“”‘’.,;:!?()[]"
_DANGLING = re.compile(r"(?:[\s,;:—–-]+|\b(?:and|but|or|as|when|while)\s*)$", re.IGNORECASE)
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
#: The quote kind of reported content of each form: only a clause is reported speech.
_REPORTED_KINDS: dict[ContentForm, QuoteKind] = {
    "clause": "indirect",
    "directive": "directive",
    "topic": "topic",
}
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
_ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "country", "NORP": "group"}


@dataclass(slots=True)
class _Attribution:
    """A quoted stretch or reported clause and the cue it hangs on."""

    start: int
    end: int
    kind: QuoteKind
    cue: Cue | None
    paragraph: int
    confidence: float
    inherited: bool = False  # speaker carried over from a cue that belongs to other words


class QuotesStage:
    """Finds quotes and reported speech and attributes them to speakers."""

    name = "quotes"
    requires: tuple[str, ...] = ()
    reads: tuple[str, ...] = ("mentions", "places")
    assigns: tuple[str, ...] = ("quotes",)

    def __init__(self, lexicon: Lexicon, attitudes: bool = True) -> None:
        self.lexicon = lexicon
        self.attitudes = attitudes

    def __call__(self, article: Article, doc: Doc) -> None:
        text = article.analysed_text
        layout = recorded(article, doc)
        paras, quoted = list(layout.paragraphs), list(layout.quoted)
        marked = [(q.outer_start, q.outer_end) for q in quoted]
        cues = self._cues(article, doc, paras, marked)
        reader = _ArticleReader(text, doc, paras, cues, self.lexicon, marked)
        direct = reader.attribute_quoted(quoted, article)
        reported = reader.reported_speech(direct, quoted)
        attributions = sorted(direct + reported, key=lambda a: (a.start, a.end))
        resolver = _SpeakerResolver(article, doc, paras, marked)
        for item in attributions:
            with isolation.expression(article, self.name, item.start, item.end):
                article.quotes.append(resolver.quote(f"q{len(article.quotes) + 1}", item))

    def _cues(
        self, article: Article, doc: Doc, paras: list[tuple[int, int]], marked: list[CharSpan]
    ) -> list[Cue]:
        """The attribution cues of the article in text order. A dateline ("ATHENS, March 27 -",
        "PARIS:") is neither reported content nor a speaker, and a place is never a label."""
        text = article.analysed_text
        places = [(p.start, p.end) for p in article.places] + [
            (e.start_char, e.end_char) for e in doc.ents if e.label_ in _PLACE_ENTITIES
        ]
        labels = _label_cues(text, doc, paras, self.lexicon.headline_rubrics, places)
        cues = sorted(
            find_cues(doc, self.lexicon, self.attitudes, marked) + labels, key=lambda c: c.position
        )
        if article.dateline is None:
            return cues
        tail = text[article.dateline.end :]
        body = article.dateline.end + len(tail) - len(tail.lstrip())
        for cue in cues:
            cue.contents = [
                c._replace(start=max(c.start, body)) for c in cue.contents if c.end > body
            ]
            if cue.speaker is None or cue.speaker[0] >= body:
                continue
            if cue.speaker_head is not None and cue.speaker_head.idx >= body:
                cue.speaker = (body, cue.speaker[1])  # "PARIS - Officials said"
            else:
                cue.speaker = cue.speaker_head = None
        return cues


class _ArticleReader:
    """Attribution of quoted stretches and reported clauses within one article."""

    def __init__(
        self,
        text: str,
        doc: Doc,
        paras: list[tuple[int, int]],
        cues: list[Cue],
        lexicon: Lexicon,
        marked: list[CharSpan],
    ) -> None:
        self.text = text
        self.marked = marked
        self.doc = doc
        self.paras = paras
        self.para_starts = [start for start, _ in paras]
        self.lexicon = lexicon
        self.sentences = [(s.start_char, s.end_char) for s in doc.sents]
        self.entities = [e for e in doc.ents if e.label_ in _ENTITY_KINDS]
        self.sentence_starts = [start for start, _ in self.sentences]
        for cue in cues:  # reported content stays in the cue's paragraph
            p_start, p_end = paras[self.paragraph_of(cue.position)] if paras else (0, len(text))
            cue.contents = [
                c._replace(start=max(c.start, p_start), end=min(c.end, p_end))
                for c in cue.contents
                if min(c.end, p_end) > max(c.start, p_start)
            ]
        self.cues = cues
        # a cue inside quotation marks belongs to the quoted words, never to another quotation
        self.outside_cues = [c for c in cues if not _inside_any(c.position, marked)]

    def _sentence_range(self, start: int, end: int) -> tuple[int, int]:
        """From the start of the sentence holding ``start`` to the end of the one holding
        ``end - 1``."""
        first = max(bisect.bisect_right(self.sentence_starts, start) - 1, 0)
        last = max(bisect.bisect_right(self.sentence_starts, end - 1) - 1, 0)
        return self.sentences[first][0], self.sentences[last][1]

    def paragraph_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self.para_starts, offset) - 1, 0)

    def _ends_sentence(self, gap: str) -> bool:
        """Whether a stretch between a quote and a cue holds a sentence end (not "Mr.", "U.S.")."""
        for match in _TERMINATOR.finditer(gap):
            word = match.group(1)
            abbreviation = word.lower() in self.lexicon.abbreviations
            if word and not abbreviation and not (len(word) == 1 and word.isupper()):
                return True
        return False

    # -- direct quotes -----------------------------------------------------------------------

    def attribute_quoted(
        self, quoted: list[Quoted], article: Article | None = None
    ) -> list[_Attribution]:
        """Attribute each quoted stretch; one that cannot be read is skipped (and recorded on
        ``article``)."""
        found: list[_Attribution] = []
        previous: tuple[Quoted, _Attribution] | None = None
        for q in quoted:
            with isolation.expression(article, "quotes", q.start, q.end):
                attribution = self._attribute(q, previous)
                if attribution.kind != "scare" and self._writers_term(q, attribution.cue):
                    attribution = _Attribution(
                        q.start, q.end, "scare", None, attribution.paragraph, 0.7
                    )
                found.append(attribution)
                if attribution.kind != "scare":
                    previous = (q, attribution)
        return found

    def _attribute(self, q: Quoted, previous: tuple[Quoted, _Attribution] | None) -> _Attribution:
        first, last = self.paragraph_of(q.outer_start), self.paragraph_of(q.outer_end - 1)
        words = len(self.text[q.start : q.end].split())
        short = words <= self.lexicon.scare_max_words

        governing, nearby = self._sentence_cues(q, first, last)
        colon = self._colon_cue(q, first)
        if colon is not None and any(colon is c for c in self.cues):
            # a speech verb before a colon introduces what follows (`Doe scolded him: "..."`)
            return _Attribution(q.start, q.end, "direct", colon, first, 0.85)
        if governing is not None:
            cue, content = governing
            nearer = self._adjacent_cue(q, first, last)
            if (
                nearer is not None
                and cue.position < nearer.position < q.outer_start
                and cue.position < nearer.speaker[0]
                and self._introduces(nearer, q)
            ):
                # `She said [..., the mother of three replied, "..."]`: the inner cue speaks
                return _Attribution(q.start, q.end, "direct", nearer, first, 0.85)
            share = (q.end - q.start) / max(content[1] - content[0], 1)
            direct = share >= DIRECT_SHARE and not self._writer_clause(content, q)
            kind: QuoteKind = "direct" if direct else "partial"
            return _Attribution(q.start, q.end, kind, cue, first, 0.9)
        # a split quote: the cue between this stretch and the previous one in the paragraph
        if previous is not None:
            prev_q, prev = previous
            if (
                prev.cue is not None
                and self.paragraph_of(prev_q.outer_end - 1) == first
                and prev_q.outer_end <= prev.cue.position < q.outer_start
            ):
                # a second cue introducing this half takes it (`"X," she said, adding, "Y."`);
                # one that has its say before a sentence ends does not ("..., referring to
                # the treaty. "Y."")
                later = [
                    c
                    for c in self._speech_cues(prev.cue.span[1], q.outer_start)
                    if not self._ends_sentence(self.text[c.span[0] : q.outer_start])
                    and len(self.text[c.span[1] : q.outer_start].split()) <= ADJACENT_WORDS
                ]
                cue = later[-1] if later else prev.cue
                return _Attribution(q.start, q.end, "direct", cue, first, 0.8)
        introduced = colon or self._adjacent_cue(q, first, last)
        if introduced is not None:
            return _Attribution(q.start, q.end, "direct", introduced, first, 0.85)
        signed = self._signature(q, last)
        if signed is not None:
            return _Attribution(q.start, q.end, "direct", signed, first, 0.8)
        stands_alone = self._fills_paragraphs(q, first, last)
        if short and stands_alone and q.open_mark is not None and self.text[q.open_mark] in "'‘":
            # a short line in single marks on its own is a subheading ("'A Long Winter.'")
            return _Attribution(q.start, q.end, "scare", None, first, 0.7)
        if not short or stands_alone:
            outside = self._paragraph_cue(q, first, last)
            if outside is not None:
                return _Attribution(q.start, q.end, "direct", outside, first, 0.75)
            if previous is not None and self._continues(q, first, previous) and not nearby:
                return _Attribution(
                    q.start, q.end, "direct", previous[1].cue, first, 0.6, inherited=True
                )
        if short:
            return _Attribution(q.start, q.end, "scare", None, first, 0.7)
        if nearby is not None:
            return _Attribution(q.start, q.end, "direct", nearby, first, 0.8)
        earlier = self._speech_cues(self.paras[max(first - CHAIN_PARAGRAPHS, 0)][0], q.outer_start)
        if earlier:  # the last speaker named above, most likely still talking
            return _Attribution(q.start, q.end, "direct", earlier[-1], first, 0.5, True)
        return _Attribution(q.start, q.end, "direct", None, first, 0.4)

    def _writers_term(self, q: Quoted, cue: Cue | None) -> bool:
        """Whether a short quoted stretch is the writer's term or a title rather than anyone's
        words: after "so-called", a modifier of the noun after it (`a "joint" force`), or a
        name in title case (`the program "Morning Notes"`) that no cue introduces directly."""
        words = self.text[q.start : q.end].split()
        if len(words) > self.lexicon.scare_max_words:
            return False
        if _SO_CALLED.search(self.text, max(q.outer_start - 12, 0), q.outer_start):
            return True
        if cue is not None and self._introduces_directly(cue, q):
            return False
        return self._modifies_next_noun(q) or (
            len(words) >= 2
            and not self._ends_sentence(self.text[q.start : q.end].rstrip(".!? "))
            and all(
                w[:1].isupper() or w.lower() in self.lexicon.title_minor_words
                for w in (w.strip(_WORD_EDGES) for w in words)
                if w[:1].isalpha()
            )
        )

    def _introduces_directly(self, cue: Cue, q: Quoted) -> bool:
        """Whether only punctuation stands between the quote and its cue or speaker
        (`"...," she said`, `he said: "..."`)."""
        edges = [cue.span] + ([cue.speaker] if cue.speaker else [])
        after = min(start for start, _ in edges)
        before = max(end for _, end in edges)
        if after >= q.outer_end:
            return not self.text[q.outer_end : after].strip(" ,.;:!?—–-")
        return before <= q.outer_start and not self.text[before : q.outer_start].strip(" ,:—–-")

    def _modifies_next_noun(self, q: Quoted) -> bool:
        """Whether the quoted words modify the noun right after the closing mark (`the
        "three-plus-one" formula`, `"timeless" truths`)."""
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        outside = {t.head for t in span if not span.start <= t.head.i < span.end}
        if len(outside) != 1:
            return False
        (head,) = outside
        return (
            head.pos_ in ("NOUN", "PROPN")
            and span.end <= head.i <= span.end + 2
            and span.root.dep_ in ("amod", "compound", "nmod", "nummod")
        )

    def _writer_clause(self, content: CharSpan, q: Quoted) -> bool:
        """Whether ``content`` is a clause in the writer's words with ``q`` inside it: at least
        :data:`OWN_WORDS` words outside the marks (a leading "that" aside), one of them a verb
        ("there remains a '...'", not "the decision '...'")."""
        span = self.doc.char_span(*content, alignment_mode="expand")
        if span is None:
            return False
        words = [
            t
            for t in span
            if not (t.is_punct or t.is_space or q.outer_start <= t.idx < q.outer_end)
        ]
        if words and words[0].lower_ == "that":
            words = words[1:]
        return len(words) >= OWN_WORDS and any(t.pos_ in ("VERB", "AUX") for t in words)

    def _adjacent_cue(self, q: Quoted, first: int, last: int) -> Cue | None:
        """The nearest speech cue next to the quote in its paragraph: after it with only the
        speaker and a few words between (`," Clinton said`, `," said Tim Hess`), or before it
        (`Schiff said. "...`, `told reporters on Monday, "...`)."""
        p_start, p_end = self.paras[first][0], self.paras[last][1]
        best: tuple[int, Cue] | None = None
        for cue in self.outside_cues:
            if cue.kind == "attitude" or cue.speaker is None:
                continue
            if q.outer_end <= cue.position < p_end:
                if not self._opens_sentence(q):  # `Bemoaning the "X," Jane accused Y of Z`
                    continue
                gap = self.text[q.outer_end : cue.position]
            elif p_start <= cue.span[1] <= q.outer_start:
                gap = self.text[max(cue.span[1], cue.speaker[1]) : q.outer_start]
                if not gap.strip(" ,.:;—–-"):
                    gap = ""
            else:
                continue
            if self._ends_sentence(gap) or len(gap.split()) > ADJACENT_WORDS or '"' in gap:
                continue
            distance = len(gap)
            if best is None or distance < best[0]:
                best = (distance, cue)
        return best[1] if best else None

    def _introduces(self, cue: Cue, q: Quoted) -> bool:
        """Whether ``cue`` and its speaker end right before the quote, a comma or colon between
        (`the mother of three replied, "..."`; not `what it calls "..."`)."""
        gap = self.text[max(cue.span[1], cue.speaker[1]) : q.outer_start]
        return not gap.strip(" ,:") and ("," in gap or ":" in gap)

    def _opens_sentence(self, q: Quoted) -> bool:
        """Whether only punctuation stands between the quote and its sentence's start."""
        start, _ = self._sentence_range(q.outer_start, q.outer_start + 1)
        start = max(start, self.paras[self.paragraph_of(q.outer_start)][0])
        return not self.text[start : q.outer_start].strip(" \"'“”‘’([—–-")

    def _signature(self, q: Quoted, last: int) -> Cue | None:
        """A quote signed with a dash and a name ("...” ― Jane Doe"): the name is the speaker."""
        match = _SIGNATURE.match(self.text, q.outer_end, self.paras[last][1])
        if match is None:
            return None
        dash, name = match.span(1), match.span(2)
        tokens = self.doc.char_span(*name, alignment_mode="expand")
        dash_token = self.doc.char_span(*dash, alignment_mode="expand")
        if tokens is None or dash_token is None:
            return None
        return Cue(
            token=dash_token[0],
            span=dash,
            kind="speech",
            speaker_head=tokens[-1],
            speaker=(tokens.start_char, tokens.end_char),
        )

    def _fills_paragraphs(self, q: Quoted, first: int, last: int) -> bool:
        """Whether the quote is its paragraph(s), with nothing but punctuation around it."""
        before = self.text[self.paras[first][0] : q.outer_start]
        after = self.text[q.outer_end : self.paras[last][1]]
        return not (before + after).strip(" ,.;:—–-")

    def _colon_cue(self, q: Quoted, first: int) -> Cue | None:
        """ "X scolded him: '...'": any verb with a subject ending the clause before a colon that
        introduces the quote (the verb need not be in the speech lexicon)."""
        before = self.text[self.paras[first][0] : q.outer_start].rstrip()
        if not before.endswith(":"):
            return None
        colon = self.paras[first][0] + len(before) - 1
        tokens = self.doc.char_span(self.paras[first][0], colon, alignment_mode="expand")
        if tokens is None:
            return None
        for token in reversed(tokens):
            if token.sent.start_char > colon and token.i > tokens.start:
                continue
            if token.pos_ in ("VERB", "AUX") and token.dep_ in ("ROOT", "ccomp", "conj"):
                cue = next((c for c in self.cues if c.token.i == token.i), None)
                if cue is None:
                    cue = cue_for_verb(token, self.lexicon, self.marked)
                return cue if cue.speaker is not None else None
        return None

    def _sentence_cues(
        self, q: Quoted, first: int, last: int
    ) -> tuple[tuple[Cue, CharSpan] | None, Cue | None]:
        """The cue whose complement holds ``q`` (with that complement), and the nearest speech
        cue with a speaker in the sentences around ``q`` (same paragraphs, outside the marks)."""
        lo, hi = self._sentence_range(q.outer_start, q.outer_end)
        lo = max(lo, self.paras[first][0])
        hi = min(hi, self.paras[last][1])
        governing: tuple[Cue, CharSpan] | None = None
        best_overlap = 0
        nearby: Cue | None = None
        best_distance = len(self.text)
        p_start, p_end = self.paras[first][0], self.paras[last][1]
        for cue in self.outside_cues:
            if not p_start <= cue.position < p_end or q.outer_start <= cue.position < q.outer_end:
                continue
            # a cue governs from anywhere in the paragraph (a headline label, a sentence the
            # parser split); only one in the quote's sentence(s) is "nearby"
            for content in cue.contents:
                overlap = min(content[1], q.end) - max(content[0], q.start)
                if overlap > best_overlap and cue.speaker is not None:
                    governing, best_overlap = (cue, content), overlap
            if not lo <= cue.position < hi:
                continue
            if cue.kind == "attitude" or cue.speaker is None:
                continue
            distance = min(abs(cue.position - q.outer_end), abs(q.outer_start - cue.span[1]))
            if distance < best_distance:
                nearby, best_distance = cue, distance
        return governing, nearby

    def _paragraph_cue(self, q: Quoted, first: int, last: int) -> Cue | None:
        """ "he said." in the paragraph after a quote that ends its paragraph, or "X said:" /
        "X said," ending the paragraph before a quote that opens its paragraph."""
        para_end = self.paras[last][1]
        if self.text[q.outer_end : para_end].strip(" ,.;:—–-") == "" and last + 1 < len(self.paras):
            start, end = self.paras[last + 1]
            body = self.text[start:end]
            if len(body.split()) <= ATTRIBUTION_PARAGRAPH_WORDS and not any(
                mark in body for mark in '"“”'
            ):
                cue = self._first_speech_cue(start, end)
                if cue is not None:
                    return cue
        para_start = self.paras[first][0]
        if self.text[para_start : q.outer_start].strip() == "" and first > 0:
            start, end = self.paras[first - 1]
            if self.text[start:end].rstrip()[-1:] in (":", ","):
                candidates = self._speech_cues(start, end)
                named = [c for c in candidates if self._names_someone(c)]
                if named or candidates:
                    return (named or candidates)[-1]
        return None

    def _names_someone(self, cue: Cue) -> bool:
        """Whether the cue's speaker words hold a named entity (not "he", not "the Slimes")."""
        start, end = cue.speaker
        return any(start <= e.start_char and e.end_char <= end for e in self.entities)

    def _speech_cues(self, start: int, end: int) -> list[Cue]:
        return [
            c
            for c in self.outside_cues
            if start <= c.position < end and c.kind != "attitude" and c.speaker is not None
        ]

    def _first_speech_cue(self, start: int, end: int) -> Cue | None:
        cues = self._speech_cues(start, end)
        return cues[0] if cues else None

    def _continues(self, q: Quoted, first: int, previous: tuple[Quoted, _Attribution]) -> bool:
        """A quote opening its paragraph right after the same speaker's attributed quote."""
        prev_q, prev = previous
        if prev.cue is None or prev.cue.speaker is None:
            return False
        if self.text[self.paras[first][0] : q.outer_start].strip():
            return False
        prev_end = max(
            self.paragraph_of(prev_q.outer_end - 1), self.paragraph_of(prev.cue.position)
        )
        return first - prev_end == 1

    # -- reported speech ----------------------------------------------------------------------

    def reported_speech(
        self, direct: list[_Attribution], quoted: list[Quoted]
    ) -> list[_Attribution]:
        """Complement clauses of cues with a speaker, unless already quoted directly. A clause
        the parse lets straddle a quotation mark is a parse error and is left out."""
        quoted_ranges = [(q.start, q.end) for q in quoted]
        direct_by_cue: dict[int, list[_Attribution]] = {}
        for item in direct:
            if item.cue is not None and item.kind != "scare":
                direct_by_cue.setdefault(id(item.cue), []).append(item)
        candidates: list[_Attribution] = []
        for cue in self.cues:
            if cue.speaker is None or _inside_any(cue.position, quoted_ranges):
                continue
            for start, end, form in cue.contents:
                end = self._before_other_quoting_cue(cue, start, end, direct_by_cue)
                if end - start < 2 or self._straddles(start, end, quoted_ranges):
                    continue
                covered = sum(
                    max(0, min(end, a.end) - max(start, a.start))
                    for a in direct_by_cue.get(id(cue), [])
                    if a.kind == "direct"
                )
                if covered >= 0.5 * (end - start):
                    continue
                start = self._paragraph_opening(cue, start, quoted_ranges)
                start, end = self._over_marks(start, end, quoted)
                kind = _REPORTED_KINDS[form]
                candidates.append(
                    _Attribution(start, end, kind, cue, self.paragraph_of(start), 0.7)
                )
        # A participle cue trailing reported content ("..., arguing that ...") starts a relation
        # of its own: the outer content ends before it.
        for outer in candidates:
            for inner in candidates:
                if (
                    inner.cue is not outer.cue
                    and inner.cue.token.tag_ == "VBG"
                    and outer.start < inner.cue.position < outer.end
                ):
                    before = self.text[outer.start : inner.cue.position].rstrip()
                    if before.endswith(","):
                        outer.end = outer.start + len(before[:-1].rstrip())
        # other attribution inside reported content belongs to the outer speaker's words
        contents = [(a.start, a.end, id(a.cue)) for a in candidates]
        return [
            a
            for a in candidates
            if a.end > a.start
            and not any(s <= a.cue.position < e and c != id(a.cue) for s, e, c in contents)
        ]

    def _over_marks(self, start: int, end: int, quoted: list[Quoted]) -> CharSpan:
        """A clause the parse ends at a quote's last word (or starts at its first) takes the
        quotation mark with it: `there remains a "wide gap,"` not `there remains a "wide gap`."""
        for q in quoted:
            if q.start < end <= q.end and not self.text[end : q.end].strip(" ,.;:!?"):
                end = q.outer_end
            if q.start <= start < q.end and not self.text[q.start : start].strip():
                start = q.outer_start
        return start, end

    def _before_other_quoting_cue(
        self, cue: Cue, start: int, end: int, direct_by_cue: dict[int, list[_Attribution]]
    ) -> int:
        """Reported content ends before another cue's speaker that introduces a direct quote
        inside it (`She said X, and, asked why, the lawyer replied, "..."`): that quote and its
        attribution are not the outer speaker's words."""
        cut = end
        for other in self.cues:
            if other is cue or id(other) not in direct_by_cue or other.speaker is None:
                continue
            if start <= other.speaker[0] < cut and start <= other.position < end:
                cut = other.speaker[0]
        if cut == end:
            return end
        end = cut
        while end > start:
            trimmed = _DANGLING.sub("", self.text[start:end])
            if len(trimmed) == end - start:
                break
            end = start + len(trimmed)
        return end

    def _paragraph_opening(self, cue: Cue, start: int, quoted: list[tuple[int, int]]) -> int:
        """News style lets "..., X said." at a paragraph's end cover the whole paragraph: extend
        content that opens its sentence back to the paragraph start when the sentences before it
        hold no other cue and no quotation."""
        if cue.position < start:
            return start
        sentence_start, _ = self._sentence_range(start, start + 1)
        p_start, p_end = self.paras[self.paragraph_of(start)]
        if sentence_start != start or start == p_start or sentence_start < p_start:
            return start
        if (
            self.text[cue.span[1] : p_end].strip(" ,.;:!?")
            and len(self.text[cue.span[1] : p_end].split()) > ATTRIBUTION_TAIL_WORDS
        ):
            return start
        if any(p_start <= c.position < start for c in self.cues) or any(
            p_start <= q_start < start for q_start, _ in quoted
        ):
            return start
        return p_start

    def _straddles(self, start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
        """Whether ``[start, end)`` cuts a quoted range, leaving words of it on the other side."""
        for q_start, q_end in ranges:
            if q_start < start < q_end and end > q_end:
                cut = self.text[q_start:start]
            elif start < q_start < end < q_end:
                cut = self.text[end:q_end]
            else:
                continue
            if cut.strip(" ,.;:!?'\"“”‘’—–-"):
                return True
        return False


class _SpeakerResolver:
    """Turns attributions into Quotes, with the speaker resolved through the actor mentions."""

    def __init__(
        self,
        article: Article,
        doc: Doc,
        paras: list[tuple[int, int]],
        quoted: list[tuple[int, int]],
    ) -> None:
        self.article = article
        self.quoted = quoted
        self.doc = doc
        self.para_starts = [start for start, _ in paras]
        self.entities = [e for e in doc.ents if e.label_ in _ENTITY_KINDS]
        self.persons = [e for e in self.entities if e.label_ == "PERSON"]
        self.last_speaker: tuple[int, Actor] | None = None  # paragraph, person

    def quote(self, quote_id: str, item: _Attribution) -> Quote:
        article = self.article
        quote = Quote(
            start=item.start,
            end=item.end,
            text=article.text[item.start : item.end],
            id=quote_id,
            kind=item.kind,
            confidence=item.confidence,
        )
        cue = item.cue
        if cue is None:
            return quote
        if item.inherited:  # the same speaker goes on; the cue words belong to other words
            quote.speaker = article.span(*cue.speaker)
            quote.speaker_mention, quote.speaker_actor = self._resolved(cue, item.paragraph)
            return quote
        quote.cue = article.span(*cue.span)
        if cue.addressee:
            quote.addressee = article.span(*cue.addressee)
        if cue.via:
            quote.via = article.span(*cue.via)
        quote.place_id = self._place(cue)
        if cue.speaker is not None:
            quote.speaker = article.span(*cue.speaker)
            quote.speaker_mention, quote.speaker_actor = self._resolved(cue, item.paragraph)
        return quote

    def _resolved(self, cue: Cue, paragraph: int) -> tuple[str | None, Actor | None]:
        mention, actor = self._resolve(cue, paragraph)
        if actor is not None and actor.kind == "person":
            self.last_speaker = (paragraph, actor)
        return (mention.id if mention else None), actor

    def _place(self, cue: Cue) -> str | None:
        for start, end in cue.places:
            for place in self.article.places:
                if place.start < end and start < place.end:
                    return place.id
        return None

    def _resolve(self, cue: Cue, paragraph: int) -> tuple[Mention | None, Actor | None]:
        start, end = cue.speaker
        head = cue.speaker_head
        mentions = self.article.mentions_in(start, end)
        if mentions:
            mention = max(
                mentions,
                key=lambda m: (
                    head is not None and m.start <= head.idx < m.end,
                    min(m.end, end) - max(m.start, start),
                ),
            )
            if mention.actor is not None:
                return mention, mention.actor
            if mention.kind == "pronoun":
                return mention, self._chained(head, paragraph)
            return mention, None
        if head is not None and head.pos_ == "PRON":
            return None, self._chained(head, paragraph)
        return None, self._entity_actor(start, end)

    def _chained(self, head: Token | None, paragraph: int) -> Actor | None:
        """An unresolved "he"/"she": the last named speaker, else the nearest person named
        before it outside quotation marks, within a few paragraphs (news attribution names the
        speaker, then goes on with "he said")."""
        if head is None or head.lower_ not in _PERSONAL_PRONOUNS:
            return None
        if self.last_speaker is not None and paragraph - self.last_speaker[0] <= CHAIN_PARAGRAPHS:
            return self.last_speaker[1]
        earliest = self.para_starts[max(paragraph - CHAIN_PARAGRAPHS, 0)]
        for person in reversed(self.persons):
            if person.start_char >= head.idx or person.start_char < earliest:
                continue
            if not _inside_any(person.start_char, self.quoted):
                return Actor(name=self._full_name(person), kind="person")
        return None

    def _full_name(self, person: DocSpan) -> str:
        """A surname expanded to the full name it was first met with."""
        if len(person) == 1:
            for earlier in self.persons:
                if earlier.start < person.start and earlier[-1].text == person.text:
                    return earlier.text
        return person.text

    def _entity_actor(self, start: int, end: int) -> Actor | None:
        """Fallback without actor mentions: the named entity in the speaker words (a surname
        expanded to the full name met earlier), with no country code invented."""
        entities = [e for e in self.entities if start <= e.start_char and e.end_char <= end]
        if not entities:
            return None
        entity = entities[-1] if entities[-1].label_ == "PERSON" else entities[0]
        name = self._full_name(entity) if entity.label_ == "PERSON" else entity.text
        return Actor(name=name, kind=_ENTITY_KINDS[entity.label_])


def _label_cues(
    text: str,
    doc: Doc,
    paras: list[tuple[int, int]],
    rubrics: frozenset[str],
    places: list[CharSpan],
) -> list[Cue]:
    """Headline and transcript labels: "Pence: Flowers Won't Be at Debate", "WALLACE: Let's
    start". The label (a name, or a speaker in capitals) is the speaker; the rest the content.
    A place before a colon is a dateline ("PARIS: ..."), not a speaker."""
    cues = []
    for p_start, p_end in paras:
        match = _LABEL.match(text, p_start, p_end)
        if match is None or any(
            start < match.end(1) and match.start(1) < end for start, end in places
        ):
            continue
        label = doc.char_span(*match.span(1))
        if label is None:
            continue
        named = match.group(1).isupper() or any(t.ent_type_ in _ENTITY_KINDS for t in label)
        # a headline names its source without the parser's help ("Poll: ...", "Pence: ...")
        headline = p_start == paras[0][0] and label.text.lower() not in rubrics
        if not (named or headline):
            continue
        colon = match.end(1)
        cues.append(
            Cue(
                token=label[-1],
                span=(colon, colon + 1),
                kind="speech",
                speaker_head=label[-1],
                speaker=match.span(1),
                contents=[Content(match.start(2), p_end)],
            )
        )
    return cues


def _inside_any(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)


def create(config: PipelineConfig) -> QuotesStage:
    """Build the stage from ``config.quotes`` (its cue lexicon and whether attitudes count)."""
    options = config.quotes
    lexicon = Lexicon.load(options.lexicon) if options.lexicon else Lexicon.load()
    return QuotesStage(lexicon, attitudes=options.attitudes)
