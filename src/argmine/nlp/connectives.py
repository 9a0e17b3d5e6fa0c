"""A German connective lexicon for argumentative segmentation and stance.

Written for argmine.  The relation categories follow the semantic classes of
DiMLex, the German discourse-marker lexicon (Stede 2002; Scheffler & Stede
2016), and of the *Handbuch der deutschen Konnektoren* (Breindl, Volodina &
Waßner 2014); the syntactic types follow the same sources:

``sub``   subordinating conjunction, verb-final clause ("weil", "obwohl")
``coord`` coordinating conjunction, first position, no inversion ("und", "denn")
``adv``   adverbial connective, may stand in the middle field ("deshalb")

Relations used by argmine:

=================  ===============================================================
``causal``         a reason follows: the unit is typically a premise
``concessive``     something is granted that the author does not rely on
``adversative``    contrast or correction: the author's own position often follows
``consecutive``    a consequence or conclusion follows: often a claim
``conditional``    a condition
``additive``       a further point of the same kind
``alternative``    an alternative
``purpose``        a goal
``temporal``       a time relation (rarely argumentative)
``example``        an illustration (premise by example)
=================  ===============================================================

The lexicon is deliberately small and hand-checked: every entry is a word
that commonly opens a clause with its own argumentative role.  Ambiguous
words are listed with their most frequent argumentative reading ("da" is
causal, not local; "während" adversative, not temporal).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Connective:
    words: tuple[str, ...]
    relation: str
    syntax: str  # sub | coord | adv


def _entries(relation: str, syntax: str, *phrases: str) -> list[Connective]:
    return [Connective(tuple(p.split()), relation, syntax) for p in phrases]


LEXICON: list[Connective] = [
    *_entries("causal", "sub", "weil", "da", "zumal", "nachdem ja"),
    *_entries("causal", "coord", "denn"),
    *_entries("causal", "adv", "nämlich", "schließlich", "immerhin", "ja auch"),
    *_entries("concessive", "sub", "obwohl", "obgleich", "obschon", "wenngleich", "wiewohl",
              "auch wenn", "selbst wenn", "wenn auch"),
    *_entries("concessive", "adv", "zwar", "trotzdem", "dennoch", "gleichwohl", "nichtsdestotrotz",
              "nichtsdestoweniger", "freilich", "zugegeben", "sicherlich", "natürlich"),
    *_entries("adversative", "coord", "aber", "doch", "sondern", "allein"),
    *_entries("adversative", "sub", "während", "wohingegen", "wogegen"),
    *_entries("adversative", "adv", "jedoch", "allerdings", "hingegen", "dagegen", "andererseits",
              "stattdessen", "vielmehr", "indes", "indessen", "demgegenüber", "im gegenteil",
              "nur"),
    *_entries("consecutive", "sub", "sodass", "so dass", "weshalb", "weswegen", "wodurch",
              "womit", "worauf"),
    *_entries("consecutive", "adv", "deshalb", "daher", "darum", "deswegen", "also", "folglich",
              "somit", "demnach", "infolgedessen", "mithin", "insofern", "dadurch", "so",
              "letztlich", "kurzum", "insgesamt"),
    *_entries("conditional", "sub", "wenn", "falls", "sofern", "soweit", "solange",
              "es sei denn", "außer wenn"),
    *_entries("conditional", "adv", "sonst", "andernfalls", "ansonsten"),
    *_entries("additive", "coord", "und", "sowie"),
    *_entries("additive", "adv", "außerdem", "zudem", "ferner", "darüber hinaus", "überdies",
              "weiterhin", "ebenso", "auch", "zusätzlich", "des weiteren", "desweiteren",
              "hinzu kommt", "erstens", "zweitens", "drittens", "zuletzt"),
    *_entries("alternative", "coord", "oder", "beziehungsweise", "bzw."),
    *_entries("purpose", "sub", "damit", "um"),
    *_entries("temporal", "sub", "bevor", "sobald", "seit", "seitdem", "bis", "als"),
    *_entries("example", "adv", "beispielsweise", "zum beispiel", "z.b.", "etwa", "so zum beispiel"),
]

_BY_FIRST: dict[str, list[Connective]] = {}
for _entry in sorted(LEXICON, key=lambda c: -len(c.words)):
    _BY_FIRST.setdefault(_entry.words[0], []).append(_entry)


def match(words: list[str], i: int) -> Connective | None:
    """The longest connective starting at ``words[i]`` (lower-cased words), if any."""
    for entry in _BY_FIRST.get(words[i], ()):
        if tuple(words[i:i + len(entry.words)]) == entry.words:
            return entry
    return None

#: Every word a connective can start with (a cheap test before ``match``).
CONNECTIVE_WORDS = frozenset(_BY_FIRST)
