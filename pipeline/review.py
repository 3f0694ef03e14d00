"""`pressfacts review`: a static HTML site for reading what was extracted, and how it met gold.

Reviewers should not read raw JSONL with offsets. The site opens from disk with no
server and no network: an index with one row per article and a page per article with
the text highlighted by displaCy's entity renderer, tables of organisations, counts and
dates, and (with gold) every missed, spurious, mis-bounded and wrong-value span marked.

Article text is untrusted. displaCy escapes the text it cuts, but not the template
parameters or titles it is given, so every value this module puts into markup goes
through `esc` first, and each page carries a Content-Security-Policy that allows only
the site's own script file as defence in depth.
"""

from __future__ import annotations

import html
import re
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from pydantic import ValidationError
from spacy import displacy

from pipeline.models import CORE_LABELS, ArticleRecord, ErrorRecord, GoldDocument
from pipeline.scoring import DocumentErrors, Mention, Tally, mentions, prf, score_document

ASSETS = Path(__file__).with_name("review_assets")
ERRORS_FILE = "errors.jsonl"

LABEL_COLORS: dict[str, str] = {
    "ORG": "#7aecec", "COUNT": "#ffd166", "DATE": "#bfe1d9", "PERSON": "#aa9cfc",
    "GPE": "#feca74", "MONEY": "#c5e384", "PERCENT": "#f4b6c2",
}
"""One colour per label (displaCy's defaults give MONEY and PERCENT the same one)."""

ERROR_KINDS: tuple[str, ...] = ("missed", "spurious", "misbounded", "wrong-value")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; base-uri 'none'; form-action 'none'")

# displaCy fills {text} (escaped by displaCy), {label}, {bg}, {kb_link} and our own params
# (escaped by `_span_dicts`). The label chip is CSS-generated so the page's text content
# stays exactly the article text.
SPAN_TEMPLATE = (
    '<mark class="pf-span pf-{source} {status_classes}" data-label="{label}" '
    'data-source="{source}" data-status="{status}" data-id="{span_id}" data-tip="{tip}" '
    'tabindex="0" style="--bg: {bg}">{text}</mark>'
)


class ReviewError(ValueError):
    """A records, errors or gold input the review cannot use; the CLI turns it into exit 2."""


