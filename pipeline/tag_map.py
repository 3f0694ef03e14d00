"""The `pressfacts_pos` component: coarse POS from fine tags by table lookup.

The model's attribute_ruler sets POS with a Matcher over 179 patterns, which
costs as much as the parser. pressfacts needs only the POS the tag implies, so
`load()` reads the tag-to-POS rows out of the model's own attribute_ruler,
drops the ruler, and this component applies the tables (tag, and word plus
tag): the same POS for all but the few multi-token and dependency rows, at a
fraction of the cost (see `make bench`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def tag_map_from_ruler(nlp: Language, name: str = "attribute_ruler"
                       ) -> tuple[dict[str, str], dict[str, str]]:
    """The single-token POS rows of a model's attribute_ruler.

    Returns `{tag: pos}` for `[{"TAG": t}]` rows and `{"word tag": pos}` for
    `[{"LOWER": w, "TAG": t}]` rows (`that`/IN -> SCONJ), which win over the tag.
    """
    by_tag: dict[str, str] = {}
    by_word: dict[str, str] = {}
    for entry in nlp.get_pipe(name).patterns:
        patterns, attrs = entry["patterns"], entry["attrs"]
        if "POS" not in attrs:
            continue
        for pattern in patterns:
            if len(pattern) != 1 or not isinstance(pattern[0].get("TAG"), str):
                continue
            keys = set(pattern[0])
            tag = pattern[0]["TAG"]
            if keys == {"TAG"}:
                by_tag.setdefault(tag, attrs["POS"])
            elif keys == {"TAG", "LOWER"}:
                lowers = pattern[0]["LOWER"]
                lowers = lowers["IN"] if isinstance(lowers, dict) else [lowers]
                for word in lowers:
                    by_word.setdefault(f"{word} {tag}", attrs["POS"])
    return by_tag, by_word


@Language.factory("pressfacts_pos", default_config={"tag_map": {}, "word_map": {}})
def make_tag_map(nlp: Language, name: str, tag_map: dict[str, str],
                 word_map: dict[str, str]) -> TagMap:
    """Factory: the tables are part of the config, so a saved pipeline keeps them."""
    return TagMap(nlp, name, tag_map, word_map)


class TagMap:
    """Set `token.pos_` from `token.tag_`."""

    def __init__(self, nlp: Language, name: str, tag_map: dict[str, str],
                 word_map: dict[str, str]) -> None:
        self.name = name
        strings = nlp.vocab.strings
        self.table = {strings.add(tag): strings.add(pos) for tag, pos in tag_map.items()}
        self.words: dict[tuple[int, int], int] = {}
        for key, pos in word_map.items():
            word, tag = key.rsplit(" ", 1)
            self.words[(strings.add(word), strings.add(tag))] = strings.add(pos)

    def __call__(self, doc: Doc) -> Doc:
        table, words = self.table, self.words
        for token in doc:
            pos = words.get((token.lower, token.tag)) or table.get(token.tag)
            if pos is not None:
                token.pos = pos
        return doc
