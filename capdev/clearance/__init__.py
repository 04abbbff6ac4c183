"""Clearance: a reviewed DOCX (tracked changes, comments) back into the note's source.

  import_review(root, note, docx, lang) -> Review     proposed changes, a diff, decisions
  apply_decisions(root, note, decisions) -> Applied   accepted changes spliced into note.md
                                                      (en) or the note's catalog (es)

The DOCX is untrusted (safety.py checks it before pandoc reads it); the source is never
re-serialised: each accepted change is a splice of one text span, checked against the
text it expects to replace, so untouched blocks stay byte for byte what they were.
"""
