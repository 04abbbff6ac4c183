"""A lesson condensed into a deck: title slide, one slide per `##` section, key points.

What each slide shows, in the deck's language (the lesson text is already translated):
- the title slide: the lesson's title and summary; its notes hold the learning outcomes
  and the facilitator notes written before the first `##`;
- one slide per `##` heading: the author's `/// slide` blocks when the section has any
  (one slide each), else the section's first paragraph cut to its first sentence and its
  first list, each item cut to its bold lead or first sentence; a section that holds only a
  knowledge check shows its first question and options, the answer in the notes;
- a key-points slide from the `key_points` front matter.

Speaker notes are the facilitator notes of the section; a section without any gets the
paragraph its slide condensed, so the presenter still has the lesson's words at hand.
Structure comes from the segmenter (`capdev.catalogs.markdown`): what translators see as a
heading, paragraph or list item is what the deck sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from capdev.catalogs.markdown import LIST_ITEM, TASK, blocks, segment_markdown
from capdev.catalogs.segment import Segment
from capdev.clearance.mdtext import FOOTREF
from capdev.delivery import notes, slideblock
from capdev.delivery.lesson import LessonText
from capdev.site.labels import label
from capdev.site.pages import plain

MAX_ITEMS = 7  # more bullets than this do not fit a 16:9 slide at a readable size
MAX_CHARS = 160  # a first sentence longer than this is cut at a word, with an ellipsis
# A list item that opens with a bold phrase ending in a full stop or colon
# ("**Classify.** Assign a type…"): the phrase is the item's point on a slide.
BOLD_LEAD = re.compile(r"^\*\*[^*]+?[.:]\*\*")
# The end of a sentence: . ! ? (or …) before a space and what can start the next one.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"«“¿¡(\[*_]?[A-ZÁÉÍÓÚÑÜ0-9])")
# An untranslated passage as the lesson renders it for pandoc (`render.pandoc_lang_span`).
ENGLISH_SPAN = re.compile(r"^\[(?P<text>.*)\]\{lang=en\}$", re.S)


@dataclass
class Slide:
    title: str
    body: str = ""  # pandoc Markdown
    notes: str = ""  # pandoc Markdown
    kind: str = "section"  # title | section | slide | quiz | key-points


@dataclass
class Deck:
    lang: str
    name: str  # module/lesson
    title: str
    subtitle: str
    slides: list[Slide] = field(default_factory=list)  # the title slide first


@dataclass
class _Section:
    title: str
    start: int  # 0-based body lines [start, end)
    end: int


def outline(lesson: LessonText) -> Deck:
    meta, body, lang = lesson.meta, lesson.body, lesson.lang
    # front-matter values are plain text (CONTENT-MODEL.md): written so that pandoc reads
    # them as exactly these characters, never as Markdown or HTML
    title, summary = (plain(str(meta.get("title", lesson.ref.name))),
                      plain(str(meta.get("summary", ""))))
    segs = sorted(segment_markdown(body), key=lambda s: s.start)
    lines = body.splitlines()
    inside = _inside_blocks(body)
    found = notes.from_body(body, lang)
    sections = _sections(segs, len(lines))
    first = sections[0].start if sections else len(lines)
    deck = Deck(lang, lesson.ref.name, title, summary)
    deck.slides.append(Slide(title, summary, _title_notes(meta, lang, notes.between(found, 0,
                                                                                      first)),
                             "title"))
    deck.slides += _block_slides(body, 0, first, title)
    for sec in sections:
        deck.slides += _section_slides(sec, body, segs, lines, inside, found)
    if points := [plain(str(p)) for p in meta.get("key_points") or []]:
        deck.slides.append(Slide(label(lang, "key_points"), _bullets(points), "", "key-points"))
    return deck


def _sections(segs: list[Segment], total: int) -> list[_Section]:
    heads = [s for s in segs if s.kind == "heading 2"]
    return [_Section(h.msgid, h.line - 1, heads[n + 1].line - 1 if n + 1 < len(heads) else total)
            for n, h in enumerate(heads)]


def _inside_blocks(body: str) -> set[int]:
    """Lines inside any `///` block (quiz, facilitator, slide…): not the section's text."""
    return {i for b in blocks(body) for i in range(b.header, b.close + 1)}


def _title_notes(meta: dict, lang: str, facilitator: str) -> str:
    parts = [facilitator] if facilitator else []
    if outcomes := [plain(str(o)) for o in meta.get("outcomes") or []]:
        parts.append(f"**{label(lang, 'outcomes')}**\n\n{_bullets(outcomes)}")
    return "\n\n".join(parts)


