"""The simulated model's extractors on codes and addresses, each read whole: emails, links,
paths, IP addresses, colours, time zones, flight numbers, ISBNs, versions, ids and commands.
Each test calls one module's ``find`` (or ``read``) alone, or ``ex.extract`` for what the
table keeps."""

from __future__ import annotations

import pytest
from extractor_reads import TODAY, found, slot, table, values

from fcplayground.models.simulated import extractors as ex
from fcplayground.models.simulated.extractors.base import Request
from fcplayground.models.simulated.vocabulary import Kind

# --- emails, links, paths, IP addresses, colours ------------------------------------------


@pytest.mark.parametrize(("text", "address"), [
    ("Email jane.doe@example.com please.", "jane.doe@example.com"),
    ("Mail bob@example.co.uk.", "bob@example.co.uk"),
    ("cc me, j.smith+news@mail.example.org", "j.smith+news@mail.example.org")])  # fmt: skip
def test_an_email_address_is_read_without_the_full_stop_after_it(text, address):
    assert values(ex.emails, text) == [address]


@pytest.mark.parametrize(("text", "link"), [
    ("Open https://example.com/a?b=c.", "https://example.com/a?b=c"),
    ("Check www.example.org, then reply", "www.example.org"), ("is openai.com up?", "openai.com"),
    ("Visit example.com/docs!", "example.com/docs"),
    ("See (https://foo.io/x).", "https://foo.io/x")])  # fmt: skip
def test_a_link_is_read_with_or_without_a_scheme_and_without_trailing_punctuation(text, link):
    assert values(ex.urls, text) == [link]


@pytest.mark.parametrize(("text", "path"), [
    ("Open reports/2025/q3.csv", "reports/2025/q3.csv"), ("show /etc/hosts.", "/etc/hosts"),
    ("load C:\\data\\x.txt", "C:\\data\\x.txt"), ("summarise notes.txt", "notes.txt")])  # fmt: skip
def test_a_file_path_is_read_whole(text, path):
    assert values(ex.paths, text) == [path]


def test_a_path_in_the_home_directory_is_read_whole():
    assert values(ex.paths, "Read ~/notes.txt") == ["~/notes.txt"]


@pytest.mark.parametrize("text", ["Speed in km/h", "Add 3/4 cup of flour", "you and/or me"])
def test_units_fractions_and_and_or_are_not_paths(text):
    assert values(ex.paths, text) == []


def test_an_ipv4_address_is_read_only_when_each_part_is_at_most_255():
    assert values(ex.addresses, "Ping 192.168.1.10 now") == ["192.168.1.10"]
    assert values(ex.addresses, "Ping 999.1.1.1 now") == []


def test_hex_colours_are_read_in_six_and_three_digit_forms():
    assert values(ex.colours, "Paint it #1e90ff or #FFF") == ["#1e90ff", "#FFF"]
    assert values(ex.colours, "Paint it #12345") == []


def test_a_basic_colour_word_fills_a_colour_parameter():
    request = Request("Identify a small green bird in forest.", TODAY)
    assert [c.value for c in ex.colours.read(request, slot("color"))] == ["green"]


def test_a_colour_word_in_a_proper_name_is_no_colour():
    request = Request("Tickets for the Boston Red Sox game", TODAY)
    assert ex.colours.read(request, slot("color")) == []


# --- time zones, flights, ISBNs, versions, ids, commands ----------------------------------


@pytest.mark.parametrize(("text", "zone"), [
    ("What time is it in America/Los_Angeles?", "America/Los_Angeles"),
    ("Schedule it for Europe/Paris", "Europe/Paris"),
    ("meeting in europe/paris time", "Europe/Paris"),
    ("convert 9am to asia/kolkata", "Asia/Kolkata"), ("Show it in UTC+2", "UTC+2")])  # fmt: skip
def test_a_timezone_is_kept_whole(text, zone):
    assert values(ex.timezones, text) == [zone]
    assert [c.value for c in table(text, Kind.TIMEZONE)] == [zone]
    assert table(text, Kind.PATH) == []


