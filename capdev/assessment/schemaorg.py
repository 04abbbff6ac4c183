"""schema.org `teaches` metadata for module pages (JSON-LD), from the framework mapping.

The lead's page renderer calls `teaches_jsonld(fw, module, url)` and puts the result in a
`<script type="application/ld+json">` element (use `teaches_script`).
"""

from __future__ import annotations

import json
from typing import Any

from capdev.assessment.framework import Framework


def module_competences(fw: Framework, module: str) -> list[dict[str, Any]]:
    """Competences a module addresses, with the levels and relation (core/optional)."""
    out = []
    for comp in fw.competences():
        for m in comp["modules"]:
            if m["module"] == module and not comp.get("deprecated"):
                out.append({"competence": comp, "levels": m["addresses_levels"],
                            "relation": m["relation"]})
    return out


def teaches_jsonld(fw: Framework, module: str, url: str = "", name: str = "") -> dict[str, Any]:
    term_set = {"@type": "DefinedTermSet", "name": fw.data["title"], "identifier": fw.key}
    teaches = [{"@type": "DefinedTerm", "termCode": mc["competence"]["id"],
                "name": mc["competence"]["title"],
                "description": mc["competence"]["description"], "inDefinedTermSet": term_set}
               for mc in module_competences(fw, module)]
    doc: dict[str, Any] = {"@context": "https://schema.org", "@type": "LearningResource",
                           "learningResourceType": "module", "inLanguage": fw.data["language"],
                           "teaches": teaches}
    if name:
        doc["name"] = name
    if url:
        doc["url"] = url
    return doc


def teaches_script(fw: Framework, module: str, url: str = "", name: str = "") -> str:
    """The JSON-LD as an HTML script element, safe to embed."""
    text = json.dumps(teaches_jsonld(fw, module, url, name), ensure_ascii=False)
    safe = text.replace("</", "<\\/")
    return f'<script type="application/ld+json">{safe}</script>'
