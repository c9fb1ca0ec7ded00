"""Attribution cues read off the dependency parse: who says (or thinks) what, to whom, via whom.

A :class:`Cue` is a speech verb ("said", "told", "was quoted as saying"), an attitude verb
("believes") or a prepositional cue ("according to"), with the spans the parse links to it:
the speaker, the addressee, the channel (``via``), places named after "in"/"at", and the
complement clause(s) that are the reported content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from spacy.tokens import Doc, Span, Token

from tidings.quotes.lexicon import Lexicon
from tidings.syntax import paragraph_between

CharSpan = tuple[int, int]
#: What a cue's content is: a ``clause`` that was said ("said that X", "according to X, Y"),
#: a ``directive``: an act asked, promised or intended (a to-infinitive: "urged Iran to halt the
#: tests", "vowed to retaliate"), or a ``topic``: what a speech act is about, named by a noun
#: phrase ("denied the allegations", "called for talks", "praised X for Y").
ContentForm = Literal["clause", "directive", "topic"]


class Content(NamedTuple):
    """One stretch of reported content (character offsets) and its form."""

    start: int
    end: int
    form: ContentForm = "clause"


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Dependencies through which a cue verb without a subject of its own inherits its head's.
_INHERIT_SUBJECT = frozenset({"xcomp", "pcomp", "prep", "advcl", "conj"})
_RELATIVE = frozenset({"who", "which", "that"})
#: Prepositions whose object is what a cue verb speaks of ("warned against", "spoke about").
_TOPIC_PREPS = frozenset({"about", "for", "of", "on", "against", "over"})
#: Prepositions that frame a cue ("in an interview", "during the debate") rather than carry what
#: it says of its object ("described X as Y", "blamed X for Y").
_FRAME_PREPS = frozenset({"in", "at", "during", "before", "after", "since", "amid", "on"})
_NAME_PARTS = frozenset({"compound", "flat", "nummod"})
#: An object that is a date or time is when the cue was spoken ("said Thursday"), not content.
_WHEN = frozenset({"DATE", "TIME"})
#: At most this many words name the speaker between a closing quotation and its cue verb.
ADJACENT_SPEAKER_WORDS = 15
_PERSON_OBJECTS = frozenset({"him", "her", "them", "me", "us", "you"})
_DASHES = frozenset({"—", "–", "―", "--"})
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(slots=True)
class Cue:
    """One attribution cue and the spans the parse attaches to it (character offsets)."""

    token: Token  # the cue verb, or the first word of a prepositional cue
    span: CharSpan  # the cue words ("said", "according to", "pointed out")
    kind: str  # speech, attitude, according
    speaker_head: Token | None = None
    speaker: CharSpan | None = None
    addressee: CharSpan | None = None
    via: CharSpan | None = None
    places: list[CharSpan] = field(default_factory=list)  # objects of "in"/"at" on the cue
    contents: list[Content] = field(default_factory=list)  # what the cue reports

    @property
    def position(self) -> int:
        return self.span[0]


def find_cues(
    doc: Doc, lexicon: Lexicon, attitudes: bool = True, quoted: list[CharSpan] | None = None
) -> list[Cue]:
    """Every attribution cue in ``doc``, in text order, relays passed on to the cues whose
    words they carry. ``quoted`` holds the quoted stretches (marks included): a word inside
    one is never the speaker of a cue outside it."""
    cues: list[Cue] = []
    quoted = quoted or []
    first_words = {phrase[0] for phrase in lexicon.according_to}
    for token in doc:
        lemma = lexicon.lemma(token)
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            if lemma in lexicon.speech_verbs:
                cue = _verb_cue(token, lemma, "speech", lexicon, quoted)
            elif attitudes and lemma in lexicon.attitude_verbs:
                cue = _verb_cue(token, lemma, "attitude", lexicon, quoted)
            elif lemma in lexicon.quote_verbs:
                cue = _verb_cue(token, lemma, "speech", lexicon, quoted)
                cue.contents = []
            else:
                cue = None
            if cue is not None:
                cues.append(cue)
                continue
        elif token.pos_ == "NOUN" and lemma in lexicon.speech_nouns:
            noun = _noun_cue(token)
            if noun is not None:
                cues.append(noun)
                continue
        if token.lemma_.lower() == "put" and token.dep_ == "advcl":
            as_put_it = _as_put_it_cue(token, quoted)
            if as_put_it is not None:
                cues.append(as_put_it)
                continue
        if token.lower_ in first_words:
            prepositional = _prepositional_cue(doc, token, lexicon)
            if prepositional is not None:
                cues.append(prepositional)
    pass_on_relayed(cues, lexicon)
    return cues


def _noun_cue(noun: Token) -> Cue | None:
    """ "Clinton's claim that ...", "the senator's warning that ...": a speech noun with a
    possessor (the speaker) and a that-clause or to-infinitive (the content: "his pledge to
    cut taxes")."""
    owners = [c for c in noun.children if c.dep_ == "poss" and c.lower_ not in _RELATIVE]
    clauses = [
        c
        for c in noun.children
        if c.dep_ in ("acl", "ccomp")
        and any(g.lower_ in ("that", "to") and g.dep_ in ("mark", "aux") for g in c.children)
    ]
    if not owners or not clauses:
        return None
    cue = Cue(token=noun, span=(noun.idx, noun.idx + len(noun)), kind="speech")
    cue.speaker_head = owners[0]
    cue.speaker = np_span(owners[0])
    cue.contents = [Content(*content_span(clauses[0]), content_form(clauses[0]))]
    return cue


def cue_for_verb(token: Token, lexicon: Lexicon, quoted: list[CharSpan] | None = None) -> Cue:
    """A cue for a verb outside the lexicon that the text marks as introducing speech
    ("X scolded him: '...'")."""
    return _verb_cue(token, token.lemma_.lower(), "speech", lexicon, quoted or [])


def np_span(head: Token) -> CharSpan:
    """The name part of the noun phrase headed by ``head``: its left modifiers and the head
    (plus right-hand name parts), without appositions or relative clauses, and never reaching
    back over a paragraph break (a parse may join a time stamp line to the name below it)."""
    left = head.left_edge
    for word in head.doc[left.i : head.i]:
        if "\n" in word.text_with_ws:
            left = head.doc[word.i + 1]
    while left.i < head.i and (left.is_punct or left.is_space or left.ent_type_ in _WHEN):
        left = left.doc[left.i + 1]
    right = head
    for child in head.rights:
        if child.dep_ in _NAME_PARTS and child.i == right.i + 1:
            right = child
    return left.idx, right.idx + len(right)


def subtree_span(token: Token) -> CharSpan:
    """The text covered by ``token``'s subtree, without edge punctuation or spaces."""
    tokens = list(token.subtree)
    while len(tokens) > 1 and (tokens[-1].is_space or tokens[-1].text in {",", ":", ";", "—"}):
        tokens.pop()
    while len(tokens) > 1 and (tokens[0].is_space or tokens[0].text in {",", ":", ";", "—"}):
        tokens.pop(0)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def content_span(token: Token) -> CharSpan:
    """``token``'s subtree as reported content, ending before a participle clause that trails it
    after a comma ("to sign up voters, focusing on students": the speaker's words end at
    "voters"; the participle is the writer's gloss or a cue of its own)."""
    start, end = subtree_span(token)
    for word in token.subtree:
        if (
            word.i > token.i
            and word.dep_ in ("advcl", "acl")
            and word.tag_ == "VBG"
            and word.doc[word.i - 1].text == ","
        ):
            end = min(end, word.doc[word.i - 1].idx)
        elif (
            word.i > token.i
            and word.dep_ == "relcl"
            and word.left_edge.lower_ == "which"
            and word.left_edge.i > 0
            and word.doc[word.left_edge.i - 1].text == ","
        ):
            end = min(end, word.doc[word.left_edge.i - 1].idx)
    return start, end


def is_channel(span: Span, lexicon: Lexicon) -> bool:
    """Whether a noun phrase names a news outlet or agency (a channel, not a speaker)."""
    if lexicon.is_channel_name(span.text):
        return True
    words = {t.lower_ for t in span}
    named = any(t.ent_type_ in ("ORG", "NORP", "GPE") or t.is_title for t in span)
    return named and bool(words & lexicon.channel_words)


def _verb_cue(
    token: Token, lemma: str, kind: str, lexicon: Lexicon, quoted: list[CharSpan]
) -> Cue | None:
    particles = lexicon.verb_particles.get(lemma)
    particle = None
    if particles:
        particle = next(
            (c for c in token.children if c.dep_ in ("prt", "prep") and c.lower_ in particles),
            None,
        )
    end_token = particle if particle is not None else token
    cue = Cue(token=token, span=(token.idx, end_token.idx + len(end_token)), kind=kind)
    quoting = _quoting_verb(token, lexicon)
    speaker = (
        (quoting is not None and _quoted_person(quoting))
        or _coordinated_cue_subject(token, lexicon, quoted)
        or _subject(token, quoted)
        or _issuer(token, lexicon, quoted)
    )
    if speaker is not None:
        cue.speaker_head = speaker
        cue.speaker = np_span(speaker)
    cue.contents = _contents(token, lemma, particle, lexicon)
    relay = _relay(token, quoting or token) if quoting or lemma in lexicon.quoting_verbs else None
    if relay is not None:
        cue.via = np_span(relay)
    doc = token.doc
    for child in token.children:
        if child.dep_ in ("dobj", "dative") and lemma in lexicon.addressee_verbs:
            cue.addressee = np_span(child)
            if is_channel(doc.char_span(*cue.addressee, alignment_mode="expand"), lexicon):
                cue.via = cue.addressee
        elif child.dep_ == "prep" and child.lower_ in ("in", "at"):
            cue.places.extend(np_span(obj) for obj in child.children if obj.dep_ == "pobj")
        elif child.dep_ in ("conj", "parataxis", "advcl") and child.lemma_.lower() in (
            lexicon.channel_verbs
        ):
            channel = _channel_argument(child, lexicon)
            if channel is not None:
                cue.via = channel
    return cue


def _quoting_verb(verb: Token, lexicon: Lexicon) -> Token | None:
    """The verb that relays ``verb``'s words: "quoted"/"cited" in "X quoted Y as saying"."""
    marker = verb.head
    if verb.dep_ != "pcomp" or marker.lower_ != "as" or marker.dep_ != "prep":
        return None
    return marker.head if lexicon.lemma(marker.head) in lexicon.quoting_verbs else None


def _quoted_person(quoting: Token) -> Token | None:
    """Who is quoted: the object of "X quoted Y as saying", the subject of "Y was quoted"."""
    for dep in ("dobj", "nsubjpass"):
        found = next((c for c in quoting.children if c.dep_ == dep), None)
        if found is not None:
            return found
    return None


def _relay(verb: Token, quoting: Token) -> Token | None:
    """Who relays the words: the subject of an active "X quoted Y as saying", or the agent of a
    passive one ("Y was quoted by X as saying", "Y was quoted as saying by X")."""
    if any(c.dep_ == "dobj" for c in quoting.children):
        subject = next((c for c in quoting.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    saying = [
        c for a in quoting.children if a.lower_ == "as" for c in a.children if c.dep_ == "pcomp"
    ]
    for word in (quoting, verb, *saying):
        for child in word.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                found = next((c for c in child.children if c.dep_ == "pobj"), None)
                if found is not None:
                    return found
    return None


def pass_on_relayed(cues: list[Cue], lexicon: Lexicon) -> None:
    """A channel or a quoting verb that carries another cue's words ("X told journalists that
    ..., Reuters reported", "..., X said, according to the agency", "the agency quoted X as
    saying ...") is that cue's ``via``, not a speaker: the inner cue keeps the words and the
    outer one reports nothing of its own. The inner cue heads the outer content."""
    for outer in cues:
        if outer.speaker is None or not outer.contents:
            continue
        doc = outer.token.doc
        quoting = lexicon.lemma(outer.token) in lexicon.quoting_verbs
        channel = _is_channel_span(doc, outer.speaker, lexicon)
        if not (quoting or channel):
            continue
        heads = {_content_root(doc, content) for content in outer.contents}
        if channel and _trails(outer.token):  # "Li told X that ..., state television reported."
            heads.add(outer.token.head.i)
        inner = [
            c
            for c in cues
            if c is not outer
            and c.speaker is not None
            and c.kind != "attitude"
            and all(content.form == "clause" for content in c.contents)  # words, not an act
            and not any(w.dep_ in ("nsubjpass", "auxpass") for w in c.token.children)
            and (c.token.i in heads or (quoting and _relayed_by(c.token, outer.token, lexicon)))
            and not _is_channel_span(doc, c.speaker, lexicon)
        ]
        for cue in inner:
            cue.via = cue.via or outer.speaker
        if inner:
            outer.contents = []


def _trails(verb: Token) -> bool:
    """Whether a verb the parse hangs inside another clause trails it after a comma, as a
    closing attribution does ("..., state television reported.")."""
    return (
        verb.dep_ in ("ccomp", "parataxis", "advcl", "conj")
        and verb.head.i < verb.i
        and any(t.text == "," for t in verb.doc[verb.left_edge.i - 1 : verb.i])
    )


def _is_channel_span(doc: Doc, span: CharSpan, lexicon: Lexicon) -> bool:
    """Whether the words name an outlet or are headed by a news word ("state television",
    "the Interfax news agency"; not "a Post-ABC News survey")."""
    words = doc.char_span(*span, alignment_mode="expand")
    return words is not None and (
        lexicon.is_channel_name(words.text) or words.root.lower_ in lexicon.channel_words
    )


def _relayed_by(verb: Token, quoting: Token, lexicon: Lexicon) -> bool:
    relay = _quoting_verb(verb, lexicon)
    return relay is not None and relay.i == quoting.i


def _content_root(doc: Doc, content: Content) -> int | None:
    if content.end <= content.start:
        return None
    words = doc.char_span(content.start, content.end, alignment_mode="expand")
    return words.root.i if words is not None and len(words) else None


def _channel_argument(verb: Token, lexicon: Lexicon) -> CharSpan | None:
    """The outlet named as subject or (inverted) object of a channel verb ("reported Reuters")."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "dobj", "attr"):
            span = np_span(child)
            if is_channel(verb.doc.char_span(*span, alignment_mode="expand"), lexicon):
                return span
    return None


def _subject(verb: Token, quoted: list[CharSpan]) -> Token | None:
    """The speaker head of a cue verb: its subject, the agent of a passive, the subject of the
    verb it hangs from ("was quoted as saying", "said, adding"), or a relative clause's noun.
    A subject the parse finds inside a quotation next to a cue outside it ("'One of the best,'
    Rep. Doe said") is a misparse: the speaker is then the name before or after the verb."""

    def is_quoted(word: Token) -> bool:
        return any(start <= word.idx < end for start, end in quoted)

    quoted_subject = False
    current = verb
    for _ in range(3):
        # the subject nearest before the verb first ("LONDON (Reuters) - Jane Doe said")
        children = sorted(current.children, key=lambda c: (c.i > current.i, -c.i))
        for child in children:
            if child.dep_ in _SUBJECTS:
                if is_quoted(child) and not is_quoted(verb):
                    quoted_subject = True
                    continue
                if paragraph_between(child, verb):  # "12:15 p.m. / Jane Doe says"
                    continue
                if child.lower_ in _RELATIVE and current.dep_ == "relcl":
                    return current.head
                if child.dep_ == "csubj":
                    break
                return child
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ not in _INHERIT_SUBJECT or current.head is current:
            break
        current = current.head
    # inverted order: "..., said Wang" is parsed with the speaker as a following subject or object
    reported_before = quoted_subject or any(
        t.dep_ == "ccomp" and t.i < verb.i for t in verb.children
    )
    for child in verb.rights:
        if (
            reported_before
            and child.dep_ in ("dobj", "attr", "nsubj", "npadvmod", "appos")
            and (child.pos_ == "PROPN" or (quoted_subject and child.pos_ == "NOUN"))
            and child.ent_type_ not in _WHEN
            and not is_quoted(child)
        ):
            return child
    if quoted_subject:
        named = _between_quote_and_verb(verb, quoted)
        if named is not None:
            return named
    # a finite verb the parser left without subject ("..., President Xi emphasized that"):
    # the noun right before it
    if verb.tag_ in ("VBD", "VBZ", "VBP") and verb.i > 0:
        before = verb.doc[verb.i - 1]
        while before.pos_ in ("ADV", "AUX", "PART") and before.i > 0:
            before = verb.doc[before.i - 1]
        if before.text == ")":  # "Sen. Ellen Ward (D-Mass.) said"
            opening = next((t for t in reversed(verb.doc[: before.i]) if t.text == "("), None)
            if opening is not None and opening.i > 0 and before.i - opening.i <= 6:
                before = verb.doc[opening.i - 1]
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        if (
            before.pos_ in ("PROPN", "NOUN", "PRON")
            and not is_quoted(before)
            and not any(
                before.is_ancestor(c) or before == c or c.is_ancestor(before) for c in clauses
            )
        ):
            return before
    return None


def _coordinated_cue_subject(verb: Token, lexicon: Lexicon, quoted: list[CharSpan]) -> Token | None:
    """A speech verb the parse coordinates with the reported clause of another cue ("X tweeted
    that Y was 'a con' and urged voters to ...") is the other cue's speaker's second act."""
    clause = verb.head
    if verb.dep_ != "conj" or clause.dep_ not in ("ccomp", "advcl") or clause.i > verb.i:
        return None
    if not _shares_subject(verb):
        return None
    outer = clause.head
    if lexicon.lemma(outer) not in lexicon.speech_verbs or not (
        clause.dep_ == "ccomp" or _opens_with_that(clause)
    ):
        return None
    return _subject(outer, quoted)


def _issuer(verb: Token, lexicon: Lexicon, quoted: list[CharSpan]) -> Token | None:
    """The speaker of a participle on a noun: who issued the document it describes ("the
    council issued a statement calling ..."), else the noun itself when it names someone
    ("footage of Jane Doe saying ...")."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG":
        return None
    noun = verb.head
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if lexicon.lemma(noun) in lexicon.documents:
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lexicon.issuing_verbs:
            return _subject(noun.head, quoted)
        return None
    return noun if noun.ent_type_ in _ENTITY_LABELS else None


def _between_quote_and_verb(verb: Token, quoted: list[CharSpan]) -> Token | None:
    """The head of the words between a closing quotation and its cue verb (`," Jane Doe, a
    senator, said`): the first noun there that the parse hangs outside those words."""
    ends = [end for _, end in quoted if end <= verb.idx]
    if not ends:
        return None
    span = verb.doc.char_span(max(ends), verb.idx, alignment_mode="contract")
    if span is None or not 0 < len(span) <= ADJACENT_SPEAKER_WORDS:
        return None
    for word in span:
        if word.pos_ in ("PROPN", "NOUN", "PRON") and not (
            span.start <= word.head.i < span.end and word.head.pos_ in ("PROPN", "NOUN", "PRON")
        ):
            return word
    return None


def _contents(verb: Token, lemma: str, particle: Token | None, lexicon: Lexicon) -> list[Content]:
    """The reported content of a cue verb: its complement clause(s); for verbs that take one,
    their object ("denied the allegations", "described X as Y", "called for talks"); for a
    parenthetical cue ("Climate change, Mr. Obama says, is ..."), the clause around it."""
    heads: list[tuple[Token, CharSpan]] = []
    objects: list[Token] = []
    directive = lemma in lexicon.directive_verbs
    for child in verb.children:
        if (
            child.dep_ == "ccomp"
            or (child.dep_ in ("xcomp", "advcl") and directive and _to_infinitive(child))
            or (child.dep_ == "xcomp" and directive and _gerund(child, lemma, lexicon))
            or (child.dep_ == "advcl" and _opens_with_that(child))
        ):
            heads.append((child, _with_object(verb, child)))
        elif child.dep_ == "dobj":
            clauses = [c for c in child.children if c.dep_ in ("acl", "ccomp")]
            clause = next((c for c in clauses if any(g.lower_ == "that" for g in c.lefts)), None)
            if clause is not None:
                heads.append((clause, subtree_span(clause)))
            elif lemma not in lexicon.addressee_verbs and child.ent_type_ not in _WHEN:
                span = verb.doc.char_span(*np_span(child), alignment_mode="expand")
                # "..., reported Reuters" names a channel; "blasted the media" is content
                if lemma not in lexicon.channel_verbs or not is_channel(span, lexicon):
                    objects.append(child)
        elif particle is not None and child is particle and child.dep_ == "prep":
            heads.extend((obj, subtree_span(obj)) for obj in child.children if obj.dep_ == "pobj")
    contents = [
        Content(*_before_coordinated_cue(verb, span, lexicon), content_form(head))
        for head, span in heads
    ]
    if not contents and objects:
        contents.extend(_object_content(verb, objects[0]))
    if not contents:  # "talked about X", "warned against X", "called for X"
        contents.extend(
            Content(*subtree_span(obj), content_form(obj))
            for child in verb.children
            if child.dep_ == "prep" and child.lower_ in _TOPIC_PREPS
            for obj in child.children
            if obj.dep_ in ("pobj", "pcomp")
            and obj.ent_type_ not in _WHEN
            and lexicon.lemma(obj) not in lexicon.speech_frames
        )
    if not contents and verb.dep_ == "parataxis" and verb.head.i > verb.i:
        contents.append(Content(*subtree_span(verb.head), "clause"))
    return contents


def content_form(head: Token) -> ContentForm:
    """The form of content headed by ``head``: a to-infinitive is a ``directive``; a clausal
    complement, or a word with a subject, a "that"/"whether" or an auxiliary of its own, or a
    finite verb, is a ``clause``; anything else, a noun phrase or a bare gerund, is a
    ``topic``."""
    children = list(head.children)
    if head.dep_ == "xcomp" or any(
        c.lower_ == "to" and c.dep_ == "aux" and c.i < head.i for c in children
    ):
        return "directive"
    if (
        head.dep_ == "ccomp"
        or any(c.dep_ in (*_SUBJECTS, "expl", "mark", "aux", "auxpass") for c in children)
        or head.tag_ in ("VBD", "VBZ", "VBP", "MD")
    ):
        return "clause"
    return "topic"


def _object_content(verb: Token, obj: Token) -> list[Content]:
    """The object of a cue verb and what the verb says of it: "X as Y", "X a liar", "X for his
    role"; after a personal pronoun ("scolded him") only what follows it."""
    end = max(
        (
            content_span(c)[1]
            for c in verb.rights
            if c.dep_ in ("dobj", "oprd") or (c.dep_ == "prep" and c.lower_ not in _FRAME_PREPS)
        ),
        default=content_span(obj)[1],
    )
    start = content_span(obj)[0]
    if obj.lower_ in _PERSON_OBJECTS:
        # "scolded him": the target, not content; "called him 'a genius'": what follows
        start = min(
            (
                subtree_span(c)[0]
                for c in verb.rights
                if c.i > obj.i
                and (
                    c.dep_ in ("oprd", "dobj", "attr")
                    or (c.dep_ == "prep" and c.lower_ not in _FRAME_PREPS)
                )
            ),
            default=end,
        )
    if end <= start:
        return []
    return [Content(start, _before_frame(verb.doc, obj, end), "topic")]


def _before_frame(doc: Doc, obj: Token, end: int) -> int:
    """``end`` moved back before the first word after ``obj`` that frames the cue rather than
    says what it said: a date ("... as a 'disgrace' Wednesday"), "during"/"amid" ("during a
    campaign stop") on the cue itself, not inside a clause of the content, or a dash opening
    the writer's gloss ("... — a metaphor for ...")."""
    for word in doc[obj.i + 1 :]:
        if word.idx >= end:
            break
        frames = word.text in _DASHES or (
            _on_the_verb(word, obj.head)
            and (
                (word.dep_ == "npadvmod" and word.ent_type_ in _WHEN)
                or (word.dep_ == "prep" and word.lower_ in ("during", "amid"))
            )
        )
        if frames:
            before = doc[word.i - 1]
            return before.idx + len(before) if before.i > obj.i else end
    return end


def _on_the_verb(word: Token, verb: Token) -> bool:
    """Whether ``word`` hangs from ``verb`` with no other verb between them."""
    for ancestor in word.ancestors:
        if ancestor == verb:
            return True
        if ancestor.pos_ in ("VERB", "AUX"):
            return False
    return False


def _before_coordinated_cue(verb: Token, span: CharSpan, lexicon: Lexicon) -> CharSpan:
    """A reported clause ends before a speech verb coordinated with it (``that Y was 'a con'
    and urged voters to ...``): that verb reports a second act of the same speaker."""
    clause = verb.doc.char_span(*span, alignment_mode="expand")
    if clause is None:
        return span
    for word in clause:
        if (
            word.dep_ == "conj"
            and word.head.head == verb
            and word.head.i < word.i
            and lexicon.lemma(word) in lexicon.speech_verbs
            and _shares_subject(word)
        ):
            before = word.doc[word.left_edge.i - 1]
            while before.i > clause.start and (before.dep_ == "cc" or before.is_punct):
                before = word.doc[before.i - 1]
            return span[0], before.idx + len(before)
    return span


def _shares_subject(verb: Token) -> bool:
    """A coordinated verb with no subject or "that" of its own (``was X and urged Y``), not a
    coordinated clause (``X was Y and that the footage did not show Z``)."""
    return not any(c.dep_ in _SUBJECTS or c.lower_ == "that" for c in verb.children)


def _gerund(clause: Token, lemma: str, lexicon: Lexicon) -> bool:
    """A gerund complement ("proposed dropping the tax"); never after a verb whose object is
    the addressee ("told visiting X" is a misparse)."""
    return clause.tag_ == "VBG" and lemma not in lexicon.addressee_verbs


def _to_infinitive(clause: Token) -> bool:
    """A to-infinitive ("urged Iran to stop", "tells supporters to 'go vote'")."""
    return clause.tag_ == "VB" and any(
        c.lower_ == "to" and c.dep_ == "aux" and c.i < clause.i for c in clause.children
    )


def _opens_with_that(clause: Token) -> bool:
    """A clause the parse hangs as an adverbial but that opens with "that" ("tweeted in the
    early hours that X was ...") is a complement clause."""
    first = next(clause.lefts, None)
    return first is not None and first.lower_ == "that" and first.dep_ in ("mark", "advmod")


def _with_object(verb: Token, clause: Token) -> CharSpan:
    """A to-infinitive's span extended over the object before it ("urged Iran to stop")."""
    start, end = content_span(clause)
    if clause.dep_ == "xcomp":
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < clause.i]
        if objects:
            start = subtree_span(objects[-1])[0]
    return start, end


def _prepositional_cue(doc: Doc, token: Token, lexicon: Lexicon) -> Cue | None:
    """ "according to X" (and the other prepositional cues): X is the speaker, the clause the
    phrase modifies, less the phrase, is the content."""
    for phrase in lexicon.according_to:
        end = token.i + len(phrase)
        if end > len(doc) or tuple(t.lower_ for t in doc[token.i : end]) != phrase:
            continue
        last = doc[end - 1]
        objects = [c for c in last.children if c.dep_ == "pobj"]
        if not objects:
            objects = [c for c in doc[end - 1].rights if c.pos_ in ("PROPN", "NOUN", "PRON")]
        if not objects:
            return None
        source = objects[0]
        cue = Cue(token=token, span=(token.idx, last.idx + len(last)), kind="according")
        cue.speaker_head = source
        cue.speaker = np_span(source)
        phrase_root = token
        while phrase_root.head.i != phrase_root.i and token.i <= phrase_root.head.i < end:
            phrase_root = phrase_root.head
        clause = phrase_root.head if phrase_root.head.i != phrase_root.i else None
        if clause is not None:
            cue.contents = [Content(*_clause_without(clause, token.idx, subtree_span(source)[1]))]
        if is_channel(doc.char_span(*cue.speaker, alignment_mode="expand"), lexicon):
            cue.via = cue.speaker
        return cue
    return None


def _as_put_it_cue(verb: Token, quoted: list[CharSpan]) -> Cue | None:
    """ "..., as a ministry memo put it": the subject of "put" is the source, the clause the
    phrase hangs on (less the phrase) the content."""
    marks = [c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"]
    if not marks or not any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children):
        return None
    source = _subject(verb, quoted)
    if source is None:
        return None
    it = verb.nbor() if verb.i + 1 < len(verb.doc) else verb
    cue = Cue(token=verb, span=(verb.idx, it.idx + len(it)), kind="according")
    cue.speaker_head = source
    cue.speaker = np_span(source)
    start, end = subtree_span(verb)
    c_start, c_end = subtree_span(verb.head)
    if c_start < start and end < c_end - 1:  # "The port, as the mayor put it, is '...'"
        cue.contents = [Content(*subtree_span(verb.head))]
    else:
        cue.contents = [Content(*_clause_without(verb.head, start, end))]
    return cue


def _clause_without(clause: Token, start: int, end: int) -> CharSpan:
    """The clause's span less the stretch ``[start, end)`` when that sits at one of its edges."""
    c_start, c_end = subtree_span(clause)
    words = [t for t in clause.subtree if not (t.is_punct or t.is_space)]
    if start <= c_start:
        rest = [t for t in words if end <= t.idx < c_end]
        return (rest[0].idx, c_end) if rest else (c_start, c_end)
    if end >= c_end - 1:
        rest = [t for t in words if c_start <= t.idx < start]
        return (c_start, rest[-1].idx + len(rest[-1])) if rest else (c_start, c_end)
    return c_start, c_end