def esc(value: object) -> str:
    """HTML-escape anything for text or a double- or single-quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


# --------------------------------------------------------------------------- reading


def read_records_file(path: Path) -> list[ArticleRecord]:
    """Records of a records.jsonl, in file order, each validated."""
    if not path.is_file():
        raise ReviewError(f"records file not found: {path}")
    records = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                records.append(ArticleRecord.model_validate_json(line))
            except ValidationError as e:
                raise ReviewError(f"{path}:{n}: not an article record: {e}") from None
    return records


def read_errors_file(path: Path) -> list[ErrorRecord]:
    """Failed articles from an errors.jsonl; none when the file is absent."""
    if not path.is_file():
        return []
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(ErrorRecord.model_validate_json(line))
            except ValidationError as e:
                raise ReviewError(f"{path}:{n}: not an error record: {e}") from None
    return rows


# --------------------------------------------------------------------------- scoring


@dataclass
class ArticleReview:
    """One record with what the page and the index need to say about it."""

    record: ArticleRecord
    gold: GoldDocument | None = None
    gold_note: str | None = None
    tallies: dict[str, Tally] | None = None
    errors: DocumentErrors | None = None
    failures: int = 0
    page: str = ""

    def f1(self, label: str) -> float | None:
        """Lenient F1 of one label, or None without gold."""
        if self.tallies is None:
            return None
        t = self.tallies[label]
        return prf(t.lenient, t.pred, t.gold)[2]

    def error_counts(self) -> dict[str, int]:
        """Missed, spurious, mis-bounded and wrong-value span counts (all labels)."""
        e = self.errors
        if e is None:
            return {}
        return {"missed": len(e.missed), "spurious": len(e.spurious),
                "misbounded": len(e.misbounded), "wrong-value": len(e.wrong_value)}


def review_article(record: ArticleRecord, gold: GoldDocument | None = None,
                   failures: int = 0) -> ArticleReview:
    """Score a record against its gold, unless the gold was made for a different text."""
    review = ArticleReview(record, failures=failures)
    if gold is None:
        return review
    if gold.text_sha256 != record.source.sha256:
        review.gold_note = ("gold not used: its text_sha256 does not match this record's "
                            "text (the article changed after annotation)")
        return review
    review.gold = gold
    review.tallies, review.errors = score_document(record.doc_id, mentions(record),
                                                   mentions(gold))
    return review


# --------------------------------------------------------------------------- highlighting


def _fmt_number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def describe(m: Mention | None, extra: dict[str, object] | None = None) -> str:
    """The normalised facts of a span, one per line, for hover text and tables."""
    lines: list[str] = []
    if m is not None and m.label == "COUNT":
        value = _fmt_number(m.value)
        if m.value_max is not None:
            value += f" – {_fmt_number(m.value_max)}"
        lines += [f"value: {value}", f"qualifier: {m.qualifier}", f"item: {m.item or '—'}"]
    elif m is not None and m.label == "DATE":
        lines += [f"type: {m.timex_type}", f"value: {m.value}"]
    for key, val in (extra or {}).items():
        if val is not None:
            lines.append(f"{key}: {val}")
    return "\n".join(lines)


def _entity_extra(record: ArticleRecord) -> dict[tuple[str, int, int], dict[str, object]]:
    """Canonical names and MONEY/PERCENT values, keyed like scoring mentions."""
    out: dict[tuple[str, int, int], dict[str, object]] = {}
    for e in record.entities:
        extra: dict[str, object] = {"canonical": e.canonical}
        if e.value is not None:
            value = _fmt_number(e.value)
            if e.value_max is not None:
                value += f" – {_fmt_number(e.value_max)}"
            extra["value"] = f"{value} {e.unit or ''}".strip()
            extra["qualifier"] = e.qualifier
        out[(e.label, e.start, e.end)] = extra
    return out


def _key(m: Mention) -> tuple[str, int, int]:
    return (m.label, m.start, m.end)


def _span_dicts(record: ArticleRecord, errors: DocumentErrors | None) -> list[dict]:
    """displaCy's manual 'ents': predicted spans with their status, plus missed gold spans."""
    status: dict[tuple[str, int, int], list[str]] = {}
    gold_of: dict[tuple[str, int, int], Mention] = {}
    if errors is not None:
        for m in errors.spurious:
            status.setdefault(_key(m), []).append("spurious")
        for p, g in errors.misbounded:
            status.setdefault(_key(p), []).append("misbounded")
            gold_of[_key(p)] = g
        for p, g in errors.wrong_value:
            status.setdefault(_key(p), []).append("wrong-value")
            gold_of[_key(p)] = g
    extras = _entity_extra(record)
    ids = {(e.label, e.start, e.end): e.id for e in record.entities}
    ids.update({("COUNT", c.start, c.end): c.id for c in record.counts})
    ids.update({("DATE", d.start, d.end): d.id for d in record.dates})
    spans = []
    for m in mentions(record):
        key = _key(m)
        kinds = status.get(key, ["ok" if errors is not None else "extracted"])
        tip = f"{m.label} “{m.text}”\n" + describe(m, extras.get(key))
        gold = gold_of.get(key)
        if gold is not None:
            tip += f"\n— {' & '.join(kinds)} — gold: “{gold.text}”"
            gold_desc = describe(gold)
            if gold_desc:
                tip += "\n" + gold_desc.replace("\n", "; ")
        elif "spurious" in kinds:
            tip += "\n— spurious: not in gold"
        spans.append(_ent(m, "pred", kinds, tip, ids.get(key, "")))
    if errors is not None:
        for m in errors.missed:
            under = [s for s in spans if m.start < s["end"] and s["start"] < m.end]
            if not under:
                tip = f"MISSED {m.label} “{m.text}” (in gold, not extracted)\n" + describe(m)
                spans.append(_ent(m, "gold", ["missed"], tip, ""))
                continue
            # displaCy cannot nest marks: say so on the extracted span it overlaps
            for s in under:
                params = s["params"]
                params["tip"] += esc(f"\n— gold also has {m.label} “{m.text}” here (missed)")
                params["status_classes"] += " pf-overlaps-missed"
    return sorted(spans, key=lambda s: (s["start"], s["end"]))


