"""Word lists and token patterns shipped as data files under `pipeline/patterns/`.

Token patterns may name a word list instead of spelling it out:
`{"LOWER": {"IN": "@org_heads"}}` expands to the `org_heads` list of
`lexicon.json`, so each list is written once and shared by code and patterns.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from spacy.matcher import Matcher
from spacy.vocab import Vocab

PATTERNS_DIR = Path(__file__).parent / "patterns"


@cache
def lexicon() -> dict[str, tuple[str, ...]]:
    """The named word lists of `lexicon.json`."""
    data = json.loads((PATTERNS_DIR / "lexicon.json").read_text(encoding="utf-8"))
    return {name: tuple(words) for name, words in data.items()}


def words(name: str) -> frozenset[str]:
    """One word list as a set, for membership tests."""
    return frozenset(lexicon()[name])


def _expand(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        return list(lexicon()[value[1:]])
    if isinstance(value, dict):
        return {key: _expand(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_expand(item) for item in value]
    return value


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """Read `patterns/<name>`, one JSON object a line; `@list` references expanded."""
    lines = (PATTERNS_DIR / name).read_text(encoding="utf-8").splitlines()
    return [_expand(json.loads(line)) for line in lines if line.strip()]


@cache
def read_lines(name: str) -> tuple[str, ...]:
    """Read `patterns/<name>`, one entry a line (a gazetteer)."""
    text = (PATTERNS_DIR / name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def pattern_matcher(vocab: Vocab, name: str) -> tuple[Matcher, dict[int, dict[str, Any]]]:
    """A Matcher of the token patterns in `patterns/<name>` (longest match wins).

    Returns the matcher and, by match id, each pattern's entry with its `id` as a
    string, so a component can read the entry's label or flags off a match.
    """
    matcher = Matcher(vocab)
    entries: dict[int, dict[str, Any]] = {}
    for i, entry in enumerate(read_jsonl(name)):
        pattern_id = str(entry.get("id", i))
        key = f"{entry['label']}:{pattern_id}"
        matcher.add(key, [entry["pattern"]], greedy="LONGEST")
        entries[vocab.strings[key]] = {**entry, "id": pattern_id}
    return matcher, entries
