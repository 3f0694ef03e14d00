"""Reading articles: decoding, sidecars, JSONL, duplicates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.readers import Article, ArticleError, read_articles


def _read(path: Path, default: dt.date | None = None) -> list[Article | ArticleError]:
    return list(read_articles([path], default))


def test_bom_is_removed_and_nothing_else_changes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("\ufeff  Hello\r\nworld ".encode())
    [article] = _read(tmp_path)
    assert isinstance(article, Article) and article.text == "  Hello\r\nworld "


def test_sidecar_gives_date_title_and_unknown_keys_are_harmless(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "a.meta.json").write_text(
        '{"document_date": "2021-08-12", "title": "T", "url": "u", "whatever": [1]}')
    [article] = _read(tmp_path, dt.date(2000, 1, 1))
    assert article.document_date == dt.date(2021, 8, 12)
    assert article.document_date_source == "metadata" and article.title == "T"


def test_cli_date_is_the_fallback(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.")
    [article] = _read(tmp_path, dt.date(2000, 1, 1))
    assert (article.document_date, article.document_date_source) == (dt.date(2000, 1, 1), "cli")


def test_invalid_sidecar_json_is_an_error_for_its_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "a.meta.json").write_text("{not json")
    [error] = _read(tmp_path)
    assert isinstance(error, ArticleError) and "a.meta.json" in error.error


def test_invalid_sidecar_date_is_an_error_for_its_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "a.meta.json").write_text('{"document_date": "12 August"}')
    [error] = _read(tmp_path)
    assert isinstance(error, ArticleError) and "ISO date" in error.error


def test_same_doc_id_twice_is_an_error_not_an_overwrite(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "x" / "a.md").write_text("Two.")
    first, second = _read(tmp_path)
    assert isinstance(first, Article) and first.text == "One."
    assert isinstance(second, ArticleError) and "duplicate doc_id" in second.error


def test_jsonl_lines_become_articles_and_bad_lines_errors(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"doc_id": "a", "text": "Hi.", "document_date": "2021-01-02"}\n'
                    'not json\n{"doc_id": "b", "text": ""}\n')
    a, bad, b = _read(path)
    assert isinstance(a, Article) and a.document_date == dt.date(2021, 1, 2)
    assert isinstance(bad, ArticleError) and bad.path.endswith(":2")
    assert isinstance(b, ArticleError) and b.doc_id == "b"
