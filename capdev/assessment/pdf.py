"""Compile the assessment's Typst templates to PDF with the `typst` Python package.

Data goes in as JSON through `sys.inputs`, never spliced into markup, so a participant's
text cannot inject Typst code. PDFs are tagged PDF/UA-1 (structure tree, /Lang); fonts come
from the typst package's embedded set plus system fonts, and are embedded in the output.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

import typst

from capdev.errors import CapdevError, Finding


def compile_pdf(template: str, data: dict[str, Any], out: Path | None = None) -> bytes:
    """Compile templates/<template>.typ with `data`; write to `out` if given."""
    root = resources.files("capdev.assessment").joinpath("templates")
    with resources.as_file(root) as tdir:
        try:
            pdf = typst.compile(str(Path(tdir) / f"{template}.typ"), root=str(tdir),
                                sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
                                pdf_standards=["ua-1"], timestamp=_epoch())
        except typst.TypstError as exc:
            raise CapdevError(Finding(f"templates/{template}.typ", 0, "assess-pdf",
                                      f"Typst could not build the PDF: {exc}",
                                      "this is a capdev bug if the input validated")) from None
    if out is not None and not (out.is_file() and out.read_bytes() == pdf):
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pdf)  # unchanged files are left alone so incremental builds stay quiet
    return pdf


def _epoch() -> int | None:
    """Reproducible builds: honour SOURCE_DATE_EPOCH for the PDF's dates."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else None
