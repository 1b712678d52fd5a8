"""Stage *analyse*: one document's terms, a pure function of its :class:`SearchDoc`.

Because the result depends on the document alone, a cache keyed by the
document's content hash can skip unchanged documents; only the merge
(:mod:`.index`) looks at the whole corpus.

Speed matters here (10,000 documents of ~1,000 syllables each): a field is
tokenised by one ``findall``, counted by ``Counter`` (C code), and each
distinct syllable is folded once per process (:data:`FOLDS`).
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from tuyengiao.core.render.search.documents import TEXT_LIMIT, SearchDoc
from tuyengiao.core.render.search.rules import fold, load_rules

#: How much a token counts, by the field it is in.
FIELD_WEIGHTS = (("title", 4), ("number", 4), ("kind", 2), ("tags", 2), ("description", 2),
                 ("issuer", 1), ("text", 1), ("more", 1))
TYPE_CODES = {"resolution": "r", "qa": "q", "guidance": "g", "summary": "s"}
#: Separates a folded term from the form as written in a posting key (sorts below
#: every character a term may hold, so sorted keys keep terms in order).
SEP = "\t"


class _Folds(dict[str, str]):
    """Syllable → folded syllable, filled on first use (a language has a few thousand)."""

    def __missing__(self, word: str) -> str:
        plain = self[word] = sys.intern(fold(word))
        return plain


class _WordKeys(dict[str, str]):
    """Syllable → its posting key ``folded + SEP + form`` (shared, interned)."""

    def __missing__(self, word: str) -> str:
        plain = FOLDS[word]
        key = self[word] = sys.intern(plain + SEP + ("" if word == plain else word))
        return key


class _PairKeys(dict[tuple[str, str], str]):
    """Pair of folded syllables → its posting key ``"hoc tap" + SEP``."""

    def __missing__(self, pair: tuple[str, str]) -> str:
        key = self[pair] = sys.intern(pair[0] + " " + pair[1] + SEP)
        return key


FOLDS, WORD_KEYS, PAIR_KEYS = _Folds(), _WordKeys(), _PairKeys()


@dataclass(frozen=True)
class Analysis:
    """What the merge needs of one document."""

    #: posting keys: ``term + SEP + form as written`` (form ``""`` when it is the
    #: folded term itself) and folded syllable pairs ``"hoc tap" + SEP``
    keys: tuple[str, ...]
    #: the weight of each key
    weights: tuple[int, ...]
    length: int
    own_keys: tuple[str, ...]
    mention_keys: tuple[str, ...]
    type: str
    year: int
    #: the JSON of the document's result fragment (``d/<id>.json``)
    fragment: dict[str, Any]

    @property
    def terms(self) -> dict[str, dict[str, int]]:
        """folded term → {form as written (``""`` when the folded term): weight}."""
        out: dict[str, dict[str, int]] = {}
        for key, weight in zip(self.keys, self.weights, strict=True):
            term, _, form = key.partition(SEP)
            if " " not in term:
                out.setdefault(term, {})[form] = weight
        return out

    @property
    def bigrams(self) -> dict[str, int]:
        """folded syllable pairs ``"hoc tap"`` → weight."""
        return {key[:-1]: weight for key, weight in zip(self.keys, self.weights, strict=True)
                if " " in key}



def _field_texts(doc: SearchDoc) -> list[tuple[str, int]]:
    values = {"title": doc.title, "number": doc.number, "kind": doc.kind,
              "tags": " . ".join(doc.tags), "description": doc.description,
              "issuer": doc.issuer, "text": doc.text, "more": doc.more}
    return [(values[name], weight) for name, weight in FIELD_WEIGHTS if values[name]]


def analyze(doc: SearchDoc) -> Analysis:
    """Count folded syllables (with their written forms) and syllable pairs.

    A field of weight ``w`` counts each of its keys ``w`` times: its list of keys is
    repeated ``w`` times, so that all counting happens inside ``Counter``.
    """
    findall = load_rules().token.findall
    keys: list[str] = []
    length = 0
    for text, weight in _field_texts(doc):
        words = findall(text.lower())
        folded = [FOLDS[w] for w in words]
        found = [WORD_KEYS[w] for w in words]
        found += [PAIR_KEYS[p] for p in pairwise(folded)]
        keys += found * weight
        length += len(words) * weight
    counts = Counter(keys)
    return Analysis(tuple(counts), tuple(counts.values()), length, doc.own_keys,
                    doc.mention_keys, TYPE_CODES[doc.type], doc.year, fragment(doc))


def fragment(doc: SearchDoc) -> dict[str, Any]:
    """What a result shows: kind, number, date, title, language, type, year, text."""
    data: dict[str, Any] = {"u": doc.url, "t": doc.title, "k": doc.kind, "n": doc.number,
                            "d": doc.date, "y": doc.year, "ty": TYPE_CODES[doc.type],
                            "l": doc.lang, "x": (doc.text or doc.description)[:TEXT_LIMIT]}
    return {k: v for k, v in data.items() if v not in ("", 0)}
