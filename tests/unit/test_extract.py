"""The article date extractor (quiz/chronology/extract.py), on sentences written for these tests.

None of the Arabic below is taken from the seed articles; the last test runs the benchmark scorer on the
seed articles themselves (skipped when ../shared/seeds is not there).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.chronology.arabic_dates import format_partial_date, to_eastern_digits
from quiz.chronology.extract import Candidate, extract_events
from quiz.chronology.load import load_registry
from quiz.chronology.model import Entity, PartialDate, Precision, Qualifier
from quiz.paths import registry_path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"


def dates(text: str, **kwargs) -> list[str]:
    """Each candidate as "YYYY-MM-DD", "YYYY-MM late", "2006..2008"."""
    out = []
    for c in extract_events(text, **kwargs):
        assert text[c.start:c.end] == c.text_ar
        assert text[c.date_start:c.date_end] == c.date_text
        label = c.date.iso() + (f" {c.qualifier.value}" if c.qualifier else "")
        if c.range_end:
            label += f"..{c.range_end.iso()}"
        out.append(label)
    return out


def only(text: str, **kwargs) -> Candidate:
    found = extract_events(text, **kwargs)
    assert len(found) == 1, [c.to_contract() for c in found]
    return found[0]


# -- the date forms ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("وقّعت الحكومة الاتفاق في 14 تموز 2008 بعد مفاوضات طويلة.", "2008-07-14"),
        ("وصل الوفد في 3 شباط (فبراير) 2010 إلى المطار.", "2010-02-03"),
        ("وصل الوفد في 3 فبراير/شباط 2010 إلى المطار.", "2010-02-03"),
        ("وصل الوفد في 3 فبراير / شباط 2010 إلى المطار.", "2010-02-03"),
        ("افتُتح الجسر في 6 إبريل 2012 وسط احتفال.", "2012-04-06"),
        ("افتُتح الجسر في 6 ابريل 2012 وسط احتفال.", "2012-04-06"),
        ("افتُتح الجسر في 6 نيسان/أبريل 2012 وسط احتفال.", "2012-04-06"),
        ("في الحادي والعشرين من أيلول 2016 عقد المجلس جلسته.", "2016-09-21"),
        ("في الأول من آب 2017 بدأ العمل بالقانون.", "2017-08-01"),
        ("تشكّلت اللجنة في 2مايو 2018 بقرار وزاري.", "2018-05-02"),
        ("خلال آب 2015 تصاعدت الاحتجاجات في الجنوب.", "2015-08"),
        ("عُقد المؤتمر في تشرين الثاني 2013 بحضور واسع.", "2013-11"),
        ("وفي كانون الأول عام 2019 أُغلق المعبر.", "2019-12"),
        ("افتُتحت السفارة عام 2011 بعد سنوات من الانقطاع.", "2011"),
        ("تأسست الهيئة في 2014 بموجب قانون خاص.", "2014"),
        ("انطلق المشروع سنة 2009 بتمويل دولي.", "2009"),
        ("بدأت الحملة في أواخر عام 2009 وتوسعت لاحقاً.", "2009 late"),
        ("تحسن الوضع مطلع 2016 على نحو ملحوظ.", "2016 early"),
        ("جرت الانتخابات في منتصف حزيران 2013 بهدوء.", "2013-06 mid"),
        ("توقفت المحادثات مع بداية تموز 2021 لأسباب فنية.", "2021-07 early"),
        ("تراجعت الهجمات في النصف الثاني من 2018 كثيراً.", "2018 late"),
        ("وفي الأسبوع الأخير من آذار 2014 أُعلن الاتفاق.", "2014-03 late"),
        ("في صيف 2014 اشتدت المعارك.", "2014 mid"),
        ("وفي خريف عام 2008 تفاقمت الأزمة المالية.", "2008 late"),
        ("في شتاء 2012 انقطع التيار أسابيع.", "2012"),
        ("تأسس المركز في 2007 أيضاً.", "2007"),
        ("تأسس المركز العام 2007 في العاصمة.", "2007"),
        ("تأسس المركز عام 2007م في العاصمة.", "2007"),
    ],
)
def test_date_forms(sentence: str, expected: str) -> None:
    assert dates(sentence) == [expected]


def test_eastern_digits_are_read_and_offsets_stay_exact() -> None:
    text = "أعلنت الوزارة في ١٢ نيسان ٢٠٠٩ خطة جديدة، ثم نُفذت عام ٢٠١٠."
    found = extract_events(text)
    assert [c.date.iso() for c in found] == ["2009-04-12", "2010"]
    assert found[0].date_text == "١٢ نيسان ٢٠٠٩"
    assert all(text[c.start:c.end] == c.text_ar for c in found)


def test_tashkeel_and_tatweel_do_not_hide_a_date() -> None:
    assert dates("وَصَلَ الوَفْدُ فِي 9 نيسـان 2005 إلى المدينة.") == ["2005-04-09"]


def test_day_and_month_take_the_year_from_context() -> None:
    text = "في آذار 2012 زار الوزير مدينة أربيل. وفي 5 أيار عاد إلى العاصمة ليعلن نتائج الزيارة."
    found = extract_events(text)
    assert [c.date.iso() for c in found] == ["2012-03", "2012-05-05"]
    assert [c.inferred for c in found] == [False, True]
    assert found[1].confidence < found[0].confidence


def test_a_month_before_the_previous_date_moves_to_the_next_year() -> None:
    text = "في كانون الأول 2011 غادرت آخر الكتائب. وفي شباط أعيد فتح الطريق الدولي."
    assert dates(text) == ["2011-12", "2012-02"]


def test_a_relative_clause_may_look_back_a_year() -> None:
    text = ("في منتصف آذار 2020 تسلّم الوزير الجديد مهامه، خلفاً لسلفه، "
            "الذي أجبرته احتجاجات واسعة بدأت في تشرين الأول على الاستقالة.")
    assert dates(text) == ["2020-03 mid", "2019-10"]


def test_default_year_dates_a_month_before_any_year() -> None:
    assert dates("في حزيران وقّعت الأطراف المذكرة.", default_year=2019) == ["2019-06"]
    assert dates("في حزيران وقّعت الأطراف المذكرة.") == []


def test_a_weekday_that_contradicts_the_date_lowers_confidence() -> None:
    right = only("وصل الوزير يوم الأربعاء 9 نيسان 2003 إلى المدينة.")  # a Wednesday
    wrong = only("وصل الوزير يوم الخميس 9 نيسان 2003 إلى المدينة.")
    assert right.date == wrong.date == PartialDate(2003, 4, 9)
    assert wrong.confidence < right.confidence
    assert "weekday" in wrong.basis


# -- ranges ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("بين عامي 2006 و2008 تضاعف عدد اللاجئين.", "2006..2008"),
        ("بين عامي 2006 و 2008 تضاعف عدد اللاجئين.", "2006..2008"),
        ("ارتفعت الأسعار من عام 2012 إلى عام 2016 بصورة مستمرة.", "2012..2016"),
        ("ارتفعت الأسعار من 2012 إلى 2016 بصورة مستمرة.", "2012..2016"),
        ("استمر الحصار من يوليو 2013 إلى أغسطس 2014 دون انقطاع.", "2013-07..2014-08"),
        ("استمر الحصار من تموز إلى أيلول 2014 دون انقطاع.", "2014-07..2014-09"),
    ],
)
def test_ranges(sentence: str, expected: str) -> None:
    assert dates(sentence) == [expected]


def test_a_range_is_the_anchor_of_what_follows_and_in_the_contract() -> None:
    c = only("من يوليو 2013 إلى أغسطس 2014 استمر الحصار.")
    assert c.date == PartialDate(2013, 7) and c.range_end == PartialDate(2014, 8)
    assert c.to_contract()["range_end"] == "2014-08"


def test_numbers_between_from_and_to_are_not_a_range() -> None:
    assert dates("خُفّض عدد الجنود من 5200 إلى 3000 جندي خلال العام.") == []
    assert dates("ارتفع العدد من 1950 إلى 2000 جندي.") == []


# -- relative references -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("وفي الشهر ذاته، استقال رئيس البلدية.", "2016-04"),
        ("وفي الشهر نفسه، استقال رئيس البلدية.", "2016-04"),
        ("وفي نفس الشهر، استقال رئيس البلدية.", "2016-04"),
        ("وفي العام ذاته، استقال رئيس البلدية.", "2016"),
        ("واستقال رئيس البلدية في أيلول من العام نفسه.", "2016-09"),
        ("وفي نهاية العام نفسه، استقال رئيس البلدية.", "2016 late"),
        ("وفي اليوم التالي، استقال رئيس البلدية.", "2016-04-13"),
        ("وبعد يومين، استقال رئيس البلدية.", "2016-04-14"),
        ("وبعد ثلاثة أسابيع، استقال رئيس البلدية.", "2016-05 early"),
        ("وبعد أسبوع، استقال رئيس البلدية.", "2016-04 mid"),
        ("وبعد أيام قليلة، استقال رئيس البلدية.", "2016-04 mid"),
        ("وبعد شهرين، استقال رئيس البلدية.", "2016-06"),
        ("وبعد ثلاثة أعوام، استقال رئيس البلدية.", "2019"),
        ("وبعد ذلك بعامين، استقال رئيس البلدية.", "2018"),
        ("وفي العام التالي، استقال رئيس البلدية.", "2017"),
        ("وقبل ذلك بعام، استقال رئيس البلدية.", "2015"),
    ],
)
def test_relative_references(second: str, expected: str) -> None:
    text = "في 12 نيسان 2016 افتُتح الملعب الجديد. " + second
    found = extract_events(text)
    assert len(found) == 2, [c.to_contract() for c in found]
    assert dates(text)[1] == expected
    assert found[1].inferred and found[1].confidence < found[0].confidence


def test_three_weeks_after_a_day_is_kept_to_the_month() -> None:
    text = "في 4 تشرين الثاني 2008 فاز المرشح. وبعد ثلاثة أسابيع، صادق المجلس على الاتفاق."
    later = extract_events(text)[1]
    assert later.date == PartialDate(2008, 11, qualifier=Qualifier.LATE)
    assert later.precision is Precision.MONTH and later.inferred
    assert "about" in later.basis


def test_an_offset_the_previous_date_cannot_carry_gives_nothing() -> None:
    text = "في كانون الثاني 2017 بدأت المعركة. وبعد 100 يوم من القتال أعلن الجيش السيطرة."
    assert dates(text) == ["2017-01"]
    assert dates("وفي الشهر ذاته، استقال رئيس البلدية.") == []  # nothing to refer to


def test_an_offset_in_years_is_an_aside_that_keeps_the_year() -> None:
    text = ("في 9 نيسان 2003 دخلت القوات المدينة، وحوكم الحاكم السابق ثم أُعدم بعد ذلك بثلاثة أعوام. "
            "وفي الأول من أيار أعلن القائد انتهاء العمليات.")
    assert dates(text) == ["2003-04-09", "2006", "2003-05-01"]


def test_anniversary_and_the_article_present() -> None:
    text = ("وصل الوزير إلى العاصمة قبيل حلول الذكرى العاشرة للانسحاب. "
            "في 18 كانون الأول 2011 أكملت القوات الانسحاب من البلاد. "
            "وفي الأسابيع الأخيرة، زار المدينة مسؤولون كثر قبل زيارة مرتقبة في أوائل شهر آذار.")
    # the present is December 2021, so an early-March visit still to come is in 2022
    assert dates(text) == ["2021-12", "2011-12-18", "2022-03 early"]


def test_last_year_needs_the_article_year() -> None:
    text = "سلّمت البعثة قاعدتين في العام الماضي."
    assert dates(text) == []
    assert dates(text, default_year=2021) == ["2020"]


# -- traps: numbers that are not years, words that are not months ------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "نشرت الوزارة 5000 جندي على الحدود الشمالية.",
        "التحق 1566 طالباً بالجامعة هذا الفصل.",
        "قُبل 1950 طالباً في الكلية الجديدة.",
        "بلغت كلفة البرنامج 7.5 مليار دولار حتى الآن.",
        "نفذ الطيران 13470 غارة على مواقع متفرقة.",
        "ارتفعت نسبة المشاركة إلى 45 بالمئة في المدن.",
        "ارتفعت نسبة المشاركة بنحو 2020 % في المدن.",
        "وزعت المنظمة المساعدات في 2000 منزل في الريف.",
        "يبلغ عدد السكان 2010 نسمة في القرية.",
        "اجتمع المجلس يوم الثلاثاء لمناقشة الموازنة.",
        "الثلاثاء، أعلن المتحدث تأجيل الجلسة.",
        "مارس الوزير ضغوطاً كبيرة على الكتل النيابية.",
        "قال الأب إن ابنه سافر أمس.",
        "في البداية، رفضت الأطراف كل المقترحات.",
        "سيطرت القوات على 70 بالمئة من المدينة خلال عامين.",
        "لم يتضح الموعد بعد، وقال المتحدث إن النتائج ستصدر قريباً.",
        "قبل 2003 كانت العقوبات تخنق الاقتصاد.",
        "وفي 30 شباط 2010 حدث أمر غريب.",
    ],
)
def test_not_a_date(sentence: str) -> None:
    assert dates(sentence) == []


def test_count_next_to_a_real_year() -> None:
    text = "في عام 2019 نشرت الوزارة 5000 جندي و1566 عنصراً إضافياً."
    assert dates(text) == ["2019"]


# -- clauses: one event each ----------------------------------------------------------------------------------------


def test_later_dates_in_a_clause_are_its_content() -> None:
    c = only("أعلن الوزير في آذار 2010 أن القوات ستغادر بحلول كانون الأول 2011.")
    assert c.date == PartialDate(2010, 3)
    assert c.text_ar.endswith("كانون الأول 2011")


def test_a_deadline_alone_is_not_an_event_but_as_of_at_the_start_is() -> None:
    assert dates("تضمنت الخطة إبقاء قوة صغيرة حتى نهاية عام 2012.") == []
    assert dates("وبحلول نهاية عام 2012، استعادت القوات معظم الأراضي.") == ["2012 late"]
    assert dates("بقي الزعيم مختفياً إلى يوم 5 آذار 2015، حين أعلن الجيش مقتله.") == ["2015-03-05"]


def test_two_clauses_two_events_and_offsets_are_exact() -> None:
    text = "في 2 آب 1990 اجتاحت القوات الجارة، وفي 17 كانون الثاني 1991 بدأت الحملة الجوية."
    found = extract_events(text)
    assert [c.date.iso() for c in found] == ["1990-08-02", "1991-01-17"]
    assert found[0].text_ar == "في 2 آب 1990 اجتاحت القوات الجارة"
    assert found[1].text_ar == "وفي 17 كانون الثاني 1991 بدأت الحملة الجوية"
    assert found[1].date_text == "17 كانون الثاني 1991"


def test_coordinated_verbs_with_their_own_dates_are_two_events() -> None:
    text = "البلد الذي دخلته القوات في عام 2003 وغادرته في عام 2011 ثم رجعت إليه بعد ثلاث سنوات."
    assert dates(text) == ["2003", "2011", "2014"]


def test_reported_speech_after_a_comma_stays_in_the_clause() -> None:
    text = "في أيار 2009، قال المتحدث، إن الانسحاب سيكتمل في آب 2010."
    c = only(text)
    assert c.date == PartialDate(2009, 5)
    assert c.text_ar.endswith("في آب 2010")


def test_empty_and_wrong_input() -> None:
    assert extract_events("") == []
    assert extract_events("نص بلا تواريخ على الإطلاق.") == []
    with pytest.raises(TypeError):
        extract_events(b"2003")  # type: ignore[arg-type]


# -- people and places -------------------------------------------------------------------------------------------------

TOY_REGISTRY = {
    "nouri-al-maliki": Entity("nouri-al-maliki", "person", "نوري المالكي", "Nouri al-Maliki", aliases_ar=("المالكي",)),
    "basra": Entity("basra", "place", "البصرة", "Basra"),
    "mosul": Entity("mosul", "place", "الموصل", "Mosul"),
    "mosul-airport": Entity("mosul-airport", "place", "مطار الموصل", "Mosul airport"),
    "baghdad": Entity("baghdad", "place", "بغداد", "Baghdad"),
    "iraq": Entity("iraq", "state", "العراق", "Iraq"),
}


def test_registry_names_with_proclitics_and_word_boundaries() -> None:
    c = only("في 3 أيار 2007 وصل المالكي إلى البصرة ثم توجه بالموصل إلى مطار الموصل، وبعث برسالة للعراق ولبغداد.",
             registry=TOY_REGISTRY)
    assert c.people == ("nouri-al-maliki",)
    assert c.places == ("basra", "mosul", "mosul-airport", "baghdad")
    assert c.actors == ("nouri-al-maliki", "iraq")
    assert only("في 3 أيار 2007 زار الوفد البصرة الجديدة.", registry=TOY_REGISTRY).places == ("basra",)
    # a name inside another word, or inside a longer name, does not count
    c = only("في 3 أيار 2007 هبطت الطائرة في مطار الموصل وتحدث البصراوي.", registry=TOY_REGISTRY)
    assert c.places == ("mosul-airport",)
    assert only("في 3 أيار 2007 هبطت الطائرة.").people == ()


def test_the_shipped_registry_is_usable() -> None:
    registry = load_registry(registry_path())
    c = only("في 14 شباط 2009 التقى أوباما رئيسَ الوزراء نوري المالكي في بغداد.", registry=registry)
    assert {"barack-obama", "nouri-al-maliki"} <= set(c.people)
    assert "baghdad" in c.places


# -- the contract -----------------------------------------------------------------------------------------------------


def test_to_contract() -> None:
    text = "مقدمة قصيرة. وفي أواخر آذار 2017، استعادت القوات قاعدة جوية."
    c = only(text, doc="sample.txt")
    contract = c.to_contract()
    assert {k: contract[k] for k in ("doc", "date", "precision", "qualifier", "start", "end")} == {
        "doc": "sample.txt", "date": "2017-03", "precision": "month", "qualifier": "late",
        "start": text.index("وفي"), "end": len(text) - 1,
    }
    assert contract["text_ar"] == text[contract["start"]:contract["end"]]
    assert {"people", "places", "confidence", "inferred", "range_end"} <= set(contract)
    assert 0 <= contract["confidence"] <= 1
    json.dumps(contract, ensure_ascii=False)


# -- offsets on random text (property) ------------------------------------------------------------------------------

_FILLER = ("الوزير", "قال", "المدينة", "اجتماع", "واسع", "الحكومة", "ضد", "مع", "القوات", "اتفاق", "ثم",
           "الذي", "وأكد", "أن", "جلسة", "البرلمان", "لجنة", "خاصة", "عن", "الأمن", "10", "300", "ألف")
_SEPARATORS = (" ", " ", " ", "، ", ". ", "\n", " ؛ ", ": ")


@st.composite
def _article(draw):
    chunks, inserted = [], []
    text = ""
    for _ in range(draw(st.integers(1, 4))):
        for _ in range(draw(st.integers(1, 8))):
            text += draw(st.sampled_from(_FILLER)) + draw(st.sampled_from(_SEPARATORS))
        date = PartialDate(draw(st.integers(1950, 2049)), draw(st.integers(1, 12)), draw(st.integers(1, 28)))
        written = format_partial_date(date, "ar", month_style=draw(st.sampled_from(["gregorian", "levantine", "both"])))
        if draw(st.booleans()):
            written = to_eastern_digits(written)
        text += ". في "  # a sentence of its own: two dates in one clause are one event
        inserted.append((len(text), date))
        text += written + " " + draw(st.sampled_from(_FILLER)) + draw(st.sampled_from(_SEPARATORS))
        chunks.append(written)
    return text, inserted


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_article())
def test_offsets_are_exact_and_inserted_dates_are_found(article) -> None:
    text, inserted = article
    found = extract_events(text)
    for c in found:
        assert text[c.start:c.end] == c.text_ar
        assert text[c.date_start:c.date_end] == c.date_text
        assert c.start <= c.date_start < c.date_end <= c.end
        assert 0 <= c.confidence <= 1
    by_position = {c.date_start: c.date for c in found}
    for position, date in inserted:
        assert by_position.get(position) == date, (text, position, [c.to_contract() for c in found])


# -- the benchmark on the seed articles ------------------------------------------------------------------------------


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extractor", REPO / "bench" / "score_extractor.py")
    assert spec and spec.loader
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return module


def test_scorer_matches_each_key_entry_once() -> None:
    scorer = _scorer()
    entries = [scorer.KeyEntry(PartialDate(2011), "a"), scorer.KeyEntry(PartialDate(2011, 12), "b")]
    text = "غادرت القوات عام 2011. وفي عام 2011 أيضاً. وفي عام 2012 عادت."
    score = scorer.score_article("x", extract_events(text), entries)
    assert (score.matched, score.candidates, len(score.misses)) == (1, 3, 1)
    assert scorer.parse_key_date("2004-04 late") == PartialDate(2004, 4, qualifier=Qualifier.LATE)


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not available at {SEEDS} (they live outside the repo)")
def test_recall_and_precision_on_the_seed_articles() -> None:
    scorer = _scorer()
    for score in scorer.score_all(SEEDS):
        assert score.recall >= scorer.RECALL_TARGET, (score.doc, score.recall, [str(m) for m in score.misses])
        assert score.precision >= scorer.PRECISION_TARGET, (score.doc, score.precision,
                                                            [str(c.date) for c in score.false_positives])
