"""The `pressfacts_pos` component: coarse POS from fine tags by table lookup.

The model's attribute_ruler sets POS with a Matcher over 179 patterns, which
costs as much as the parser. pressfacts needs only the POS the tag implies, so
`load()` reads the tag-to-POS rows out of the model's own attribute_ruler,
drops the ruler, and this component applies the table: same POS for the
ordinary cases, at a fraction of the cost (see `make bench`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def tag_map_from_ruler(nlp: Language, name: str = "attribute_ruler") -> dict[str, str]:
    """The rows `[{"TAG": t}] -> {"POS": p}` of a model's attribute_ruler."""
    table: dict[str, str] = {}
    for entry in nlp.get_pipe(name).patterns:
        patterns, attrs = entry["patterns"], entry["attrs"]
        if "POS" not in attrs:
            continue
        for pattern in patterns:
            if len(pattern) == 1 and set(pattern[0]) == {"TAG"} and \
                    isinstance(pattern[0]["TAG"], str):
                table.setdefault(pattern[0]["TAG"], attrs["POS"])
    return table


@Language.factory("pressfacts_pos", default_config={"tag_map": {}})
def make_tag_map(nlp: Language, name: str, tag_map: dict[str, str]) -> TagMap:
    """Factory: the table is part of the config, so a saved pipeline keeps it."""
    return TagMap(nlp, name, tag_map)


class TagMap:
    """Set `token.pos_` from `token.tag_`."""

    def __init__(self, nlp: Language, name: str, tag_map: dict[str, str]) -> None:
        self.name = name
        strings = nlp.vocab.strings
        self.table = {strings.add(tag): strings.add(pos) for tag, pos in tag_map.items()}

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        for token in doc:
            pos = table.get(token.tag)
            if pos is not None:
                token.pos = pos
        return doc
