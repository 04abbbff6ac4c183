"""A course's workshop plan (`workshop:` in course.yml) and the agenda computed from it.

The plan says when the group meets (days, start and end of each day, breaks by clock
time) and which lessons participants study before, on their own (`pre_work`); the
lessons' own `duration` front matter says how long each session lasts. The agenda is
computed, never written by hand, so a change to a lesson's duration moves every session
after it:

- sessions follow the course order, each day from `start`;
- a break starts at the first session boundary at or after its time (a session is never
  cut in two);
- a session that would end after `end` moves to the next day (unless it is the day's
  first, which then runs over: a lesson longer than a day is the author's to split).

The schema (`capdev/sources/schemas/course.json`) checks the plan's shape; `findings`
here checks what the schema cannot: lessons named in `pre_work` exist, and the sessions
fit in the plan's days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import jsonschema

from capdev.errors import Finding
from capdev.sources.schema import schema


@dataclass(frozen=True)
class Lesson:
    key: str  # `<module>/<lesson stem>`, as `pre_work` names it
    duration: int  # minutes


@dataclass(frozen=True)
class Slot:
    day: int  # 1-based
    start: int  # minutes after midnight
    end: int
    lesson: str | None  # a lesson's key, or None for a break
    title: str = ""  # a break's title as written (empty: the default label)


@dataclass
class Agenda:
    days: int  # the plan's days
    slots: list[Slot] = field(default_factory=list)
    pre_work: list[str] = field(default_factory=list)  # lesson keys, in course order

    @property
    def days_used(self) -> int:
        return max((s.day for s in self.slots), default=0)

    def day(self, n: int) -> list[Slot]:
        return [s for s in self.slots if s.day == n]


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def clock(total: int) -> str:
    """24-hour time, as UN meeting programmes write it in both languages ("09:30")."""
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


def agenda(plan: dict[str, Any], lessons: list[Lesson]) -> Agenda:
    start, end = minutes(str(plan["start"])), minutes(str(plan["end"]))
    breaks = sorted((minutes(str(b["at"])), int(b["minutes"]), str(b.get("title") or ""))
                     for b in plan.get("breaks") or [])
    pre = set(plan.get("pre_work") or [])
    out = Agenda(int(plan["days"]), pre_work=[les.key for les in lessons if les.key in pre])
    day, now, pending, first = 1, start, list(breaks), True
    for les in (les for les in lessons if les.key not in pre):
        now = _take_breaks(out, day, now, pending)
        if not first and now + les.duration > end:
            day, now, pending = day + 1, start, list(breaks)
            now = _take_breaks(out, day, now, pending)
        out.slots.append(Slot(day, now, now + les.duration, les.key))
        now, first = now + les.duration, False
        if now >= end:
            first = True  # the day is full: the next session opens the next day
            day, now, pending = day + 1, start, list(breaks)
    return out


def _take_breaks(out: Agenda, day: int, now: int, pending: list[tuple[int, int, str]]) -> int:
    while pending and pending[0][0] <= now:
        _at, length, title = pending.pop(0)
        out.slots.append(Slot(day, now, now + length, None, title))
        now += length
    return now


def findings(plan: Any, lessons: list[Lesson], rel: str, text: str) -> list[Finding]:
    """What the schema cannot see: unknown pre-work lessons, and days that overflow.
    `plan` is course.yml's `workshop` value after schema validation (skipped if invalid)."""
    if not _valid(plan):
        return []
    keys = {les.key for les in lessons}
    if not schedulable(plan):
        return [Finding(rel, _line_of(text, "end:"), "workshop-times",
                        f"the workshop day ends ({plan['end']}) before it starts ({plan['start']})",
                        "write `start` and `end` as 24-hour times, e.g. start: \"09:00\", "
                        "end: \"17:00\"")]
    out = [Finding(rel, _line_of(text, key), "workshop-lesson-unknown",
                   f"`pre_work` names `{key}`, which is not a lesson of this course",
                   "write `<module folder>/<lesson file name without .md>`, e.g. "
                   + (sorted(keys)[0] if keys else "01-module/01-lesson"))
           for key in plan.get("pre_work") or [] if key not in keys]
    plan_agenda = agenda(plan, lessons)
    if plan_agenda.days_used > plan_agenda.days:
        out.append(Finding(rel, _line_of(text, "days:"), "workshop-overflow",
                           f"the in-session lessons need {plan_agenda.days_used} days from "
                           f"{plan['start']} to {plan['end']}, but the workshop has "
                           f"{plan_agenda.days}",
                           "add days, lengthen the day, shorten lessons or move some to "
                           "`pre_work`", "warning"))
    return out


def _valid(plan: Any) -> bool:
    """Only a plan the schema accepted is scheduled (its errors are already findings)."""
    sch = schema("course")["properties"]["workshop"]
    return jsonschema.Draft202012Validator(sch).is_valid(plan)


def schedulable(plan: Any) -> bool:
    """A plan the agenda can be computed from: valid, and each day ends after it starts."""
    return _valid(plan) and minutes(plan["start"]) < minutes(plan["end"])


def _line_of(text: str, needle: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return n
    return 1
