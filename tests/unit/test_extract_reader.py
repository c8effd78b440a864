"""The extractor resolves dates the way a reader does (issue 18, item 3): one rule per test, each on a short
sentence made up for it (none is taken from the corpus in tests/data/extractor_corpus or from the seeds)."""

from __future__ import annotations

import pytest

from quiz.chronology.arabic_dates import hijri_to_gregorian, hijri_year_span
from quiz.chronology.extract import Candidate, confidence_level, extract_events


def dates(text: str, **kwargs) -> list[str]:
    """Each candidate as "YYYY-MM-DD", "YYYY-MM late", "1975..1990"; spans checked against the text."""
    out = []
    for c in extract_events(text, **kwargs):
        assert text[c.start:c.end] == c.text_ar
        assert text[c.date_start:c.date_end] == c.date_text
        label = c.date.iso() + (f" {c.qualifier.value}" if c.qualifier else "")
        if c.range_end:
            label += f"..{c.range_end.iso()}"
        out.append(label)
    return out


# -- a year or month given once as a heading --------------------------------------------------------------------


def test_a_year_heading_dates_the_entries_under_it_and_a_year_in_their_text_does_not_leak() -> None:
    text = ("2016\n- 3 مارس: افتتح الجسر الجديد.\nالمهندس الذي صمم الجسر تخرج في 2001.\n"
            "- 9 مايو: زار الوزير المدينة.\n2017\n- 2 يناير: أغلق الجسر للصيانة.")
    assert dates(text) == ["2016-03-03", "2001", "2016-05-09", "2017-01-02"]


def test_a_month_heading_dates_the_day_entries_under_it_and_is_no_event_itself() -> None:
    text = "مارس (آذار) 2016\n> يوم 4: بدأ الإضراب في المصانع.\n> يوم 12: انتهى الإضراب."
    assert dates(text) == ["2016-03-04", "2016-03-12"]


def test_a_day_entry_without_a_month_heading_is_not_a_date() -> None:
    assert dates("يوم 4: بدأ الإضراب في المصانع.") == []


# -- asides ------------------------------------------------------------------------------------------------------------


def test_a_date_that_goes_back_inside_its_sentence_does_not_give_its_year_to_the_next_one() -> None:
    text = ("في 5 أبريل 2018، عزل البرلمان الوزير الذي عين إثر انتخابات عام 1999.\n"
            "في الثالث من يونيو، شكلت حكومة جديدة.")
    assert dates(text) == ["2018-04-05", "1999", "2018-06-03"]


def test_the_day_before_is_an_aside_and_the_next_day_counts_from_the_story_day() -> None:
    text = "في 10 آب 2006، أعلن الجيش خسائره في اليوم السابق. في اليوم التالي، صدر القرار."
    assert dates(text) == ["2006-08-10", "2006-08-09", "2006-08-11"]


def test_colloquial_day_before_and_next_day() -> None:
    text = "في 4 تموز 2009، قال الوزير إن الاتفاق وقع باليوم اللي قبله. ثاني يوم، سافر الوفد."
    assert dates(text) == ["2009-07-04", "2009-07-03", "2009-07-05"]


def test_a_relative_pronoun_before_a_month_keeps_it_in_the_story_year() -> None:
    # Without it, 12 July after 10 August would be pushed to the next year.
    text = "في 10 آب 2006، طالب القرار بإطلاق الأسرى اللي اعتقلهم الحزب في 12 تموز."
    assert dates(text) == ["2006-08-10", "2006-07-12"]


# -- what is not an event ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "نُشر يوم الثلاثاء، 15 مارس 2016. آخر تحديث 11 سبتمبر 2016.",
        "الاثنين 1427/4/9 هـ - الموافق 8/5/2006 م (آخر تحديث) الساعة 17:51",
        "فيما يلي أبرز الأحداث منذ يناير 2014:",
        "يعرض التقرير تسلسلا زمنيا للأحداث بين مايو 2004 ومايو 2009.",
        "وكان الهجوم الأكثر دموية منذ مايو 2012 في المدينة.",
        "وأدت أحداث الحادي عشر من سبتمبر إلى حروب طويلة.",
        "احتفل الناس بذكرى ثورة 25 يناير في الميدان.",
        "وافق المجلس على القرار 1441 بالإجماع.",
        "قتل في المعركة 1830 جنديا.",
        "في 1850 بدأت القصة.",  # a bare number before 1900 needs a year word
        "اجتمع المجلس يوم الثلاثاء لمناقشة الموازنة.",
    ],
)
def test_not_an_event(text: str) -> None:
    assert dates(text) == []