@pytest.mark.parametrize(("text", "flight"), [
    ("Status of flight LH 454", "LH 454"), ("Is BA2490 on time?", "BA2490"),
    ("Has U2 8012 landed?", "U2 8012")])  # fmt: skip
def test_a_flight_number_is_kept_whole(text, flight):
    assert values(ex.flights, text) == [flight]
    [whole] = table(text, Kind.FLIGHT)
    assert whole.value == flight
    assert [c for c in ex.extract(text, TODAY) if c.overlaps(whole)] == [whole]  # no "LH", 454


@pytest.mark.parametrize(("text", "isbn"), [
    ("Look up ISBN 978-0-14-103614-4", ["978-0-14-103614-4"]),
    ("Find 0-306-40615-2", ["0-306-40615-2"]), ("Find book 9780141036144", ["9780141036144"]),
    ("Look up 978-0-14-103614-5", [])])  # fmt: skip
def test_an_isbn_is_read_only_when_its_check_digit_adds_up(text, isbn):
    assert values(ex.isbns, text) == isbn


def test_an_isbn_after_the_word_isbn_survives_the_table():
    read = table("Look up ISBN 978-0-14-103614-4", Kind.ISBN)
    assert [c.value for c in read] == ["978-0-14-103614-4"]


@pytest.mark.parametrize(("text", "version"), [
    ("Upgrade to 1.2.3", "1.2.3"), ("Install v2.0", "v2.0"), ("Install Python 3.12", "3.12"),
    ("Roll back to version 4.1", "4.1"), ("Pin 2.0.0-rc1", "2.0.0-rc1")])  # fmt: skip
def test_a_version_is_kept_whole(text, version):
    assert values(ex.versions, text) == [version]


def test_a_number_with_one_dot_alone_is_a_number_not_a_version():
    assert values(ex.versions, "Set the ratio to 3.5") == []
    assert values(ex.numbers, "Set the ratio to 3.5") == [3.5]


@pytest.mark.parametrize("code", [
    "ORD-1234", "E-1042", "order-123", "rs6034464", "INV_2025_001", "my_sales_data", "2019-2020",
    "1Z999AA10123456784"])  # fmt: skip
def test_a_code_is_read_whole_as_an_id(code):
    assert values(ex.ids, f"Look up {code} please") == [code]


@pytest.mark.parametrize("text", ["the 3rd row", "at 2pm", "a 6cm cube", "a step of 1e-9"])
def test_ordinals_times_quantities_and_exponents_are_not_ids(text):
    assert values(ex.ids, text) == []


def test_a_season_stays_one_id_through_the_table():
    assert [c.value for c in table("Stats for the 2019-2020 season", Kind.ID)] == ["2019-2020"]
    assert table("Stats for the 2019-2020 season", Kind.DATE) == []


def test_an_id_for_an_integer_slot_keeps_only_its_digits():
    order = found(ex.ids, "refund order-123")[0]
    assert ex.convert(order, slot("order_id", json_type="integer")) == 123


def test_a_code_joined_by_a_slash_is_kept_whole_but_paths_and_fractions_are_not_codes():
    assert [c.value for c in table("the docket numbered 2022/AL2562 please", Kind.ID)] == [
        "2022/AL2562"
    ]
    assert table("call v1/users now", Kind.ID) == []
    assert table("add 3/4 cup", Kind.ID) == []


def test_a_command_is_copied_as_written_for_a_command_parameter():
    command = slot("command", "The system command to run.")
    assert command.kind == Kind.COMMAND
    read = ex.commands.read
    assert [c.value for c in read(Request("shutdown the pc, using the exact command shutdown /s /t 0", TODAY), command)] == ["shutdown /s /t 0"]  # fmt: skip
    assert [c.value for c in read(Request("open camera, using the start microsoft.windows.camera: command", TODAY), command)] == ["start microsoft.windows.camera:"]  # fmt: skip
