"""Arabic text as the search index sees it: normalised and lightly stemmed. Plain Python.

Normalisation makes the spellings a visitor types interchangeable: diacritics (harakat,
shadda) and tatweel removed, every alef with hamza or madda read as a bare alef, taa marbuta
as haa, alef maqsura as yaa, hamza on waw or yaa as the bare letter, Arabic-Indic digits as
ASCII ones. Light stemming (after Larkey's "light10") takes off the article ال, alone or after
و ب ل ف ك, a lone و, and the common suffixes (plural, dual, feminine, possessives), never
leaving fewer than three letters: « والتحويلات », « بالتحويل », « تحويلك » all give « تحويل ».
"""

import re

# Harakat, shadda, sukun, superscript alef and Quranic marks; tatweel (elongation).
_DROPPED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        **{chr(0x0660 + n): str(n) for n in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + n): str(n) for n in range(10)},  # Persian digits
    }
)
ARABIC = re.compile("[\u0600-\u06ff]")
# After normalisation: the letters hamza to yaa, without tatweel.
WORD = re.compile("[\u0621-\u063a\u0641-\u064a]+")

STOP_WORDS = frozenset(
    """في من على الى عن مع او ان انه انها هذا هذه ذلك تلك هو هي هم هن انت انتم نحن انا
    التي الذي الذين ما ماذا لا لم لن قد كل ثم اذا اذ حتى بعد قبل عند بين كيف هل اي
    اين متى ايضا فقط كان كانت يكون تكون ليس غير لك لي له لها لهم به بها فيه فيها منه منها
    عليه عليها اليه اليها""".split()
)

# Longest first: « وال » before « و ». The prepositions ب ل ف ك go only with the article: alone
# they begin too many words (« بنك », « فاتورة », « لغة »); « و » alone, as light10 does.
PREFIXES = ("وبال", "وكال", "وال", "فال", "بال", "كال", "لل", "ال", "و")
SUFFIXES = ("كما", "كم", "كن", "ها", "هم", "نا", "ان", "ات", "ون", "ين", "يه", "يا", "ه", "ي", "ك")
MIN_STEM = 3


def has_arabic(text):
    return bool(ARABIC.search(text or ""))


def normalise(text):
    """The letters a search compares: « إجْراء » and « اجراء » are the same word."""
    return _DROPPED.sub("", text or "").translate(_LETTERS)


def words(text):
    return WORD.findall(normalise(text))


def stem(word):
    """The light stem of a normalised word; a stop word or a short word as it is."""
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            word = word[len(prefix) :]
            break
    changed = True
    while changed:
        changed = False
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
                changed = True
                break
    return word
