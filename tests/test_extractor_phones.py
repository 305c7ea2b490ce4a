"""The phone-number extractor of the simulated model, on the forms people type them in:
national and international, with the groups each country uses."""

from __future__ import annotations

import pytest
from extractor_reads import table

from fcplayground.models.simulated.vocabulary import Kind


@pytest.mark.parametrize(
    "text, phone",
    [
        ("Text +44 7700 900123 saying I'm late", "+44 7700 900123"),  # a UK mobile: 4 + 6
        ("Call +33 1 42 68 53 00 tomorrow", "+33 1 42 68 53 00"),  # Paris: a one-digit area
        ("Ring 07700 900123 when you land", "07700 900123"),
        ("Call +1 415-555-0100 now", "+1 415-555-0100"),
        ("Phone (020) 7946 0958", "(020) 7946 0958"),
    ],
)
def test_a_phone_number_is_read_whole_in_its_national_and_international_forms(text, phone):
    assert [c.text for c in table(text, Kind.PHONE)] == [phone]
