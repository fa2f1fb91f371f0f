"""What the analyst side (report, dbt docs site, status) must never show: NIP-, NIK- and phone-shaped strings.

The report's tables come from marts without personal data, but free text can carry it (a quarantine
message quoting a rejected row, a label an extractor read from a document). Everything written for analysts
passes through `redact` last, and tests scan the written files with `find_personal_data`.
"""

from __future__ import annotations

import re

# Not part of a longer number (digits, or a thousands/decimal separator followed by digits); punctuation
# after the match ("HP 081234567890,") is fine.
_EDGE_BEFORE = r"(?<!\d)(?<!\d[.,])"
_EDGE_AFTER = r"(?!\d)(?![.,]\d)"
# A NIP is 18 digits (extractors/nip.py), often printed in groups: 19800101 200501 1 001.
NIP_SHAPED = re.compile(_EDGE_BEFORE + r"\d{8}[ ]?\d{6}[ ]?\d[ ]?\d{3}" + _EDGE_AFTER)
# A NIK (KTP number) is 16 digits: a 6-digit region code, the birth date DDMMYY (women add 40 to the day)
# and a 4-digit serial. The date keeps other 16-digit numbers (JavaScript's 9007199254740991) out.
NIK_SHAPED = re.compile(
    _EDGE_BEFORE + r"[1-9]\d{5}(?:0[1-9]|[12]\d|3[01]|4[1-9]|[56]\d|7[01])(?:0[1-9]|1[0-2])\d{2}\d{4}" + _EDGE_AFTER
)
# Indonesian mobile numbers: 08.. or +62 8.., 9 to 13 digits, optionally grouped by spaces or dashes.
PHONE_SHAPED = re.compile(
    _EDGE_BEFORE + r"(?:\+62[ -]?|62|0)8\d{1,3}(?:[ -]?\d{3,4}){2}(?:[ -]?\d{1,3})?" + _EDGE_AFTER
)
PATTERNS: dict[str, re.Pattern[str]] = {"nip": NIP_SHAPED, "nik": NIK_SHAPED, "phone": PHONE_SHAPED}
REDACTED = "[disamarkan / redacted]"
# Every match above is made of digits, spaces, dashes and "+", starts with a digit or "+" and is at least 9
# characters long; the edges look at digits and "."/"," only. So a match lies inside a run of these
# characters (plus "." and ",") from its first digit or "+", and outside such a run nothing can change what
# the patterns see: running them over each run gives exactly what running them over the whole text gives,
# while the lookbehinds are no longer tried at every character of a page of several megabytes.
_CANDIDATE = re.compile(r"[+\d][\d+\-., ]{8,}")


def find_personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, matched text) for every NIP-, NIK- or phone-shaped string in `text`."""
    return [(kind, m.group(0)) for kind, pattern in PATTERNS.items() for m in pattern.finditer(text)]


def redact(text: str) -> str:
    """`text` with every NIP-, NIK- and phone-shaped string replaced by a marker."""
    return _CANDIDATE.sub(_redact_run, text)


def _redact_run(run: re.Match[str]) -> str:
    # One pattern after the other, as over the whole text: a NIP is replaced before the phone pattern could
    # take a part of it and leave the rest readable.
    text = run.group(0)
    for pattern in PATTERNS.values():
        text = pattern.sub(REDACTED, text)
    return text
