"""Throughput benchmark: `pressfacts extract` against the bare spaCy model on the same texts.

Users judge a batch tool by how many articles it gets through, and the bare model is
the ceiling they compare with. One `run_benchmark()` call:

* builds a synthetic corpus of N articles by cycling `corpus/articles` (distinct doc ids,
  sidecars copied) in a temporary folder, so no network and no leftovers;
* measures (a) bare `nlp.pipe` of the full model, (b) `pipeline.batch.run` with 1 worker
  and (c) the same with 2 workers, each in a fresh child process
  (`python -m pipeline.bench --_child SPEC`) so that peak RSS (`ru_maxrss`) belongs to
  that measurement alone and no run warms caches for the next;
* records (b)'s peak RSS after N/4 articles and at N (a checkpoint inside the same run,
  or a separate fresh run at N/4 with `quarter_run=True`), which shows whether memory
  grows with the number of articles;
* micro-benchmarks the date and count normalisers over every gold DATE and COUNT span,
  with dateparser on the same date spans for comparison (`pipeline.datebench`).

Timings start after imports (both sides import spaCy) and include model loading, as a
user running the command sees them; load time is also reported on its own.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline.readers import ARTICLE_SUFFIXES, SIDECAR_SUFFIX

ROOT = Path(__file__).resolve().parent.parent
ARTICLES_DIR = ROOT / "corpus" / "articles"
GOLD_DIR = ROOT / "corpus" / "gold"
DEFAULT_N = 2000
DEFAULT_OUTPUT = Path("outputs/bench.json")
TARGETS = {"b_over_a": 1.0, "c_over_b": 1.8, "memory_n_over_quarter": 1.10}

Log = Callable[[str], None]


# ---------------------------------------------------------------- synthetic corpus


def source_articles(source: Path = ARTICLES_DIR) -> list[Path]:
    """The corpus article files, sorted so the synthetic corpus is reproducible."""
    return sorted(p for p in source.iterdir()
                  if p.is_file() and p.suffix in ARTICLE_SUFFIXES and not p.name.startswith("."))


def build_corpus(n: int, dest: Path, source: Path = ARTICLES_DIR) -> list[Path]:
    """N article files `<cycle>/<id>-<k><suffix>` under `dest`, cycling the source articles.

    Each copy gets its own doc id (the reader rejects repeated ids) and a copy of its
    `.meta.json` sidecar, so every article keeps its document date. One subfolder per
    cycle makes the reader's sorted order interleave the articles (every batch mixes
    them, as a real feed does); flat `<id>-<k>` names would sort the copies of one
    article into a block, and (b)'s peak memory after N/4 articles would then depend on
    which articles happen to sort first rather than on accumulation.
    """
    originals = source_articles(source)
    if not originals:
        raise ValueError(f"no articles in {source}")
    width = len(str(max(n - 1, 0) // len(originals)))
    written = []
    for k in range(n):
        src = originals[k % len(originals)]
        stem = src.name[: -len(src.suffix)]
        folder = dest / f"{k // len(originals):0{width}d}"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{stem}-{k}{src.suffix}"
        shutil.copyfile(src, target)
        sidecar = src.with_name(stem + SIDECAR_SUFFIX)
        if sidecar.exists():
            shutil.copyfile(sidecar, folder / f"{stem}-{k}{SIDECAR_SUFFIX}")
        written.append(target)
    return written


def count_tokens(n: int, model: str | None = None, source: Path = ARTICLES_DIR) -> dict[str, int]:
    """Tokens and characters of the N-article corpus, counted once with the model's tokenizer.

    Copies are identical texts, so each source article is tokenised once and multiplied;
    every run's tokens/s then uses the same count.
    """
    import spacy

    from pipeline.language import DEFAULT_MODEL
    from pipeline.readers import decode_text

    nlp = spacy.load(model or DEFAULT_MODEL, exclude=_component_names(model or DEFAULT_MODEL))
    originals = source_articles(source)
    per = [(len(nlp.make_doc(text)), len(text))
           for text in (decode_text(p.read_bytes()) for p in originals)]
    tokens = sum(per[k % len(per)][0] for k in range(n))
    chars = sum(per[k % len(per)][1] for k in range(n))
    return {"tokens": tokens, "chars": chars, "source_articles": len(originals)}


def _component_names(model: str) -> list[str]:
    """Every component a packaged model has, so loading it can skip them all (tokenizer only)."""
    import spacy

    path = spacy.util.get_package_path(model) if spacy.util.is_package(model) else Path(model)
    meta = spacy.util.load_meta(path / "meta.json")
    return list(meta.get("components") or meta.get("pipeline") or [])


# ---------------------------------------------------------------- child measurements


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MiB (Linux reports ru_maxrss in KiB, macOS in bytes)."""
    peak = resource.getrusage(who).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _child_bare(spec: dict[str, Any]) -> dict[str, Any]:
    """(a): the full model, nothing excluded, over the same texts in the same order."""
    import spacy

    from pipeline.readers import Article, read_articles

    texts = [a.text for a in read_articles([Path(p) for p in spec["inputs"]])
             if isinstance(a, Article)]
    start = time.perf_counter()
    nlp = spacy.load(spec["model"])
    loaded = time.perf_counter()
    done = 0
    for _doc in nlp.pipe(texts, batch_size=spec["batch_size"]):
        done += 1
    end = time.perf_counter()
    return {"articles": done, "seconds": end - start, "load_seconds": loaded - start,
            "pipe_names": nlp.pipe_names, "peak_rss_mb": _peak_rss_mb()}


