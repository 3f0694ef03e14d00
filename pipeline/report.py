"""Rendering evaluation results as terminal/markdown tables and error listings."""

from __future__ import annotations

from rich.table import Table

from pipeline.models import CORE_LABELS, SECONDARY_LABELS
from pipeline.scoring import DocumentErrors, Mention


def _f(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def _row(label: str, row: dict) -> list[str]:
    return [
        label, str(row["gold"]), str(row["pred"]),
        _f(row["strict"]["p"]), _f(row["strict"]["r"]), _f(row["strict"]["f1"]),
        _f(row["lenient"]["p"]), _f(row["lenient"]["r"]), _f(row["lenient"]["f1"]),
        _f(row.get("value_f1")), _f(row.get("qualifier_acc")), _f(row.get("item_acc")),
        _f(row.get("timex_type_acc")),
    ]


HEADER = ["label", "gold", "pred", "strict P", "strict R", "strict F1", "lenient P", "lenient R",
          "lenient F1", "value F1", "qualifier", "item", "timex_type"]


def rows(summary: dict, *, has_values: bool = True) -> list[list[str]]:
    """Table rows: core labels, the core micro figures, then the secondary labels."""
    out = []
    for label in (*CORE_LABELS, *SECONDARY_LABELS):
        row = _row(label, summary["labels"][label])
        if not has_values:
            row[9:] = ["—"] * 4
        out.append(row)
        if label == CORE_LABELS[-1]:
            micro = summary["micro_core"]
            out.append(["core micro", "", "", _f(micro["strict"]["p"]), _f(micro["strict"]["r"]),
                        _f(micro["strict"]["f1"]), _f(micro["lenient"]["p"]),
                        _f(micro["lenient"]["r"]), _f(micro["lenient"]["f1"]), "", "", "", ""])
    return out


def table(title: str, summary: dict, *, has_values: bool = True) -> Table:
    """A rich table of one system's scores."""
    t = Table(title=title, title_justify="left")
    for i, name in enumerate(HEADER):
        t.add_column(name, justify="left" if i == 0 else "right")
    for row in rows(summary, has_values=has_values):
        t.add_row(*row, style="bold" if row[0] == "core micro" else None)
    return t


def markdown(title: str, summary: dict, *, has_values: bool = True) -> str:
    """The same table as Markdown, for the README and closing notes."""
    lines = [f"**{title}**", "", "| " + " | ".join(HEADER) + " |",
             "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r) + " |" for r in rows(summary, has_values=has_values)]
    return "\n".join(lines)


def _context(text: str, m: Mention, width: int = 40) -> str:
    left = text[max(0, m.start - width):m.start].replace("\n", " ")
    right = text[m.end:m.end + width].replace("\n", " ")
    return f"…{left}[{text[m.start:m.end]}]{right}…"


def _value(m: Mention) -> str:
    if m.label == "COUNT":
        return f"{m.value}{'–' + str(m.value_max) if m.value_max is not None else ''}"
    return f"{m.timex_type} {m.value}" if m.label == "DATE" else ""


def error_lines(errors: DocumentErrors, text: str) -> list[str]:
    """Missed, spurious, mis-bounded and wrong-value spans with their context."""
    lines = [f"## {errors.doc_id}"]
    for m in errors.missed:
        lines.append(f"  MISSED    {m.label:<7} {_context(text, m)} {_value(m)}")
    for m in errors.spurious:
        lines.append(f"  SPURIOUS  {m.label:<7} {_context(text, m)} {_value(m)}")
    for p, g in errors.misbounded:
        lines.append(f"  BOUNDS    {p.label:<7} pred {p.text!r} gold {g.text!r}  "
                     f"{_context(text, g)}")
    for p, g in errors.wrong_value:
        lines.append(f"  VALUE     {p.label:<7} {p.text!r}: pred {_value(p)} gold {_value(g)}")
    return lines if len(lines) > 1 else []
