"""Interface strings of the pages capdev generates, per language (UN Spanish)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
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
        "lang_en": "English", "lang_es": "Spanish",
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
    },
    "es": {
        "duration": "Duración", "level": "Nivel", "minutes": "min", "outcomes": "Resultados de aprendizaje",
        "key_points": "Puntos clave", "modules": "Módulos", "lessons": "Lecciones",
        "audience": "A quién se dirige este curso", "prerequisites": "Requisitos previos",
        "introductory": "Introductorio", "intermediate": "Intermedio", "advanced": "Avanzado",
        "previous": "Anterior", "next": "Siguiente", "module_of": "Módulo {n} de {total}",
        "competences": "Competencias", "course": "Curso",
        "fallback": "Esta página aún no se ha traducido; se muestra en inglés.",
        "outdated": "La versión en inglés de esta página ha cambiado desde que se tradujo.",
        "outdated_link": "Leer la versión actual en inglés",
        "quiz_check": "Comprobar respuesta", "quiz_show": "Mostrar la respuesta",
        "quiz_correct": "Correcto.", "quiz_wrong": "No exactamente; inténtelo de nuevo.",
        "quiz_answer": "Respuesta", "quiz_label": "Pregunta de comprobación",
        "quiz_check_all": "Comprobar respuestas", "quiz_question_n": "Pregunta {n}",
        "quiz_label_of": "Pregunta de comprobación {n} de {total}",
        "quiz_hint_single": "Elija una respuesta.",
        "quiz_hint_multiple": "Elija todas las respuestas que correspondan.",
        "quiz_option_right": "Esta respuesta es correcta.",
        "quiz_option_wrong": "Esta respuesta no es correcta.",
        "quiz_question_ok": "Correcto.", "quiz_question_bad": "Todavía no es correcto.",
        "quiz_unanswered": "Todavía sin responder.",
        "quiz_score": "{n} de {total} preguntas respondidas correctamente.",
        "mark_complete": "Marcar esta lección como completada", "completed": "Lección completada",
        "progress": "Su progreso", "report_problem": "Informar de un problema en esta página",
        "status_title": "Estado de la traducción", "notes": "Notas de política",
        "publications": "Publicaciones", "home": "Inicio", "self_assessment": "Autoevaluación",
        "glossary": "Glosario", "language_name": "Español",
        "status_intro": "Las páginas en español se generan a partir de los catálogos gettext de "
                        "translations/es/. Una página por debajo del umbral de compleción se muestra "
                        "en inglés con un aviso.",
        "col_file": "Archivo de origen", "col_segments": "Segmentos", "col_translated": "Traducidos",
        "col_fuzzy": "Por revisar", "col_untranslated": "Sin traducir", "col_words": "Palabras traducidas",
        "notes_intro": "Notas de política sobre desarrollo de capacidades: orientaciones breves y "
                       "basadas en datos para quienes toman decisiones.",
        "progress_intro": "Las lecciones que marque como completadas se recuerdan solo en este "
                          "navegador; no se envía nada. Guárdelas en un archivo para continuar en "
                          "otro dispositivo.",
        "progress_export": "Guardar mi progreso (JSON)",
        "progress_import": "Cargar el progreso desde un archivo",
        "progress_clear": "Borrar mi progreso", "progress_done": "{n} de {total} lecciones completadas",
        "progress_cleared": "Progreso borrado.", "progress_loaded": "Progreso cargado.",
        "col_page": "Página", "status_caption": "Traducción al {language}, página por página",
        "status_total": "Total", "status_total_all": "Total de todas las páginas",
        "status_site_pages": "Páginas del sitio",
        "status_details": "{segments} segmentos: {translated} traducidos, {fuzzy} por revisar, "
                          "{untranslated} sin traducir",
        "lang_en": "inglés", "lang_es": "español",
        "guide": "Guía para facilitadores", "guide_title": "Guía para facilitadores: {course}",
        "guide_section": "Para facilitadores", "forms_section": "Evaluación y consultas", "guide_link": "guía para facilitadores",
        "guide_link_intro": "¿Imparte este curso en un taller? Consulte la",
        "guide_banner": "Esta guía está destinada a los facilitadores. Contiene las notas de "
                        "las sesiones, los tiempos, las preguntas para el debate y las respuestas "
                        "esperadas que los participantes no ven en las páginas de las lecciones, "
                        "y no se incluye en la búsqueda del sitio.",
        "agenda": "Programa", "day": "Día {n}", "time": "Hora", "session": "Sesión",
        "break": "Pausa",
        "agenda_intro": "Días de taller: {days}, de {start} a {end} cada día. Los horarios se "
                        "calculan a partir de la duración de las lecciones; cada pausa comienza "
                        "al término de la primera sesión que llega a su hora o la supera.",
        "agenda_no_plan": "Este curso no tiene un plan de taller (`workshop:` en course.yml); "
                          "las lecciones se enumeran en orden con su duración.",
        "agenda_overflow": "Las lecciones presenciales requieren {used} días, más que los {days} "
                           "previstos.",
        "agenda_total": "Tiempo en sesión: {total}.",
        "pre_work": "Antes del taller (trabajo previo)",
        "pre_work_intro": "Los participantes estudian estas lecciones por su cuenta antes del "
                          "primer día ({total} en total).",
        "materials": "Materiales",
        "materials_lessons": "Las notas de preparación de cada lección, más abajo, indican lo "
                             "que necesita cada sesión.",
        "guide_assessment": "La autoevaluación antes y después",
        "guide_assessment_text": "Pida a los participantes que completen la "
                                 "[autoevaluación]({href}) antes de la primera sesión y de nuevo "
                                 "después de la última, y que guarden sus respuestas cada vez "
                                 "(«Descargar mis respuestas»); las respuestas permanecen en su "
                                 "navegador hasta que lo hagan. Reúna los dos conjuntos de "
                                 "archivos y ejecute `capdev assess cohort DESPUÉS… --baseline "
                                 "ANTES…` para obtener un informe de la cohorte con la "
                                 "comparación entre el antes y el después; los grupos de menos "
                                 "de cinco personas se suprimen, de modo que no se pueda "
                                 "identificar a ningún participante.",
        "guide_notes": "Notas de las sesiones",
        "guide_no_notes": "Esta lección no tiene notas para facilitadores.",
        "note_notes": "Notas", "note_purpose": "Propósito", "note_discussion": "Debate",
        "note_activity": "Actividad", "note_answers": "Respuestas esperadas",
        "note_preparation": "Preparación", "guide_pdf": "Descargar esta guía (PDF)",
        "slides": "Diapositivas", "slides_pptx": "PowerPoint",
        "slides_html": "en el navegador (funciona sin conexión; S para las notas del orador)",
    },
}


def label(lang: str, key: str, **kw: object) -> str:
    text = LABELS.get(lang, LABELS["en"]).get(key) or LABELS["en"][key]
    return text.format(**kw) if kw else text
