"""Bytes to text for every reader: UTF-8 first, then a detected legacy encoding, else a reason.

:func:`tidings.read.text.decode` accepts UTF-8 only; real batches also hold Windows-1252,
Latin-1, UTF-16 and Shift-JIS files. :func:`decode_any` keeps its checks (empty, binary) and,
when the bytes are not UTF-8, asks ``charset_normalizer`` (offline, statistical) for the
encoding. Control characters that are not line or tab breaks are replaced by spaces so that
text offsets stay those of the decoded string and no stage trips over them.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from tidings.read.text import decode

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: C0 and C1 controls (but not tab/newline), DEL, and the Unicode non-characters/specials.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_CHAOS_TIE = 0.01  # detector scores closer than this are a tie
_DETECT_SAMPLE = 65_536  # bytes given to the detector: enough, and bounded for large files


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can identify; the message says why."""


def decode_any(data: bytes) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` or raise :class:`DecodeError` with a reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _clean(data.decode(encoding)), encoding
            except UnicodeDecodeError as err:
                raise DecodeError(f"broken {encoding} text at byte {err.start}") from None
    try:
        return _clean(decode(data)), "utf-8"
    except ValueError as err:
        if not str(err).startswith("not valid UTF-8"):
            raise DecodeError(str(err)) from None
        utf8_error = str(err)
    encoding = detect_encoding(data[:_DETECT_SAMPLE])
    if encoding is None:
        raise DecodeError(f"{utf8_error}, and no other text encoding fits")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise DecodeError(f"{utf8_error}; detected {encoding} does not fit either") from None
    return _clean(text.replace("\r\n", "\n").replace("\r", "\n")), encoding


def detect_encoding(sample: bytes) -> str | None:
    """The most plausible legacy encoding of ``sample``, or None.

    ``charset_normalizer`` ranks candidates by how chaotic the decoded text looks; short samples
    leave many tied (cp1006 and cp1252 read "déjà" equally cleanly), and then the encoding of
    most non-UTF-8 English news, Windows-1252, is taken when it is among the best.
    """
    matches = [m for m in from_bytes(sample) if m.encoding not in {"utf_8", "ascii"}]
    if not matches:
        return None
    least_chaos = min(m.chaos for m in matches)
    best = [m for m in matches if m.chaos <= least_chaos + _CHAOS_TIE]
    coherence = max(m.coherence for m in best)
    best = [m for m in best if m.coherence >= coherence - _CHAOS_TIE]
    return next((m.encoding for m in best if m.encoding == "cp1252"), best[0].encoding)


def clean_controls(text: str) -> str:
    """Replace control characters (except tab and newline) by spaces; length is unchanged."""
    return _clean(text)


def _clean(text: str) -> str:
    return _CONTROLS.sub(" ", text) if _CONTROLS.search(text) else text
