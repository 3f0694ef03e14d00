"""JSON Schemas generated from the pydantic models (`pressfacts schema`)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.models import PUBLIC_MODELS, SCHEMA_VERSION
from pipeline.writers import write_bytes


def schema_texts() -> dict[str, str]:
    """File name -> JSON Schema text, for every public model."""
    out = {}
    for name, model in PUBLIC_MODELS.items():
        schema = model.model_json_schema(mode="serialization")
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                  "$id": f"pressfacts/{name}/{SCHEMA_VERSION}", **schema}
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def write_schemas(out_dir: Path) -> list[Path]:
    """Write (or refresh) every schema file; returns the paths written."""
    written = []
    for filename, text in schema_texts().items():
        path = out_dir / filename
        write_bytes(path, text.encode("utf-8"))
        written.append(path)
    return written
