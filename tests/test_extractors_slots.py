"""What a parameter's description makes of its slot (``profiles.read_slot``): examples after
'i.e.' or 'supports', the kinds it also accepts, plain text where the examples are plain
words, number codes as an integer's options, and the date format it spells out."""

from __future__ import annotations

from extractor_reads import slot

from fcplayground.models.simulated.vocabulary import Kind


def test_examples_after_i_e_are_the_parameters_examples_without_etc():
    s = slot("info_type", "The information needed, i.e., victim, accused, verdict etc")
    assert s.examples == ("victim", "accused", "verdict")


def test_the_values_a_parameter_supports_are_its_examples():
    s = slot(
        "from_unit", "The unit to convert from. Supports 'teaspoon', 'tablespoon', 'cup', etc."
    )
    assert s.examples[:3] == ("teaspoon", "tablespoon", "cup")


def test_a_description_offering_hostname_or_ip_address_accepts_a_hostname():
    host = slot("host", "The hostname or IP address of the PostgreSQL server.")
    assert host.kind == Kind.IP
    assert Kind.URL in host.accepts
    assert not slot("ip", "The IP address of the server.").accepts


def test_the_identifier_of_a_contact_accepts_the_contacts_name():
    offered = slot("receiver", "The identifier for the recipient, such as an account number or a contact name.")  # fmt: skip
    assert Kind.NAME in offered.accepts
    emailed = slot("receiver", "The identifier for the contact or account, such as an email or account number.")  # fmt: skip
    assert Kind.NAME in emailed.accepts
    assert not slot("order_id", "The unique identifier of the order.").accepts


def test_a_narrow_kind_whose_examples_are_plain_words_is_plain_text():
    assert slot("color", "The desired color of the beer, such as 'pale', 'amber', 'dark'.").kind != Kind.COLOR  # fmt: skip
    assert slot("color", "The colour as a hex code, e.g. #ff0000.").kind == Kind.COLOR


def test_number_codes_a_description_gives_are_the_options_of_an_integer():
    described = slot("province_id", "For example, 1 represents Bangkok, 2 for Chiang Mai, 3 for Chonburi.", "integer")  # fmt: skip
    assert described.kind == Kind.ENUM and described.enum == (1, 2, 3)


def test_a_described_format_with_a_t_between_date_and_time_is_written_whole():
    s = slot("when", "The new date and time, in ISO-8601 format (e.g., 'YYYY-MM-DDTHH:MM:SSZ').")
    assert s.date_format == "%Y-%m-%dT%H:%M:%S"


def test_a_described_format_with_a_three_letter_year_still_means_the_year():
    s = slot("start_date", "Start of the date range, in the format of MM-DD-YYY.")
    assert s.date_format == "%m-%d-%Y"


def test_a_date_format_said_in_words_gives_the_order_of_the_parts():
    s = slot("date", "The date (month-day-year) you want to get the air quality index for.")
    assert s.date_format == "%m-%d-%Y"
