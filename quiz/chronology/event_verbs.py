"""The small verb lexicon behind event titles: which Arabic verbs state a historical event, and their verbal nouns.

A timeline entry is a noun phrase built on the verbal noun (المصدر) of the clause's main verb: «أعلن أوباما
...» becomes «إعلان أوباما ...», «قُتل سليماني» becomes «مقتل سليماني». The masdar governs its agent in the
genitive and its object as the verb did, so the words that followed the verb can follow it unchanged.

Where the forms come from
-------------------------
Every form below is the standard MSA conjugation of the verb's measure, as any grammar of Arabic (Wright,
*A Grammar of the Arabic Language*, §§ 36-60 for the measures, §§ 195-226 for the masdar patterns) and the
dictionaries (Hans Wehr; al-Mu'jam al-Wasit) give them, in the forms news prose uses:

* perfect, 3rd person: masculine singular (أعلنَ), feminine singular with the suffix ت (أعلنتْ, "the United
  States announced"), masculine plural with وا (أعلنوا); weak verbs as they are really written (التقى / التقت /
  التقوا, زار / زارت / زاروا, غزا / غزت / غزوا);
* imperfect, 3rd person: masculine ي and feminine ت prefixes (يعلن / تعلن); news headlines use it for the past;
* the proclitics و and ف in front of either, and the future س in front of the imperfect, are added by the
  matcher (``verb_forms``), not written here.

Written with their hamza; the matcher also accepts a form without the hamza of its FIRST letter only
(«اعلن» for «أعلن»), which writers drop freely, but never drops a medial or final hamza: «بدأ» without it is
«بدا» ("appeared"), another verb.

Left out on purpose, because the bare letters are more often something else: وقّع alone (also وقع "occurred",
so "sign" needs «على» or an agreement word after it), صوّت alone (also صوت "voice"), شكّل in the singular
(also شكل "shape") and its imperfect يشكّل ("constitutes"), أسر ("captured", also أُسَر "families").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping


@dataclass(frozen=True)
class EventVerb:
    """A verb that states an event, its written forms and the verbal noun a title is built on."""

    key: str  # English gloss, also the title rule's name for the reviewer
    masdar: str  # the verbal noun (or, for قرر, the usual noun of the act: قرار)
    perfect: tuple[str, ...]
    imperfect: tuple[str, ...] = ()
    # The title names the person it happened to («مقتل X», «إعدام X», «تكليف X») rather than the doer.
    victim: bool = False
    # The next word must start with one of these (normalised) for the form to count as this verb.
    needs_next: tuple[str, ...] = ()


EVENT_VERBS: tuple[EventVerb, ...] = (
    EventVerb("announce", "إعلان", ("أعلن", "أعلنت", "أعلنوا"), ("يعلن", "تعلن")),
    EventVerb("sign", "توقيع", ("وقع", "وقعت", "وقعوا"), ("يوقع", "توقع"),
              needs_next=("علي", "اتفاق", "معاهد", "مذكر")),
    EventVerb("withdraw", "انسحاب", ("انسحب", "انسحبت", "انسحبوا"), ("ينسحب", "تنسحب")),
    EventVerb("withdraw troops", "سحب", ("سحب", "سحبت", "سحبوا"), ("يسحب", "تسحب")),
    EventVerb("invade", "غزو", ("غزا", "غزت", "غزوا"), ("يغزو", "تغزو")),
    EventVerb("occupy", "احتلال", ("احتل", "احتلت", "احتلوا"), ("يحتل", "تحتل")),
    EventVerb("elect", "انتخاب", ("انتخب", "انتخبت", "انتخبوا"), ("ينتخب", "تنتخب")),
    EventVerb("win", "فوز", ("فاز", "فازت", "فازوا"), ("يفوز", "تفوز")),
    EventVerb("achieve", "تحقيق", ("حقق", "حققت", "حققوا")),
    EventVerb("obtain", "حصول", ("حصل", "حصلت", "حصلوا"), needs_next=("علي",)),  # حصل alone: "happened"
    EventVerb("kill", "مقتل", ("قتل", "قتلت", "قتلوا"), ("يقتل", "تقتل"), victim=True),
    EventVerb("assassinate", "اغتيال", ("اغتال", "اغتالت", "اغتالوا"), ("يغتال", "تغتال"), victim=True),
    EventVerb("execute", "إعدام", ("أعدم", "أعدمت", "أعدموا"), victim=True),
    EventVerb("arrest", "اعتقال", ("اعتقل", "اعتقلت", "اعتقلوا"), victim=True),
    EventVerb("capture", "استيلاء", ("استولى", "استولت", "استولوا"), ("يستولي", "تستولي")),
    EventVerb("take control", "سيطرة", ("سيطر", "سيطرت", "سيطروا"), ("يسيطر", "تسيطر")),
    EventVerb("recapture", "استعادة", ("استعاد", "استعادت", "استعادوا"), ("يستعيد", "تستعيد")),
    EventVerb("liberate", "تحرير", ("حرر", "حررت", "حرروا")),
    EventVerb("attack", "مهاجمة", ("هاجم", "هاجمت", "هاجموا"), ("يهاجم", "تهاجم")),
    EventVerb("launch", "شن", ("شن", "شنت", "شنوا"), ("يشن", "تشن")),
    EventVerb("bomb", "قصف", ("قصف", "قصفت", "قصفوا"), ("يقصف", "تقصف")),
    EventVerb("drop", "إسقاط", ("أسقط", "أسقطت", "أسقطوا")),
    EventVerb("repel", "صد", ("صد", "صدت", "صدوا")),
    EventVerb("intervene", "تدخل", ("تدخلت", "تدخلوا")),
    EventVerb("respond", "رد", ("رد", "ردت", "ردوا")),
    EventVerb("topple", "إطاحة", ("أطاح", "أطاحت", "أطاحوا")),
    EventVerb("vote", "تصويت", ("صوتت", "صوتوا"), ("يصوت", "تصوت")),
    EventVerb("agree", "موافقة", ("وافق", "وافقت", "وافقوا"), ("يوافق", "توافق")),
    EventVerb("reach agreement", "اتفاق", ("اتفق", "اتفقت", "اتفقوا"), ("يتفق", "تتفق")),
    EventVerb("meet", "لقاء", ("التقى", "التقت", "التقوا"), ("يلتقي", "تلتقي")),
    EventVerb("hold a meeting", "اجتماع", ("اجتمع", "اجتمعت", "اجتمعوا"), ("يجتمع", "تجتمع")),
    EventVerb("visit", "زيارة", ("زار", "زارت", "زاروا"), ("يزور", "تزور")),
    EventVerb("resign", "استقالة", ("استقال", "استقالت", "استقالوا"), ("يستقيل", "تستقيل")),
    EventVerb("form", "تشكيل", ("شكلت", "شكلوا")),
    EventVerb("found", "تأسيس", ("أسست", "أسسوا")),
    EventVerb("decide", "قرار", ("قرر", "قررت", "قرروا"), ("يقرر", "تقرر")),
    EventVerb("begin", "بدء", ("بدأ", "بدأت", "بدأوا", "بدؤوا"), ("يبدأ", "تبدأ")),
    EventVerb("leave", "مغادرة", ("غادر", "غادرت", "غادروا"), ("يغادر", "تغادر")),
    EventVerb("enter", "دخول", ("دخل", "دخلت", "دخلوا")),
    EventVerb("return", "عودة", ("عاد", "عادت", "عادوا")),
    EventVerb("take office", "تولي", ("تولى", "تولت")),
    EventVerb("send", "إرسال", ("أرسل", "أرسلت", "أرسلوا")),
    EventVerb("deploy", "نشر", ("نشر", "نشرت", "نشروا")),
    EventVerb("transfer", "نقل", ("نقل", "نقلت")),
    EventVerb("adopt", "اعتماد", ("اعتمد", "اعتمدت")),
    EventVerb("close", "إغلاق", ("أغلق", "أغلقت", "أغلقوا")),
    EventVerb("launch (name)", "إطلاق", ("أطلق", "أطلقت", "أطلقوا")),
    EventVerb("survive", "نجاة", ("نجا", "نجت")),
    EventVerb("fall", "سقوط", ("سقط", "سقطت")),
    EventVerb("pledge", "تعهد", ("تعهد", "تعهدت")),
    EventVerb("destroy", "تدمير", ("دمر", "دمرت", "دمروا")),
    EventVerb("task", "تكليف", ("كلف", "كلفت"), victim=True),  # «كُلّف X تشكيل الحكومة»: «تكليف X»
    EventVerb("break out", "اندلاع", ("اندلع", "اندلعت"), ("يندلع", "تندلع")),
    EventVerb("set off", "انطلاق", ("انطلق", "انطلقت", "انطلقوا")),
    EventVerb("express", "إعراب", ("أعرب", "أعربت", "أعربوا"), needs_next=("عن",)),
    EventVerb("provoke", "إثارة", ("أثار", "أثارت", "أثاروا")),
    EventVerb("receive", "استقبال", ("استقبل", "استقبلت", "استقبلوا"), ("يستقبل", "تستقبل")),
    EventVerb("suffer", "تكبد", ("تكبد", "تكبدت", "تكبدوا")),
    EventVerb("seek", "سعي", ("سعى", "سعت", "سعوا"), ("يسعى", "تسعى")),
    EventVerb("spend", "إنفاق", ("أنفق", "أنفقت", "أنفقوا")),
    EventVerb("document", "توثيق", ("وثق", "وثقت", "وثقوا")),
    EventVerb("carry out", "تنفيذ", ("نفذ", "نفذت", "نفذوا")),
)

_HAMZA_ALEFS = "أإآ"


def _fold(word: str) -> str:
    """The letters a verb form is compared on: ى as ي, as in ``normalise_arabic``; hamza kept (see the module)."""
    return word.replace("ى", "ي")


@lru_cache(maxsize=1)
def verb_forms() -> Mapping[str, tuple[EventVerb, bool]]:
    """Every written form (folded, with its proclitics) -> (verb, whether the form is feminine or plural-marked).

    The flag tells a kill verb's active «قتلت القوات ...» from the bare «قتل X», which may be the passive.
    """
    forms: dict[str, tuple[EventVerb, bool]] = {}

    def add(form: str, verb: EventVerb, marked: bool, prefixes: tuple[str, ...]) -> None:
        spellings = {form}
        if form[0] in _HAMZA_ALEFS:
            spellings.add("ا" + form[1:])
        for spelling in spellings:
            for prefix in prefixes:
                forms.setdefault(_fold(prefix + spelling), (verb, marked))

    for verb in EVENT_VERBS:
        for form in verb.perfect:
            add(form, verb, form.endswith(("ت", "وا")), ("", "و", "ف"))
        for form in verb.imperfect:
            add(form, verb, form.startswith("ت"), ("", "و", "ف", "س", "وس", "فس"))
    return forms


def masdars() -> frozenset[str]:
    """The verbal nouns titles are built on (for checks that a title's words come from somewhere)."""
    return frozenset(verb.masdar for verb in EVENT_VERBS)
