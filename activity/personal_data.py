"""Whether a short note holds a phone number or an e-mail address, however it is spelled.
Plain Python.

A mediator may group a phone number with non-breaking or narrow spaces (usual in French),
slashes, commas or underscores, or hide invisible characters in it; an address may be written
with a full-width ＠ or spelled out (« jean(at)gmail.com », « jean arobase gmail point com »).
The note is normalised first (Unicode NFKC, invisible characters removed), then dates and
times are set aside and the separators between digits dropped."""

import re
import unicodedata

INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# A real date with its year in full (« 03/03/2026 », « 3.3.2026 ») or a time (« 10:30 »), which
# would otherwise join the numbers around them into a phone-sized run.
DATE_OR_TIME = re.compile(
    r"\b(?:0?[1-9]|[12]\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\1(?:19|20)\d\d\b|\b\d{1,2}:\d{2}\b"
)
# Up to three separators between two digits: spaces of every kind (NFKC made them plain), dots,
# dashes, slashes, underscores, commas, brackets (« +33 (0)6 … »).
BETWEEN_DIGITS = re.compile(r"(?<=\d)[\s.,/_()\-\u2010-\u2015\u00b7\u2022]{1,3}(?=\d)")
# Nine digits or more: a phone number (French, overseas or foreign), or another personal number.
LONG_NUMBER = re.compile(r"\d{9,}")
OPEN, CLOSE = r"[(\[{<]", r"[)\]}>]"
AT = rf"(?:@|{OPEN}\s*(?:at|arobase|arrobase)\s*{CLOSE}|\b(?:at|arobase|arrobase)\b)"
DOT = rf"(?:\.|{OPEN}\s*(?:dot|point)\s*{CLOSE}|\b(?:dot|point)\b)"
EMAIL = re.compile(rf"\w\s*{AT}\s*\w[\w-]*(?:\s*{DOT}\s*\w[\w-]*)*\s*{DOT}\s*[a-z]{{2,}}\b")


def normalise(text):
    return INVISIBLE.sub("", unicodedata.normalize("NFKC", text or "")).casefold()


def has_phone_number(text):
    digits = BETWEEN_DIGITS.sub("", DATE_OR_TIME.sub(" ", normalise(text)))
    return LONG_NUMBER.search(digits) is not None


def has_email(text):
    text = normalise(text)
    return "@" in text or EMAIL.search(text) is not None


def has_personal_data(text):
    return has_phone_number(text) or has_email(text)
