"""The publications: each one's web pages and downloads."""

from __future__ import annotations

from capdev.site.stager import Stager
from capdev.site.steps.web import stage_web


def run(stager: Stager) -> None:
    for pub in stager.project.publications:
        stage_web(stager, pub.dir, f"{pub.rel}/publication.yml", pub.rel)
