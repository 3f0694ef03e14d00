"""The review site and `pressfacts show`: escaping, highlighted spans, gold marks, index rows.

Hand-built records only; no model is loaded, so these run in well under a second.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.models import (
    ArticleRecord,
    Count,
    DateMention,
    Entity,
    ErrorRecord,
    GoldCount,
    GoldDate,
    GoldDocument,
    GoldEntity,
    Organisation,
    PipelineInfo,
    Sentence,
    Source,
)
from pipeline.review import (
    build_site,
    highlight,
    page_name,
    render_article,
    review,
    review_article,
)
from pipeline.show import render

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
TEXT = ("Acme Corp hired about 40 engineers on 3 May 2021 in Leeds. "
        f"{SCRIPT} {IMG} Acme said [bold]nothing[/bold].")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def make_record(text: str = TEXT, doc_id: str = "acme", **fields: object) -> ArticleRecord:
    """A small record: two ORG, a GPE, a COUNT and a DATE."""
    s1, e1 = _at(text, "Acme Corp")
    s2, e2 = _at(text, "Acme", 1)
    sg, eg = _at(text, "Leeds")
    sc, ec = _at(text, "about 40")
    si, ei = _at(text, "engineers")
    sd, ed = _at(text, "3 May 2021")
    values: dict = {
        "doc_id": doc_id,
        "source": Source(path=f"{doc_id}.txt", sha256=_sha(text), chars=len(text)),
        "title": f"Acme {SCRIPT}",
        "document_date": None, "document_date_source": None, "text": text,
        "sentences": [Sentence(start=0, end=len(text))],
        "entities": [
            Entity(id="e1", label="ORG", start=s1, end=e1, text="Acme Corp", sentence=0,
                   canonical="Acme Corp", org_id="o1"),
            Entity(id="e2", label="ORG", start=s2, end=e2, text="Acme", sentence=0,
                   canonical="Acme Corp", org_id="o1"),
            Entity(id="e3", label="GPE", start=sg, end=eg, text="Leeds", sentence=0),
        ],
        "counts": [Count(id="c1", start=sc, end=ec, text="about 40", value=40,
                         qualifier="approximate", item="engineers", sentence=0,
                         item_start=si, item_end=ei)],
        "dates": [DateMention(id="d1", start=sd, end=ed, text="3 May 2021", timex_type="DATE",
                              value="2021-05-03", sentence=0)],
        "organisations": [Organisation(org_id="o1", canonical=f"Acme Corp {IMG}",
                                       mention_ids=["e1", "e2"])],
        "people": [], "warnings": [f"odd {SCRIPT}"],
        "pipeline": PipelineInfo(version="0", model="m", model_version="0"),
    }
    values.update(fields)
    return ArticleRecord(**values)


def make_gold(record: ArticleRecord) -> GoldDocument:
    """Gold that differs from `make_record` in one way of each kind."""
    text = record.text
    return GoldDocument(
        doc_id=record.doc_id, text_sha256=_sha(text), document_date=None,
        entities=[
            GoldEntity(label="ORG", start=0, end=4, text="Acme"),  # mis-bounded "Acme Corp"
            GoldEntity(label="ORG", start=_at(text, "Acme", 1)[0], end=_at(text, "Acme", 1)[1],
                       text="Acme"),
            # "Leeds" extracted as GPE is spurious; nothing is missed there
        ],
        counts=[GoldCount(start=_at(text, "about 40")[0], end=_at(text, "about 40")[1],
                          text="about 40", value=41, qualifier="approximate",
                          item="engineers")],  # wrong value
        dates=[
            GoldDate(start=_at(text, "3 May 2021")[0], end=_at(text, "3 May 2021")[1],
                     text="3 May 2021", timex_type="DATE", value="2021-05-03"),
            GoldDate(start=_at(text, "nothing")[0], end=_at(text, "nothing")[1],
                     text="nothing", timex_type="DATE", value="XXXX"),  # missed
        ],
    )


class _Marks(HTMLParser):
    """Every <mark> with its attributes, and whether any script or img element exists."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, str | None]] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "mark":
            self.marks.append(dict(attrs))


def parse(markup: str) -> _Marks:
    parser = _Marks()
    parser.feed(markup)
    return parser


def labels_of(markup: str, source: str = "pred") -> dict[str, int]:
    counts: dict[str, int] = {}
    for mark in parse(markup).marks:
        if mark["data-source"] == source:
            counts[str(mark["data-label"])] = counts.get(str(mark["data-label"]), 0) + 1
    return counts


def test_script_and_img_in_text_title_warnings_and_names_render_as_text() -> None:
    page = render_article(review_article(make_record()))
    parsed = parse(page)
    assert "img" not in parsed.tags
    assert [t for t in parsed.tags if t == "script"] == ["script"]  # only the site's own file
    assert page.count("<script") == 1 and 'src="../assets/review.js"' in page
    assert "onerror=" not in page.replace("onerror=&quot;", "")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in page


