"""Reading articles: folders of .txt/.md files with sidecars, and .jsonl files.

Reading is lazy, so a folder of any size streams through in constant memory,
and every failure becomes an `ArticleError` for its article instead of
stopping the run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".md")
JSONL_SUFFIX = ".jsonl"
SIDECAR_SUFFIX = ".meta.json"


@dataclass
class Article:
    """One article's decoded text and what its metadata says."""

    doc_id: str
    text: str
    path: str | None = None
    document_date: dt.date | None = None
    document_date_source: str | None = None
    title: str | None = None
    url: str | None = None
    source_name: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        """Hash of the decoded text, UTF-8 encoded (the gold files pin the same)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class ArticleError:
    """An article that cannot be extracted, and a reason a person can act on."""

    doc_id: str | None
    path: str
    error: str


class InputError(ValueError):
    """An input path the user gave does not exist or is of a kind we cannot read."""


def decode_text(data: bytes) -> str:
    """UTF-8 with a leading BOM removed and nothing else changed (guidelines, offsets)."""
    if b"\x00" in data:
        raise ValueError("binary content (NUL bytes), not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(
            f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "re-save the file as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ValueError("empty article (no text)")
    return text


def parse_date(value: object, what: str) -> dt.date | None:
    """An ISO date from metadata; a clear error for anything else."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} must be an ISO date string like 2021-08-12, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{what} {value!r} is not an ISO date like 2021-08-12") from None


def _str_or_none(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    return None if value is None else str(value)


def _apply_meta(article: Article, meta: dict, what: str, default_date: dt.date | None) -> None:
    """Fill metadata fields; unknown keys are accepted and ignored."""
    article.title = _str_or_none(meta, "title")
    article.url = _str_or_none(meta, "url")
    article.source_name = _str_or_none(meta, "source")
    date = parse_date(meta.get("document_date"), f"{what} document_date")
    if date is not None:
        article.document_date, article.document_date_source = date, "metadata"
    elif default_date is not None:
        article.document_date, article.document_date_source = default_date, "cli"


def discover(inputs: Iterable[Path]) -> Iterator[Path]:
    """Article and JSONL files under the inputs, in a stable (sorted) order."""
    for path in inputs:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _is_input(child):
                    yield child
        elif path.is_file():
            yield path
        else:
            raise InputError(f"no such file or folder: {path}")


def _is_input(path: Path) -> bool:
    name = path.name
    return not name.startswith(".") and (
        path.suffix in ARTICLE_SUFFIXES or path.suffix == JSONL_SUFFIX
    )


def read_file(path: Path, default_date: dt.date | None) -> Article | ArticleError:
    """One .txt/.md article and its optional sidecar."""
    doc_id = path.name[: -len(path.suffix)] if path.suffix else path.name
    try:
        text = decode_text(path.read_bytes())
    except OSError as err:
        return ArticleError(doc_id, str(path), f"cannot read file: {err.strerror or err}")
    except ValueError as err:
        return ArticleError(doc_id, str(path), str(err))
    article = Article(doc_id=doc_id, text=text, path=str(path))
    sidecar = path.with_name(doc_id + SIDECAR_SUFFIX)
    meta: dict = {}
    if sidecar.exists():
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
            if not isinstance(meta, dict):
                raise ValueError("a JSON object is expected")
        except (OSError, ValueError) as err:
            return ArticleError(doc_id, str(path), f"sidecar {sidecar.name} is not valid: {err}")
    try:
        _apply_meta(article, meta, f"sidecar {sidecar.name}", default_date)
    except ValueError as err:
        return ArticleError(doc_id, str(path), str(err))
    return article


def read_jsonl(path: Path, default_date: dt.date | None) -> Iterator[Article | ArticleError]:
    """One article per line: {"doc_id", "text", "document_date"?, "title"?, "url"?}."""
    try:
        handle = path.open("rb")
    except OSError as err:
        yield ArticleError(None, str(path), f"cannot read file: {err.strerror or err}")
        return
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            where = f"{path}:{lineno}"
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as err:
                yield ArticleError(None, where, f"line is not valid JSON: {err}")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("doc_id"), str):
                yield ArticleError(None, where, 'line needs a JSON object with a string "doc_id"')
                continue
            doc_id = obj["doc_id"]
            text = obj.get("text")
            if not isinstance(text, str) or not text.strip():
                yield ArticleError(doc_id, where, 'missing or empty "text"')
                continue
            if "\x00" in text:
                yield ArticleError(doc_id, where, "binary content (NUL characters)")
                continue
            article = Article(doc_id=doc_id, text=text.removeprefix("\ufeff"), path=where)
            try:
                _apply_meta(article, obj, "document_date", default_date)
            except ValueError as err:
                yield ArticleError(doc_id, where, str(err))
                continue
            yield article


def read_articles(
    inputs: Iterable[Path], default_date: dt.date | None = None
) -> Iterator[Article | ArticleError]:
    """Every article under the inputs; a repeated doc_id is an error, never an overwrite."""
    seen: dict[str, str] = {}
    for path in discover(inputs):
        items = (
            read_jsonl(path, default_date)
            if path.suffix == JSONL_SUFFIX
            else iter([read_file(path, default_date)])
        )
        for item in items:
            if isinstance(item, Article):
                first = seen.get(item.doc_id)
                if first is not None:
                    yield ArticleError(
                        item.doc_id, item.path or str(path),
                        f"duplicate doc_id {item.doc_id!r}: already read from {first}",
                    )
                    continue
                seen[item.doc_id] = item.path or str(path)
            yield item


def count_inputs(inputs: Iterable[Path]) -> int | None:
    """How many articles there are, for the progress bar; None when JSONL makes it unknown."""
    total = 0
    for path in discover(inputs):
        if path.suffix == JSONL_SUFFIX:
            return None
        total += 1
    return total
