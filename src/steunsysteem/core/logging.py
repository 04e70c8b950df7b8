"""Keep personal data out of log lines.

Log calls in this project never pass names, e-mail addresses or free text about people;
this filter is the safety net for what third-party code logs (e.g. a request path with a
query string, an exception message quoting user input).
"""

import logging
import re

_PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[e-mail]"),
    (re.compile(r"(?<!\d)(?:\+31|0)[\s-]?\d(?:[\s-]?\d){8}(?!\d)"), "[telefoon]"),
    (re.compile(r"\b\d{4}\s?[A-Za-z]{2}\b"), "[postcode]"),
    (re.compile(r"([?&](?:q|search|postcode|email|name)=)[^&\s]*"), r"\1[…]"),
]


_formatter = logging.Formatter()


def scrub(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class NoPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = ()
        # A traceback quotes the exception's message, e.g. the addresses a mail server refused.
        if record.exc_info:
            record.exc_text = _formatter.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        if hasattr(record, "request"):
            del record.request
        return True