def _ent(m: Mention, source: str, kinds: list[str], tip: str, span_id: str) -> dict:
    color = "transparent" if source == "gold" else LABEL_COLORS.get(m.label, "#ddd")
    return {
        "start": m.start, "end": m.end, "label": esc(m.label),
        "params": {
            "source": esc(source), "status": esc(" ".join(kinds)),
            "status_classes": esc(" ".join(f"pf-{k}" for k in kinds)),
            "tip": esc(tip.strip()), "span_id": esc(span_id), "bg": esc(color),
        },
    }


def highlight(record: ArticleRecord, errors: DocumentErrors | None = None) -> str:
    """The article text as displaCy entity markup, one <mark> per span, all text escaped."""
    doc = {"text": record.text, "ents": _span_dicts(record, errors), "title": None}
    return displacy.render(doc, style="ent", manual=True, jupyter=False,
                           options={"template": SPAN_TEMPLATE, "colors": LABEL_COLORS})


# --------------------------------------------------------------------------- page pieces


def _table(caption: str, header: Sequence[str], rows: Iterable[Sequence[object]],
           *, css: str = "") -> str:
    """A sortable table; every cell escaped."""
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    if not body:
        body = f'<tr><td colspan="{len(header)}" class="pf-empty">none</td></tr>'
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    return (f'<table class="pf-table sortable {esc(css)}"><caption>{esc(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def sentence_text(record: ArticleRecord, index: int, limit: int = 180) -> str:
    if not 0 <= index < len(record.sentences):
        return ""
    s = record.sentences[index]
    text = " ".join(record.text[s.start:s.end].split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def value_text(value: object, value_max: object = None) -> str:
    if value is None:
        return ""
    return _fmt_number(value) + ("" if value_max is None else f" – {_fmt_number(value_max)}")


def organisation_rows(record: ArticleRecord) -> list[list[object]]:
    by_id = {e.id: e for e in record.entities}
    rows = []
    for org in record.organisations:
        texts = Counter(by_id[i].text for i in org.mention_ids if i in by_id)
        mention_list = ", ".join(f"{t} ×{n}" if n > 1 else t for t, n in texts.items())
        rows.append([org.canonical, org.acronym or "", ", ".join(org.aliases),
                     len(org.mention_ids), mention_list])
    return rows


def other_entity_rows(record: ArticleRecord) -> list[list[object]]:
    """PERSON, GPE, MONEY and PERCENT mentions, one row per distinct one, in text order."""
    seen: Counter[tuple[str, str, str, str]] = Counter()
    for e in record.entities:
        if e.label != "ORG":
            value = value_text(e.value, e.value_max) + (f" {e.unit}" if e.unit else "")
            seen[(e.label, e.text, e.canonical or "", value)] += 1
    return [[*key, n] for key, n in seen.items()]


def _error_rows(errors: DocumentErrors) -> list[list[object]]:
    rows: list[list[object]] = []
    rows += [["missed", m.label, "", m.text, "", describe(m).replace("\n", "; ")]
             for m in errors.missed]
    rows += [["spurious", m.label, m.text, "", describe(m).replace("\n", "; "), ""]
             for m in errors.spurious]
    rows += [["mis-bounded", p.label, p.text, g.text, "", ""] for p, g in errors.misbounded]
    rows += [["wrong value", p.label, p.text, g.text, describe(p).replace("\n", "; "),
              describe(g).replace("\n", "; ")] for p, g in errors.wrong_value]
    return rows


def _legend(review: ArticleReview) -> str:
    counts = Counter(m.label for m in mentions(review.record))
    chips = "".join(
        f'<span class="pf-chip" style="--bg: {esc(LABEL_COLORS[label])}" '
        f'data-legend="{esc(label)}">{esc(label)} <b>{counts.get(label, 0)}</b></span>'
        for label in ("ORG", "COUNT", "DATE", "PERSON", "GPE", "MONEY", "PERCENT"))
    if review.errors is not None:
        chips += "".join(
            f'<span class="pf-chip pf-key pf-{esc(kind)}">{esc(kind)} <b>{n}</b></span>'
            for kind, n in review.error_counts().items())
    return f'<div class="pf-legend">{chips}</div>'


def _page(title: str, body: str, depth: int) -> str:
    """A whole HTML document linking the site's own CSS and JS, nothing remote."""
    up = "../" * depth
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title>"
        f'<link rel="stylesheet" href="{up}assets/review.css">'
        f'<script src="{up}assets/review.js" defer></script>'
        f"</head><body>{body}</body></html>\n"
    )


def _safe_url(url: str | None) -> str:
    """Only http(s) URLs become links; anything else (javascript:, data:) stays text."""
    if url and re.match(r"^https?://", url, re.IGNORECASE):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>'
    return esc(url or "")


def render_article(review: ArticleReview) -> str:
    """One article's page: highlighted text, then organisations, counts, dates, errors."""
    r = review.record
    meta = [("doc id", esc(r.doc_id)), ("document date", esc(r.document_date or "—")
             + (f" ({esc(r.document_date_source)})" if r.document_date_source else "")),
            ("source", esc(r.source.path or "—"))]
    if r.url:
        meta.append(("url", _safe_url(r.url)))
    if r.dateline is not None:
        meta.append(("dateline", esc(" · ".join(x for x in (r.dateline.place,
                                                            r.dateline.date_text) if x))))
    if r.byline:
        meta.append(("byline", esc(r.byline)))
    if review.tallies is not None:
        meta.append(("F1 (lenient)", esc(" · ".join(
            f"{label} {review.f1(label):.2f}" for label in CORE_LABELS))))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta)
    notes = "".join(f'<li class="pf-warning">{esc(w)}</li>' for w in r.warnings)
    if review.gold_note:
        notes += f'<li class="pf-warning">{esc(review.gold_note)}</li>'
    if review.failures:
        notes += (f'<li class="pf-warning">{review.failures} line(s) for this article in '
                  f"{ERRORS_FILE}</li>")
    parts = [
        '<p class="pf-nav"><a href="../index.html">← all articles</a></p>',
        f"<h1>{esc(r.title or r.doc_id)}</h1>",
        f'<dl class="pf-meta">{dl}</dl>',
        f'<ul class="pf-notes">{notes}</ul>' if notes else "",
        _legend(review),
        '<p class="pf-hint">Hover or focus a highlighted span for its normalised value.'
        + (" Marks: dashed outline = missed (in gold only); red strike = spurious; "
           "orange underline = mis-bounded; purple box = wrong value." if review.errors
           else "") + "</p>",
        f'<section id="text" class="pf-text">{highlight(r, review.errors)}</section>',
        _table("Organisations (grouped)",
               ["canonical", "acronym", "aliases", "mentions", "as written"],
               organisation_rows(r), css="pf-orgs"),
        _table("Counts", ["text", "value", "qualifier", "item", "sentence"],
               ([c.text, value_text(c.value, c.value_max), c.qualifier, c.item or "—",
                 sentence_text(r, c.sentence)] for c in r.counts), css="pf-counts"),
        _table("Dates", ["text", "type", "value", "sentence"],
               ([d.text, d.timex_type, d.value, sentence_text(r, d.sentence)] for d in r.dates),
               css="pf-dates"),
        _table("Other entities", ["label", "text", "canonical", "value", "mentions"],
               other_entity_rows(r), css="pf-others"),
    ]
    if review.errors is not None:
        parts.append(_table("Differences from gold",
                            ["kind", "label", "extracted", "gold", "extracted value",
                             "gold value"], _error_rows(review.errors), css="pf-errors"))
    body = "<main class=\"pf-article\">" + "".join(parts) + "</main>"
    return _page(f"{r.title or r.doc_id} — pressfacts review", body, depth=1)


