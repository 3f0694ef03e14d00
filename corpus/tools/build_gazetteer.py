"""Build `pipeline/patterns/places.txt`: country and first-level subdivision names.

The names come from pycountry (ISO 3166-1 and 3166-2, a maintained data
package), with administrative suffixes dropped ("Guizhou Sheng" -> "Guizhou")
and the short forms newsrooms write added. Run it when pycountry updates:

    python corpus/tools/build_gazetteer.py
"""

from __future__ import annotations

from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[2] / "pipeline" / "patterns" / "places.txt"
SUFFIXES = (" Sheng", " Shi", " Zizhiqu", " Huizu", " Zhuangzu", " Uygur", " SAR")
SHORT_FORMS = [
    "South Korea", "North Korea", "Russia", "Iran", "Syria", "Vietnam", "Laos", "Bolivia",
    "Venezuela", "Tanzania", "Moldova", "Taiwan", "Britain", "Great Britain", "UK", "U.K.",
    "U.S.", "US", "USA", "United States", "America", "Congo", "Czech Republic", "Ivory Coast",
    "Macau", "Macao", "Hong Kong", "Palestine", "Kosovo", "Turkey", "Brunei", "Micronesia",
    "the Netherlands", "Netherlands", "Gambia", "Bahamas", "Philippines", "England",
    "Scotland", "Wales", "Northern Ireland", "Inner Mongolia", "Tibet", "Xinjiang",
    "Guangxi", "Ningxia", "Beijing", "Shanghai", "Tianjin", "Chongqing",
]
COMMON_WORDS = {"Central", "North", "South", "East", "West", "Western", "Eastern", "Northern",
                "Southern", "Capital", "Federal", "Coast", "Islands", "Lakes", "Mountain",
                "Valley", "Upper", "Lower", "Centre", "Center", "Plateau", "Delta", "River",
                "Sea", "Lake", "Bay", "Island", "Border", "Interior", "Littoral", "Ocean"}


def _clean(name: str) -> str | None:
    for suffix in SUFFIXES:
        name = name.removesuffix(suffix)
    if "," in name or "(" in name or len(name) < 4 or name in COMMON_WORDS:
        return None
    if not name[:1].isupper():
        return None
    return name


def main() -> None:
    names: set[str] = set(SHORT_FORMS)
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and (clean := _clean(value)):
                names.add(clean)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and (clean := _clean(sub.name)):
            names.add(clean)
    names = {n.removeprefix("the ") for n in names}
    OUT.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
