"""Sentence boundaries for blog and comment text (spaCy component ``argmine_sentencizer``).

spaCy's rule sentencizer splits after every period.  Blog text needs more
care: line breaks end sentences (paragraphs, list items, headings); closing
quotes and brackets belong to the sentence they close; ``...`` and ``…``
end a sentence only when a capitalised word follows; abbreviations
(``z.B.``, ``u.ä.``, ``Dr.``) and ordinals (``3. Juni``) do not end one;
URLs keep their dots; and a lower-case word after a full stop still starts
a sentence, because bloggers do not always capitalise.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from argmine.nlp.tokens import TokenTable, leave_table, token_table

TERMINATORS = {".", "!", "?", "?!", "!?", "…", "...", "!!", "??", "!!!", "???"}
ELLIPSES = {"…", "...", "...."}
CLOSERS = {"“", "”", '"', "'", "’", "‘", "«", "»", "›", "‹", ")", "]", "}"}
#: Abbreviations spaCy's German tokenizer splits from their final period.
ABBREVIATIONS = {
    "u.ä", "u.a", "o.ä", "z.b", "z.t", "d.h", "u.u", "v.a", "i.d.r", "s.o", "s.u", "bzw",
    "ca", "vgl", "ggf", "evtl", "inkl", "zzgl", "sog", "bspw", "allg", "jh", "nr", "str",
    "tel", "abs", "abb", "bd", "hrsg", "dipl", "ing", "prof", "dr", "hr", "fr", "mio", "mrd",
    "max", "min", "mind", "ugs", "ff", "vs", "etc", "usw", "uvm", "o.g", "i.e",
}
#: Abbreviations that often end a sentence ("... Äpfel, Birnen usw. Dann ...").
FINAL_ABBREVIATIONS = {"usw.", "etc.", "u.ä.", "usf.", "uvm.", "o.ä.", "co."}
_OPENERS = set("„\"»«‚'(–-")
_FINAL_CHARS = set(".!?…")  # a token can only end a sentence if it ends in one of these
#: A "sentence" longer than this many tokens is text without sentence punctuation (a
#: pasted table, a chat log, a 188 KB line): it is cut after its last comma, semicolon or
#: colon in the cap's second half, else at the cap, so that no unit is a whole page.  The
#: longest sentences of the CIMT sentences (102 tokens), the microtexts (50) and the
#: synthetic corpus (52) stay whole.
MAX_SENTENCE_TOKENS = 150
_SOFT_CUTS = {",", ";", ":"}


def _word_with_period(text: str) -> bool:
    """A word the tokenizer left glued to its full stop ("B2C.", "2010."), not "3." or "Dr."."""
    if len(text) < 3 or not text.endswith(".") or "." in text[:-1]:
        return False
    stem = text[:-1]
    if stem.isdigit():
        return len(stem) >= 3  # a year ends a sentence, an ordinal ("3. Juni") does not
    return stem.lower() not in ABBREVIATIONS


def _next_word(t: TokenTable, i: int) -> int | None:
    for j in range(i + 1, len(t)):
        if not t.is_space[j] and t.text[j] not in CLOSERS:
            return j
    return None


def _starts_upper(t: TokenTable, j: int) -> bool:
    first = t.text[j][:1]
    return first.isupper() or first in _OPENERS or t.like_num[j]


def _ends_sentence(t: TokenTable, i: int) -> bool:
    """Whether token ``i`` can close a sentence, judged by the tokens around it."""
    text = t.text[i]
    if t.like_url[i]:
        return text.endswith(".")
    if text.lower() in FINAL_ABBREVIATIONS or _word_with_period(text):
        j = _next_word(t, i)
        return j is not None and t.text[j][:1].isupper()
    if text not in TERMINATORS and not (len(text) > 1 and set(text) <= set(".!?…")):
        return False
    if text == "." and i > 0 and not t.space_after[i - 1] and (
            t.lower[i - 1] in ABBREVIATIONS or (len(t.text[i - 1]) == 1 and t.text[i - 1].isalpha())):
        return False
    j = i - 1
    while j >= 0 and t.text[j] in TERMINATORS:
        j -= 1
    if j >= 0 and t.text[j] == "(":  # "(!!!)" comments on a word, it ends nothing
        return False
    if text in ELLIPSES:
        j = _next_word(t, i)
        return j is None or _starts_upper(t, j)
    return True


def sentence_starts(t: TokenTable) -> list[int]:
    """Indices of the tokens that start a sentence (always 0)."""
    n = len(t)
    starts = {0} if n else set()
    texts, spaces = t.text, t.is_space
    breaks = [i for i, text in enumerate(texts) if spaces[i] and "\n" in text]
    starts.update(i + 1 for i in breaks if i + 1 < n)
    enders = [i for i, text in enumerate(texts)
              if (text[-1] in _FINAL_CHARS or t.like_url[i]) and not spaces[i]]
    for i in enders:
        if not _ends_sentence(t, i):
            continue
        j, closed = i + 1, False
        # a quote or bracket closes the sentence only when glued to it: in "keines. »Die
        # Präsenz ...«" the guillemet after the space opens the next sentence
        while (j < n and (texts[j] in CLOSERS or texts[j] in TERMINATORS)
               and not t.space_after[j - 1]):
            closed = closed or texts[j] in CLOSERS
            j += 1
        while j < n and spaces[j]:
            j += 1
        if j < n and not (closed and texts[j][:1].islower()):
            starts.add(j)
    return _capped(sorted(starts), t)


def _capped(starts: list[int], t: TokenTable) -> list[int]:
    """``starts`` with more starts wherever a sentence exceeds ``MAX_SENTENCE_TOKENS``."""
    capped = []
    for start, end in zip(starts, [*starts[1:], len(t)]):
        capped.append(start)
        while end - start > MAX_SENTENCE_TOKENS:
            limit = start + MAX_SENTENCE_TOKENS
            cut = next((i + 1 for i in range(limit - 1, limit - MAX_SENTENCE_TOKENS // 2, -1)
                        if t.text[i] in _SOFT_CUTS), limit)
            while cut < end and t.is_space[cut]:
                cut += 1
            if cut >= end:
                break
            capped.append(cut)
            start = cut
    return capped


@Language.factory("argmine_sentencizer")
def make_sentencizer(nlp: Language, name: str) -> BlogSentencizer:
    return BlogSentencizer()


class BlogSentencizer:
    """Sets the sentence start of every token; a parser after it keeps these boundaries."""

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            table = token_table(doc, lemmas=False)
            values = np.full((len(doc), 1), -1, dtype="int64")
            values[sentence_starts(table)] = 1
            doc.from_array([SENT_START], values.astype("uint64"))
            leave_table(doc, table)
        return doc
