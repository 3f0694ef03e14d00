"""`pressfacts evaluate` on a records file: tables, error listing, bounds."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import CORPUS

runner = CliRunner()


def _records(tmp_path: Path, corpus_records: dict) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in corpus_records.values()))
    return path


def test_errors_list_spans_in_context_and_bounds_fail(tmp_path: Path, corpus_records: dict) -> None:
    pred = _records(tmp_path, corpus_records)
    result = runner.invoke(app, ["evaluate", "--gold", str(CORPUS / "gold"), "--pred", str(pred),
                                 "--split", "dev", "--errors", "--fail-under", "ORG=0.999"])
    assert result.exit_code == 1
    assert "## jiangxi-talent" not in result.output  # the reference article has no errors
    assert "MISSED" in result.output or "SPURIOUS" in result.output


def test_json_output_has_the_core_micro_figures(tmp_path: Path, corpus_records: dict) -> None:
    pred = _records(tmp_path, corpus_records)
    result = runner.invoke(app, ["evaluate", "--gold", str(CORPUS / "gold"), "--pred", str(pred),
                                 "--split", "test", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert set(payload["pressfacts"]["micro_core"]) == {"strict", "lenient"}


def test_unknown_split_is_a_usage_error() -> None:
    result = runner.invoke(app, ["evaluate", "--gold", str(CORPUS / "gold"), "--split", "nope"])
    assert result.exit_code == 2
