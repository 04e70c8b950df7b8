"""Text that every output format can hold: XML (SVG, the HTML that becomes a PDF), iCalendar
and mail.

A name, a place or a note is typed by people and may carry characters that have no place in
a document: control characters (pasted from another program, or typed on purpose), DEL and
the C1 controls, or a lone half of a UTF-16 surrogate pair. XML 1.0 forbids most of them,
so one such character made the network map's SVG invalid and its PNG a server error;
iCalendar's TEXT forbids them too, and a line break in a mail subject is a header injection.

``printable_text`` drops them; it keeps tab and line breaks where a format allows them, and
with ``one_line=True`` (mail subjects, iCalendar summaries and places, labels on a map) turns
every line break and tab into one space. Call it on every text that leaves the server in
one of these formats; ``{{ value|printable }}`` (``{% load printable %}``) does the same in a
template.
"""

from __future__ import annotations

import re

# C0 controls except tab, line feed and carriage return; DEL and the C1 controls; surrogates
# (never valid on their own in UTF-8); and the two non-characters XML excludes.
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
# Whatever starts a new line somewhere (CR, LF, NEL, the Unicode line and paragraph
# separators) and tab, with the spaces around them.
_LINE_BREAKS = re.compile("[ ]*[\t\n\r\x85\u2028\u2029][\t\n\r\x85\u2028\u2029 ]*")


def printable_text(value: object, *, one_line: bool = False) -> str:
    """``value`` as text without characters that XML, iCalendar or a mail header cannot hold."""
    text = _NOT_PRINTABLE.sub("", str(value))
    if one_line:
        return _LINE_BREAKS.sub(" ", text).strip()
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")
