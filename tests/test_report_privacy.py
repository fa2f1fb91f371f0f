"""`privacy.redact` removes every NIP-, NIK- and phone-shaped string, and only those, however the text around
them looks: it runs the patterns over the runs of digits that can hold them, so the cases at the edges of
such runs (separators, markup, neighbouring numbers) are the ones checked here."""

from __future__ import annotations

import random

import pytest

from warehouse.report.privacy import PATTERNS, REDACTED, find_personal_data, redact

R = REDACTED


@pytest.mark.parametrize(("text", "expected"), [
    ("NIP 198001012005011001 ok", f"NIP {R} ok"),
    ("<td>19800101 200501 1 001</td>", f"<td>{R}</td>"),  # printed in groups
    ("NIK 3201235101900001.", f"NIK {R}."),
    ("HP 081234567890, kantor", f"HP {R}, kantor"),
    ("+62 812-3456-7890", R),
    ("(62812 3456 7890)", f"({R})"),
    ("a 198001012005011001 b 081234567890 c", f"a {R} b {R} c"),
    # Thousands-grouped counts, decimals and longer numbers are not personal data.
    ("<td>1.234.567.890</td>", "<td>1.234.567.890</td>"),
    ("9007199254740991", "9007199254740991"),
    ("1981234567890", "1981234567890"),
    ("5.081234567890", "5.081234567890"),
    ("1198001012005011001", "1198001012005011001"),
    ("share 0,08123456789", "share 0,08123456789"),
    # Numbers of fewer than nine characters, whatever surrounds them.
    ("19-25 26-30 +62 0812", "19-25 26-30 +62 0812"),
    # A phone number cut off by a NIP in the same run of digits: the NIP goes first, whole.
    ("0812 34567890 123456 7 890", f"0812 {R}"),
])
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected
    assert find_personal_data(redact(text)) == []


def _whole_text(text: str) -> str:
    """The definition: each pattern in turn over the whole text."""
    for pattern in PATTERNS.values():
        text = pattern.sub(REDACTED, text)
    return text


def test_redact_same_as_patterns_over_whole_text() -> None:
    # Random text dense in digits and separators, with markup and letters between: every way a run can start
    # or end, a match can touch a separator, or two shapes can overlap.
    rng = random.Random(13)
    pieces = ["0812", "62", "+62", "8", "0", "1", "19800101", "200501", "3201235101900001", "198001012005011001",
              " ", "-", ".", ",", "+", "<td>", "</td>", "a", "[", "/", "\n", "5", "99"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(4000)]
    assert sum(_whole_text(t) != t for t in texts) > 1000  # the sample does hold personal-data shapes
    for text in texts:
        assert redact(text) == _whole_text(text), text
