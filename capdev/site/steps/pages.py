"""The site pages under docs/, each translated through its catalog."""

from __future__ import annotations

from capdev.site.stager import Stager


def run(stager: Stager) -> None:
    for page in stager.project.pages:
        loc = stager.localize(page.src)
        stager.page(page, loc.text, loc)