def _num_cell(value: float | int | None, text: str | None = None) -> str:
    """A cell sorted by its number (missing sorts first)."""
    key = "" if value is None else str(value)
    shown = text if text is not None else ("—" if value is None else str(value))
    return f'<td data-sort="{esc(key)}" class="pf-num">{esc(shown)}</td>'


def render_index(reviews: Sequence[ArticleReview], failures: Sequence[ErrorRecord],
                 *, has_gold: bool, gold_without_record: Sequence[str] = ()) -> str:
    """The index: one sortable row per article, then the articles that failed."""
    head = ["article", "title", "organisations", "counts", "dates", "warnings", "errors"]
    if has_gold:
        head += [f"{label} F1" for label in CORE_LABELS] + list(ERROR_KINDS)
    rows = []
    for rv in reviews:
        r = rv.record
        orgs = ", ".join(o.canonical for o in r.organisations)
        short = ", ".join(o.canonical for o in r.organisations[:3])
        short += ", …" if len(r.organisations) > 3 else ""
        cells = [
            f'<td data-sort="{esc(r.doc_id)}"><a href="{esc(rv.page)}">{esc(r.doc_id)}</a></td>',
            f"<td>{esc(r.title or '')}</td>",
            f'<td data-sort="{len(r.organisations)}" title="{esc(orgs)}">'
            f"<b>{len(r.organisations)}</b> <span class=\"pf-small\">{esc(short)}</span></td>",
            _num_cell(len(r.counts)), _num_cell(len(r.dates)), _num_cell(len(r.warnings)),
            _num_cell(rv.failures),
        ]
        if has_gold:
            for label in CORE_LABELS:
                f1 = rv.f1(label)
                cells.append(_num_cell(None if f1 is None else round(f1, 4),
                                       None if f1 is None else f"{f1:.2f}"))
            counts = rv.error_counts()
            cells += [_num_cell(counts.get(kind)) for kind in ERROR_KINDS]
        rows.append(f'<tr data-doc="{esc(r.doc_id)}">' + "".join(cells) + "</tr>")
    th = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    body = [
        '<main class="pf-index">',
        "<h1>pressfacts review</h1>",
        f'<p class="pf-hint">{len(reviews)} article(s)'
        + (", scored against gold (lenient F1; marks count spans of every label)"
           if has_gold else "") + ". Click a column heading to sort.</p>",
        f'<table id="articles" class="pf-table sortable"><thead><tr>{th}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>",
    ]
    if gold_without_record:
        body.append('<p class="pf-warning">Gold with no record: '
                    + esc(", ".join(gold_without_record)) + "</p>")
    body.append(_table(f"Failed articles ({len(failures)})", ["doc id", "path", "error"],
                       ([f.doc_id or "—", f.path, f.error] for f in failures),
                       css="pf-failed"))
    body.append("</main>")
    return _page("pressfacts review", "".join(body), depth=0)