def test_a_stamp_gives_the_present_to_an_offset_counted_from_it() -> None:
    text = "الاثنين 8/5/2006 م (آخر تحديث)\nنناقش في حلقة اليوم حكومة تشكلت قبل تسع سنوات."
    assert dates(text) == ["1997"]


def test_this_month_is_the_stamps_month() -> None:
    text = "الاثنين 7/5/2007 م (آخر تحديث)\nمنذ العاشر من إبريل نيسان الحالي بدأ بناء الجدار."
    assert dates(text) == ["2007-04-10"]


# -- forms ------------------------------------------------------------------------------------------------------------


def test_a_year_from_1000_on_with_a_year_word() -> None:
    assert dates("بدأ الاحتلال منذ عام 1830 واستمر طويلا.") == ["1830"]


def test_a_period_in_parentheses_after_a_name() -> None:
    assert dates("الحرب الطويلة (1975–1990) غيرت البلاد.") == ["1975..1990"]


def test_two_days_joined_by_and_are_two_dates_and_consecutive_days_a_range() -> None:
    assert dates("عقد اجتماعان في 10 و24 أكتوبر 1954.") == ["1954-10-10", "1954-10-24"]
    assert dates("جرت الانتخابات في 15 و16 مارس 2011.") == ["2011-03-15..2011-03-16"]
    assert dates("استمر المؤتمر من 3 إلى 7 مايو 2010.") == ["2010-05-03..2010-05-07"]


def test_the_same_month_in_both_traditions_side_by_side() -> None:
    assert dates("في 9 أبريل نيسان 2003 سقطت المدينة.") == ["2003-04-09"]


def test_all_numeric_dates_are_read_day_first_unless_the_first_number_cannot_be_a_month() -> None:
    assert dates("في 9/4/2003 تغير المشهد.") == ["2003-04-09"]
    assert dates("في 4/25/2003 تغير المشهد.") == ["2003-04-25"]


def test_a_hijri_date_paired_with_its_western_year() -> None:
    [found] = extract_events("وصل القائد عام 62 هـ الموافق 681 م إلى البحر.")
    assert (found.date.iso(), found.hijri, found.inferred) == ("0681", "62", False)


def test_a_hijri_year_alone_is_the_range_of_the_two_western_years_it_spans() -> None:
    [found] = extract_events("عبر الجيش البحر في عام 91 هـ.")
    assert (found.date.iso(), found.range_end and found.range_end.iso(), found.hijri) == ("0709", "0710", "91")
    assert found.inferred and found.precision_label == "range"


def test_a_hijri_day_alone_is_converted_by_the_tabular_calendar_with_low_confidence() -> None:
    [found] = extract_events("في 15 رمضان 1424 هـ افتتح المسجد.")
    assert (found.date.iso(), found.hijri, found.confidence_level) == ("2003-11-10", "1424-09-15", "low")
    assert "tabular" in found.basis


def test_hijri_conversion() -> None:
    assert hijri_to_gregorian(1, 1, 1) == (622, 7, 16)  # the epoch, Julian
    assert hijri_to_gregorian(857, 5, 20) == (1453, 5, 29)  # Julian before 1582
    assert hijri_to_gregorian(1424, 9, 15) == (2003, 11, 10)  # Gregorian after
    assert hijri_year_span(91) == (709, 710)


def test_a_clock_time_opening_a_line_is_an_event_of_the_days_timeline() -> None:
    text = "في صباح يوم 3 مايو 2010 بدأ السباق. وكان الأسرع منذ عام 1990.\n7.15 صباحًا\nانطلق العداؤون."
    assert dates(text) == ["2010-05-03", "1990", "2010-05-03"]


