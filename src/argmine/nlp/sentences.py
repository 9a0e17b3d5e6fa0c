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

from spacy.language import Language
from spacy.tokens import Doc, Token

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


def _is_abbreviation(token: Token) -> bool:
    text = token.text.lower()
    return text in ABBREVIATIONS or (len(text) == 1 and text.isalpha())


def _word_with_period(text: str) -> bool:
    """A word the tokenizer left glued to its full stop ("B2C.", "2010."), not "3." or "Dr."."""
    if len(text) < 3 or not text.endswith(".") or "." in text[:-1]:
        return False
    stem = text[:-1]
    if stem.isdigit():
        return len(stem) >= 3  # a year ends a sentence, an ordinal ("3. Juni") does not
    return stem.lower() not in ABBREVIATIONS


def _starts_upper(token: Token) -> bool:
    return token.text[:1].isupper() or token.text[:1] in "„\"»«‚'(–-" or token.like_num


def _ends_sentence(doc: Doc, i: int) -> bool:
    """Whether token ``i`` can close a sentence, judged by the tokens around it."""
    token = doc[i]
    text = token.text
    if token.like_url or token.like_email:
        return text.endswith(".")
    if text.lower() in FINAL_ABBREVIATIONS or _word_with_period(text):
        nxt = _next_word(doc, i)
        return nxt is not None and nxt.text[:1].isupper()
    if text not in TERMINATORS and not (len(text) > 1 and set(text) <= set(".!?…")):
        return False
    if text == "." and i > 0 and not doc[i - 1].whitespace_ and _is_abbreviation(doc[i - 1]):
        return False
    if text in ELLIPSES:
        nxt = _next_word(doc, i)
        return nxt is None or _starts_upper(nxt)
    return True


def _next_word(doc: Doc, i: int) -> Token | None:
    for token in doc[i + 1:]:
        if not token.is_space and token.text not in CLOSERS:
            return token
    return None


@Language.factory("argmine_sentencizer")
def make_sentencizer(nlp: Language, name: str) -> BlogSentencizer:
    return BlogSentencizer()


class BlogSentencizer:
    """Sets ``is_sent_start`` on every token; later components may refine it."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = [False] * len(doc)
        starts[0] = True
        i = 0
        while i < len(doc):
            token = doc[i]
            if token.is_space and "\n" in token.text and i + 1 < len(doc):
                starts[i + 1] = True
            elif _ends_sentence(doc, i):
                j = i + 1
                closed = False
                while j < len(doc) and (doc[j].text in CLOSERS or doc[j].text in TERMINATORS):
                    closed = closed or doc[j].text in CLOSERS
                    j += 1
                while j < len(doc) and doc[j].is_space:
                    j += 1
                if j < len(doc) and not (closed and doc[j].text[:1].islower()):
                    starts[j] = True
                i = j - 1
            i += 1
        for token, start in zip(doc, starts):
            token.is_sent_start = start
        return doc
