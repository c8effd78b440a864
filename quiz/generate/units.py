"""Figures as a reader writes them: "30 ألف جندي", "7.5 مليار دولار", "16 شهراً", "30,000 soldiers".

Arabic counted nouns change with the number (one جندي, two جنديان, three to ten جنود, eleven to ninety-nine
جندياً, a hundred and up جندي), so the noun's form is chosen by the number's CLDR plural category (Babel's
`Locale.plural_form`), never by hand-written ranges. Large round figures take a magnitude word (ألف، مليون،
مليار; thousand, million, billion), after which the Arabic noun is always the singular in the genitive.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from babel import Locale

from quiz.chronology.arabic_dates import Digits, format_number


@dataclass(frozen=True)
class Unit:
    """A unit's Arabic forms by CLDR category (one, two, few, many, other) and its English singular/plural.

    `ar_forms` may leave out `one`/`two` (then the number is written with the `other` form). An empty
    `ar_forms` and `en` marks a unit written as a sign right after the figure (percent).
    """

    ar_forms: dict[str, str]
    en: tuple[str, str]
    sign_ar: str = ""
    sign_en: str = ""


def _forms(one: str, two: str, few: str, many: str, other: str) -> dict[str, str]:
    return {"one": one, "two": two, "few": few, "many": many, "other": other}


UNITS: dict[str, Unit] = {
    "soldiers": Unit(_forms("جندي", "جنديان", "جنود", "جندياً", "جندي"), ("soldier", "soldiers")),
    "people": Unit(_forms("شخص", "شخصان", "أشخاص", "شخصاً", "شخص"), ("person", "people")),
    "civilians": Unit(_forms("مدني", "مدنيان", "مدنيين", "مدنياً", "مدني"), ("civilian", "civilians")),
    "fighters": Unit(_forms("مقاتل", "مقاتلان", "مقاتلين", "مقاتلاً", "مقاتل"), ("fighter", "fighters")),
    "personnel": Unit(_forms("عنصر", "عنصران", "عناصر", "عنصراً", "عنصر"), ("member", "personnel")),
    "bases": Unit(_forms("قاعدة", "قاعدتان", "قواعد", "قاعدة", "قاعدة"), ("base", "bases")),
    "sites": Unit(_forms("موقع", "موقعان", "مواقع", "موقعاً", "موقع"), ("site", "sites")),
    "air_strikes": Unit(_forms("غارة", "غارتان", "غارات", "غارة", "غارة"), ("air strike", "air strikes")),
    "attacks": Unit(_forms("هجوم", "هجومان", "هجمات", "هجوماً", "هجوم"), ("attack", "attacks")),
    "targets": Unit(_forms("هدف", "هدفان", "أهداف", "هدفاً", "هدف"), ("target", "targets")),
    "countries": Unit(_forms("دولة", "دولتان", "دول", "دولة", "دولة"), ("country", "countries")),
    "days": Unit(_forms("يوم", "يومان", "أيام", "يوماً", "يوم"), ("day", "days")),
    "months": Unit(_forms("شهر", "شهران", "أشهر", "شهراً", "شهر"), ("month", "months")),
    "years": Unit(_forms("سنة", "سنتان", "سنوات", "سنة", "سنة"), ("year", "years")),
    "agreements": Unit(_forms("اتفاقية", "اتفاقيتان", "اتفاقيات", "اتفاقية", "اتفاقية"), ("agreement", "agreements")),
    "usd": Unit(_forms("دولار", "دولاران", "دولارات", "دولاراً", "دولار"), ("US dollar", "US dollars")),
    "bombs": Unit(_forms("قنبلة", "قنبلتان", "قنابل", "قنبلة", "قنبلة"), ("bomb", "bombs")),
    "rockets": Unit(_forms("صاروخ", "صاروخان", "صواريخ", "صاروخاً", "صاروخ"), ("rocket", "rockets")),
    "countries_and_organisations": Unit(
        _forms("دولة أو منظمة", "دولتان أو منظمتان", "دول ومنظمات", "دولة ومنظمة", "دولة ومنظمة"),
        ("country or organisation", "countries and organisations"),
    ),
    "seats": Unit(_forms("مقعد", "مقعدان", "مقاعد", "مقعداً", "مقعد"), ("seat", "seats")),
    "km": Unit({}, ("", ""), sign_ar=" كم", sign_en=" km"),
    "percent": Unit({}, ("", ""), sign_ar="٪", sign_en="%"),
}

# Magnitude words: (value, Arabic singular, Arabic plural for 3-10, English)
_MAGNITUDES = (
    (1e9, "مليار", "مليارات", "billion"),
    (1e6, "مليون", "ملايين", "million"),
    (1e3, "ألف", "آلاف", "thousand"),
)


_DUAL_CONSTRUCT = {"ألف": "ألفا", "مليون": "مليونا", "مليار": "مليارا"}


@lru_cache(maxsize=64)
def _plural_form(lang: str, number: float) -> str:
    return Locale.parse(lang).plural_form(int(number) if float(number).is_integer() else number)


def _scaled(value: float) -> tuple[float, int] | None:
    """(mantissa, magnitude index) when the figure reads better with a magnitude word, else None.

    Thousands only from ten thousand up (Arabic news write «4500 جندي» but «30 ألف جندي»), and only when
    the mantissa has at most one decimal ("7.5 مليار", never "4.487 ألف").
    """
    for index, (size, *_rest) in enumerate(_MAGNITUDES):
        floor = 1e4 if size == 1e3 else size
        if value >= floor:
            mantissa = value / size
            if round(mantissa, 1) == mantissa:
                return mantissa, index
            return None
    return None


def figure_text(value: float, unit: str, lang: str, digits: Digits = "western") -> str:
    """The figure with its unit, in words a reader expects: "30 ألف جندي", "7.5 billion US dollars"."""
    spec = UNITS.get(unit)
    plain = int(value) if float(value).is_integer() else value
    scaled = _scaled(value)
    if lang == "ar":
        if spec is not None and spec.sign_ar:
            return format_number(plain, "ar", digits=digits) + spec.sign_ar
        if scaled is not None:
            mantissa, index = scaled
            number = int(mantissa) if float(mantissa).is_integer() else mantissa
            _, single, plural, _ = _MAGNITUDES[index]
            noun = spec.ar_forms["other"] if spec else ""
            if number in (1, 2):  # «مليون جندي», «ألفا جندي»: the word alone, or its dual in construct
                word = single if number == 1 else _DUAL_CONSTRUCT[single]
                return " ".join(part for part in (word, noun) if part)
            word = plural if _plural_form("ar", number) == "few" else single
            digits_text = format_number(number, "ar", digits=digits).replace(",", "").replace("٬", "")
            return " ".join(part for part in (digits_text, word, noun) if part)
        text = format_number(plain, "ar", digits=digits)
        if float(value).is_integer() and value < 100_000:
            text = text.replace(",", "").replace("٬", "")  # «4500 جندي»: no separator below 100,000
        if spec is None:
            return text
        category = _plural_form("ar", plain)
        noun = spec.ar_forms[category]
        if category == "two":
            return noun  # the dual says "two" by itself: «اتفاقيتان»
        if category == "one":
            return f"{noun} {'واحدة' if noun.endswith('ة') else 'واحد'}"
        return f"{text} {noun}"
    if spec is not None and spec.sign_en:
        return format_number(plain, "en") + spec.sign_en
    if scaled is not None and scaled[1] < 2:  # "7.5 billion", "1.5 million"; thousands stay in digits
        mantissa, index = scaled
        number = int(mantissa) if float(mantissa).is_integer() else mantissa
        head = f"{format_number(number, 'en')} {_MAGNITUDES[index][3]}"
        return f"{head} {spec.en[1]}" if spec else head
    text = format_number(plain, "en")
    if spec is None:
        return text
    return f"{text} {spec.en[0] if _plural_form('en', plain) == 'one' else spec.en[1]}"


# 3 to 10 in words, by the counted noun's gender: the number takes the other gender («ثلاثة أشهر», «ثلاث سنوات»)
_WORDS_FOR_MASCULINE_NOUNS = ("ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة")
_WORDS_FOR_FEMININE_NOUNS = ("ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع", "عشر")


def figure_texts(values: Sequence[float], unit: str, lang: str, digits: Digits = "western") -> list[str]:
    """The options of one question, written alike. One and two are words in Arabic («سنتان», «قاعدة
    واحدة»), so beside them the other small counts are words too («ثلاث سنوات», not «3 سنوات»): an option
    that alone is a word stands out (a blind review)."""
    texts = [figure_text(value, unit, lang, digits) for value in values]
    spec = UNITS.get(unit)
    whole = [float(v).is_integer() for v in values]
    if (lang != "ar" or spec is None or not spec.ar_forms or not all(whole)
            or not any(v in (1, 2) for v in values) or not all(1 <= v <= 10 for v in values)):
        return texts
    feminine = spec.ar_forms["one"].split()[0].endswith("ة")
    words = _WORDS_FOR_FEMININE_NOUNS if feminine else _WORDS_FOR_MASCULINE_NOUNS
    return [text if v < 3 else f"{words[int(v) - 3]} {spec.ar_forms['few']}" for v, text in zip(values, texts)]

