#!/usr/bin/env python3
"""Words per second of argmine's fallback NLP pipeline against the bare spaCy tokenizer.

Usage: python scripts/bench_nlp.py [--words N] [--json]

Both run in the same process, each once and with fresh caches, on the same
generated German-like blog text (sentence templates with connectives, and
invented words drawn with Zipf weights from a 30,000-stem lexicon, seeded),
so the ratio is comparable across machines even when the absolute numbers
are not.  Target (issue 3): the
full pipeline keeps at least half the tokenizer's speed.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
from itertools import accumulate
import time

import spacy

from argmine.nlp import load_pipeline
from argmine.nlp.pipeline import FALLBACK_NAME

ONSETS = ["b", "br", "d", "f", "g", "gr", "h", "k", "kl", "l", "m", "n", "p", "r", "s", "sch",
          "st", "t", "tr", "v", "w", "z", "pf", "sp"]
NUCLEI = ["a", "e", "i", "o", "u", "ä", "ö", "ü", "ei", "au", "ie", "eu"]
CODAS = ["", "n", "r", "s", "t", "ck", "ng", "ch", "nd", "lt", "rm", "st"]
FUNCTION = ("der die das und ist nicht ein eine zu den mit von sich auf für es im dem auch als "
            "an wird wie noch bei aus nach so sind man aber oder wenn nur dass weil denn doch "
            "deshalb ich wir sie er hat kann sollte muss keine mehr sehr schon immer").split()
TEMPLATES = ["{N} {V} {a} {N2}", "{N} {V} {f} {N2} {f} {a} {N3}", "{f} {N} {V} {a}",
             "{N} {V} {f} {N2}, weil {n} {a} {v}", "{N} {V} {N2}, aber {n} {V} {a}",
             "{N} {V} {f} {N2}, deshalb {V} {n} {a}", "Zwar {V} {n} {N2}, doch {n} {V} {a}",
             "{N} {V} {N2} und {n} {V} {N3}"]


def make_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS)
                   for _ in range(syllables))


def lexicon(rng: random.Random, size: int) -> list[str]:
    """Invented stems; drawn with Zipf weights they give a realistic type-token curve."""
    return [make_word(rng, rng.randint(1, 4)) for _ in range(size)]


def generate(words: int, seed: int = 13, vocabulary: int = 30_000) -> list[str]:
    """Paragraph-sized documents of templated German-like sentences, ``words`` words in all."""
    rng = random.Random(seed)
    stems = lexicon(rng, vocabulary)
    cumulative = list(accumulate(1 / (rank + 1) for rank in range(len(stems))))

    def pick(k: int) -> list[str]:
        return rng.choices(stems, cum_weights=cumulative, k=k)

    docs, count = [], 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(3, 12)):
            nouns, verbs, adjectives = pick(4), pick(2), pick(2)
            sentence = rng.choice(TEMPLATES).format(
                N=nouns[0].capitalize(), N2=nouns[1].capitalize(), N3=nouns[2].capitalize(),
                n=nouns[3], V=verbs[0] + "t", v=verbs[1] + "en", a=adjectives[0],
                f=rng.choice(FUNCTION))
            sentences.append(sentence + rng.choice([".", ".", ".", "!", "?", " ..."]))
        text = " ".join(sentences)
        docs.append(text)
        count += len(text.split())
    return docs


def words_per_second(run, docs: list[str]) -> float:
    """One pass over texts the tokenizer has not seen, as in a real ingest."""
    words = sum(len(d.split()) for d in docs)
    start = time.perf_counter()
    run(docs)
    return words / (time.perf_counter() - start)


def print_result(result: dict, as_json: bool) -> None:
    """One JSON object, or one aligned line per measure."""
    if as_json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:>28}: {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    docs = generate(args.words)
    blank = spacy.blank("de")
    pipeline = load_pipeline(FALLBACK_NAME)
    tokenizer = words_per_second(lambda ds: [blank.make_doc(d) for d in ds], docs)
    full = words_per_second(lambda ds: list(pipeline.nlp.pipe(ds, batch_size=64)), docs)
    result = {
        "words": sum(len(d.split()) for d in docs),
        "pipeline": pipeline.name,
        "pipeline_words_per_second": round(full),
        "tokenizer_words_per_second": round(tokenizer),
        "ratio": round(full / tokenizer, 3),
        "machine": f"{platform.machine()}, {platform.python_implementation()} "
                   f"{platform.python_version()}",
    }
    print_result(result, args.json)


if __name__ == "__main__":
    main()
