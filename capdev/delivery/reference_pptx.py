"""The reference deck pandoc takes the look of PowerPoint decks from (`--reference-doc`).

Pandoc's own reference.pptx, restyled at run time rather than committed as a binary: the
programme's UN blue for titles, links and the theme's accents, Arial throughout (present on
every machine UN staff present from), left-aligned titles under a blue band, and a body
size at which the condensed slides fit. The colour and fonts are the house style of the
DOCX reference (`capdev.pdf.reference_docx`). We edit the XML text rather than build a
deck by hand, so every layout pandoc expects stays present.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache

from capdev.pdf import pandoc
from capdev.pdf.reference_docx import HEAD_FONT, UN_BLUE

BAND_EMU = 91440  # 0.1 inch: the blue band across the top of every slide
# The band, drawn on the slide master behind the placeholders.
BAND = ('<p:sp><p:nvSpPr><p:cNvPr id="90" name="capdev band"/><p:cNvSpPr/><p:nvPr/>'
        '</p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>'
        f'<a:srgbClr val="{UN_BLUE}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>')


def restyle_theme(xml: str) -> str:
    for slot in ("dk2", "accent1", "hlink"):
        xml = re.sub(rf"<a:{slot}>.*?</a:{slot}>",
                     f'<a:{slot}><a:srgbClr val="{UN_BLUE}"/></a:{slot}>', xml, count=1)
    return re.sub(r'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*"',
                  rf'\g<1>{HEAD_FONT}"', xml)


def restyle_master(xml: str, width: str) -> str:
    title = re.search(r"<p:titleStyle>.*?</p:titleStyle>", xml, re.S)
    if title:
        styled = (title.group(0).replace('algn="ctr"', 'algn="l"')
                  .replace('sz="3300"', 'sz="2800"')
                  .replace('<a:schemeClr val="tx1"/>', f'<a:srgbClr val="{UN_BLUE}"/>'))
        xml = xml.replace(title.group(0), styled)
    xml = re.sub(r'(<p:bodyStyle><a:lvl1pPr[^>]*>.*?<a:defRPr sz=")2400"', r'\g<1>2000"', xml,
                 count=1, flags=re.S)
    band = BAND.format(width=width, height=BAND_EMU)
    return re.sub(r"(<p:spTree>.*?</p:grpSpPr>)", lambda m: m.group(1) + band, xml, count=1,
                  flags=re.S)


@cache
def build() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(pandoc.data_file("reference.pptx")))
    size = re.search(rb'<p:sldSz cx="(\d+)"', source.read("ppt/presentation.xml"))
    width = size.group(1).decode() if size else "9144000"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "ppt/theme/theme1.xml":
                data = restyle_theme(data.decode("utf-8")).encode("utf-8")
            elif item.filename == "ppt/slideMasters/slideMaster1.xml":
                data = restyle_master(data.decode("utf-8"), width).encode("utf-8")
            item.date_time = (2026, 1, 1, 0, 0, 0)  # reproducible bytes
            target.writestr(item, data)
    return out.getvalue()
