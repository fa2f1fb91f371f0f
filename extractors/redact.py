"""Redact personal data from messages that leave the raw zone (audit, checks, logs, status).

Messages are built from templates that never name a person, but some carry text from an input (a parser's
error, a cell it could not read). Whatever looks like an identifier, a date, a phone number or an e-mail
address is masked; the value itself stays in the raw zone (raw.quarantined_rows) for the owner.
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# +62 812-3456-7890, 0812 3456 7890, (021) 555-1234: a phone number is digits with separators.
_PHONE = re.compile(r"(?<![\w])(?:\+?62|0)[\s.()-]*\d(?:[\s.()-]*\d){7,13}(?!\w)")
# NIP (18 digits), NIK (16), NIP lama (9), account numbers: any run of 9 or more digits, spaces allowed.
_LONG_NUMBER = re.compile(r"(?<!\d)\d(?:[ ]?\d){8,}(?!\d)")
_DATE = re.compile(r"(?<!\d)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(?!\d)")


def redact(text: str | None, limit: int = 500) -> str | None:
    """`text` with identifiers, dates, phone numbers and e-mail addresses masked, cut at `limit` chars."""
    if text is None:
        return None
    out = _EMAIL.sub("[email]", text)
    out = _DATE.sub("[date]", out)
    out = _PHONE.sub("[number]", out)
    out = _LONG_NUMBER.sub("[number]", out)
    return out if len(out) <= limit else out[: limit - 1] + "…"
