"""Rewrite capdev/pdf/templates/reference.docx after changing the house style
(see capdev/pdf/reference_docx.py): `python scripts/reference_docx.py`."""

from __future__ import annotations

from capdev.pdf.reference_docx import TEMPLATE, build


def main() -> None:
    TEMPLATE.write_bytes(build())
    print(f"wrote {TEMPLATE}")


if __name__ == "__main__":
    main()
