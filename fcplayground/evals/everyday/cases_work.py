"""Everyday cases at work: email, files, HR and language (translation, definitions).

Rows are ``(category, request, expected calls[, TODAY])``; see :mod:`.common`. A hosted
model writes an email's subject and body itself (``ANY``) but asks for an address it was
not given; it keeps paths and employee ids whole; and when a request needs one call's
result for the next ("look up E-1042 and email them"), it makes the first call only.
"""

from __future__ import annotations

from ..cases import ANY, expect, one_of
from .common import NO_LIST, NOT_GIVEN, TODAY, Row, default


def _email(to: str, subject: object = ANY, cc: object = NO_LIST) -> dict:
    return expect("send_email", to=to, subject=subject, body=ANY, cc=cc)


def _read(path: str) -> dict:
    return expect("read_file", path=path)


def _folder(path: object) -> dict:
    return expect("list_folder", path=path)


def _employee(employee_id: str) -> dict:
    return expect("lookup_employee", employee_id=employee_id)


def _off(start: str, end: str, kind: object = None) -> dict:
    return expect("request_time_off", start_date=start, end_date=end,
                  kind=default("vacation") if kind is None else kind)  # fmt: skip


def _translate(text: object, language: str, code: str) -> dict:
    return expect("translate_text", text=text, target_language=one_of(language, code))


def _define(word: str) -> dict:
    return expect("define_word", word=word)


