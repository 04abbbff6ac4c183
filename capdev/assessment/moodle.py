"""Export the framework as a Moodle competency-framework CSV (admin tool "Import competency
framework", tool_lpimportcsv): one framework row, then areas, then competences under them.

The scale is our four levels; "proficient" starts at the scale's met level so that Moodle's
"proficient" matches a level reached in our scoring. Descriptions carry the behavioural
level descriptors as plain text.
"""

from __future__ import annotations

import csv
import io
import json

from capdev.assessment.framework import Framework

HEADER = ["Parent ID number", "ID number", "Short name", "Description", "Description format",
          "Scale values", "Scale configuration", "Rule type (optional)",
          "Rule outcome (optional)", "Rule config (optional)",
          "Cross-referenced competency ID numbers", "Exported ID (optional)", "Is framework",
          "Taxonomy"]
FORMAT_PLAIN = "2"  # Moodle's FORMAT_PLAIN
PROFICIENT_FROM = 2  # "Working": the level our scoring calls met at "on my own"


def _scale(fw: Framework) -> tuple[str, str]:
    levels = fw.data["levels"]
    values = ",".join(lv["name"].replace(",", " ") for lv in levels)
    config = [{"scaleid": "0"}] + [
        {"id": lv["rank"], "scaledefault": 1 if lv["rank"] == 1 else 0,
         "proficient": 1 if lv["rank"] >= PROFICIENT_FROM else 0} for lv in levels]
    return values, json.dumps(config, separators=(",", ":"))


def _description(fw: Framework, comp: dict) -> str:
    lines = [comp["description"]]
    lines += [f"{d['rank']} {fw.level_name(d['rank'])}: {d['descriptor']}" for d in comp["levels"]]
    return "\n".join(lines)


def moodle_csv(fw: Framework) -> str:
    """The CSV text (UTF-8, comma-separated, header row first)."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(HEADER)
    values, config = _scale(fw)
    out.writerow(["", fw.key, fw.data["title"], fw.data["description"], FORMAT_PLAIN, values,
                  config, "", "", "", "", "", "1", "domain,competency"])
    for area in fw.data["areas"]:
        out.writerow(["", area["id"], f"{area['id']} {area['title']}", area["description"],
                      FORMAT_PLAIN, "", "", "", "", "", "", "", "", ""])
        for comp in area["competences"]:
            if comp.get("deprecated"):
                continue
            out.writerow([area["id"], comp["id"], f"{comp['id']} {comp['title']}",
                          _description(fw, comp), FORMAT_PLAIN, "", "", "", "", "", "", "", "", ""])
    return buf.getvalue()
