"""Generate `templates/reference.docx`: pandoc's default reference document restyled.

Run `python scripts/reference_docx.py` after changing the house style; the result is
committed so builds never depend on this script. We edit styles.xml text rather than
hand-build a .docx, so every style pandoc expects stays present.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from capdev.pdf import pandoc

UN_BLUE = "0B5C8A"  # darker than #009EDB so headings meet WCAG contrast on white
BODY_FONT = "Georgia"
HEAD_FONT = "Arial"

# Extra paragraph styles used through pandoc's `custom-style` attribute.
CUSTOM = {
    "Series": f'<w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr>'
              f'<w:rFonts w:ascii="{HEAD_FONT}" w:hAnsi="{HEAD_FONT}"/><w:b/>'
              f'<w:color w:val="{UN_BLUE}"/><w:sz w:val="22"/></w:rPr>',
    "Keywords": f'<w:rPr><w:rFonts w:ascii="{HEAD_FONT}" w:hAnsi="{HEAD_FONT}"/>'
                '<w:sz w:val="18"/></w:rPr>',
    "Disclaimer": '<w:pPr><w:spacing w:before="480"/><w:pBdr><w:top w:val="single" w:sz="4" '
                  'w:space="4" w:color="999999"/></w:pBdr></w:pPr><w:rPr><w:sz w:val="16"/>'
                  '<w:color w:val="4D4D4D"/></w:rPr>',
    "Admonition": '<w:pPr><w:shd w:val="clear" w:color="auto" w:fill="E6F5FC"/>'
                  f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="6" w:color="{UN_BLUE}"/>'
                  '</w:pBdr><w:ind w:left="240" w:right="240"/></w:pPr>',
    "Draft": '<w:rPr><w:b/><w:color w:val="B00000"/><w:sz w:val="24"/></w:rPr>',
}


def _style(style_id: str, body: str) -> str:
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{style_id}"/><w:basedOn w:val="BodyText"/><w:qFormat/>'
            f"{body}</w:style>")


def restyle(styles: str) -> str:
    fonts = (f'<w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" '
             f'w:eastAsia="{BODY_FONT}" w:cs="{BODY_FONT}" />')
    styles = re.sub(r'<w:rFonts w:asciiTheme="minorHAnsi"[^>]*/>', fonts, styles, count=1)
    styles = styles.replace('<w:sz w:val="24" />\n        <w:szCs w:val="24" />',
                            '<w:sz w:val="22" />\n        <w:szCs w:val="22" />', 1)
    head = f'<w:rFonts w:ascii="{HEAD_FONT}" w:hAnsi="{HEAD_FONT}" w:cs="{HEAD_FONT}" />'
    styles = re.sub(r'<w:rFonts w:asciiTheme="majorHAnsi"\s+w:eastAsiaTheme="majorEastAsia"'
                    r'\s+w:hAnsiTheme="majorHAnsi"\s+w:cstheme="majorBidi"\s*/>', head, styles)
    styles = re.sub(r'<w:color w:val="[0-9A-F]{6}" w:themeColor="accent1"\s+w:themeShade="BF"\s*/>',
                    f'<w:color w:val="{UN_BLUE}" />', styles)
    extra = "".join(_style(k, v) for k, v in CUSTOM.items())
    return styles.replace("</w:styles>", extra + "</w:styles>")


def build() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(pandoc.data_file("reference.docx")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                data = restyle(data.decode("utf-8")).encode("utf-8")
            item.date_time = (2026, 1, 1, 0, 0, 0)  # reproducible bytes
            target.writestr(item, data)
    return out.getvalue()


TEMPLATE = Path(__file__).with_name("templates") / "reference.docx"
