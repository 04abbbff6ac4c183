"""Policy notes and publications: PDF, DOCX and web pages in every language."""
