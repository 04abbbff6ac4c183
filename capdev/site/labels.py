"""Interface strings of the pages capdev generates, in English; every other language
comes from capdev's UI catalogs (`capdev.locale`, domain `site`)."""

from __future__ import annotations

from capdev.locale import ui

LABELS_EN: dict[str, str] = {
    "duration": "Duration", "level": "Level", "minutes": "min", "outcomes": "Learning outcomes",
    "key_points": "Key points", "modules": "Modules", "lessons": "Lessons",
    "audience": "Who this course is for", "prerequisites": "Prerequisites",
    "introductory": "Introductory", "intermediate": "Intermediate", "advanced": "Advanced",
    "previous": "Previous", "next": "Next", "module_of": "Module {n} of {total}",
    "competences": "Competences", "course": "Course",
    "fallback": "This page has not been translated yet; it is shown in English.",
    "outdated": "The English version of this page has changed since it was translated.",
    "outdated_link": "Read the current English version",
    "quiz_check": "Check answer", "quiz_show": "Show the answer",
    "quiz_correct": "Correct.", "quiz_wrong": "Not quite — try again.",
    "quiz_answer": "Answer", "quiz_label": "Knowledge check",
    "quiz_check_all": "Check answers", "quiz_question_n": "Question {n}",
    "quiz_label_of": "Knowledge check, question {n} of {total}",
    "quiz_hint_single": "Choose one answer.",
    "quiz_hint_multiple": "Choose all the answers that apply.",
    "quiz_option_right": "This answer is correct.",
    "quiz_option_wrong": "This answer is not correct.",
    "quiz_question_ok": "Correct.", "quiz_question_bad": "Not correct yet.",
    "quiz_unanswered": "Not answered yet.",
    "quiz_score": "{n} of {total} questions answered correctly.",
    "mark_complete": "Mark this lesson complete", "completed": "Lesson completed",
    "progress": "Your progress", "report_problem": "Report a problem with this page",
    "status_title": "Translation status", "notes": "Policy notes", "publications": "Publications",
    "home": "Home", "self_assessment": "Self-assessment", "glossary": "Glossary",
    "language_name": "English",
    "status_intro": "Spanish pages are built from the gettext catalogs under translations/es/. "
                    "A page below the completeness threshold is shown in English with a notice.",
    "col_file": "Source file", "col_segments": "Segments", "col_translated": "Translated",
    "col_fuzzy": "Needs review", "col_untranslated": "Untranslated", "col_words": "Words translated",
    "notes_intro": "Capacity Development Policy Notes: short, evidence-based advice for decision makers.",
    "progress_intro": "Lessons you mark complete are remembered in this browser only; nothing "
                      "is sent anywhere. Save them to a file to continue on another device.",
    "progress_export": "Save my progress (JSON)", "progress_import": "Load progress from a file",
    "progress_clear": "Clear my progress", "progress_done": "{n} of {total} lessons completed",
    "progress_cleared": "Progress cleared.", "progress_loaded": "Progress loaded.",
    # the translation-status page (#24.2)
    "col_page": "Page", "status_caption": "Translation into {language}, page by page",
    "status_total": "Total", "status_total_all": "Total, all pages",
    "status_site_pages": "Site pages",
    "status_details": "{segments} segments: {translated} translated, {fuzzy} to review, "
                      "{untranslated} untranslated",
    # the facilitator guide (#17.2)
    "guide": "Facilitator guide", "guide_title": "Facilitator guide: {course}",
    "guide_section": "For facilitators", "forms_section": "Feedback and consultation", "guide_link": "facilitator guide",
    "guide_link_intro": "Teaching this course in a workshop? Read the",
    "guide_banner": "This guide is for facilitators. It holds the session notes, timings, "
                    "discussion prompts and expected answers that participants do not see "
                    "on the lesson pages, and it is not included in the site search.",
    "agenda": "Agenda", "day": "Day {n}", "time": "Time", "session": "Session",
    "break": "Break",
    "agenda_intro": "Workshop days: {days}, from {start} to {end} each day. Times are "
                    "computed from the lessons' durations; a break starts at the first "
                    "session boundary at or after its time.",
    "agenda_no_plan": "This course has no workshop plan (`workshop:` in course.yml); the "
                      "lessons are listed in order with their durations.",
    "agenda_overflow": "The in-session lessons need {used} days, more than the {days} "
                       "planned.",
    "agenda_total": "Time in session: {total}.",
    "pre_work": "Before the workshop (pre-work)",
    "pre_work_intro": "Participants study these lessons on their own before the first "
                      "day ({total} in all).",
    "materials": "Materials",
    "materials_lessons": "The lessons' preparation notes below say what each session needs.",
    "guide_assessment": "The self-assessment before and after",
    "guide_assessment_text": "Ask participants to complete the [self-assessment]({href}) "
                             "before the first session and again after the last one, and "
                             "to save their answers each time (\"Download my answers\"); "
                             "answers stay in their browser until they do. Collect the two "
                             "sets of files and run `capdev assess cohort AFTER… --baseline "
                             "BEFORE…` for a cohort report with the before-and-after "
                             "comparison; groups of fewer than five people are suppressed, "
                             "so no participant can be identified.",
    "guide_notes": "Session notes", "guide_no_notes": "No facilitator notes for this lesson.",
    "note_notes": "Notes", "note_purpose": "Purpose", "note_discussion": "Discussion",
    "note_activity": "Activity", "note_answers": "Expected answers",
    "note_preparation": "Preparation", "guide_pdf": "Download this guide (PDF)",
    # the slide decks (#17.3), linked from the guide
    "slides": "Slides", "slides_pptx": "PowerPoint",
    "slides_html": "in the browser (works offline; S for speaker notes)",
}


def label(lang: str, key: str, **kw: object) -> str:
    text = ui("site", LABELS_EN, lang)[key]
    return text.format(**kw) if kw else text
