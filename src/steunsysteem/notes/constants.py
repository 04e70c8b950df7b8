"""Limits and the names the audit trail uses for a note's fields (never their text)."""

TEXT_MAX_LENGTH = 2000

# The fields a note write names in the audit trail, by what was filled in.
AUDIT_FIELD_ASKED = "notes.asked"
AUDIT_FIELD_QUESTION_BEHIND = "notes.question_behind"
AUDIT_FIELD_QUESTION = "notes.question"
AUDIT_FIELD_CORRECTS = "notes.corrects"