def test_a_clock_time_inside_a_sentence_is_not_an_event() -> None:
    assert dates("في 3 مايو 2010 بدأ السباق عند 7.15 صباحًا.") == ["2010-05-03"]


# -- clauses -----------------------------------------------------------------------------------------------------------


def test_haythu_starts_a_new_event() -> None:
    text = "الأول من مايو 2001 يوم وطني حيث بدأ الإضراب منذ عام 1890 في المصانع."
    assert dates(text) == ["2001-05-01", "1890"]


def test_a_list_of_periods_is_one_event_per_period() -> None:
    text = "مرت الحرب بمرحلتين، الأولى من 1990 إلى 1992 والثانية من 1994 إلى 1996."
    assert dates(text) == ["1990..1992", "1994..1996"]


def test_a_relative_date_with_its_own_waw_is_a_new_event() -> None:
    text = "بدأ الحكم في مايو عام 1997 عندما فاز الحزب وبعد ست سنوات من الهدوء جاءت الحرب."
    assert dates(text) == ["1997-05", "2003"]


def test_the_same_year_before_an_explicit_date_yields_to_it() -> None:
    text = "في حزيران 1976 دخل الجيش. وفي العام نفسه، حوصر المخيم في آب 1976."
    assert dates(text) == ["1976-06", "1976-08"]


# -- confidence -------------------------------------------------------------------------------------------------------


def test_confidence_levels() -> None:
    assert [confidence_level(x) for x in (0.95, 0.85, 0.8, 0.65, 0.6)] == ["high", "high", "medium", "medium", "low"]
    explicit, carried = extract_events("في 20 مارس 2003 بدأت الحرب. وفي 9 أبريل سقطت المدينة.")
    assert (explicit.confidence_level, carried.confidence_level) == ("high", "medium")


def test_the_new_fields_survive_the_round_trip_and_old_drafts_still_load() -> None:
    [found] = extract_events("في عام 91 هـ عبر الجيش البحر.")
    data = found.to_contract()
    assert (data["hijri"], data["precision_label"], data["confidence_level"]) == ("91", "range", "medium")
    assert Candidate.from_contract(data) == found
    old = {k: v for k, v in data.items() if k not in ("hijri", "precision_label", "confidence_level")}
    assert Candidate.from_contract(old).hijri is None


# -- decades -----------------------------------------------------------------------------------------------------------


def test_a_decade_with_its_part_and_century() -> None:
    [late] = extract_events("بدأت الأزمة في نهاية ثمانينات القرن الماضي.")
    assert (late.date.iso(), late.range_end and late.range_end.iso(), late.precision_label, late.qualifier and
            late.qualifier.value) == ("1980", "1989", "decade", "late")
    [plain] = extract_events("ازدهرت الصناعة في الستينيات.")
    assert (plain.date.iso(), plain.qualifier, plain.decade) == ("1960", None, True)
    [older] = extract_events("وصلت السكك الحديدية في سبعينات القرن التاسع عشر.")
    assert older.date.iso() == "1870"


def test_a_decade_word_without_the_article_or_a_century_is_not_read() -> None:
    assert dates("قال إن ستينات كثيرة مرت.") == []


def test_the_scorer_matches_a_decade_candidate_to_a_decade_entry() -> None:
    from bench.extractor_eval import found_from

    [late] = extract_events("بدأت الأزمة في نهاية ثمانينات القرن الماضي.")
    assert found_from(late).value == ("decade", "1980s", None, "late")


def test_a_stamp_word_inside_a_sentence_is_a_verb_not_a_stamp() -> None:
    assert dates("نشر الجيش في 5 مارس 2003 قواته. وحدث في 6 مارس 2003 أن سقطت المدينة.") == [
        "2003-03-05", "2003-03-06"]


def test_a_hijri_date_paired_with_a_western_day_takes_the_western_day() -> None:
    [found] = extract_events("في 15 رمضان 1424 هـ الموافق 10 نوفمبر 2003 م افتتح المسجد.")
    assert (found.date.iso(), found.hijri, found.inferred) == ("2003-11-10", "1424-09-15", False)


