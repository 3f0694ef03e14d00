"""The benchmark harness: corpus building, figure assembly and output, mostly without a model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from pipeline import bench
from pipeline.readers import Article, read_articles


def _source(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "alpha.txt").write_text("Acme Corp hired 40 people on Monday.\n", encoding="utf-8")
    (src / "alpha.meta.json").write_text('{"document_date": "2021-08-12"}', encoding="utf-8")
    (src / "beta.md").write_text("Beta Ltd closed two plants in 2019.\n", encoding="utf-8")
    (src / ".hidden.txt").write_text("not an article", encoding="utf-8")
    return src


def test_build_corpus_cycles_with_distinct_ids_and_sidecars(tmp_path: Path) -> None:
    dest = tmp_path / "corpus"
    written = bench.build_corpus(5, dest, _source(tmp_path))
    assert [p.relative_to(dest).as_posix() for p in written] == [
        "0/alpha-0.txt", "0/beta-1.md", "1/alpha-2.txt", "1/beta-3.md", "2/alpha-4.txt"]
    assert sorted(p.name for p in dest.rglob("*.meta.json")) == [
        "alpha-0.meta.json", "alpha-2.meta.json", "alpha-4.meta.json"]
    articles = list(read_articles([dest]))
    assert all(isinstance(a, Article) for a in articles)  # no duplicate-id errors
    # the reader's order interleaves the sources, cycle by cycle
    assert [a.doc_id for a in articles if isinstance(a, Article)] == [
        "alpha-0", "beta-1", "alpha-2", "beta-3", "alpha-4"]
    dated = {a.doc_id: a.document_date for a in articles if isinstance(a, Article)}
    assert str(dated["alpha-2"]) == "2021-08-12" and dated["beta-3"] is None


def test_build_corpus_from_the_real_corpus(tmp_path: Path) -> None:
    n = len(bench.source_articles()) + 3  # wraps around once
    written = bench.build_corpus(n, tmp_path)
    ids = [a.doc_id for a in read_articles([tmp_path]) if isinstance(a, Article)]
    assert len(written) == len(set(ids)) == n


def _fake_measure(spec: dict[str, Any], work: Path) -> dict[str, Any]:
    """Figures shaped like the children's, without loading a model."""
    n = 8
    if spec["kind"] == "bare":
        return {"articles": n, "seconds": 4.0, "load_seconds": 1.0, "pipe_names": ["ner"],
                "peak_rss_mb": 300.0}
    result = {"articles": n, "extracted": n, "failed": 0,
              "seconds": 4.0 if spec["workers"] == 1 else 2.0,
              "load_seconds": 1.0 if spec["workers"] == 1 else None,
              "peak_rss_mb": 280.0 if spec["workers"] == 1 else 120.0,
              "peak_rss_mb_after": {str(c): 270.0 for c in spec.get("checkpoints", [])},
              "records_bytes": 1000}
    if spec["workers"] > 1:
        result["workers_peak_rss_mb"] = 290.0
    return result


@pytest.fixture
def fake_result(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setattr(bench, "measure", _fake_measure)
    monkeypatch.setattr(bench, "count_tokens",
                        lambda n, model=None: {"tokens": 4000, "chars": 20000,
                                               "source_articles": 45})
    monkeypatch.setattr(bench, "normaliser_benchmark", lambda: {
        "dates": {"n": 3, "ours": {"spans_per_second": 1000, "value_accuracy": 1.0},
                  "dateparser": {"spans_per_second": 10, "value_accuracy": 0.5}},
        "counts": {"n": 2, "ours": {"spans_per_second": 2000, "value_accuracy": 1.0}}})
    return bench.run_benchmark(8)


def test_run_benchmark_assembles_rates_ratios_and_targets(fake_result: dict[str, Any]) -> None:
    r = fake_result
    assert set(r) >= {"machine", "versions", "settings", "runs", "ratios", "memory", "targets",
                      "normalisers"}
    assert set(r["machine"]) >= {"platform", "cpu", "cores", "ram_gb"}
    assert r["settings"]["n"] == 8 and r["settings"]["batch_size"] == 32
    assert list(r["runs"]) == ["a", "b", "c"]
    assert r["runs"]["a"]["tokens_per_second"] == 1000.0
    assert r["runs"]["a"]["articles_per_second"] == 2.0
    assert r["ratios"]["b_over_a"] == 1.0 and r["ratios"]["c_over_b"] == 2.0
    assert r["ratios"]["b_over_a_steady"] == 1.0
    assert r["memory"]["b_peak_rss_mb_at_quarter"] == 270.0  # checkpoint after N/4 = 2
    assert r["ratios"]["memory_n_over_quarter"] == round(280 / 270, 3)
    assert {k: t["met"] for k, t in r["targets"].items()} == {
        "b_over_a": True, "c_over_b": True, "memory_n_over_quarter": True}


def test_output_json_and_tables(fake_result: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "outputs" / "bench.json"
    bench.write_result(fake_result, out)
    assert json.loads(out.read_text()) == fake_result
    console = Console(record=True, width=200)
    for table in bench.tables(fake_result):
        console.print(table)
    text = console.export_text()
    assert "(a) bare nlp.pipe" in text and "c/b" in text and "dateparser" in text
    assert "| (b) extract, 1 worker |" in bench.markdown(fake_result)


def test_median_of_repeats() -> None:
    runs = [{"seconds": s, "peak_rss_mb_after": {"2": s}, "label": "x"} for s in (3.0, 1.0, 2.0)]
    merged = bench._median_of(runs)
    assert merged["seconds"] == 2.0 and merged["peak_rss_mb_after"] == {"2": 2.0}
    assert merged["seconds_all"] == [3.0, 1.0, 2.0]


def test_normaliser_benchmark_covers_every_gold_span() -> None:
    pytest.importorskip("dateparser")
    result = bench.normaliser_benchmark()
    assert result["dates"]["n"] > 0 and result["counts"]["n"] > 0
    assert 0 <= result["counts"]["ours"]["value_accuracy"] <= 1
    assert result["dates"]["ours"]["spans_per_second"] > 0


def test_extract_child_reports_rss_checkpoints(tmp_path: Path) -> None:
    """One real (b) child on 3 articles: loads the model once, about 5-10 s."""
    corpus = tmp_path / "articles"
    bench.build_corpus(3, corpus)
    from pipeline.language import DEFAULT_MODEL

    spec = {"name": "b", "kind": "extract", "workers": 1, "inputs": [str(corpus)],
            "model": DEFAULT_MODEL, "batch_size": 32, "checkpoints": [1, 3],
            "out_dir": str(tmp_path / "out")}
    result = bench.measure(spec, tmp_path)
    assert result["articles"] == result["extracted"] == 3
    assert set(result["peak_rss_mb_after"]) == {"1", "3"}
    assert result["peak_rss_mb"] >= result["peak_rss_mb_after"]["1"] > 0
    assert result["load_seconds"] is not None and result["seconds"] > result["load_seconds"]
