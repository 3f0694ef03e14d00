"""Batch runs: a folder of articles to `records.jsonl`, `errors.jsonl` and `run.json`.

Articles stream from disk through one or more worker processes and out to
disk, so memory does not grow with the number of articles. Each worker loads
its own pipeline and returns finished JSON lines, which are cheap to send
between processes (far cheaper than spaCy `Doc`s).
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import platform
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy

from pipeline import __version__
from pipeline.extractor import DEFAULT_BATCH_SIZE, Extractor, chunked
from pipeline.language import installed_model_info
from pipeline.models import ErrorRecord, RunSummary
from pipeline.readers import Article, ArticleError, read_articles
from pipeline.record import pipeline_info
from pipeline.writers import AtomicFile, write_bytes

RECORDS = "records.jsonl"
ERRORS = "errors.jsonl"
RUN = "run.json"


@dataclass(frozen=True)
class Settings:
    """What a worker needs to build its own Extractor."""

    model: str | None = None
    day_first: bool = False
    fiscal_year_start: int = 1
    batch_size: int = DEFAULT_BATCH_SIZE

    def extractor(self) -> Extractor:
        """A loaded pipeline with these settings."""
        return Extractor(self.model, day_first=self.day_first,
                         fiscal_year_start=self.fiscal_year_start, batch_size=self.batch_size)


_WORKER: Extractor | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = settings.extractor()


def _warm_up() -> None:
    """Read the lazily loaded tables (the first-name dictionary) before workers fork."""
    assert _WORKER is not None
    list(_WORKER.extract_many([Article(doc_id="warm-up", text="Marcus Hale said so.")]))


def _encode(result: object) -> tuple[bool, bytes]:
    """(is_record, one JSON line)."""
    if isinstance(result, ArticleError):
        error = ErrorRecord(doc_id=result.doc_id, path=result.path, error=result.error)
        return False, error.model_dump_json().encode() + b"\n"
    return True, result.model_dump_json().encode() + b"\n"  # type: ignore[attr-defined]


def _work(chunk: list[Article]) -> list[tuple[bool, bytes]]:
    assert _WORKER is not None
    return [_encode(r) for r in _WORKER.extract_many(chunk)]


def _lines(inputs: list[Path], settings: Settings, workers: int,
           default_date: dt.date | None) -> Iterator[tuple[bool, bytes]]:
    """Encoded results in input order; read errors pass straight through."""
    read_errors: list[ArticleError] = []

    def articles() -> Iterator[Article]:
        for item in read_articles(inputs, default_date):
            if isinstance(item, ArticleError):
                read_errors.append(item)
            else:
                yield item

    if workers <= 1:
        for result in settings.extractor().extract_many(articles()):
            while read_errors:
                yield _encode(read_errors.pop(0))
            yield _encode(result)
    else:
        if sys.platform != "win32":  # load once; forked workers share the loaded pipeline
            _init_worker(settings)
            _warm_up()
            gc.freeze()  # objects made so far stay out of the workers' collections: no copying
            context = multiprocessing.get_context("fork")
            pool = context.Pool(workers)
        else:
            context = multiprocessing.get_context("spawn")
            pool = context.Pool(workers, initializer=_init_worker, initargs=(settings,))
        with pool:
            for lines in pool.imap(_work, chunked(articles(), settings.batch_size)):
                while read_errors:
                    yield _encode(read_errors.pop(0))
                yield from lines
    while read_errors:
        yield _encode(read_errors.pop(0))


def run(inputs: list[Path], out_dir: Path, *, workers: int = 1, settings: Settings = Settings(),
        document_date: dt.date | None = None,
        on_article: Callable[[bool], None] | None = None) -> RunSummary:
    """Extract every article under `inputs` into `out_dir`; returns what `run.json` holds."""
    started = dt.datetime.now(dt.UTC)
    clock = time.perf_counter()
    extracted = failed = 0
    with AtomicFile(out_dir / RECORDS) as records, AtomicFile(out_dir / ERRORS) as errors:
        for ok, line in _lines(inputs, settings, workers, document_date):
            if ok:
                records.write(line)
                extracted += 1
            else:
                errors.write(line)
                failed += 1
            if on_article is not None:
                on_article(ok)
    summary = RunSummary(
        articles_read=extracted + failed,
        extracted=extracted,
        failed=failed,
        wall_seconds=round(time.perf_counter() - clock, 3),
        workers=workers,
        started_at=started,
        pipeline=pipeline_info(*installed_model_info(settings.model)),
        versions={"pressfacts": __version__, "spacy": spacy.__version__,
                  "python": platform.python_version()},
    )
    write_bytes(out_dir / RUN, summary.model_dump_json(indent=2).encode() + b"\n")
    return summary