def _child_extract(spec: dict[str, Any]) -> dict[str, Any]:
    """(b)/(c): `pipeline.batch.run`, the code `pressfacts extract` calls, end to end."""
    from pipeline import batch
    from pipeline.batch import Settings, run

    load_seconds: list[float] = []
    extractor_module = sys.modules[batch.Extractor.__module__]
    original_load = extractor_module.load

    def timed_load(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        nlp = original_load(*args, **kwargs)
        load_seconds.append(time.perf_counter() - started)
        return nlp

    extractor_module.load = timed_load  # in-process only: with workers, loads happen elsewhere
    checkpoints = sorted(set(spec.get("checkpoints", [])))
    rss_at: dict[str, float] = {}
    seen = 0

    def on_article(_ok: bool) -> None:
        nonlocal seen
        seen += 1
        if checkpoints and seen == checkpoints[0]:
            rss_at[str(checkpoints.pop(0))] = _peak_rss_mb()

    settings = Settings(model=spec["model"], batch_size=spec["batch_size"])
    start = time.perf_counter()
    summary = run([Path(p) for p in spec["inputs"]], Path(spec["out_dir"]),
                  workers=spec["workers"], settings=settings, on_article=on_article)
    end = time.perf_counter()
    result: dict[str, Any] = {
        "articles": summary.articles_read, "extracted": summary.extracted,
        "failed": summary.failed, "seconds": end - start,
        "load_seconds": load_seconds[0] if load_seconds else None,
        "peak_rss_mb": _peak_rss_mb(), "peak_rss_mb_after": rss_at,
        "records_bytes": (Path(spec["out_dir"]) / "records.jsonl").stat().st_size,
    }
    if spec["workers"] > 1:  # the pool is joined by now, so its workers count as children
        result["workers_peak_rss_mb"] = _peak_rss_mb(resource.RUSAGE_CHILDREN)
    return result


def _child_main(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    kind = spec["kind"]
    result = _child_bare(spec) if kind == "bare" else _child_extract(spec)
    Path(spec["result"]).write_text(json.dumps(result), encoding="utf-8")


def measure(spec: dict[str, Any], work: Path) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter and return what it reports."""
    spec_path = work / f"spec-{spec['name']}.json"
    result_path = work / f"result-{spec['name']}.json"
    spec = {**spec, "result": str(result_path)}
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pipeline.bench", "--_child", str(spec_path)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child {spec['name']!r} failed (exit {proc.returncode}):\n"
                           + proc.stderr[-4000:])
    return json.loads(result_path.read_text(encoding="utf-8"))


def _median_of(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Median of every numeric figure over repeats (the rest from the first repeat)."""
    merged = dict(results[0])
    for key, value in results[0].items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            merged[key] = statistics.median(r[key] for r in results)
        elif isinstance(value, dict) and value and all(
                isinstance(v, int | float) for v in value.values()):
            merged[key] = {k: statistics.median(r[key][k] for r in results) for k in value}
    if len(results) > 1:
        merged["seconds_all"] = [round(r["seconds"], 3) for r in results]
    return merged


def _rates(result: dict[str, Any], tokens: int) -> dict[str, Any]:
    """Articles/s and tokens/s, end to end and without model loading."""
    seconds = result["seconds"]
    out = dict(result)
    out["seconds"] = round(seconds, 3)
    out["articles_per_second"] = round(result["articles"] / seconds, 3)
    out["tokens_per_second"] = round(tokens / seconds, 1)
    load = result.get("load_seconds")
    if load is not None:
        out["load_seconds"] = round(load, 3)
        out["steady_tokens_per_second"] = round(tokens / (seconds - load), 1)
    return out


# ---------------------------------------------------------------- normalisers


def normaliser_benchmark(gold_dir: Path = GOLD_DIR) -> dict[str, Any]:
    """Spans/s and value accuracy of dates.normalise (vs dateparser) and numbers.parse_count.

    Every gold DATE span is normalised against its document's date, every gold COUNT span
    is parsed; values are compared with gold's. dateparser is optional (a dev extra).
    """
    from pipeline.datebench import compare_with_dateparser
    from pipeline.dates import normalise
    from pipeline.evaluation import load_gold
    from pipeline.numbers import parse_count

    gold = load_gold(gold_dir)
    date_cases = [(d.text, g.document_date, d.timex_type, d.value) for g in gold for d in g.dates]
    count_cases = [(c.text, c.value, c.value_max, c.qualifier) for g in gold for c in g.counts]
    try:
        dates = compare_with_dateparser(date_cases)
    except ImportError:  # dateparser not installed: our side only
        rounds = max(1, 20_000 // max(len(date_cases), 1))
        start = time.perf_counter()
        for _ in range(rounds):
            ours = [normalise(text, anchor) for text, anchor, _, _ in date_cases]
        seconds = (time.perf_counter() - start) / rounds
        correct = sum(got is not None and got.timex_type == t and got.value == v
                      for got, (_, _, t, v) in zip(ours, date_cases, strict=True))
        dates = {"n": len(date_cases),
                 "ours": {"spans_per_second": round(len(date_cases) / seconds),
                          "value_accuracy": round(correct / len(date_cases), 4)},
                 "dateparser": None}
    rounds = max(1, 20_000 // max(len(count_cases), 1))
    start = time.perf_counter()
    for _ in range(rounds):
        parsed = [parse_count(text) for text, _, _, _ in count_cases]
    seconds = (time.perf_counter() - start) / rounds
    n = len(count_cases)
    value_ok = [q is not None and q.value == v and q.value_max == vmax
                for q, (_, v, vmax, _) in zip(parsed, count_cases, strict=True)]
    qualifier_ok = sum(ok and q is not None and q.qualifier == qual
                       for ok, q, (_, _, _, qual) in zip(value_ok, parsed, count_cases,
                                                         strict=True))
    counts = {"n": n,
              "ours": {"spans_per_second": round(n / seconds) if seconds else None,
                       "value_accuracy": round(sum(value_ok) / n, 4) if n else None,
                       "value_and_qualifier_accuracy": round(qualifier_ok / n, 4) if n else None,
                       "parsed": sum(q is not None for q in parsed)}}
    return {"dates": dates, "counts": counts}


# ---------------------------------------------------------------- machine and versions


def machine_info() -> dict[str, Any]:
    """What the figures were measured on; throughput means little without it."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"platform": platform.platform(), "cpu": cpu, "cores": cores,
            "ram_gb": ram_gb, "python": platform.python_version()}


def versions(model: str | None) -> dict[str, str | None]:
    """Versions of what is measured: pressfacts, spaCy and the model, and the hot libraries."""
    from pipeline import __version__
    from pipeline.language import installed_model_info

    def version(dist: str) -> str | None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    name, model_version = installed_model_info(model)
    return {"pressfacts": __version__, "model": name, "model_version": model_version,
            **{d: version(d) for d in ("spacy", "thinc", "numpy", "pydantic", "orjson",
                                       "dateparser", "text2num")}}


# ---------------------------------------------------------------- the benchmark


def _ratio(top: float | None, bottom: float | None) -> float | None:
    return round(top / bottom, 3) if top and bottom else None


def run_benchmark(n: int = DEFAULT_N, *, batch_size: int | None = None,
                  model: str | None = None, workers: int = 2, skip_workers: bool = False,
                  quarter_run: bool = False, repeat: int = 1,
                  log: Log = lambda _m: None) -> dict[str, Any]:
    """Measure (a), (b) and (c) on one synthetic corpus and the normalisers; return the figures."""
    from pipeline.batch import Settings
    from pipeline.language import DEFAULT_MODEL

    model_name = model or DEFAULT_MODEL
    batch_size = batch_size or Settings().batch_size  # extraction's own default
    quarter = max(1, n // 4)
    clock = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pressfacts-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "articles"
        log(f"building a corpus of {n} articles in {corpus}")
        build_corpus(n, corpus)
        sizes = count_tokens(n, model_name)
        tokens = sizes["tokens"]
        common = {"inputs": [str(corpus)], "model": model_name, "batch_size": batch_size}
        plan: list[tuple[str, str, dict[str, Any]]] = [
            ("a", "(a) bare nlp.pipe, full model", {"kind": "bare"}),
            ("b", "(b) extract, 1 worker", {"kind": "extract", "workers": 1,
                                             "checkpoints": [quarter, n // 2, 3 * n // 4, n]}),
        ]
        if quarter_run:
            quarter_dir = work / "quarter"
            quarter_dir.mkdir()
            build_corpus(quarter, quarter_dir)
            plan.append(("b_quarter", f"(b) extract, 1 worker, N/4={quarter}",
                         {"kind": "extract", "workers": 1, "inputs": [str(quarter_dir)]}))
        if not skip_workers:
            plan.append(("c", f"(c) extract, {workers} workers",
                         {"kind": "extract", "workers": workers}))
        runs: dict[str, Any] = {}
        for key, label, extra in plan:
            repeats = []
            for i in range(repeat):
                log(f"{label}: run {i + 1} of {repeat}")
                spec = {**common, **extra, "name": f"{key}-{i}",
                        "out_dir": str(work / f"out-{key}-{i}")}
                repeats.append(measure(spec, work))
                shutil.rmtree(work / f"out-{key}-{i}", ignore_errors=True)
            articles_tokens = tokens if key != "b_quarter" else count_tokens(quarter,
                                                                               model_name)["tokens"]
            runs[key] = {"label": label, **_rates(_median_of(repeats), articles_tokens)}
    log("normaliser micro-benchmark")
    normalisers = normaliser_benchmark()

    a, b, c = runs["a"], runs["b"], runs.get("c")
    b_quarter_rss = (runs["b_quarter"]["peak_rss_mb"] if "b_quarter" in runs
                     else b["peak_rss_mb_after"].get(str(quarter)))
    ratios = {
        "b_over_a": _ratio(b["tokens_per_second"], a["tokens_per_second"]),
        "b_over_a_steady": _ratio(b.get("steady_tokens_per_second"),
                                  a.get("steady_tokens_per_second")),
        "c_over_b": _ratio(c["tokens_per_second"], b["tokens_per_second"]) if c else None,
        "memory_n_over_quarter": _ratio(b["peak_rss_mb"], b_quarter_rss),
    }
    memory = {"b_peak_rss_mb_at_n": b["peak_rss_mb"], "b_peak_rss_mb_at_quarter": b_quarter_rss,
              "quarter": quarter,
              "quarter_measured_by": "separate run" if "b_quarter" in runs
              else "checkpoint after N/4 articles in the same run"}
    targets = {
        "b_over_a": {"target": ">= 1.0", "value": ratios["b_over_a"],
                     "met": ratios["b_over_a"] is not None and ratios["b_over_a"] >= 1.0},
        "c_over_b": {"target": ">= 1.8", "value": ratios["c_over_b"],
                     "met": None if c is None else ratios["c_over_b"] >= 1.8},
        "memory_n_over_quarter": {
            "target": "<= 1.10", "value": ratios["memory_n_over_quarter"],
            "met": ratios["memory_n_over_quarter"] is not None
            and ratios["memory_n_over_quarter"] <= 1.10},
    }
    return {
        "machine": machine_info(),
        "versions": versions(model),
        "settings": {"n": n, "batch_size": batch_size, "model": model_name, "workers": workers,
                     "repeat": repeat, **sizes},
        "runs": runs,
        "ratios": ratios,
        "memory": memory,
        "targets": targets,
        "normalisers": normalisers,
        "bench_seconds": round(time.perf_counter() - clock, 1),
    }


def write_result(result: dict[str, Any], output: Path) -> None:
    """`outputs/bench.json`, written atomically so a killed run leaves the previous one."""
    from pipeline.writers import write_bytes

    write_bytes(output, json.dumps(result, indent=2).encode() + b"\n")


# ---------------------------------------------------------------- presentation


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def tables(result: dict[str, Any]) -> list[Any]:
    """rich Tables: the runs, the ratios against their targets, the normalisers."""
    from rich.table import Table

    settings, machine = result["settings"], result["machine"]
    runs = Table(title=f"pressfacts bench: N={settings['n']} articles "
                       f"({settings['tokens']:,} tokens), batch {settings['batch_size']}, "
                       f"{settings['model']}",
                 caption=f"{machine['cpu']}, {machine['cores']} cores, {machine['ram_gb']} GB, "
                         f"{machine['platform']}")
    for name in ("run", "seconds", "load s", "articles/s", "tokens/s", "peak RSS MB"):
        runs.add_column(name, justify="left" if name == "run" else "right")
    for run in result["runs"].values():
        rss = _fmt(run["peak_rss_mb"])
        if "workers_peak_rss_mb" in run:
            rss += f" (worker {_fmt(run['workers_peak_rss_mb'])})"
        runs.add_row(run["label"], _fmt(run["seconds"]), _fmt(run.get("load_seconds"), 2),
                     _fmt(run["articles_per_second"], 2), _fmt(run["tokens_per_second"], 0), rss)
    memory = result["memory"]
    checks = Table(title="targets")
    for name in ("measure", "value", "target", "met"):
        checks.add_column(name)
    labels = {"b_over_a": "b/a (tokens/s, end to end)", "c_over_b": "c/b (tokens/s)",
              "memory_n_over_quarter": f"peak RSS of (b): N {_fmt(memory['b_peak_rss_mb_at_n'])}"
                                       f" MB / N/4 {_fmt(memory['b_peak_rss_mb_at_quarter'])} MB"}
    for key, target in result["targets"].items():
        met = {True: "[green]yes[/green]", False: "[red]no[/red]", None: "–"}[target["met"]]
        checks.add_row(labels[key], _fmt(target["value"], 3), target["target"], met)
    steady = result["ratios"].get("b_over_a_steady")
    if steady is not None:
        checks.add_row("b/a without model loading", _fmt(steady, 3), "", "")
    norm = Table(title="normalisers over every gold span")
    for name in ("normaliser", "spans", "spans/s", "value accuracy"):
        norm.add_column(name, justify="left" if name == "normaliser" else "right")
    dates, counts = result["normalisers"]["dates"], result["normalisers"]["counts"]
    norm.add_row("dates.normalise (DATE)", str(dates["n"]),
                 _fmt(dates["ours"]["spans_per_second"], 0),
                 _fmt(dates["ours"]["value_accuracy"], 3))
    if dates.get("dateparser"):
        norm.add_row("dateparser.parse alone (DATE)", str(dates["n"]),
                     _fmt(dates["dateparser"]["spans_per_second"], 0),
                     _fmt(dates["dateparser"]["value_accuracy"], 3))
    norm.add_row("numbers.parse_count (COUNT)", str(counts["n"]),
                 _fmt(counts["ours"]["spans_per_second"], 0),
                 _fmt(counts["ours"]["value_accuracy"], 3))
    return [runs, checks, norm]


def markdown(result: dict[str, Any]) -> str:
    """The runs table as Markdown, for the README."""
    s, m = result["settings"], result["machine"]
    lines = [f"N={s['n']} articles ({s['tokens']:,} tokens), batch {s['batch_size']}, "
             f"{s['model']} — {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB, {m['platform']}",
             "",
             "| run | seconds | articles/s | tokens/s | peak RSS MB |",
             "|---|---:|---:|---:|---:|"]
    for run in result["runs"].values():
        rss = _fmt(run["peak_rss_mb"])
        if "workers_peak_rss_mb" in run:
            rss += f" (worker {_fmt(run['workers_peak_rss_mb'])})"
        lines.append(f"| {run['label']} | {_fmt(run['seconds'])} | "
                     f"{_fmt(run['articles_per_second'], 2)} | "
                     f"{_fmt(run['tokens_per_second'], 0)} | {rss} |")
    r = result["ratios"]
    lines += ["", f"b/a = {_fmt(r['b_over_a'], 3)}, c/b = {_fmt(r['c_over_b'], 3)}, "
                  f"peak RSS N / N/4 = {_fmt(r['memory_n_over_quarter'], 3)}"]
    return "\n".join(lines)


def main(n: int = DEFAULT_N, *, batch_size: int | None = None, model: str | None = None,
         output: Path = DEFAULT_OUTPUT, skip_workers: bool = False, quarter_run: bool = False,
         repeat: int = 1, console: Any = None) -> dict[str, Any]:
    """Run, print the tables and write the JSON: what `pressfacts bench` does."""
    from rich.console import Console

    console = console or Console()
    result = run_benchmark(n, batch_size=batch_size, model=model, skip_workers=skip_workers,
                           quarter_run=quarter_run, repeat=repeat,
                           log=lambda m: console.print(f"[dim]{m}[/dim]"))
    write_result(result, output)
    for table in tables(result):
        console.print(table)
    console.print(f"wrote {output} in {result['bench_seconds']:.0f} s")
    return result


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--_child":
        _child_main(sys.argv[2])
    else:
        main()
