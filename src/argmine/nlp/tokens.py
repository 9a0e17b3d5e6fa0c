"""A doc's tokens as plain Python sequences, read once through ``Doc.to_array``.

argmine's components look at each token several times (sentence ends,
boundary candidates, features).  Creating a spaCy ``Token`` object for every
look costs more than the look itself, so components read the attributes
they need in one C-level pass and work on sequences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, LIKE_EMAIL, LIKE_NUM, LIKE_URL, LOWER, ORTH, SPACY
from spacy.tokens import Doc

_ATTRS = [ORTH, LOWER, SPACY, IS_SPACE, IS_PUNCT, LIKE_URL, LIKE_EMAIL, LIKE_NUM, LEMMA]


@dataclass
class TokenTable:
    """Token attributes by position; flags are 0/1 integers."""

    text: Sequence[str]
    lower: Sequence[str]
    lemma: Sequence[str]
    space_after: Sequence[int]
    is_space: Sequence[int]
    is_punct: Sequence[int]
    like_url: Sequence[int]
    like_num: Sequence[int]

    def __len__(self) -> int:
        return len(self.text)


def token_table(doc: Doc, lemmas: bool = True) -> TokenTable:
    """Read the attributes once; ``lemmas=False`` skips the lemma strings (not needed)."""
    if not len(doc):
        return TokenTable([], [], [], [], [], [], [], [])
    array = doc.to_array(_ATTRS)
    orth, lower, space, is_space, punct, url, email, num, lemma = (
        array[:, k].tolist() for k in range(len(_ATTRS)))
    strings = doc.vocab.strings  # (Doc.text would rebuild the text token by token)
    text = [strings[o] for o in orth]
    return TokenTable(
        text=text,
        lower=[strings[o] for o in lower],
        lemma=[strings[h] if h else t for h, t in zip(lemma, text)] if lemmas else text,
        space_after=space,
        is_space=is_space,
        is_punct=punct,
        like_url=[u | e for u, e in zip(url, email)],
        like_num=num,
    )


_CACHE_KEY = "argmine.tokens"


def shared_table(doc: Doc) -> TokenTable:
    """The table an earlier argmine component left on the doc, with fresh lemmas; else a new one.

    The sentencizer and the segmenter both need the token strings; reading them
    once saves a pass.  Lemmas are re-read because a component between the two
    (a model's lemmatizer) may have set them.
    """
    table = doc.user_data.pop(_CACHE_KEY, None)
    if table is None or len(table) != len(doc):
        return token_table(doc)
    strings = doc.vocab.strings
    lemma = doc.to_array(LEMMA).tolist()
    table.lemma = [strings[h] if h else t for h, t in zip(lemma, table.text)]
    return table


def leave_table(doc: Doc, table: TokenTable) -> None:
    """Keep ``table`` on the doc for the next argmine component (``shared_table``)."""
    doc.user_data[_CACHE_KEY] = table
