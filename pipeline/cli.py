"""The `pressfacts` command line: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(
    help="Extract organisations, counts and normalised dates from news articles into JSON.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console(width=None if sys.stdout.isatty() else 160)

ModelOpt = Annotated[str | None, typer.Option(
    "--model", help="An installed spaCy pipeline to use instead of en_core_web_sm 3.8.0.")]


def _iso_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date like 2021-08-12") from None


def _usage_error(message: str) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(
        help="Folders (read recursively for .txt/.md articles) and .jsonl files.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output folder.")]
    = Path("outputs"),
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    model: ModelOpt = None,
    document_date: Annotated[str | None, typer.Option(
        help="ISO date for articles whose metadata gives none.")] = None,
    day_first: Annotated[bool, typer.Option(help="Read 8/12/2021 as 8 December.")] = False,
    fiscal_year_start: Annotated[int, typer.Option(
        min=1, max=12, help="Month the fiscal year starts in (1 = calendar year).")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per nlp.pipe batch.")] = 32,
) -> None:
    """Extract every article into OUTPUT/records.jsonl (+ errors.jsonl, run.json).

    Exit status: 0 all extracted, 1 some articles failed, 2 bad usage.
    """
    from pipeline.batch import Settings, run
    from pipeline.language import ModelNotFound
    from pipeline.readers import InputError, count_inputs

    date = _iso_date(document_date)
    settings = Settings(model=model, day_first=day_first, fiscal_year_start=fiscal_year_start,
                        batch_size=batch_size)
    try:
        total = count_inputs(inputs)
    except InputError as e:
        _usage_error(str(e))
    try:
        if err.is_terminal:
            from rich.progress import Progress

            with Progress(console=err, transient=True) as progress:
                task = progress.add_task("extracting", total=total)
                summary = run(inputs, output, workers=workers, settings=settings,
                              document_date=date, on_article=lambda ok: progress.advance(task))
        else:
            summary = run(inputs, output, workers=workers, settings=settings, document_date=date)
    except ModelNotFound as e:
        _usage_error(str(e))
    err.print(f"{summary.extracted} of {summary.articles_read} articles extracted to "
              f"{output / 'records.jsonl'} in {summary.wall_seconds:.1f} s")
    if summary.failed:
        err.print(f"[yellow]{summary.failed} article(s) failed[/yellow]: see "
                  f"{output / 'errors.jsonl'}")
        raise typer.Exit(1)


@app.command()
def schema(
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for the schemas.")]
    = Path("schemas"),
) -> None:
    """Regenerate the JSON Schemas from the pydantic models."""
    from pipeline.schemas import write_schemas

    for path in write_schemas(output):
        err.print(f"wrote {path}")


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder of gold files.")] = Path("corpus/gold"),
    pred: Annotated[Path | None, typer.Option(
        help="records.jsonl to score; without it the pipeline runs on the gold articles.")]
    = None,
    split: Annotated[str | None, typer.Option(
        help="dev, test or all (from corpus/splits.json).")] = None,
    baseline: Annotated[bool, typer.Option(
        help="Also score the bare spaCy model (CARDINAL as COUNT, DATE as DATE).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the numbers as JSON.")] = False,
    markdown: Annotated[bool, typer.Option(help="Print Markdown tables.")] = False,
    fail_under: Annotated[str | None, typer.Option(
        help="Exit 1 below these F1 bounds, e.g. ORG=0.9,DATE.value=0.9 "
             "(measure: lenient (default), strict or value).")] = None,
    errors: Annotated[bool, typer.Option(
        help="List missed, spurious, mis-bounded and wrong-value spans per article.")] = False,
    model: ModelOpt = None,
) -> None:
    """Score extraction against gold as corpus/ANNOTATION.md "Scoring" defines."""
    from pipeline import report
    from pipeline.evaluation import GoldError, failures, parse_bounds, run_evaluation

    try:
        bounds = parse_bounds(fail_under) if fail_under else {}
    except ValueError as e:
        _usage_error(str(e))
    try:
        ours, base = run_evaluation(gold, pred=pred, split=split, baseline=baseline, model=model)
    except GoldError as e:
        _usage_error(str(e))
    scope = f"split {split}" if split else "all gold"
    if as_json:
        payload = {"split": split or "all", "pressfacts": ours.summary}
        if base is not None:
            payload["baseline"] = base.summary
        out.print_json(json.dumps(payload))
    elif markdown:
        out.print(report.markdown(f"pressfacts ({scope})", ours.summary))
        if base is not None:
            out.print()
            out.print(report.markdown(f"bare spaCy model ({scope})", base.summary,
                                      has_values=False))
    else:
        out.print(report.table(f"pressfacts ({scope})", ours.summary))
        if base is not None:
            out.print(report.table(f"bare spaCy model ({scope}); it gives no values",
                                   base.summary, has_values=False))
    if errors:
        for doc_errors in ours.errors:
            for line in report.error_lines(doc_errors, ours.texts[doc_errors.doc_id]):
                out.print(line, markup=False, highlight=False)
    failed = failures(ours.summary, bounds)
    if failed:
        err.print("[red]below bound:[/red] " + "; ".join(failed))
        raise typer.Exit(1)


@app.command()
def review(
    records: Annotated[Path, typer.Argument(help="records.jsonl written by `extract`.")],
    gold: Annotated[Path | None, typer.Option(
        help="Folder of gold files: mark missed, spurious, mis-bounded and wrong-value spans.")]
    = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for the site.")]
    = Path("outputs/review"),
) -> None:
    """Write a static HTML site (no server needed) to read the records, with gold differences.

    An errors.jsonl beside the records file is counted per article and listed.
    """
    from pipeline.review import ReviewError
    from pipeline.review import review as build_review

    try:
        site = build_review(records, output, gold)
    except ReviewError as e:
        _usage_error(str(e))
    err.print(f"{len(site.pages)} article page(s) written; open {site.index}")


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="The article's doc id.")],
    records: Annotated[Path, typer.Option(help="records.jsonl written by `extract`.")]
    = Path("outputs/records.jsonl"),
) -> None:
    """Print one record in the terminal: the text with spans coloured, then its tables."""
    from pipeline.review import ReviewError
    from pipeline.show import show as show_record

    try:
        show_record(records, doc_id, out)
    except ReviewError as e:
        _usage_error(str(e))


@app.command()
def bench(
    n: Annotated[int, typer.Option("--n", min=1, help="Articles in the synthetic corpus.")]
    = 2000,
    batch_size: Annotated[int | None, typer.Option(
        min=1, help="Articles per nlp.pipe batch (default: extraction's).")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the JSON.")]
    = Path("outputs/bench.json"),
    skip_workers: Annotated[bool, typer.Option(
        "--skip-workers", help="Skip the 2-worker run (c).")] = False,
    quarter_run: Annotated[bool, typer.Option(
        "--quarter-run", help="Measure (b)'s memory at N/4 in a separate run, not a "
                              "checkpoint of the N run.")] = False,
    repeat: Annotated[int, typer.Option(min=1, help="Runs per measurement (median).")] = 1,
    model: ModelOpt = None,
) -> None:
    """Throughput of extraction against the bare spaCy model; writes OUTPUT (bench.json)."""
    from pipeline.bench import main as run_bench

    run_bench(n, batch_size=batch_size, model=model, output=output, skip_workers=skip_workers,
              quarter_run=quarter_run, repeat=repeat, console=out)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="pressfacts")


if __name__ == "__main__":
    sys.exit(main())
