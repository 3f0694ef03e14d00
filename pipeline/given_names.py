"""Is a word a given name? Answered by gender-guesser's dictionary of first names.

The small English model often calls an unfamiliar person an organisation
(`Investor Contact: Marcus Hale`) and an unfamiliar town a person. A first-name
dictionary is the cheapest signal that tells them apart. gender-guesser ships
about 40,000 first names from many countries (Jörg Michael's `nam_dict`); we
use only whether a name is in it, never the gender. A short supplement of ours
adds African, South Asian, Pacific and Korean names the dictionary lacks.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from gender_guesser.detector import Detector

from pipeline.lexicon import PATTERNS_DIR

# "andy" marks names used for either sex, which includes many Chinese
# syllables that are surnames as often as given names ("Li", "Wang").
GIVEN = frozenset({"male", "female", "mostly_male", "mostly_female"})


@cache
def _detector() -> Detector:
    return Detector(case_sensitive=True)


@cache
def _extra_names() -> frozenset[str]:
    """Our supplement (`patterns/given_names_extra.txt`): names nam_dict lacks."""
    lines = (PATTERNS_DIR / "given_names_extra.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def is_given_name(word: str) -> bool:
    """A capitalised word that the dictionary (or our supplement) knows as a first name."""
    if word in _extra_names():
        return True
    if not word[:1].isupper() or not word.isalpha():
        return False
    if _detector().get_gender(word) in GIVEN:
        return True
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return plain != word and _detector().get_gender(plain) in GIVEN  # "Siobhán"
