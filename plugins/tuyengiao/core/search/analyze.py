"""Stage *analyse*: one document's terms, a pure function of its :class:`SearchDoc`.

Because the result depends on the document alone, a cache keyed by the
document's content hash can skip unchanged documents; only the merge
(:mod:`.index`) looks at the whole corpus.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from .documents import SearchDoc
from .rules import fold, tokens

#: How much a token counts, by the field it is in.
FIELD_WEIGHTS = (("title", 4), ("number", 4), ("kind", 2), ("tags", 2), ("description", 2),
                 ("issuer", 1), ("text", 1))
TYPE_CODES = {"resolution": "r", "qa": "q", "guidance": "g", "summary": "s"}

#: Folding one syllable at a time: a language has a few thousand, so cache them.
fold_word = functools.lru_cache(maxsize=1 << 16)(fold)


@dataclass(frozen=True)
class Analysis:
    """What the merge needs of one document."""

    #: folded term → {form as written (``""`` when it is the folded term itself): weight}
    terms: dict[str, dict[str, int]]
    #: folded syllable pairs ``"hoc tap"`` → weight
    bigrams: dict[str, int]
    length: int
    own_keys: tuple[str, ...]
    mention_keys: tuple[str, ...]
    type: str
    year: int
    #: the JSON of the document's result fragment (``d/<id>.json``)
    fragment: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {"terms": self.terms, "bigrams": self.bigrams, "length": self.length,
                "own_keys": list(self.own_keys), "mention_keys": list(self.mention_keys),
                "type": self.type, "year": self.year, "fragment": self.fragment}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Analysis:
        return cls(data["terms"], data["bigrams"], data["length"], tuple(data["own_keys"]),
                   tuple(data["mention_keys"]), data["type"], data["year"], data["fragment"])


def content_hash(doc: SearchDoc) -> str:
    """The cache key of a document's analysis."""
    text = json.dumps(doc.as_json(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _field_texts(doc: SearchDoc) -> list[tuple[str, int]]:
    values = {"title": doc.title, "number": doc.number, "kind": doc.kind,
              "tags": " . ".join(doc.tags), "description": doc.description,
              "issuer": doc.issuer, "text": doc.text}
    return [(values[name], weight) for name, weight in FIELD_WEIGHTS if values[name]]


def analyze(doc: SearchDoc) -> Analysis:
    """Count folded syllables (with their written forms) and syllable pairs."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    bigrams: Counter[str] = Counter()
    length = 0
    for text, weight in _field_texts(doc):
        words = tokens(text)
        folded = [fold_word(w) for w in words]
        for word, plain in zip(words, folded, strict=True):
            forms[plain]["" if word == plain else word] += weight
        for first, second in pairwise(folded):
            bigrams[f"{first} {second}"] += weight
        length += len(words) * weight
    terms = {term: dict(sorted(counts.items())) for term, counts in sorted(forms.items())}
    return Analysis(terms, dict(sorted(bigrams.items())), length, doc.own_keys,
                    doc.mention_keys, TYPE_CODES[doc.type], doc.year, fragment(doc))


def fragment(doc: SearchDoc) -> dict[str, Any]:
    """What a result shows: kind, number, date, title, language, type, year, text."""
    data: dict[str, Any] = {"u": doc.url, "t": doc.title, "k": doc.kind, "n": doc.number,
                            "d": doc.date, "y": doc.year, "ty": TYPE_CODES[doc.type],
                            "l": doc.lang, "x": doc.text or doc.description}
    return {k: v for k, v in data.items() if v not in ("", 0)}