def _block_slides(body: str, start: int, end: int, title: str) -> list[Slide]:
    return [Slide(b.title or title, b.content, "", "slide")
            for b in slideblock.find(body) if start <= b.line < end]


def _section_slides(sec: _Section, body: str, segs: list[Segment], lines: list[str],
                    inside: set[int], found: list[notes.SpeakerNote]) -> list[Slide]:
    said = notes.between(found, sec.start, sec.end)
    own = _block_slides(body, sec.start, sec.end, sec.title)
    if own:
        own[0].notes = said
        return own
    mine = [s for s in segs if sec.start < s.line - 1 < sec.end and s.line - 1 not in inside]
    para = next((s.msgid for s in mine if s.kind == "paragraph"), "")
    items = _first_list(mine, lines)
    text = [_condensed(para)] if para else []
    if items:
        ordered = LIST_ITEM.match(lines[items[0].line - 1]).group(2)[0].isdigit()
        cut = [_condensed(i.msgid) for i in items[:MAX_ITEMS]]
        text.append("\n".join(f"{n}. {c}" if ordered else f"- {c}"
                              for n, c in enumerate(cut, 1)))
    if not text and (quiz := _quiz(sec, segs, lines)):
        return [quiz]
    fallback = _plain(para) if para and _condensed(para) != _plain(para) else ""
    return [Slide(sec.title, "\n\n".join(text), said or fallback)]


def _first_list(mine: list[Segment], lines: list[str]) -> list[Segment]:
    """The items of the section's first top-level list (a segment of another kind, or an
    item of another marker type, ends it)."""
    items: list[Segment] = []
    for s in mine:
        top = s.kind == "list item" and LIST_ITEM.match(lines[s.line - 1])
        if top and not top.group(1):
            items.append(s)
        elif items and not s.kind.startswith(("list item", "paragraph in list item")):
            break
    return items


def _quiz(sec: _Section, segs: list[Segment], lines: list[str]) -> Slide | None:
    """The section's first knowledge-check question and its options; the right answer and
    the explanation go to the notes (what a facilitator expects to hear)."""
    mine = [s for s in segs if sec.start < s.line - 1 < sec.end and s.kind.startswith("quiz")]
    ask = next((n for n, s in enumerate(mine) if s.kind == "quiz question"), None)
    if ask is None:
        return None
    rest = mine[ask + 1:]
    nxt = next((n for n, s in enumerate(rest) if s.kind == "quiz question"), len(rest))
    options = [_option(lines[s.line - 1]) for s in rest[:nxt] if s.kind == "quiz option"]
    said = [f"**{'; '.join(text for right, text in options if right)}**"] if options else []
    said += [s.msgid for s in rest[:nxt] if s.kind == "quiz feedback"]
    shown = [s.msgid for s in mine[:ask] if s.kind == "quiz situation"] + [mine[ask].msgid]
    bullets = "\n".join(f"- {text}" for _right, text in options)
    return Slide(sec.title, "\n\n".join([*map(_plain, shown), bullets]), "\n\n".join(said),
                 "quiz")


def _option(line: str) -> tuple[bool, str]:
    """(correct, text) of a quiz option from its line, `- [x] text` (the first line: an
    indented paragraph under it is that option's feedback, not for the slide)."""
    rest = line[LIST_ITEM.match(line).end():] if LIST_ITEM.match(line) else line.strip()
    mark = TASK.match(rest)
    return bool(mark and "x" in mark.group(0).lower()), _plain(rest[mark.end():] if mark else rest)


def _plain(text: str) -> str:
    """Slide text without footnote references (their notes are not on the slide)."""
    return FOOTREF.sub("", text).strip()


def _condensed(text: str) -> str:
    """A paragraph or list item cut to what a slide shows: its bold lead or first sentence."""
    text = _plain(text)
    english = ENGLISH_SPAN.match(text)
    if english:
        return "[" + _condensed(english["text"]) + "]{lang=en}"
    if lead := BOLD_LEAD.match(text):
        return lead.group(0)
    first = SENTENCE_END.split(text, maxsplit=1)[0]
    if not _balanced(first):
        first = text
    if len(first) > MAX_CHARS and _balanced(first[:MAX_CHARS]) and " " in first[:MAX_CHARS]:
        first = first[:MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return first


def _balanced(text: str) -> bool:
    """No emphasis, link or code span left open (a cut must not break the markup)."""
    return (text.count("**") % 2 == 0 and text.replace("**", "").count("*") % 2 == 0
            and text.count("`") % 2 == 0 and text.count("[") == text.count("]")
            and text.count("(") == text.count(")"))


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {_plain(i)}" for i in items)