def test_iso_dates_are_read_year_first_and_a_stamp_in_that_form_is_not_an_event() -> None:
    assert dates("وقع الحادث في 2019-05-03 صباحا.") == ["2019-05-03"]
    assert dates("تاريخ النشر: 2019-05-03") == []


def test_days_between_two_numbers_are_a_span() -> None:
    assert dates("جرت المعارك بين 15 و20 مارس 2011.") == ["2011-03-15..2011-03-20"]


def test_the_month_that_followed() -> None:
    assert dates("في 3 مارس 2011 بدأ الإضراب. وفي الشهر الذي تلاه توقف.") == ["2011-03-03", "2011-04"]


# -- rules drawn from texts the first rules had not seen (issue 18, items 2-3, second round) ---------------------


def test_each_dated_item_of_a_list_is_its_own_statement() -> None:
    text = ("أشار البيان إلى اتفاقيه 12 (2001) المؤرخ 4 مارس 2001 و15 (2003) المؤرخ 9 يونيو 2003 "
            "و17 (2004) 2 مايو 2004 وإلى سائر الوثائق.")
    assert dates(text) == ["2001-03-04", "2003-06-09", "2004-05-02"]


def test_not_until_dates_the_event_but_a_plain_until_is_a_deadline() -> None:
    assert dates("ولم يغادر الوفد المدينة حتى عام 1999.") == ["1999"]
    assert dates("ستبقى القوات في المدينة حتى عام 2030.") == []


def test_a_list_entry_may_give_its_year_before_its_month() -> None:
    assert dates("1931، آب/أغسطس – افتتحت المدرسة الأولى.\n1935، أيار/مايو – أغلقت.") == ["1931-08", "1935-05"]
    assert dates("1920، 1 أيلول/سبتمبر – أعلنت الدولة.") == ["1920-09-01"]


def test_a_list_entry_opening_with_a_year_heads_the_month_in_its_text() -> None:
    text = "أجري الإحصاء في عام 1948.\n1952 – غادر الملك البلاد في السادس والعشرين من تموز/يوليو."
    assert dates(text) == ["1948", "1952-07-26"]
    assert dates("1960 – استقلت البلاد.") == ["1960"]


def test_a_long_period_opening_an_entry_is_read_but_a_bare_pair_of_years_in_running_text_is_not() -> None:
    assert dates("1299 – 1922: حكم العثمانيون المنطقة.") == ["1299..1922"]
    assert dates("يغطي كتاب المؤرخ 1900-1950 تاريخ المدينة.") == []
    assert dates("كانت الحرب (1914–1918) طويلة.") == ["1914..1918"]


def test_a_month_alone_in_brackets_is_a_tag_and_in_a_title_it_dates_the_entries() -> None:
    assert dates("تحتاج المقالة إلى مصادر. (يونيو 2020)") == []
    assert dates("ورد ذلك في تقرير الوكالة (آذار/مارس- نيسان/أبريل 2009).") == []
    text = "يوميات الحصار (مارس 1948)\n- 3 مارس: بدأ القصف.\n- 9 مارس: انتهى القصف."
    assert dates(text) == ["1948-03-03", "1948-03-09"]


def test_a_relative_clause_going_back_to_an_earlier_year_is_a_background_fact() -> None:
    assert dates("في آذار 1960 أقر المجلس القانون الذي استند إلى دراسة العام 1950.") == ["1960-03", "1950"]


def test_two_whole_months_joined_by_until_are_a_period() -> None:
    assert dates("المرحلة الثانية: مارس 2001 وحتى مايو 2004") == ["2001-03..2004-05"]


def test_a_name_noun_two_words_before_a_day_makes_it_a_name() -> None:
    assert dates("في عام 2010 بدأت الاحتجاجات. شارك أعضاء حركة طلاب 9 مارس في المسيرة.") == ["2010"]


def test_a_hijri_date_after_al_muwafiq_restates_the_western_date_even_across_a_line_break() -> None:
    assert dates("بدأت الثورة يوم 25 يناير 2011 الموافق 21 صفر\n1432 هـ.") == ["2011-01-25"]