ROWS: list[Row] = [
    # -- email ------------------------------------------------------------------------
    ("email", "Email sam@example.com that the build passed", [_email("sam@example.com")]),
    ("email", "send an email to jo@acme.io cc'ing lee@acme.io saying the meeting moved to 3pm",
     [_email("jo@acme.io", cc=["lee@acme.io"])]),
    ("email", "write to priya@example.org and thank her for the flowers",
     [_email("priya@example.org")]),
    ("email", "Email ops@example.com with subject 'Server down' and tell them the API is "
     "returning 500s.", [_email("ops@example.com", subject="Server down")]),
    ("email", "can you let dan@example.net know I'll be 10 minutes late? send it by email",
     [_email("dan@example.net")]),
    ("email", "send mia@example.com an email: 'Lunch at 1?'", [_email("mia@example.com")]),
    ("email", "email support@shop.example about my broken kettle, copy in me@example.com "
     "and finance@example.com",
     [_email("support@shop.example", cc=["me@example.com", "finance@example.com"])]),
    ("parallel", "Email ana@example.com that I'm running late and check the status of LH 454",
     [_email("ana@example.com"),
      expect("get_flight_status", flight_number="LH 454", date=NOT_GIVEN)]),
    ("chains", "look up employee E-1042 and email them the holiday policy",
     [_employee("E-1042")]),
    ("asks", "email my boss that I'm sick", []),
    ("asks", "Send an email saying hi.", []),
    ("no tool", "is it rude to send work emails on weekends?", []),
    # -- files ------------------------------------------------------------------------
    ("files", "open reports/2025/q3.csv", [_read("reports/2025/q3.csv")]),
    ("files", "What's in notes/todo.md?", [_read("notes/todo.md")]),
    ("files", "show me the contents of config/settings.v2.yaml",
     [_read("config/settings.v2.yaml")]),
    ("files", "read ./data/users-2024.json", [_read("./data/users-2024.json")]),
    ("files", "cat README.md", [_read("README.md")]),
    ("files", "what files are in the reports folder?", [_folder("reports")]),
    ("files", "List everything in src/components.", [_folder("src/components")]),
    ("files", "what files do I have?", [_folder(default("."))]),
    ("files", "ls logs/2026-01", [_folder("logs/2026-01")]),
    ("parallel", "read README.md and CHANGELOG.md", [_read("README.md"), _read("CHANGELOG.md")]),
    ("parallel", "List the files in src and in tests.", [_folder("src"), _folder("tests")]),
    ("parallel", "open q1.csv and q2.csv in reports/2025",
     [_read("reports/2025/q1.csv"), _read("reports/2025/q2.csv")]),
    ("chains", "check what's in the logs folder and open the newest file", [_folder("logs")]),
    ("chains", "read notes/meeting.txt and email the summary to kim@example.com",
     [_read("notes/meeting.txt")]),
    ("chains", "Translate the contents of docs/welcome.txt into Spanish.",
     [_read("docs/welcome.txt")]),
    ("asks", "Open the file Priya sent me.", []),
    ("asks", "open my spreadsheet", []),
    ("asks", "Read the file for me please.", []),
    # -- hr ---------------------------------------------------------------------------
    ("hr", "book me off from 2026-02-09 to 2026-02-13", [_off("2026-02-09", "2026-02-13")]),
    ("hr", "I'm sick, need tomorrow off", [_off("2026-01-16", "2026-01-16", "sick")], TODAY),
    ("hr", "Request vacation from March 2 to March 6.",
     [_off("2026-03-02", "2026-03-06", "vacation")], TODAY),
    ("hr", "take a personal day on Monday", [_off("2026-01-19", "2026-01-19", "personal")],
     TODAY),
    ("hr", "I need sick leave for 2026-01-19 and 2026-01-20",
     [_off("2026-01-19", "2026-01-20", "sick")]),
    ("hr", "who is E-1042?", [_employee("E-1042")]),
    ("hr", "What team is employee E-2210 on?", [_employee("E-2210")]),
    ("hr", "find e-0077's manager", [_employee("E-0077")]),
    ("hr", "email address for employee E-5120?", [_employee("E-5120")]),
    ("parallel", "look up E-1042 and E-1043", [_employee("E-1042"), _employee("E-1043")]),
    ("parallel", "Book time off from 2026-03-02 to 2026-03-06 and add 'Trip to Lisbon' to my "
     "calendar on 2026-03-02 at 08:00.",
     [_off("2026-03-02", "2026-03-06"),
      expect("create_event", title="Trip to Lisbon", date="2026-03-02", start_time="08:00",
             duration_minutes=default(60))]),
    ("chains", "who's E-3311's manager? send them an email asking for a 1:1",
     [_employee("E-3311")]),
    ("asks", "I'd like to take some time off", []),
    ("asks", "Look up an employee for me.", []),
    ("no tool", "how many vacation days do people usually get?", []),
    # -- language ---------------------------------------------------------------------
    ("language", "translate 'where is the train station' into German",
     [_translate("where is the train station", "German", "de")]),
    ("language", "how do you say thank you in Japanese",
     [_translate("thank you", "Japanese", "ja")]),
    ("language", "say 'good night' in french", [_translate("good night", "French", "fr")]),
    ("language", "What's 'I love you' in Portuguese?",
     [_translate("I love you", "Portuguese", "pt")]),
    ("language", "Translate to Spanish: The meeting is cancelled.",
     [_translate("The meeting is cancelled.", "Spanish", "es")]),
    ("language", "what does ephemeral mean", [_define("ephemeral")]),
    ("language", "define ubiquitous", [_define("ubiquitous")]),
    ("language", "Meaning of the word petrichor?", [_define("petrichor")]),
    ("language", "whats the definiton of 'laconic'", [_define("laconic")]),
    ("parallel", "How do you say 'cheers' in German and in Italian?",
     [_translate("cheers", "German", "de"), _translate("cheers", "Italian", "it")]),
    ("parallel", "define 'terse' and 'verbose'", [_define("terse"), _define("verbose")]),
    ("parallel", "meanings of 'candid' and 'frugal'", [_define("candid"), _define("frugal")]),
    ("asks", "translate this to Italian", []),
    ("no tool", "What's the origin of the English language?", []),
]  # fmt: skip
"""The work cases, as rows for :func:`fcplayground.evals.everyday.everyday_cases`."""
