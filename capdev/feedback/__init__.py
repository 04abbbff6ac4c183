"""Feedback and consultation forms: the page of each form, its response files and the
summary `capdev feedback aggregate` writes. The form itself is content
(`capdev.sources.forms`); the privacy stance is the self-assessment's: answers stay in the
browser until the person exports them, and groups under 5 are never shown."""