def test_a_diary_scope_line_is_no_event_and_today_is_the_day_of_its_heading() -> None:
    text = ("يوميات الحرب\nالفترة من 1 مايو 1940 إلى 30 يونيو 1940\n\nالأربعاء 1 مايو 1940\n"
            "أعلن الوزير الخطة بعد ظهر اليوم.")
    assert dates(text) == ["1940-05-01", "1940-05-01"]
    [today] = [c for c in extract_events(text) if c.date_text == "اليوم"]
    assert today.inferred and today.confidence_level == "medium"
    assert dates("أعلن الوزير الخطة بعد ظهر اليوم.") == []
    assert dates("- 1 مايو 1940: بدأ الهجوم.\nالفترة من 1 مايو 1940 إلى 30 يونيو 1940") == [
        "1940-05-01", "1940-05-01..1940-06-30"]


def test_a_hijri_date_with_its_year_in_words_is_converted() -> None:
    [found] = extract_events("ودخل الجيش المدينة يوم الخميس الخامس عشر من رمضان سنة إحدى وتسعين وأربعمائة.")
    y, m, d = hijri_to_gregorian(491, 9, 15)
    assert (found.date.iso(), found.hijri, found.inferred) == (f"{y:04d}-{m:02d}-{d:02d}", "491-09-15", True)
    assert found.confidence_level == "low"
    assert dates("بنى الأمير القصر سنة خمس وستين للهجرة.") == ["0684..0685"]
    assert dates("عاش في القرية سنة خمس وستين.") == []  # no Hijri month or marker: a count, or any calendar


def test_nominative_ordinal_days_are_days() -> None:
    assert dates("وكان ذلك يوم الحادي والعشرون من مارس 2003.") == ["2003-03-21"]


def test_the_misspelt_eighties_are_a_decade() -> None:
    [found] = extract_events("بدأت الأزمة في نهاية ثمانيات القرن الماضي.")
    assert (found.decade, found.date.year, found.qualifier.value) == (True, 1980, "late")


def test_what_began_since_and_the_dated_event_it_led_to_are_two_statements() -> None:
    assert dates("مهدت أزمات كثيرة منذ عام 1990 للحرب التي اندلعت في عام 2003.") == ["1990", "2003"]


def test_a_bare_pair_of_years_after_an_event_noun_is_its_period() -> None:
    assert dates("اندلعت الحرب العراقية الإيرانية 1980-1988 على الحدود.") == ["1980..1988"]


def test_a_future_not_until_is_a_plan() -> None:
    assert dates("لن تغادر القوات المدينة حتى عام 2030.") == []


def test_an_entry_year_yields_to_a_whole_date_in_its_entry() -> None:
    assert dates("2003 – بدأ الغزو في 20 مارس 2003.") == ["2003-03-20"]


def test_a_month_in_brackets_inside_a_sentence_dates_the_event_before_it() -> None:
    assert dates("اندلعت احتجاجات المدينة (مارس 2011) ثم امتدت إلى القرى.") == ["2011-03"]


def test_a_hijri_year_in_words_may_be_a_compound_teen() -> None:
    start, end = hijri_year_span(15)
    assert dates("في سنة خمس عشرة للهجرة كانت المعركة.") == [f"{start:04d}..{end:04d}"]
    start, end = hijri_year_span(302)
    assert dates("وفي سنة اثنتين وثلاث مائة للهجرة بني الجامع.") == [f"{start:04d}..{end:04d}"]


def test_a_carried_year_in_a_background_relative_clause_is_shown_as_doubtful() -> None:
    text = "سقط النظام في أبريل 2019. لكن بعد الإجراءات التي اتخذها الجيش في الخامس من أكتوبر تجددت الاحتجاجات."
    main, background = extract_events(text)
    assert main.confidence_level == "high"
    assert (background.date.iso(), background.confidence_level) == ("2019-10-05", "low")


def test_that_day_is_not_today() -> None:
    text = "الخميس 2 أغسطس 1990\nتذكر الناس ما جرى في ذلك اليوم."
    assert dates(text) == ["1990-08-02"]