def test_a_quote_in_a_canonical_name_cannot_break_out_of_the_tooltip_attribute() -> None:
    record = make_record()
    record.entities[1] = record.entities[1].model_copy(
        update={"canonical": "Acme\" onmouseover=\"alert(1)' onfocus='alert(2)"})
    marks = parse(highlight(record)).marks
    assert all(set(mark) <= {"class", "data-label", "data-source", "data-status", "data-id",
                             "data-tip", "tabindex", "style"} for mark in marks)
    assert any("onmouseover=\"alert(1)'" in str(mark["data-tip"]) for mark in marks)


def test_each_extracted_span_is_one_mark_carrying_its_label() -> None:
    assert labels_of(highlight(make_record())) == {"ORG": 2, "GPE": 1, "COUNT": 1, "DATE": 1}


def test_hover_text_gives_value_qualifier_item_timex_type_and_canonical() -> None:
    tips = {m["data-label"] + ":" + str(m["data-id"]): str(m["data-tip"])
            for m in parse(highlight(make_record())).marks}
    assert "value: 40" in tips["COUNT:c1"] and "qualifier: approximate" in tips["COUNT:c1"]
    assert "item: engineers" in tips["COUNT:c1"]
    assert "type: DATE" in tips["DATE:d1"] and "value: 2021-05-03" in tips["DATE:d1"]
    assert "canonical: Acme Corp" in tips["ORG:e2"]


def test_gold_differences_are_marked_each_in_their_own_way() -> None:
    record = make_record()
    rv = review_article(record, make_gold(record))
    statuses = {(m["data-source"], m["data-label"], m["data-status"])
                for m in parse(highlight(record, rv.errors)).marks}
    assert ("pred", "ORG", "misbounded") in statuses
    assert ("pred", "GPE", "spurious") in statuses
    assert ("pred", "COUNT", "wrong-value") in statuses
    assert ("pred", "DATE", "ok") in statuses
    assert ("gold", "DATE", "missed") in statuses
    assert rv.error_counts() == {"missed": 1, "spurious": 1, "misbounded": 1, "wrong-value": 1}


def test_gold_made_for_another_text_is_not_scored() -> None:
    record = make_record()
    gold = make_gold(record).model_copy(update={"text_sha256": "0" * 64})
    rv = review_article(record, gold)
    assert rv.errors is None and rv.gold_note and "text_sha256" in rv.gold_note


def test_index_has_a_row_per_article_with_f1_error_counts_and_failures(tmp_path: Path) -> None:
    a, b = make_record(doc_id="a"), make_record(doc_id="b/../evil")
    failures = [ErrorRecord(doc_id="a", path="a.txt", error="boom"),
                ErrorRecord(doc_id="z", path="z.txt", error=f"bad {SCRIPT}")]
    site = build_site([a, b], tmp_path, gold=[make_gold(a)], failures=failures)
    index = site.index.read_text(encoding="utf-8")
    rows = index.split('<tr data-doc="')[1:]
    assert [r.split('"')[0] for r in rows] == ["a", "b/../evil"]
    assert "ORG F1" in index and "wrong-value" in index
    assert '<td data-sort="1" class="pf-num">1</td>' in rows[0]  # one errors.jsonl line
    assert "Failed articles (2)" in index and "&lt;script&gt;" in index
    assert "<script>window" not in index
    assert site.pages["b/../evil"].parent == tmp_path / "articles"
    assert (tmp_path / "assets" / "review.js").is_file()


def test_page_names_are_safe_and_unique() -> None:
    taken: set[str] = set()
    assert page_name("a/b", taken) == "a_b.html"
    assert page_name("a?b", taken) == "a_b-2.html"
    assert page_name("..", taken) == "article.html"


def test_review_counts_lines_of_the_errors_file_beside_the_records(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(make_record().model_dump_json() + "\n", encoding="utf-8")
    (tmp_path / "errors.jsonl").write_text(
        ErrorRecord(doc_id="acme", path="x", error="e").model_dump_json() + "\n"
        + ErrorRecord(doc_id=None, path="y", error="f").model_dump_json() + "\n",
        encoding="utf-8")
    site = review(records, tmp_path / "site")
    assert site.reviews[0].failures == 1
    assert "Failed articles (2)" in site.index.read_text(encoding="utf-8")


def test_only_http_urls_become_links() -> None:
    page = render_article(review_article(make_record(url="javascript:alert(1)")))
    assert 'href="javascript' not in page
    page = render_article(review_article(make_record(url="https://example.org/a?b=1&c=2")))
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page


def test_show_prints_text_with_brackets_literally_and_the_tables() -> None:
    console = Console(record=True, width=200, color_system="truecolor")
    console.print(render(make_record()))
    plain = console.export_text()
    assert "[bold]nothing[/bold]" in plain and SCRIPT in plain
    for heading in ("Organisations", "Counts", "Dates", "engineers", "2021-05-03"):
        assert heading in plain


def test_cli_exits_2_for_a_missing_records_file_or_an_unknown_doc_id(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["review", str(tmp_path / "none.jsonl"), "-o", str(tmp_path)])
    assert missing.exit_code == 2
    records = tmp_path / "records.jsonl"
    records.write_text(make_record().model_dump_json() + "\n", encoding="utf-8")
    unknown = runner.invoke(app, ["show", "nope", "--records", str(records)])
    assert unknown.exit_code == 2
    shown = runner.invoke(app, ["show", "acme", "--records", str(records)])
    assert shown.exit_code == 0 and "about 40" in shown.output