# --------------------------------------------------------------------------- the site


def page_name(doc_id: str, taken: set[str]) -> str:
    """A file name for a doc id that is safe on disk and unique within the site."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id).strip("._") or "article"
    name, n = f"{stem}.html", 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}-{n}.html"
    taken.add(name.lower())
    return name


@dataclass
class Site:
    """What `build_site` wrote."""

    index: Path
    pages: dict[str, Path] = field(default_factory=dict)
    reviews: list[ArticleReview] = field(default_factory=list)


def build_site(records: Sequence[ArticleRecord], out_dir: Path, *,
               gold: Sequence[GoldDocument] | None = None,
               failures: Sequence[ErrorRecord] = ()) -> Site:
    """Write index.html, articles/*.html and assets/ under out_dir."""
    gold_by_id = {g.doc_id: g for g in gold} if gold is not None else {}
    failed_by_doc = Counter(f.doc_id for f in failures if f.doc_id is not None)
    (out_dir / "articles").mkdir(parents=True, exist_ok=True)
    assets = out_dir / "assets"
    assets.mkdir(exist_ok=True)
    for asset in ("review.css", "review.js"):
        shutil.copyfile(ASSETS / asset, assets / asset)
    site = Site(index=out_dir / "index.html")
    taken: set[str] = set()
    for record in records:
        rv = review_article(record, gold_by_id.get(record.doc_id),
                            failed_by_doc.get(record.doc_id, 0))
        name = page_name(record.doc_id, taken)
        rv.page = "articles/" + quote(name)
        path = out_dir / "articles" / name
        path.write_text(render_article(rv), encoding="utf-8")
        site.pages[record.doc_id] = path
        site.reviews.append(rv)
    seen = {r.doc_id for r in records}
    missing = sorted(set(gold_by_id) - seen) if gold is not None else []
    site.index.write_text(render_index(site.reviews, failures, has_gold=gold is not None,
                                       gold_without_record=missing), encoding="utf-8")
    return site


def review(records_path: Path, out_dir: Path, gold_dir: Path | None = None) -> Site:
    """Read records (+ errors.jsonl beside them) and optional gold, and build the site."""
    from pipeline.evaluation import GoldError, load_gold

    records = read_records_file(records_path)
    failures = read_errors_file(records_path.parent / ERRORS_FILE)
    gold = None
    if gold_dir is not None:
        try:
            gold = load_gold(gold_dir)
        except GoldError as e:
            raise ReviewError(str(e)) from None
    return build_site(records, out_dir, gold=gold, failures=failures)
