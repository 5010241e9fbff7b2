"""The Chinese catalogues use Chinese punctuation: ：（）， not ": ( ) ,"."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "station" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
ASCII = re.compile(r": |[:()]|,(?=\s|[^\x00-\x7f])|(?<=[^\x00-\x7f]),")

# Where the ASCII characters are what the user types or reads in a file, not punctuation.
EXCEPTIONS = {
    # the characters a phone number may hold
    "A phone number has only digits, spaces, + - ( ).",
    # the columns of the calendar's CSV file, written as the file has them
    "A CSV file in UTF-8 with one day a line: date,kind,name — kind is 放假 or 休 (holiday), "
    "班 or 上班 (workday), for example %(example)s. A header line is optional.",
    "Line %(line)d: expected 3 columns (date,kind,name), found %(n)d.",
}


def ascii_punctuation(locale: str) -> dict[str, str]:
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f)
    found = {}
    for message in catalog:
        if not message.id or message.id in EXCEPTIONS:
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            if ASCII.search(PLACEHOLDER.sub("", text)):
                found[str(message.id)] = text
    return found


@pytest.mark.parametrize("locale", ["zh_Hans_CN", "zh_Hant_TW"])
def test_no_ascii_punctuation_in_the_chinese_translations(locale):
    assert ascii_punctuation(locale) == {}


def test_the_exceptions_are_still_there():
    # An exception whose string has gone, or lost its ASCII characters, is dropped from the list.
    with (TRANSLATIONS / "zh_Hans_CN" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f)
    for msgid in EXCEPTIONS:
        assert catalog.get(msgid) is not None, msgid
        assert ASCII.search(PLACEHOLDER.sub("", catalog.get(msgid).string)), msgid
