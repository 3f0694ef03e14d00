"""Record the current dev-split scores as the quality gate (`make thresholds`).

Run it after an intended accuracy change; the gate then fails any later change
that drops a core label's F1 by more than half a point. The gate watches the
split the rules are tuned on, so routine work never computes test-split scores:
those come only from `make evaluate`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.evaluation import run_evaluation

ROOT = Path(__file__).resolve().parents[2]
CORE = ("ORG", "COUNT", "DATE")


def main() -> int:
    ours, _ = run_evaluation(ROOT / "corpus" / "gold", split="dev")
    summary = ours.summary["labels"]
    labels = {}
    for label in CORE:
        row = summary[label]
        labels[label] = {"strict": round(row["strict"]["f1"], 4),
                         "lenient": round(row["lenient"]["f1"], 4)}
        if "value_f1" in row:
            labels[label]["value"] = round(row["value_f1"], 4)
    out = ROOT / "tests" / "thresholds.json"
    out.write_text(json.dumps({"split": "dev", "labels": labels}, indent=2) + "\n")
    print(out.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
