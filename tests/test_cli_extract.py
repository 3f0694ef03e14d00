"""`pressfacts extract` end to end on a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import jsonlines
import pytest
from typer.testing import CliRunner

from pipeline.cli import app

GOOD = "BEIJING, Jan. 5 (Xinhua) -- The Ministry of Education said on Monday that 1,200 schools joined the programme last year.\n"  # noqa: E501

runner = CliRunner()


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "good.meta.json").write_text('{"document_date": "2024-01-05", "extra": 1}')
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (src / "latin1.txt").write_bytes("Caf\xe9 society in Montr\xe9al".encode("latin-1"))
    return src


def test_good_article_extracted_and_bad_ones_reported_with_exit_1(folder: Path,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(folder), "-o", str(out)])
    assert result.exit_code == 1, result.output
    records = list(jsonlines.open(out / "records.jsonl"))
    assert [r["doc_id"] for r in records] == ["good"]
    assert records[0]["document_date"] == "2024-01-05"
    errors = {e["doc_id"]: e["error"] for e in jsonlines.open(out / "errors.jsonl")}
    assert set(errors) == {"empty", "binary", "latin1"}
    assert "empty" in errors["empty"]
    assert "binary" in errors["binary"]
    assert "UTF-8" in errors["latin1"]
    run = json.loads((out / "run.json").read_text())
    assert (run["articles_read"], run["extracted"], run["failed"]) == (4, 1, 3)


def test_all_good_exits_0_and_leaves_no_partial_files(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out),
                                 "--document-date", "2024-01-05"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["errors.jsonl", "records.jsonl", "run.json"]
    record = next(iter(jsonlines.open(out / "records.jsonl")))
    assert record["document_date_source"] == "cli"


def test_missing_input_is_a_usage_error_with_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope"), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_bad_document_date_option_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path), "--document-date", "12/08/2021"])
    assert result.exit_code == 2


def test_jsonl_input_and_two_workers(tmp_path: Path) -> None:
    src = tmp_path / "articles.jsonl"
    with jsonlines.open(src, "w") as w:
        for i in range(3):
            w.write({"doc_id": f"d{i}", "text": GOOD, "document_date": "2024-01-05"})
        w.write({"doc_id": "d0", "text": GOOD})
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out), "--workers", "2"])
    assert result.exit_code == 1, result.output
    assert [r["doc_id"] for r in jsonlines.open(out / "records.jsonl")] == ["d0", "d1", "d2"]
    [error] = list(jsonlines.open(out / "errors.jsonl"))
    assert "duplicate doc_id" in error["error"]
