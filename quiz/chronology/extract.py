"""Arabic article text -> candidate dated events, for a teacher to review. Pure: no Flask, no database.

``extract_events(text, doc=..., registry=..., default_year=...)`` reads a news article and returns one
``Candidate`` per clause that states a dated event, in text order, with the clause's exact character
offsets in the input (``text[c.start:c.end] == c.text_ar``) and those of the date expression itself
(``text[c.date_start:c.date_end] == c.date_text``). Month names, ordinal days, qualifiers and the final
reading of every explicit date come from ``arabic_dates`` (``parse_arabic_date``); this module finds the
expressions in running text and decides which date belongs to which event.

How the text is cut
-------------------
* Sentences end at ``. ! ? ؟`` (not a point between two digits: "7.5") and at line breaks.
* A sentence is cut into fragments at ``، , ؛ ; :`` (never inside a date or a number: "165,000") and
  before "ثم" / "ومن ثم".
* Fragments are grouped into clauses: a fragment joins the current clause when the clause has no event
  date yet, when the fragment has no eligible date of its own, or when it continues reported speech or an
  apposition ("أن/أنه/بأن ...", "وذلك ...", "وهو ...", "مما ..."). Otherwise it starts a new clause.
* Inside a clause, a later date introduced by "في" (or "عام YYYY") after a coordinating "و..." word
  starts a new clause: "دخلته في عام 2003 وغادرته في عام 2011" states two events. So does a date
  introduced by "في/منذ عام" after "حيث/إذ" ("هو ذكرى الثورة حيث بدأ الاحتلال منذ عام 1830"), the next
  item of a list of periods ("الأولى من 1954 إلى 1955 والثانية من 1956 إلى 1958") and a relative date
  with its own "و" ("... في مايو عام 1997 ... وبعد ست سنوات ... جاءت الحرب").
* So does each item of a list of dated things: a full date that qualifies the noun before it ("القرار 678
  المؤرخ 3 أبريل 1991 و688 المؤرخ 5 أبريل 1991", after "المؤرخ/الصادر/الموقع" or a designation's year
  "(1991)"); a relative clause that goes back to an earlier year ("أقر الميثاق في آذار 1943 الذي استند إلى
  إحصاء العام 1932": a background fact of its own, cut at the pronoun); and a "في" date with a year after a
  "منذ" date ("مهدت أحداث منذ نهاية الثمانينات للغزو في عام 2003": what began, and the event it led to).
* A fragment that holds only "in the same year" is a lead-in: "وفي العام نفسه، قُصف المخيم في آب 1976"
  is one clause, and its explicit date (with a year) dates it rather than "the same year".

The page's shape, read first
----------------------------
Before any sentence, the page is read as a reader takes it in (``layout.read_layout`` and ``_page_stamps``):

* its own dates are no events but its present: a date with its clock time (and era marks and Hijri date)
  on its line ("الإثنين، 26 فبراير 2018 - 10:33 م"); a dateline opening the text, after a place and a dash
  or before its source ("كابول 16 أغسطس 2021 (شينخوا)"); a date glued to the heading after it; the only
  date-only line of the text, under its headline or byline (with its weekday, or in numbers) unless the
  title says "يوميات" (a diary's first day), or on the first line years away from everything else (a site's
  widget); unambiguous stamp words anywhere on a line ("تاريخ النشر:", "آخر تحديث"); an archive's English
  stamp ("Tuesday 27th January,2004");
* "on this day" pages («في مثل هذا اليوم», or a title "9 أبريل" over entries that open with years): each
  "1962 - ..." entry (a year before 1000 too) and «في مثل هذا اليوم من عام 1991» is the page's day of that
  year; the page's day is the first day and month it names, else its stamp's; the mention that names it is
  the entries' scope;
* a title's month that the dated entries below fall in is their scope ("يوميات النكبة: حدث في أيار 1948");
* the earliest year a bare number may be: 1900, or 1000 in a text that names years before 1900 with a year
  word or a month ("في عام 1789 ... وفي 1792").

Headings and list entries, besides those below: "- 2011" and "-- 2011" are year headings, a month alone
on its line under one ("- كانون الثاني/يناير") or opening the heading's line ("* فبراير (شباط) 2011 - من 15
إلى 19:") heads the entries "- 22:", "14:", "- من 23 إلى 25:" (days and spans of that month); a month
alone may open an entry ("> أبريل (نيسان): ..."); "- 5/ 1948:" is that month; periods open run-on entries
("في 1979: 1979 - 1989: الاحتلال ... 1992 - 1996: ..."), and a bare period line heads its section
("1789-91").

One event per clause
--------------------
The FIRST eligible date of a clause is the event's date; later dates in the same clause are part of its
content ("announced in March 2010 that troops would leave by December 2011" is one event, March 2010).
A range ("بين عامي 2015 و2017", "من يوليو 2013 إلى أغسطس 2014", "من 2012 إلى 2016") is one expression:
its start is the event date and its end is ``range_end``.
Eligibility: a date after a deadline particle (بحلول، حتى، إلى، لغاية، اعتبارا من، مع حلول، the "ب" of
"بنهاية") counts only at the start of its fragment ("وبحلول نهاية عام 2015، ..." = "as of") or when
"حين/عندما" follows ("إلى يوم 27 أكتوبر 2019، حين ..."), or after a past negation ("ولم تسحب قواتها حتى
عام 2005": "not until" dates the withdrawal; "لن ... حتى" stays a plan); elsewhere it is a deadline or plan
inside the statement. A date after قبل/قبيل/بعد/عقب ("before 2003 ...") never dates the event.

What counts as a date
---------------------
Every form ``parse_arabic_date`` reads, found in raw text (any hamza, tashkeel, tatweel, Eastern digits):
day + month (+ year) with numeric ("20 مارس", "1مايو") or ordinal days ("الثالث من يناير"), both month
traditions and their pairs ("أبريل (نيسان)", "يناير/كانون الثاني"), month + year, "عام/العام/سنة 2011",
"2003م", qualifiers ("بداية/مطلع/أوائل/منتصف/أواخر/نهاية", "الأسبوع الأول من", "النصف الثاني من") and
seasons on a year (spring early, summer mid, autumn late; winter spans two years, so no qualifier).
Guards: a bare four-digit number is a year only right after a time particle ("في 2014", "منذ 2003") and
never before a counted noun, a percent sign or an accusative noun ("في 2000 منزل", "1950 طالباً"); a
month name with no day, year or qualifier needs a particle ("في يونيو") since "مارس" is also a verb and
"آب" also "father"; a weekday alone ("الثلاثاء") is never a date. Years run from 1000 to 2100 with a
year word, a month or a qualifier ("منذ عام 1830"); a bare number after a particle must be 1900-2100 (a
count or a code is likelier before). A number with no particle is never a year ("القرار 1441").

Forms this module reads itself:

* the same month in both traditions side by side, with no bracket or slash ("إبريل نيسان"), when the
  two names agree;
* all-numeric dates ``d/m/yyyy`` (also with "-" or "."), day first as the Arabic press writes them, or
  month first when the first number cannot be a month ("4/25/2003"); confidence 0.90 when the order is
  certain, 0.80 when it is assumed. A numeric date followed by "هـ" is Hijri and is not read that way;
* Hijri dates ("عام 91 هـ", "15 رمضان 1424 هـ", Hijri month names in ``arabic_dates.HIJRI_MONTHS``):
  with the Western year the text pairs them with ("عام 62 هـ الموافق 681 م") that year (0.88); alone, the
  arithmetical (tabular) conversion of ``arabic_dates.hijri_to_gregorian`` (Julian before 1582, as
  historians date those events): a day is converted to a day that may be off by one or two (the months
  began with the sighting of the moon) so it is inferred with confidence 0.60; a year alone straddles two
  Western years, so it is a range of them (0.70). ``Candidate.hijri`` keeps the Hijri date as written.
  (The ``hijridate``/``hijri-converter`` libraries use the Umm al-Qura tables, which cover only 1343-1500
  AH, 1924-2077: not the medieval dates history texts give, so the arithmetic is done here);
* decades: "الثمانينات/الثمانينيات", "ثمانينات القرن الماضي/العشرين/التاسع عشر", "عقد التسعينيات", with a
  qualifier ("نهاية الثمانينات" late): ``Candidate.decade`` with the first and last years as a range and
  the qualifier in ``period_qualifier``; without a century the twentieth is meant (0.85);
* lists and spans of days: "في 10 و24 أكتوبر 1954" is two dates (the first on its own number), while
  consecutive days "15 و16 مارس" and "من 3 إلى 7 مايو" / "3-7 مايو" are one range;
* two years joined by a dash are a range (the later year must follow) when they are framed as a period: in
  brackets ("(1975–1990)"), after a particle ("من/في/بين/الفترة"), after an event or reign noun among the
  four words before ("الحرب العراقية الإيرانية 1980-1988", "حكم/عهد/انتداب ..."), all within 200 years; or
  opening a list entry ("1516 – 1918: ..."), however long. Bare in running text ("موقع الوكالة 1920-2009")
  a pair of years is a source's coverage, a page range or a code;
* list entries that open with their year: "1920، أيلول/سبتمبر – ..." is that month ("1920، 1 أيلول/سبتمبر"
  that day); "1944 – وافقت فرنسا ... في الأول من كانون الثاني" heads the entry: the month in it takes that
  year and the year is no event of its own (alone, "1975 – اندلعت الحرب", it is the entry's date);
* Hijri dates with the year in words, as chronicles write them ("العشرون من جمادى الآخرة سنة سبع وخمسين
  وثمانمائة" = 857 AH; "سنة خمس وستين للهجرة"): Hijri by the month's name or "هـ/للهجرة", converted as
  above; ordinal days are read in the nominative too ("العشرون", "الحادي والعشرون");
* "today" in a diary: "اليوم" (not "اليوم التالي/نفسه/الذي ...") under a line that is only a day's date
  ("الخميس 2 أغسطس 1990"), in a text with no stamp of its own, is that day (0.70);
* two whole months joined by "إلى/حتى/وحتى" are a period even without "من" ("يونيو 1989 وحتى أبريل 2019");
* the day before: "في اليوم السابق", "اليوم الذي قبله", colloquial "باليوم اللي قبله" (-1 day, day
  precision), and the colloquial next day "ثاني يوم", "اليوم اللي بعده" (+1 day);
* a clock time opening a line ("7.59 صباحًا" alone on its line, in a timeline of one day) is an event of
  the last date known to the day (0.70); a clock time elsewhere is not a date;
* "العاشر من إبريل الحالي/الجاري" takes the year of the article's present (its stamp, below); "... الماضي"
  the last such month before it (no date when the present is unknown);
* more pairings and periods: a Hijri date and its Western one after "/", "،", "=", "ـ" or "والذي يوافق";
  Hijri spans ("(1340 ـ 1426 هـ) (1921 ـ 2005 م)", "من 297 إلى 567هـ"); two full dates joined by a dash;
  "من 19 ديسمبر 1914 إلى أن توفي 9 أكتوبر 1917"; "بين شهري آب وكانون الأول 1978"; "في سنتي 2015 و2016"
  (consecutive: a period) and "في عامي 1940 و1944" (two dates); "1789-91"; reversed ends ("من 1918 إلى
  1917"); a year in brackets after a name ("سايكس-بيكو (1916)", not after a number); two-digit years with
  their century ("عام 89 من القرن الماضي"); years in words ("العام ألف وتسعمئة وخمسة وسبعين"); years set
  off by stray quotes or brackets ("عام” 1969 “", "العام (1988)م"); "سنه" (Egypt's spelling);
* "until" after a verb of lasting ("استمرت لمدة 8 أعوام حتى أغسطس 1988", "وتستمر حتى 2002") dates the end;
* times of day ("عند تمام الساعة 23:30", "في الساعة العاشرة مساءً") in a text that has dated its day: that
  day, the next past midnight; not the time of a sentence that dates itself, nor the same time again;
* "يوم الخميس" in a report with a dated stamp: that weekday of the stamp's week;
* not dates: a year before the common era ("قبل الميلاد", "ق.م"), an anniversary itself (the present:
  "تحيي الذكرى الثالثة"), "بعد يومين من المعارك" (how long a process lasted), an offset the explicit date
  after it restates ("بعد شهرين، في 7 فبراير 1992"), a day named for what it recalls ("أصبح 15 أغسطس يوم
  استقلال الهند").

Not events (no candidate; they still count for the context as said):

* publication and update stamps: a date after "نُشر/آخر تحديث/تاريخ النشر" or followed by "(آخر
  تحديث)". The first stamp known to the day is the article's present (unless ``default_year`` is given);
* the scope of a chronology: in a sentence that announces one ("فيما يلي أبرز الأحداث", "تسلسلا زمنيا",
  "ترتيب زمني", ...), a range or a date after منذ/بين/من;
* a point of comparison: a "منذ" date after a superlative ("الأكثر دموية منذ مايو 2012");
* a date inside a name: a day and month without a year right after an event noun ("ثورة 25 يناير",
  "أحداث الحادي عشر من سبتمبر"), or one word further with no particle between ("حركة شباب 6 أبريل");
* a month and year alone in brackets, with no day and no particle, closing its line: a maintenance tag ("(مايو
  2019)"), a cited source's date ("(آذار/مارس- نيسان/أبريل 2009)") or, closing the text's first line, the
  title's scope ("الجدول الزمني لحرب الخليج (أغسطس 1990)"), which then sets the month and year of the entries;
* a Hijri date after "الموافق" restates the Western date before it, also when a line break cuts it from its
  month ("25 يناير 2011 الموافق 21 صفر\n1432 هـ");
* a line that is nothing but a period ("الفترة من 1 أغسطس 1990 إلى 31 مارس 1991") before the text's first
  dated statement: what the text covers.

Added for the fifth round (texts keyed blind, tests/unit/test_extract_layout.py, one test per rule):

* a diary's day entry may open with its weekday ("• الخميس 19 مارس:") and still take the report's year; a
  tatweel may mark an entry ("ـ 1995:");
* stamps: a date with a clock time after it near the top whatever stands before it (a byline) or after it;
  a clock time or a stray era mark before the stamp's date ("09:29 م الجمعة 18 يوليو 2014"); a dateline
  whose place names its country ("جنيف ، سويسرا ، 10 نوفمبر 2013 ، ا ف ب"), or that stands under the
  headline and ends with a colon ("مصر 25 / 01 / 2021:"); a date alone under a chronology's title that is the
  latest day the text names ("١٢ نوفمبر ٢٠٢٣"); "N days ago" before anything is dated counts from the stamp;
* a year in an event's name (the corpus README's rule): it yields to a fuller date of its clause ("انتفاضة
  الخبز لسنة 1984 ... في 29 ديسمبر 1983"), it is a statement of its own later in a clause ("عقب إلغاء
  الانتخابات البرلمانية لعام 1991", "في حرب 1967"), and no date after words that only cite it or describe
  someone by it ("صاحب ثورة 1919", "بموجب/وفق أحكام دستور 1959", "أحد قادة ثورة 23 يوليو 1952", "بناءً على",
  "مثل", "القائد العام للثورة"); a year alone in a short title names the text's subject ("حرب 1956: ...");
* periods: "حتى وفاته في 7 سبتمبر 1566" after "من" (an aside between allowed), two years joined by a verb of
  lasting ("عام 1962 واستمرت حتى عام 1970") or "بدأ في عام 1961 وانتهى في عام 1975" (two days so joined stay
  two events), "منذ عام 1899 حتى 1 يناير 1956", "عام 1816-1826", "من أغسطس (1444) إلى سبتمبر (1446)", a
  dash period after a glossary's colon, a reign five words back or an office ("رئيس الاتحاد السوفياتي
  1964-1982"), a PDF copy's reordered "١٧٥٢م  ١٧٦٣ -م"; a "since ... until" period is never a comparison;
* years: "1603م", "1566م" and "1138 ميلاديًا" wherever they stand, "عام 711 للميلاد", "(1908م)", "مواليد
  1950"; on a page that marks its early Western years «م» (and its Hijri years far from them), an unmarked
  "في عام 796", "من 786 إلى 809" and "مواليد 763" are Western (``layout.western_early_years``), and so is
  "في عام 392" on a page with four-digit years and no sign of the Hijri calendar (``layout.western_page``);
* Hijri: the Western year unmarked after a sign when it is the year the Hijri one falls in ("456هـ / 1065",
  "(١٣١٥هـ= ١٨٩٧م)"), two such pairs joined by a sign a period; "٧٠٣ﻫ" (presentation forms); "3 / 4 /
  1436هـ"; an ordinal day of an unmarked Hijri month; a chronicle's "مستهل رجب", "لثلاث عشرة ليلة خلت من"
  and "لخمس بقين من"; a year heading in words alone on its line ("سنة إحدى وعشرين"), then "وفيها" opening a
  clause or "في هذه السنة" is that Hijri year, and "العام التالي" the next one;
* "on this day" pages: entries run on in one paragraph ("... . 1897 - ...", "مواليد 1737 - ..."), the next
  "وفي عام 1980" items of a sentence that lists the page's day's events, "في اليوم ذاته من عام 1999", and the
  day of the same year given in the next paragraph ("في مثل هذا اليوم من عام 1889" then "15 نوفمبر عام 1889");
* relative: "في وقت لاحق من الشهر", "يونية من السنة التالية", "من ذلك العام", "في ذلك العام" wherever it
  stands; a spaced dash between a date and a word parts two statements ("1769 - اتوفى فى ...");
* "أكتوبر-تشرين الأول", "14 (آب) 1949"; text in Arabic presentation forms is read in its plain letters
  (``extract_events`` maps every offset back to the text as pasted);
* more lists: two whole months joined by "و" share the year after the second, consecutive ones a period
  ("كانون الثاني/يناير وشباط/فبراير 2007"); an entry's year may end with a full stop ("*1990. توحيد ...") or
  join its period with a slash ("- 2003 / 2006:"); a numeric date a line break cut ("6/10/" then "1957") is
  read whole; two whole years a dash joins in running prose are a period unless after a source; a year
  opening a short line whose next dated statement, on the next lines, is finer and of that year labels the
  paragraph ("2011: مقتل القذافي" over "في فبراير 2011") and is no event;
* context: a bare year well before a story told by months is a look back (the months after it keep the
  story's year; "the same year" after it is that year); "وفي نهاية الشهر" is the end of the month last
  named; "في التاريخ ذاته" that day; a month "الماضي" in a report whose own date is not given takes the latest
  year it names to the month; "الثلاثاء الماضي" in a dated report is the last Tuesday before its stamp (a
  site's date widget is no present for it);
* Islamic-era histories: the Western date in brackets after a Hijri one, with a year of three digits ("(١٩
  يولية سنة ٧١١ م)"), after "=" in spans ("(598 - 647 هـ = 1202 - 1249 م)") or "حوالي"; "المحرم" and other
  spellings of the months; a chronicle's ordinal days without the article ("خامس عشرين رمضان"), "النصف من",
  "4 رمضان 172" with no year word, "هجرياً" at either end of a span; a chronicle's year without its hundreds
  takes those its full years share ("سنة ثمان وخمسين" among years of the 600s); a bracketed span of
  three-digit years is Hijri unless the page marks its early Western years;
* "on this day" pages: the page's day named again without a year, or with a year later than every entry's
  (the day the page was written), is no event; entries may run on without full stops and take a tatweel as
  their dash ("1948 ــ").

Relative references, resolved against the previous event's date:

* same period: "في الشهر ذاته/نفسه", "في نفس الشهر", "في العام ذاته", "من العام نفسه",
  "في 8 أغسطس من العام ذاته", "في نهاية العام نفسه";
* next: "في اليوم التالي" (+1 day), "في الشهر/العام التالي";
* offsets: "بعد ثلاثة أسابيع", "بعد ذلك بثلاثة أعوام", "وبعدها بأيام", "قبل عامين", counted from the date
  last stated, asides included ("دخلت عام 1961، وبعد ثلاث سنوات" -> 1964); days after a date known only to
  its year fall in that year. Years and months
  are added exactly (year or month precision). Days and weeks need a previous date known to the day, and
  news prose uses them loosely, so the computed day is NOT reported as a day: the result is that day's
  month with a qualifier (days 1-10 early, 11-20 mid, 21-31 late) - "three weeks after 4 November 2008"
  -> late November 2008, inferred. Only "في اليوم التالي" and "بعد يوم/يومين" keep day precision. "A few /
  several days" counts as 4 days. An offset the previous date cannot carry ("100 days after" a month)
  gives no candidate.
* anniversaries: "الذكرى العاشرة للانسحاب" is 10 years after the first explicit date whose sentence (or
  the next) names the same noun (انسحاب), to the same precision. The anniversary itself ("في/مع/بمناسبة
  الذكرى ...") is the article's present, no event; its eve (عشية) is the day before and before/after it
  (قبيل، قبل، بعد، عقب) gives month precision: those date another event.
* the article's present: ``default_year`` if given, else the date of such an anniversary. "العام
  الماضي" and "هذا العام" resolve against it (no candidate when it is unknown), and a sentence with
  "اليوم" or "في الأسابيع الأخيرة" moves the context to it.

Year carried from context
-------------------------
A month without a year takes the year of the previous event (or of the present after a present marker,
or ``default_year`` when nothing precedes), with these reader's rules:

* headings: a line that is only a year ("2014") or a month and year ("ديسمبر (كانون الأول) 2018") is no
  event itself; it sets the year (and month) until the next heading. A dated line under it that opens
  with its date ("- 14 أكتوبر: ...") takes the year of the heading or of the list entry above it
  ("- 21 سبتمبر 2014: ...") - never that of a date inside an entry's text ("الذي انتخب في 2012"); a
  "يوم 19:" entry under a month heading is that day of the month;
* asides: a date that goes back before the previous event within the same sentence ("أطاح الجيش في 11
  أبريل 2019 بالرئيس ... إثر انقلاب عام 1989", "أعلنت خسائرها في 10 آب ... باليوم اللي قبله") is a
  candidate, but it moves neither the year nor the day that the next dates count from;
* a relative pronoun among the four words before a date ("الجنود اللي خطفهم الحزب في 12 تموز", also the
  colloquial "اللي") marks background: the date is not pushed to the next year (below).
 A date reached by an offset in years is an aside ("who was
executed three years later") and does not change that year. Two corrections: in a main clause, a carried
date certainly before the previous event moves to the next year ("December 2011 ... in February" ->
February 2012) - unless it lies less than three months before it (the story stepping back: "سقطت بغداد في 9
أبريل ... في 21 آذار، بدأ القصف") or a year's heading is in force; in a relative clause (الذي/التي ...), one certainly after it moves to the year before
("whom an uprising that began in October toppled", told after May 2020 -> October 2019).

``inferred`` is true when any part of the date came from context (carried year, same period, offset,
anniversary, present); ``basis`` says how, in words.

Confidence (0..1) and its level
-------------------------------
Start from the form: day+month+year 0.95, month+year 0.92, year with a year word, qualifier or season 0.88, bare
year after a particle 0.80, range 0.90, numeric date 0.90 (0.80 when day/month order is assumed), Hijri with its
Western year 0.88, decade 0.85, same period 0.80, next or previous day/month/year 0.80, day under a month
heading 0.80, offset in years or months 0.70, in days or weeks 0.60 ("a few days" 0.55), clock-time line 0.70,
Hijri year converted 0.70, Hijri day converted 0.60, anniversary 0.60, present-relative 0.60. Multiply by 0.85
when the year is carried from context, by 0.70 when a carried year was moved by a correction, by 0.75 when a
carried year dates background (a relative pronoun among the four words before: "الإجراءات التي اتخذها الجيش في
الخامس والعشرين من أكتوبر", told after April 2019, may well be of another year: the review page shows it as
"low"), by 0.95 for a deadline-particle date ("as of ..."), by 0.70 when a weekday written next to the date
contradicts it. Rounded to two decimals. ``Candidate.confidence_level`` gives it in three words for the review
page: "high" (>= 0.85), "medium" (>= 0.65), "low"; ``basis`` says why in words.

Time
----
Linear in the text: every pattern runs once over each sentence, the rarer ones only where a cheap test
says they may match, no step slices the text from a line's start or re-reads a sentence per date, and the
registry's names are tried only at words that may begin one. ``python -m bench.extract_speed`` measures
10/50/200 KB; tests/unit/test_extract_linear.py keeps it so.

People and places
-----------------
Registry names and aliases (``Entity.all_names_ar``) are matched in the clause after ``normalise_arabic``,
on word boundaries, with the proclitics و ف ب ل ك in front (and "لل" for a name that starts with "ال":
"للعراق"); the longest name wins, so a name inside a longer matched one does not count ("مطار بغداد"
names the airport, not also Baghdad). ``people`` are persons, ``places`` places, ``actors`` every
entity that is not a place (persons, organisations, armed groups, states).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Mapping

from .actors import name_keys
from .arabic_dates import (
    HIJRI_MONTH_PATTERN,
    HIJRI_MONTHS,
    MONTH_NAME_PATTERN,
    MONTH_NAME_RE,
    ORDINAL_DAY_PATTERN,
    PERIOD_PART_PATTERN,
    QUALIFIER_PATTERN,
    QUALIFIER_WORDS,
    WEEKDAY_PATTERN,
    YEAR_WORD_PATTERN,
    ArabicDateError,
    hijri_to_gregorian,
    hijri_year_span,
    normalise_arabic,
    ordinal_day,
    parse_arabic_date,
    to_western_digits,
)
from .arabic_dates import (
    WEEKDAYS as _WEEKDAY_NUMBERS,
)
from .layout import HIJRI_SIGN_RE, ON_THIS_DAY_RE, Layout, read_layout
from .model import Entity, InvalidDate, PartialDate, Precision, Qualifier
from .second_look import BASIS as SECOND_LOOK_BASIS
from .second_look import Model as SecondLook
from .second_look import Seen, YearToken, unread_years
from .second_look import load_model as load_second_look
from .unread import unread_references

__all__ = ["Candidate", "confidence_level", "extract_events", "years_left_unread"]


HIGH_CONFIDENCE = 0.85
MEDIUM_CONFIDENCE = 0.65


def confidence_level(confidence: float) -> str:
    """A 0..1 confidence as "high", "medium" or "low" (see ``Candidate``)."""
    return "high" if confidence >= HIGH_CONFIDENCE else "medium" if confidence >= MEDIUM_CONFIDENCE else "low"


# -- the result ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One dated event found in an article: a clause, the date it states and what the clause names.

    What the review page shows for its date:

    * ``precision`` (day, month or year, from ``date``) and ``precision_label``, which also says "range"
      when ``range_end`` is set (a period: "(1975–1990)", "15 و16 مارس", a Hijri year straddling two) and
      "decade" for a decade ("الثمانينات": 1980 to 1989, ``decade`` true);
    * ``qualifier`` (early, mid, late or None, from ``date``, or of the decade: ``period_qualifier``);
    * ``confidence``, 0..1, how sure the reading is, with ``basis`` saying why in words (the scale is in the
      module docstring: an explicit full date 0.95, a carried year x0.85, a relative date 0.55-0.80, a Hijri
      conversion 0.60-0.70 ...), and ``confidence_level``, the same in three words for a badge: "high"
      (>= 0.85: the text states the whole date), "medium" (>= 0.65: a part comes from context or a
      convention) and "low" (below: an offset in days, an anniversary, a converted Hijri day: check it);
    * ``inferred``: part of the date comes from context; ``hijri``: the Hijri date as the text gives it.
    """

    doc: str
    date: PartialDate
    text_ar: str  # the clause, exactly text[start:end]
    start: int
    end: int
    date_text: str  # the date expression, exactly text[date_start:date_end]
    date_start: int
    date_end: int
    inferred: bool = False
    confidence: float = 1.0
    range_end: PartialDate | None = None
    basis: str = "explicit"  # how the date was obtained, in words, for the reviewer
    hijri: str | None = None  # the Hijri date the text gives ("91", "1424-09", "1424-09-15"), if any
    decade: bool = False  # a decade ("الثمانينات"): ``date`` is its first year, ``range_end`` its last
    period_qualifier: Qualifier | None = None  # early/mid/late of a decade ("نهاية الثمانينات")
    people: tuple[str, ...] = ()  # registry ids of kind "person"
    places: tuple[str, ...] = ()  # registry ids of kind "place"
    actors: tuple[str, ...] = ()  # registry ids of every other kind (people, organisations, groups, states)

    @property
    def precision(self) -> Precision:
        return self.date.precision

    @property
    def qualifier(self) -> Qualifier | None:
        return self.date.qualifier or self.period_qualifier

    @property
    def precision_label(self) -> str:
        """"day", "month" or "year", or "range" for a period (its start is ``date``, its end ``range_end``), or
        "decade" (the same, ten years, with ``qualifier`` for its early/mid/late part)."""
        if self.decade:
            return "decade"
        return "range" if self.range_end is not None else self.precision.value

    @property
    def confidence_level(self) -> str:
        """``confidence`` in three levels for the review page: "high" (>= 0.85), "medium" (>= 0.65), "low"."""
        return confidence_level(self.confidence)

    def to_contract(self) -> dict:
        """The fields promised by `flask chronology extract` (ARCHITECTURE.md, "Contracts") plus extras."""
        return {
            "doc": self.doc,
            "date": self.date.iso(),
            "precision": self.precision.value,
            "qualifier": self.qualifier.value if self.qualifier else None,
            "text_ar": self.text_ar,
            "start": self.start,
            "end": self.end,
            "date_text": self.date_text,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "range_end": self.range_end.iso() if self.range_end else None,
            "range_end_qualifier": (
                self.range_end.qualifier.value if self.range_end and self.range_end.qualifier else None
            ),
            "inferred": self.inferred,
            "confidence": self.confidence,
            "basis": self.basis,
            "hijri": self.hijri,
            "decade": self.decade,
            "period_qualifier": self.period_qualifier.value if self.period_qualifier else None,
            "confidence_level": self.confidence_level,
            "precision_label": self.precision_label,
            "people": list(self.people),
            "places": list(self.places),
            "actors": list(self.actors),
        }

    @classmethod
    def from_contract(cls, data: Mapping) -> "Candidate":
        """The candidate back from `to_contract` (drafts keep their candidates so a review never extracts again)."""
        range_end = data.get("range_end")
        return cls(
            doc=data["doc"], date=PartialDate.parse(data["date"], data.get("qualifier")), text_ar=data["text_ar"],
            start=data["start"], end=data["end"], date_text=data["date_text"], date_start=data["date_start"],
            date_end=data["date_end"], inferred=data["inferred"], confidence=data["confidence"],
            range_end=PartialDate.parse(range_end, data.get("range_end_qualifier")) if range_end else None,
            basis=data["basis"], hijri=data.get("hijri"), decade=data.get("decade", False),
            period_qualifier=Qualifier(data["period_qualifier"]) if data.get("period_qualifier") else None, people=tuple(data["people"]), places=tuple(data["places"]),
            actors=tuple(data["actors"]),
        )


# -- patterns for raw text --------------------------------------------------------------------------------

_MARKS = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]*"
_VARIANTS = {"ا": "[اأإآٱ]", "ي": "[يىی]", "ى": "[يىی]", "ة": "[ةه]", "ه": "[هة]", "ك": "[كک]"}
_WORD_END = r"(?![^\W\d_])"
# Word start, or right after one proclitic letter that itself starts a word ("ونهاية", "بنهاية"), or right after a
# «ة», which only ends a word: a copied page runs two words together there ("الأمريكيةعام 1847", "طنجةفي أبريل").
_LB = r"(?:(?<![^\W\d_])|(?<=(?<![^\W\d_])[وفبل])|(?<=ة))"
_DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
_NUM_EDGE = r"0-9\u0660-\u0669\u06f0-\u06f9.,\u066b\u066c"
# Four digits that are not part of a longer number ("165,000"); a comma glued before the year after a space is
# a typo ("في يوم 21 يوليوز ,1921"), not a thousands separator.
_YEAR4 = (rf"(?:(?<![{_NUM_EDGE}])|(?<=\s,)|(?<=\s،)){_DIGIT}{{4}}(?!{_DIGIT}|[.,\u066b\u066c]{_DIGIT})")


def _tol(phrase: str) -> str:
    """A regex for a phrase in normalise_arabic form that also matches raw text (hamza forms, ى, marks)."""
    out = []
    for i, word in enumerate(phrase.split(" ")):
        if i:
            out.append(r"\s+")
        out.extend(_VARIANTS.get(ch, re.escape(ch)) + _MARKS for ch in word)
    return "".join(out)


def _alt(phrases: Iterable[str]) -> str:
    return "(?:" + "|".join(_tol(p) for p in sorted(set(phrases), key=lambda s: (-len(s), s))) + ")" + _WORD_END


_MIN = _tol("من") + _WORD_END
# The Western era written after a year: "2003م", "1973 ميلاديًا", "750 ميلادية"
# (and "330 بعد الميلاد", the era said in full: without it a three-digit year on a Hijri page read as Hijri)
_ERA_WORD = (rf"(?:م|{_tol('ميلاديا')}|{_tol('ميلادية')}|{_tol('ميلادي')}|{_tol('للميلاد')}|{_tol('بعد الميلاد')})"
             rf"{_WORD_END}")
_ERA_MARK = rf"(?:[\s\"“”″)\]]*{_ERA_WORD})?"  # optional after a year, past stray quotes or a bracket
_QUOTES = "[\\s\"“”″(\\[]*"  # a year set off by stray quotation marks or a bracket: "عام” 1969 “", "العام (1988)"
_SHAHR = _tol("شهر")
_M = MONTH_NAME_PATTERN
# A month, or the same month in both traditions: in brackets, after a slash, or side by side ("إبريل نيسان").
_MONTH_PAIR = rf"(?P<m>{_M})(?:\s*[(\[]\s*(?P<m2>{_M})\s*[)\]]|\s*[/\\\-\u2013]\s*(?P<m3>{_M})|\s+(?P<m4>(?<![^\W\d_]){_M}))?"
_SAME_WORDS = ("ذاته", "نفسه", "ذاتها", "نفسها")
_NEXT_WORDS = ("التالي", "التالية", "الموالي", "الموالية", "اللاحق", "اللاحقة")
_REL_YEAR = (  # "من العام نفسه", "من نفس السنة", "من ذلك العام"; "من السنة التالية" (the next year)
    "(?:" + _alt(["العام", "السنة"]) + r"\s+" + _alt(_SAME_WORDS) + "|" + _alt(["نفس", "ذات", "ذلك", "تلك"]) + r"\s+"
    + _alt(["العام", "السنة"]) + "|" + _alt(["العام", "السنة"]) + r"\s+" + _alt(_NEXT_WORDS) + ")"
)
_NEXT_YEAR_RE = re.compile(rf".*{_alt(_NEXT_WORDS)}")
_QUAL = rf"(?P<q>{_LB}(?:{QUALIFIER_PATTERN})\s*|{_LB}{PERIOD_PART_PATTERN}\s+{_MIN}\s+)"

# Day (maybe) + month + year (maybe): "20 مارس (آذار) 2003", "الثالث من يناير 2020", "1مايو",
# "أوائل شهر مارس", "في 8 أغسطس من العام ذاته", "يناير/كانون الثاني 2020", "ديسمبر عام 2021".
_MONTH_DATE_RE = re.compile(
    rf"{_QUAL}?"
    rf"(?:(?P<d>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})\s*(?:/\s*(?=[^\W\d_]))?(?:{_MIN}\s+)?|(?P<od>{_LB}{ORDINAL_DAY_PATTERN})\s+(?:{_MIN}\s+)?)?"
    rf"(?:(?P<shahr>{_LB}{_SHAHR})\s*)?"
    rf"(?:(?<=شهر)|{_LB}){_MONTH_PAIR}"  # "شهرسبتمبر" is written glued too
    rf"(?:{_QUOTES}[،,]?\s*(?:{_MIN}\s+)?(?:(?P<yw>{YEAR_WORD_PATTERN}){_QUOTES})?(?P<y>{_YEAR4}){_ERA_MARK}"
    rf"|\s+{_MIN}\s+(?P<ry>{_REL_YEAR})"
    rf"|\s+(?P<cur>{_alt(['الحالي', 'الجاري', 'المنصرم', 'الماضي', 'الفائت'])}))?"
)
# A day or a month of a year before 1000, which only its era mark makes a year: "١٩ يولية سنة ٧١١ م", "أبريل- مايو
# سنة ٧١١ م" (the Western date a history of the conquests gives beside the Hijri one)
# Without the mark, a month and three digits are a date only when nothing else can be said with them: a year word
# before the number ("من مايو عام 330") or the clause ending after it ("في سبتمبر 324.", "في 17 يناير 395 ،"), not
# a count ("في مارس 150 شخصا").
_EARLY_MONTH_DATE_RE = re.compile(
    rf"(?:(?P<d>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})\s+(?:{_MIN}\s+)?|(?P<od>{_LB}{ORDINAL_DAY_PATTERN})\s+{_MIN}\s+)?"
    rf"(?<![^\W\d_])(?P<m>{_M})(?:\s*[\-\u2013/]\s*(?P<m2>{_M}))?\s*"  # "مارس/آذار 624م": one month's two names
    rf"(?:(?P<yw>{_alt(['سنة', 'عام'])})\s*)?(?P<y>(?<![{_NUM_EDGE}]){_DIGIT}{{3}})(?!{_DIGIT})"
    rf"(?:\s*{_ERA_WORD}|(?(yw)(?![^\W\d_\s])|(?=\s*(?:[،,.؛;)\n]|$))))"
)
_EARLY_YEAR_HINT_RE = re.compile(rf"[^\W\d_][ \t]*(?:سنة|عام)?[ \t]*(?<![{_NUM_EDGE}]){_DIGIT}{{3}}(?!{_DIGIT})")
_DASHED_MONTH_DATE_RE = re.compile(  # (or slashed: "15/فبراير/1989")
    rf"(?P<d>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})\s*(?P<sep>[-/])\s*(?P<m>{_M})\s*(?P=sep)\s*(?P<y>{_YEAR4})"
)
# The groups of _MONTH_DATE_RE that the forms below do not have: a date they read goes on as one of its dates
_MONTH_DATE_UNSET: Mapping[str, None] = dict.fromkeys(("q", "od", "shahr", "m2", "m3", "m4", "yw", "ry", "cur"))
# A day, its month in brackets, the year: "14 (آب) 1949"
_BRACKETED_MONTH_DATE_RE = re.compile(
    rf"(?P<d>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})\s*\(\s*(?P<m>{_M})\s*\)\s*(?P<y>{_YEAR4})"
)
# Decades: "الثمانينات", "ثمانينيات القرن الماضي", "نهاية عقد التسعينيات", "مطلع ستينات القرن التاسع عشر".
_DECADE_TENS = {"عشرين": 20, "ثلاثين": 30, "اربعين": 40, "خمسين": 50, "ستين": 60, "سبعين": 70, "ثمانين": 80,
                "تسعين": 90}
_DECADE_WORDS: Mapping[str, int] = {
    f"{article}{tens}{ending}": n
    for tens, n in _DECADE_TENS.items() for article in ("ال", "") for ending in ("ات", "يات")
} | {f"{article}{word}": 80 for article in ("ال", "") for word in ("ثمانيات", "ثمنيات")}  # misspellings of "ثمانينات"
_CENTURIES: Mapping[str, int] = {"القرن الماضي": 1900, "القرن المنصرم": 1900, "القرن العشرين": 1900,
                                 "القرن التاسع عشر": 1800, "القرن الثامن عشر": 1700}
_DECADE_RE = re.compile(
    rf"{_QUAL}?(?:{_LB}{_alt(['عقد'])}\s+)?(?P<dec>{_LB}{_alt(_DECADE_WORDS)})"
    rf"(?:\s+(?:{_alt(['من'])}\s+)?(?P<cent>{_alt(_CENTURIES)}))?"
)
# All-numeric dates, day first as the Arabic press writes them: "07/03/2006", "8/5/2006 م". Not a Hijri one
# ("1427/4/9 هـ", "20/4/1428 هـ"): the Gregorian date the stamp pairs it with is read instead.
_NUMERIC_DATE_RE = re.compile(
    rf"(?<![{_NUM_EDGE}/\\])(?P<a>{_DIGIT}{{1,2}})\s*(?P<sep>[/.\-\\])\s*(?P<b>{_DIGIT}{{1,2}})\s*(?P=sep)\s*"
    rf"(?P<y>{_DIGIT}{{4}})(?!{_DIGIT}|/)(?!\s*ه)"  # "24\9\1995" too
    # year first, as ISO writes it ("2019-05-03", "2019/5/3"): a modern year only (1427/4/9 is Hijri)
    # (1500 to 2099: no Hijri year has come so far; "1832/09/06" is Western)
    rf"|(?<![{_NUM_EDGE}/])(?P<iy>(?:[1\u0661\u06f1][5-9\u0665-\u0669\u06f5-\u06f9]|[2\u0662\u06f2][0\u0660\u06f0]){_DIGIT}{{2}})"  # "١٩٥٦/٩/١" too
    rf"(?P<isep>[/\-])(?P<ib>{_DIGIT}{{1,2}})(?P=isep)"
    rf"(?P<ia>{_DIGIT}{{1,2}})(?!{_DIGIT}|/)(?!\s*ه)"
)
# The Hijri era written after a year: "هـ", "الهجري", "للهجرة"
# (also «هج», "38 هج": an abbreviation some pages use)
_HIJRI_MARK = (rf"(?:[\u0647\u06be\u06c1\ufee9\ufeea\ufeeb]\u0640*(?![^\W\d_])|"
               rf"{_alt(['الهجري', 'الهجرية', 'هجري', 'هجرية', 'هجريا', 'للهجرة', 'من الهجرة', 'هج'])}(?![^\W\d_]))")
# Hijri dates: "عام 91 هـ", "15 رمضان 1424 هـ", "عام 62 هـ الموافق 681 م" (with its Western year).
_PAIR_WORD = _alt(["الموافق", "الموافقة", "الموافق ل", "المصادف", "الموافق لعام", "يوافق", "ويوافق"])
_HIJRI_RE = re.compile(
    rf"(?:(?P<yw>{_LB}{YEAR_WORD_PATTERN})[\s(]*)?"
    rf"(?:(?:(?:{_tol('اليوم')}\s+)?(?:(?P<hd>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})|(?P<hod>{_LB}{ORDINAL_DAY_PATTERN}))\s*/?\s*(?:{_MIN}\s+)?)?"
    rf"(?:{_LB}{_SHAHR}\s+)?(?P<hm>{_LB}{HIJRI_MONTH_PATTERN})\s*/?\s*(?:{_MIN}\s+)?"  # "(ربيع الآخر سنة ١٣٢ هـ)"
    rf"(?:(?:{YEAR_WORD_PATTERN})\s*)?)?"
    rf"(?P<hy>(?<![{_NUM_EDGE}/]){_DIGIT}{{1,4}})\s*{_HIJRI_MARK}"
    rf"(?:\s*[-\u2013\u0640(/\\،,=]?\s*(?:{_PAIR_WORD}\s*)?(?:(?:{YEAR_WORD_PATTERN})\s*)?"
    rf"(?P<gy>(?<![{_NUM_EDGE}]){_DIGIT}{{3,4}})\s*\u0645(?![^\W\d_])\s*\)?"
    # "نحو عام 625 هـ الموافق 1228": the Western year unmarked after "الموافق" (checked like the one below)
    rf"|\s*[،,]?\s*{_PAIR_WORD}\s*(?:(?:{YEAR_WORD_PATTERN})\s*)?(?P<gy3>(?<![{_NUM_EDGE}]){_DIGIT}{{4}})(?!{_DIGIT}|\s*{_HIJRI_MARK})"
    # "456هـ / 1065", "(١٣١٥هـ= ١٨٩٧م)", "400هـ - 1009": the Western year unmarked after a sign (checked against
    # the Hijri one in _find_dates: it must be the year the Hijri one falls in)
    rf"|\s*[-\u2013/=]\s*(?P<gy2>(?<![{_NUM_EDGE}]){_DIGIT}{{3,4}})(?!{_DIGIT}|\s*{_HIJRI_MARK})\s*\)?)?"
)
_HIJRI_MARK_AFTER_RE = re.compile(rf"\s*{_HIJRI_MARK}")
_HIJRI_NUMERIC_RE = re.compile(
    rf"(?<![{_NUM_EDGE}/])(?P<hd>{_DIGIT}{{1,2}})\s*(?P<sep>[/\-.])\s*(?P<hm>{_DIGIT}{{1,2}})\s*(?P=sep)\s*"
    rf"(?P<hy>{_DIGIT}{{3,4}})\s*{_HIJRI_MARK}"
)
# The mark of a year before the common era ("قبل الميلاد", "ق.م", "270ق.م"), the year word maybe said again before it
# ("عام 500 سنة قبل الميلاد"): the model holds no such year, and it is no Hijri year either
_BCE_MARK = rf"(?:(?:{_alt(['سنة', 'عام'])}\s+)?(?:{_alt(['قبل الميلاد', 'ق م'])}|ق\s*\.\s*م(?![^\W\d_])))"
# No era mark after a year: neither "م" nor "هـ" (a marked Hijri date is _HIJRI_RE's), nor _BCE_MARK
_NO_ERA_AFTER = rf"(?!\s*(?:{_ERA_WORD}|{_HIJRI_MARK}|{_BCE_MARK}))"
# A chronicle's Hijri date without "هـ": a Hijri month with its year ("شهر شوال سنة ٧٩٥"), or a year of three digits
# after "سنة/عام" ("فى سنة ٧٩٨"): Arabic writes a Western year before 1000 with "م", so an unmarked one is Hijri.
_CHRONICLE_HIJRI_RE = re.compile(
    rf"(?:(?:(?P<hd>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})|(?P<hod>{_LB}{ORDINAL_DAY_PATTERN}))\s+(?:{_MIN}\s+)?)?(?:{_LB}{_SHAHR}\s+)?(?P<hm>{_LB}{HIJRI_MONTH_PATTERN})\s+"
    rf"(?:{_MIN}\s+)?(?:(?:{YEAR_WORD_PATTERN})\s*(?P<hy>(?<![{_NUM_EDGE}]){_DIGIT}{{3,4}})|(?P<hyb>(?<![{_NUM_EDGE}]){_DIGIT}{{3}}))"
    rf"(?!{_DIGIT}){_NO_ERA_AFTER}"  # "4 رمضان 172": a Hijri month's year of three digits needs no year word
    rf"|(?:(?<![^\W\d_])(?:[فو]?ف[يى]\s+))?{_LB}(?:{YEAR_WORD_PATTERN})\s*(?P<hy3>(?<![{_NUM_EDGE}]){_DIGIT}{{3}})(?!{_DIGIT})"
    rf"{_NO_ERA_AFTER}(?!\s*[\-\u2013/])"
)
# A span of Hijri years, maybe with its Western span after it: "(1340 ـ 1426 هـ) (1921 ـ 2005 م)".
_SPAN_DASH = r"\s*[\-\u2013\u2014\u0640_]\s*"  # "( 576 _ 635 هجري )": an underscore drawn as the dash
_HIJRI_RANGE_RE = re.compile(  # "(1340 ـ 1426 هـ)", "من سنة ٦٤٨ إلى سنة ٩٢٣ هـ"
    rf"(?:\(\s*|{_LB}{_alt(['من', 'بين'])}\s+)?(?:(?:{YEAR_WORD_PATTERN})\s*)?(?P<h1>(?<![{_NUM_EDGE}]){_DIGIT}{{1,4}})"
    rf"(?:\s*{_HIJRI_MARK})?"  # "من 13 هجرياً إلى 23 هجرياً": each end marked
    rf"(?:{_SPAN_DASH}|\s*(?:{_alt(['الى', 'حتى'])}|و)\s*)(?:(?:{YEAR_WORD_PATTERN})\s*)?(?P<h2>{_DIGIT}{{1,4}})\s*{_HIJRI_MARK}(?:\s*\))?"
    rf"(?:\s*[،,/=]?\s*[(\[]?\s*(?P<g1>{_DIGIT}{{3,4}}){_SPAN_DASH}(?P<g2>{_DIGIT}{{3,4}})\s*\u0645(?![^\W\d_])\s*[)\]]?)?"
)
_BRACKET_YEAR3_RE = re.compile(rf"\(\s*(?P<y>(?<![{_NUM_EDGE}]){_DIGIT}{{3}})\s*\)")
_LINE_END_SPAN3_RE = re.compile(
    rf"(?P<h1>(?<![{_NUM_EDGE}]){_DIGIT}{{3}})\s*[\-\u2013]\s*(?P<h2>{_DIGIT}{{3}})(?!{_DIGIT})(?P<g1>)?[ \t]*$"
)
_BRACKET_SPAN3_RE = re.compile(
    rf"\(\s*(?P<h1>(?<![{_NUM_EDGE}]){_DIGIT}{{3}})\s*[\-\u2013\u0640]\s*(?P<h2>{_DIGIT}{{3}})\s*\)(?P<g1>)?"
)
# A Hijri date with its year in words, as chronicles write it: "العشرون من جمادى الآخرة سنة سبع وخمسين وثمانمائة",
# "سنة إحدى وتسعين للهجرة". Hijri by its month's name or by "هـ/للهجرة" after it.
_YEAR_NUMBER_WORDS: Mapping[str, int] = {
    **{w: n for n, ws in enumerate((("واحد", "احدي", "احد"), ("اثنين", "اثنتين", "اثنتي", "اثني", "اثنان", "اثنتان"),
                                    ("ثلاث", "ثلاثة"), ("اربع", "اربعة"), ("خمس", "خمسة"), ("ست", "ستة"),
                                    ("سبع", "سبعة"), ("ثمان", "ثماني", "ثمانية"), ("تسع", "تسعة")), start=1)
       for w in ws},
    "عشر": 10, "عشرة": 10,
    **{f"{t}{end}": 10 * n for n, t in enumerate(("عشر", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع"), start=2)
       for end in ("ين", "ون")},
    "مائة": 100, "مئة": 100, "مائتين": 200, "مئتين": 200, "مائتان": 200, "مئتان": 200, "الف": 1000,
    "الفين": 2000, "الفان": 2000,
    **{f"{u}{h}": 100 * n for n, u in enumerate(("ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع"), start=3)
       for h in ("مائة", "مئة")},
}
_YEAR_IN_WORDS = rf"{_alt(_YEAR_NUMBER_WORDS)}(?:\s+(?:و\s*)?{_alt(_YEAR_NUMBER_WORDS)}){{0,3}}"  # "خمس عشرة"
# "من سنة إحدى وأربعين إلى أربع وستين للهجرة": a span of Hijri years in words, the mark after the second
_HIJRI_WORDS_RANGE_RE = re.compile(
    rf"{_LB}{_alt(['من', 'بين'])}\s+(?:{YEAR_WORD_PATTERN})\s+(?P<w1>{_YEAR_IN_WORDS})\s+(?:{_alt(['الى', 'حتى', 'و'])})\s+"
    rf"(?:(?:{YEAR_WORD_PATTERN})\s+)?(?P<w2>{_YEAR_IN_WORDS})\s*(?:[\u0647\ufeeb]\u0640*(?![^\W\d_])|{_alt(['للهجرة', 'من الهجرة', 'هجرية'])})"
)
# A chronicle's day of a Hijri month: "مستهل رجب", "غرة رمضان" (the first), "لثلاث عشرة ليلة خلت من ربيع الآخر" (the
# thirteenth: so many nights gone), "لخمس بقين من" (five left: counted from a 30-day month's end, as chronicles do)
_CHRONICLE_ORDINALS = {"حادي": 1, "ثاني": 2, "ثالث": 3, "رابع": 4, "خامس": 5, "سادس": 6, "سابع": 7, "ثامن": 8,
                        "تاسع": 9, "عاشر": 10}
_CHRONICLE_DAY = (
    # "خامس عشرين رمضان", "سابع عشر ذي القعدة": a chronicle's ordinal day without its article, before the month
    rf"(?:(?P<cord>{_LB}{_alt(_CHRONICLE_ORDINALS)}(?:\s+(?:و\s*)?{_alt(['عشر', 'عشرين'])})?)\s+(?:{_MIN}\s+)?(?:{_SHAHR}\s+)?"
    rf"|(?P<first>{_LB}{_alt(['مستهل', 'غرة', 'اول'])})\s+|(?P<half>{_LB}{_alt(['النصف', 'منتصف', 'نصف'])})\s+(?:{_MIN}\s+)?(?:{_SHAHR}\s+)?"
    rf"|(?P<last>{_LB}{_alt(['سلخ', 'اخر', 'آخر'])})\s+(?:{_SHAHR}\s+)?"  # "في سلخ صفر": its last day
    rf"|(?<![^\W\d_])ل(?P<nights>{_YEAR_IN_WORDS})\s+(?:{_alt(['ليلة', 'ليال', 'ليالي', 'يوما'])}\s+)?"
    rf"(?P<passed>{_alt(['خلت', 'خلون', 'مضت', 'مضين', 'بقيت', 'بقين'])})\s+{_MIN}\s+)"
)
_HIJRI_WORDS_RE = re.compile(
    rf"(?:(?:(?P<hd>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})|(?P<od>{_LB}{ORDINAL_DAY_PATTERN}))\s+(?:{_MIN}\s+)?|{_CHRONICLE_DAY})?"
    rf"(?:(?P<hm>{_LB}{HIJRI_MONTH_PATTERN})\s*[،,]?\s+(?:{_MIN}\s+)?)?"  # "ومات في ذي الحجة، سنة ست ومائتين"
    rf"{_LB}{_alt(['سنة', 'عام'])}\s+(?P<hw>{_YEAR_IN_WORDS})"
    rf"(?P<mark>\s*(?:[\u0647\u06be\u06c1\ufee9\ufeea\ufeeb]\u0640*(?![^\W\d_])|{_alt(['للهجرة', 'من الهجرة', 'هجرية'])}))?"
)


# "في السنة الثانية من الهجرة", "في اليوم السابع عشر من شهر رمضان الكريم في السنة الثانية من الهجرة", "في
# العشرين من رمضان، في العام الثامن من الهجرة": the years of the Prophet's Medina told by their order (1 to 11 AH)
_HIJRA_ORDINALS = {
    normalise_arabic(word): n for n, words in enumerate((
        ("الأولى", "الأول"), ("الثانية", "الثاني"), ("الثالثة", "الثالث"), ("الرابعة", "الرابع"),
        ("الخامسة", "الخامس"), ("السادسة", "السادس"), ("السابعة", "السابع"), ("الثامنة", "الثامن"),
        ("التاسعة", "التاسع"), ("العاشرة", "العاشر"), ("الحادية عشرة", "الحادي عشر")), start=1)
    for word in words
}
_HIJRA_ORDINAL_YEAR_RE = re.compile(
    rf"(?:(?:(?:{_tol('اليوم')}\s+)?(?:(?P<hd>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})|(?P<od>{_LB}{ORDINAL_DAY_PATTERN}))\s+"
    rf"(?:{_MIN}\s+)?)?(?:{_SHAHR}\s+)?(?P<hm>{_LB}{HIJRI_MONTH_PATTERN})"
    rf"(?:\s+{_alt(['الكريم', 'المبارك', 'المعظم', 'الحرام'])})?\s*[،,]?\s*(?:{_alt(['في', 'من'])}\s+)?)?"
    rf"{_LB}{_alt(['السنة', 'العام'])}\s+(?P<ord>{_alt(sorted({w for w in _HIJRA_ORDINALS}, key=len, reverse=True))})"
    rf"\s+{_alt(['من الهجرة', 'للهجرة', 'الهجرية', 'هجرية', 'من الهجرة النبوية', 'للهجرة النبوية'])}{_WORD_END}"
)


# "الثلاثين من نيسان من العام ألف وتسعمئة وخمسة وسبعين": a Western year in words after a day and month
_YEAR_WORDS_AFTER_RE = re.compile(
    rf"\s*(?:{_MIN}\s+)?(?:{YEAR_WORD_PATTERN})\s+(?P<w>{_YEAR_IN_WORDS})(?!\s*(?:\u0647|{_alt(['للهجرة', 'هجرية'])}))"
)


def _chronicle_hundreds(found: list[list[_Found]]) -> None:
    """"سنة ثمان وخمسين" in a chronicle of the 600s that writes "سنة ستّ وسبعين وستّ مائة" elsewhere: its
    writer left out the hundreds, which every full year in words of the text shares (658, not 58)."""
    in_words = [f for dates in found for f in dates if f.kind == "hijri" and f.data.get("in_words")]
    full = {int(f.data["groups"]["hy"]) // 100 for f in in_words if int(f.data["groups"]["hy"]) >= 100}
    hijri = [f for dates in found for f in dates if f.kind == "hijri" and to_western_digits(f.data["groups"]["hy"]).isdigit()]
    if len(full) > 1 or (not full and any(f.data.get("short") for f in hijri)):
        # several centuries, or full years given only in digits ("سنة 637" then "وفي سنة 39")
        _running_hundreds(hijri)
    if len(full) != 1:
        return
    hundreds = full.pop() * 100
    if hundreds < 200:  # "عام واحد وأربعين للهجرة" beside "مئة واثنان وثلاثين": the first two centuries both
        return
    for f in in_words:
        if int(f.data["groups"]["hy"]) < 100 and not f.data.get("marked"):
            f.data["groups"] = {**f.data["groups"], "hy": str(hundreds + int(f.data["groups"]["hy"]))}


def _short_years(text: str, found: list[list[_Found]]) -> None:
    """Drop the short years in words ("سنة خمس وثلاثين") that no chronicle's hundreds completed, unless the page
    counts in Hijri years (a mark, "هجري" or a Hijri month somewhere): there "سنة خمس وثلاثين" is 35 AH; elsewhere
    it may be anything."""
    if HIJRI_SIGN_RE.search(text):
        return
    for dates in found:
        dates[:] = [f for f in dates if not (f.data.get("short") and int(f.data["groups"]["hy"]) < 100)]


def _running_hundreds(in_words: list[_Found]) -> None:
    """"مات في سنة اثنتين و عشرين و ثلاثمائة ... و مات سنة ثلاث و ثلاثين ... و قتل في سنة إحدى عشرة و أربعمائة ... و مات
    سنة ثمان و عشرين": a chronicle through several centuries gives a year its full form now and then and leaves the
    hundreds out after it: they are the last full year's, or the next century's when that would go back in time."""
    hundreds = last = None
    for f in in_words:
        year = int(to_western_digits(f.data["groups"]["hy"]))
        if year >= 100:
            hundreds, last = year // 100 * 100, year
            continue
        if hundreds is None or last is None or hundreds < 200 or f.data.get("marked") or not f.data.get("in_words"):
            continue
        full = hundreds + year
        if full < last:
            full += 100
            hundreds += 100
        f.data["groups"] = {**f.data["groups"], "hy": str(full)}
        last = full


_HIJRI_LEAP_YEARS = frozenset({2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29})  # the tabular calendar's 30-year cycle


def _chronicle_day(m: re.Match[str]) -> str | None:
    """The day a chronicle's "مستهل/لثلاث عشرة خلت/لخمس بقين" names (see _CHRONICLE_DAY), or None."""
    if m.group("first"):
        return "1"
    if m.group("half"):
        return "15"
    if m.group("cord"):  # "خامس عشرين" = 25, "سابع عشر" = 17
        words = _norm(m.group("cord")).replace("و", " ").split()
        unit = _CHRONICLE_ORDINALS.get(words[0], 0)
        tens = 20 if "عشرين" in words[1:] else 10 if "عشر" in words[1:] else 0
        return str(unit + tens) if 1 <= unit + tens <= 30 else None
    # the tabular calendar's months: the odd ones 30 days, the even ones 29 (a leap year's last one 30)
    month = HIJRI_MONTHS.get(_norm(m.group("hm") or ""), 1)
    year = _year_from_words(m.group("hw") or "") or 0
    length = 30 if month % 2 or (month == 12 and year % 30 in _HIJRI_LEAP_YEARS) else 29
    if m.group("last"):
        return str(length)
    nights = _year_from_words(m.group("nights"))
    if nights is None or not 1 <= nights <= 29:
        return None
    left = _norm(m.group("passed")) in ("بقيت", "بقين")
    return str(length - nights if left else nights)  # "لثلاث عشرة ليلة بقيت من صفر": Safar's 29 less 13


def _year_from_words(words: str) -> int | None:
    """"سبع وخمسين وثمانمائة" -> 857: the parts of a year in words are added."""
    total, previous = 0, 0
    for word in _norm(words).replace("و ", "و").split():
        value = _YEAR_NUMBER_WORDS.get(word, _YEAR_NUMBER_WORDS.get(word[1:]) if word.startswith("و") else None)
        if value is None:
            return None
        if value == 100 and 3 <= previous <= 9 and not word.startswith("و"):  # "ثلاث مائة", written apart
            value = previous * 100 - previous
        total, previous = total + value, value
    return total or None


# Year (with a year word or a qualifier, or bare: checked later): "عام 2011", "نهاية عام 2017", "في 2014".
_SEASONS: Mapping[str, Qualifier | None] = {  # northern seasons inside the year's windows (model.py)
    "ربيع": Qualifier.EARLY, "صيف": Qualifier.MID, "خريف": Qualifier.LATE, "شتاء": None,  # winter spans two years
}
_YEAR_DATE_RE = re.compile(
    rf"(?:{_QUAL}|(?P<season>{_LB}{_alt(_SEASONS)})\s+)?(?:(?P<yw>{_LB}{YEAR_WORD_PATTERN})(?:\s*:)?{_QUOTES})?(?P<y>{_YEAR4}){_ERA_MARK}"
)
# A year word run on from the word before it: "فيعام 2010", "الحكمعام1818" (glued to its year too, when not after
# "في": "طعام 1500" is food). Read only where a cheap look finds one: a lookbehind at every place of every text costs.
_GLUED_YEAR_HINT_RE = re.compile(r"[^\W\d_](?:عام|سنة)[0-9\u0660-\u0669]|ف[يى](?:عام|سنة)")
_GLUED_YEAR_DATE_RE = re.compile(
    rf"(?:(?<=ف[يى])|(?<=[^\W\d_])(?=(?:عام|سنة){_DIGIT}))(?P<yw>عام|سنة)\s*(?P<y>{_YEAR4}){_ERA_MARK}"
)
# A Western year in words after a year word: "عام ألف وتسعمئة وثمانية عشر" (1800 to 2099 only: "سنة ألف ومائتين" in a
# chronicle of Egypt under the Ottomans is a Hijri year)
_WESTERN_YEAR_IN_WORDS_RE = re.compile(
    rf"(?P<yw>{_LB}{YEAR_WORD_PATTERN})\s+(?P<w>{_alt(['ألف', 'الف'])}\s+و\s*(?={_alt(['تسعمئة', 'تسعمائة', 'ثمانمئة', 'ثمانمائة'])})"
    rf"{_YEAR_IN_WORDS}|{_alt(['ألفين', 'الفين'])}(?:\s+و\s*{_YEAR_IN_WORDS})?)"
)
# "بين عامي 2015 و2017", "بين 2015 و2017", "من 2015 إلى 2017".
_YEAR_RANGE_RE = re.compile(
    rf"{_LB}(?:{_alt(['بين', 'مابين'])}\s+{_alt(['عامي', 'العامين', 'سنتي', 'السنتين'])}\s*"
    rf"|{_alt(['بين', 'مابين', 'من', 'منذ'])}\s+(?:{_alt(['عام', 'العام', 'سنة', 'السنة'])}\s*)?"  # "منذ 1774 إلى 1829"
    rf"|{_alt(['الفترة'])}\s+(?:{_alt(['من', 'بين'])}\s+)?)"  # "في الفترة 1470 حتى 1521"
    rf"(?P<y1>{_YEAR4})\s*(?:م\s*)?(?:و|[\-\u2013\u2014]|{_alt(['الى', 'حتى'])})\s*"  # "بين عامي 1744م-1818م"
    rf"(?:{_alt(['عام', 'العام', 'سنة', 'السنة'])}\s*)?(?P<y2>{_YEAR4})"
)
# "في موسم 1998/1999", "شتاء 2013 ــ 2014": a season that spans the turn of a year is a period of its two years
_MONTH_DASH_RANGE_RE = re.compile(  # a month, then a later month after a dash, then the year; each may have its twin
    rf"(?<![^\W\d_])(?P<m1>{_M})(?:\s*/\s*{_M})?\s*[\-\u2013]\s*(?P<m2>{_M})(?:\s*/\s*{_M})?\s*"
    rf"(?:{_alt(['عام', 'سنة'])}\s*)?(?P<y>{_YEAR4})")
_SEASON_SPAN_RE = re.compile(
    rf"{_LB}{_alt(['موسم', 'الموسم', 'شتاء'])}\s+(?P<y1>{_YEAR4})\s*(?:[/\-\u2013\u2014_]|\u0640+)\s*(?P<y2>{_YEAR4})"
)
_DASHED_YEAR_CHAIN_RE = re.compile(
    rf"(?<![{_NUM_EDGE}/]){_YEAR4}(?:[ \t]*[-\u2013][ \t]*{_YEAR4}(?![{_NUM_EDGE}/])){{2,}}")
_YEAR_IN_CHAIN_RE = re.compile(rf"(?<![{_NUM_EDGE}])(?P<y>{_YEAR4})(?![{_NUM_EDGE}])")
# "1988/1989" or, written right to left, "1989/1988": a sports or school season of two consecutive years (a list of
# trophies: "1989/1988 - 1996/1995 - 1997/1996", never read as spans across its dashes)
_SLASHED_SEASON_RE = re.compile(
    rf"(?<![{_NUM_EDGE}/])(?P<a>{_YEAR4})\s*/\s*(?P<b>{_YEAR4})(?![{_NUM_EDGE}/])"
)
# "في عامي 1940 و1944" (two years), "في سنتي 2015 و2016" (consecutive: a period). "بين عامي" is a range above.
_YEAR_PAIR_RE = re.compile(
    rf"(?<!بين ){_LB}{_alt(['عامي', 'العامين', 'سنتي', 'السنتين'])}\s+(?P<y1>{_YEAR4})(?:\s*م(?![^\W\d_]))?\s*و\s*"
    rf"(?:{_alt(['عام'])}\s*)?(?P<y2>{_YEAR4})"  # "في عامي 1872م و 1975م"
)
# "سايكس-بيكو (1916)": a year in brackets after a name dates it (not after a number: "661 (1990)" is a designation)
_BRACKETED_YEAR_RE = re.compile(  # "(1774م)", "(حوالي 1826)", "(2001 – حاليًا)" (since then: its start)
    rf"\(\s*(?:{_alt(['حوالي', 'حوالى', 'نحو'])}\s*)?(?P<y>{_YEAR4})\s*(?:{_ERA_WORD}\s*)?"
    rf"(?:[\-\u2013\u2014]\s*(?:{_alt(['حاليا', 'حتى الان', 'الان', 'اليوم', 'حتى اليوم'])})\s*)?\)"
)  # "الانقلاب الدستوري (1908م)"
_CLOSING_QUOTES = "»\"”"
# "“الزنوج البيض” 1986،", "«ستر العورة» 1989": a year right after a quoted title, ending its item, is the work's year
_WORK_YEAR_RE = re.compile(
    rf"(?:(?<=[»\"”])|(?<=[»\"”] ))(?P<y>{_YEAR4})(?={_ERA_MARK}\s*(?:[،,.؛;\n]|$|و\s*[«\"“]))"
)
# "- صباح الأول: 1756 م.": an entry of a list that names someone or something, then the year alone
_LABEL_YEAR_RE = re.compile(
    rf"(?m)(?:(?<=:)|(?<=: ))(?P<y>{_YEAR4})(?P<era>[ \t]*م(?![^\W\d_]))?(?=[ \t]*\.?[ \t]*$)"
)
_LABEL_YEARS_RE = re.compile(  # a label, a colon, then two or more years with commas, to the line's end
    rf"(?m)[^\W\d_][^:\n]{{0,60}}:[ \t]*(?P<list>{_YEAR4}(?:[ \t]*[،,][ \t]*{_YEAR4})+)[ \t]*\.?[ \t]*$")
_YEAR4_IN_LIST_RE = re.compile(rf"(?P<y>{_YEAR4})")
_LABEL_LINE_RE = re.compile(rf"[ \t\-\u2013\u2014\u2022*]*[^\W\d_][^:\n]{{0,40}}:[ \t]*{_DIGIT}{{4}}[ \t]*م?[ \t]*\.?[ \t]*$")


def _neighbour_line_like(text: str, pos: int, line: re.Pattern[str]) -> bool:
    """Whether the line above or below the line of ``pos`` is one ``line`` matches whole (one entry of a list)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    if start > 0 and line.fullmatch(text, text.rfind("\n", 0, start - 1) + 1, start - 1) is not None:
        return True
    after = text.find("\n", end + 1)
    return end < len(text) and line.fullmatch(text, end + 1, len(text) if after < 0 else after) is not None


# A list item that ends with its year: a short line "التلفزيون العراقى 1956", or "- معرض ... 1968." before the next
_YEAR_ENDED_LINE_RE = re.compile(rf"[ \t\-\u2013\u2022*]*[^\W\d_][^\d\n]{{1,60}}[ \t]{_DIGIT}{{4}}[ \t]*[.،]?[ \t]*")
_ITEM_END_RE = re.compile(r"[ \t]*[.،]?[ \t]*(?:\n|$|[\-\u2013][ \t])")
_BULLET_YEAR_ITEM_RE = re.compile(rf"(?:^|\s)[\-\u2013\u2022][ \t]+[^\d\n]{{2,80}}[ \t]{_DIGIT}{{4}}[ \t]*[.،]?(?=[ \t]*(?:\n|$|[\-\u2013][ \t]))")


def _ends_list_item(text: str, f: "_Found") -> bool:
    """Whether a bare year ends a list item: its line is a short "name year" line with another such line next to
    it, or one of two or more dash-bulleted items that each end with a year."""
    if _ITEM_END_RE.match(text, f.end) is None:
        return False
    start = text.rfind("\n", 0, f.start) + 1
    end = text.find("\n", f.end)
    end = len(text) if end < 0 else end
    if _YEAR_ENDED_LINE_RE.fullmatch(text, start, end) is not None and _neighbour_line_like(
            text, f.start, _YEAR_ENDED_LINE_RE):
        return True
    return end - start < 1000 and len(_BULLET_YEAR_ITEM_RE.findall(text, start, end)) >= 2



# Two or more "name year" items in one sentence, joined by commas or «و»: "لندن 2012، ريو 2016، وطوكيو 2020"
_INLINE_YEAR_LIST_RE = re.compile(
    # an item is a name of one to three words and its year, which may be glued on ("ودافيد كوبرفيلد1850")
    rf"(?:(?<![^\W\d_])(?:[^\W\d_]{{2,}}[ \t]+){{0,2}}[^\W\d_]{{2,}}[ \t]*{_DIGIT}{{4}}[ \t]*"
    rf"(?:[،,][ \t]*(?:و[ \t]*)?|[ \t]+و[ \t]*|[ \t]+(?=و[^\W\d_]))){{1,6}}"
    rf"(?<![^\W\d_])(?:[^\W\d_]{{2,}}[ \t]+){{0,2}}[^\W\d_]{{2,}}[ \t]*{_DIGIT}{{4}}(?!{_DIGIT})"
)
_DIGIT_BEFORE_RE = re.compile(rf"{_DIGIT}{{4}}[ \t]*[،,]?[ \t]*و?[ \t]*[^\W\d_]")
_YEAR_IN_LIST_RE = re.compile(rf"(?<!{_DIGIT}){_DIGIT}{{4}}(?!{_DIGIT})")


# The cities a book is printed in or a games' edition is named after: "بيروت 1950.", "القاهرة - 1957.", "أريحا 1990"
_CITIES = ("بيروت", "القاهرة", "بغداد", "دمشق", "القدس", "عمان", "الرياض", "الكويت", "تونس", "الجزائر", "الرباط",
           "الدار البيضاء", "الإسكندرية", "حلب", "أريحا", "نابلس", "غزة", "رام الله", "الخرطوم", "طرابلس", "صنعاء", "جدة",
           "مكة", "الدوحة", "أبوظبي", "دبي", "المنامة", "مسقط", "لندن", "باريس", "موسكو", "برلين", "روما",
           "فلسطين", "لبنان", "سوريا", "العراق", "مصر", "الأردن")
_CITY_BEFORE_RE = re.compile(rf"{_LB}{_alt(_CITIES)}[ \t]*[\-\u2013،,]?[ \t]*$")


def _in_inline_year_list(text: str, f: "_Found") -> bool:
    """Whether a bare year is one of two or more "name year" items of one sentence, the years in order (the games
    of "لندن 2012، ريو 2016، وطوكيو 2020"), not labelled figures ("السكان 1200، والمساحة 3400")."""
    after = text[f.end:f.end + 3].lstrip(" \t")[:1]
    if after not in ("،", ",", "و") and not _DIGIT_BEFORE_RE.search(text, max(0, f.start - 40), f.start):
        return False  # (cheap first: neither a next item after it nor an item before it)
    # (a window around the year, not the whole sentence: a text with no stops must stay linear)
    start = max(text.rfind("\n", f.start - 300, f.start), text.rfind(".", f.start - 300, f.start), f.start - 300, -1) + 1
    end = min((i for i in (text.find("\n", f.end, f.end + 300), text.find(".", f.end, f.end + 300)) if i >= 0),
              default=min(len(text), f.end + 300))
    for m in _INLINE_YEAR_LIST_RE.finditer(text, start, end):
        if m.start() <= f.start and f.end <= m.end():
            years = [int(to_western_digits(y.group())) for y in _YEAR_IN_LIST_RE.finditer(m.group())]
            if all(y % 50 == 0 for y in years):
                return False  # "الجنود 1500، والضباط 1700": round numbers in order are counts as often as years
            return all(1000 <= y <= 2100 for y in years) and years == sorted(years) and len(set(years)) == len(years)
    return False

def _label_year_list(text: str, pos: int) -> bool:
    """Whether the line of ``pos`` is a short "label: year" line with another such line next to it (a list, not a
    lone "المساحة: 1200")."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return _LABEL_LINE_RE.fullmatch(text, start, len(text) if end < 0 else end) is not None and (
        _neighbour_line_like(text, pos, _LABEL_LINE_RE))


_WESTERN_SPAN_LINE_RE = re.compile(rf"(?P<y1>{_DIGIT}{{3,4}})\s*[\-\u2013]\s*(?P<y2>{_DIGIT}{{3,4}})")
_SPAN_LINE_BELOW_RE = re.compile(rf"\s*\n\s*(?P<h1>{_DIGIT}{{1,4}})\s*[\-\u2013]\s*(?P<h2>{_DIGIT}{{1,4}})\s*(?:\n|$)")


def _hijri_span_below(text: str, hi: int, span: re.Match[str]) -> bool:
    """Whether the next line is the Hijri span of this line's years (each end the Hijri year the Western one meets)."""
    below = _SPAN_LINE_BELOW_RE.match(text, hi)
    if below is None:
        return False
    w1, w2 = int(to_western_digits(span.group("y1"))), int(to_western_digits(span.group("y2")))
    h1, h2 = int(to_western_digits(below.group("h1"))), int(to_western_digits(below.group("h2")))
    return w1 <= w2 and h1 <= h2 and _hijri_year_pairs(h1, w1) and _hijri_year_pairs(h2, w2)


_BRACKETED_ERA_YEAR3_RE = re.compile(rf"\(\s*(?P<y>(?<![{_NUM_EDGE}]){_DIGIT}{{3}})\s*م\s*\)")
# "من 19 ديسمبر 1914 إلى أن توفي في 9 أكتوبر 1917": until a verb's date, one or two words between
_RANGE_JOIN_RE = re.compile(
    rf"^\s*\)?\s*(?:و\s*)?(?:{_alt(['الى', 'حتى', 'لغاية', 'وحتى', 'ولغاية', 'لحد', 'لحدّ'])}(?:\s+{_alt(['ان'])}\s+[^\W\d_]+"
    rf"(?:\s+[^\W\d_]+){{0,2}}\s*(?:{_alt(['في', 'فى', 'يوم'])})?)?|و|ل)\s*$"  # "ل1 سبتمبر": Egyptian "to"
)
_RANGE_JOIN_IS_AND_RE = re.compile(r"^\s*و\s*$")
_UNTIL_WORDS_RE = re.compile(rf"^\s*[،,]?\s*(?:و\s*)?{_alt(['الى', 'حتى', 'لغاية'])}(?:\s+[^\W\d_]+){{0,2}}\s*$")
_PAIR_SPAN_GAP_RE = re.compile(r"^\s*[/\-\u2013\u2014]\s*$")
# "من 6 نوفمبر 1520م حتى وفاته في 7 سبتمبر 1566م", "من سنة 1954، بعد أن عزل نجيب، إلى وفاته سنة 1970": a reign
# or a career from its start until the end the text dates (an aside may come between)
_END_NOUNS = ("وفاته", "وفاتها", "رحيله", "رحيلها", "مقتله", "مقتلها", "اغتياله", "عزله", "سقوطه", "استقالته",
              "تنحيه", "خلعه", "موته", "اقالته", "وفاة", "اعتزاله", "تقاعده")
_UNTIL_END_RE = re.compile(
    rf"^\s*(?:[،,][^.؟!?\n]{{0,60}}?[،,])?\s*(?:و\s*)?{_alt(['الى', 'حتى', 'لغاية'])}\s+{_alt(_END_NOUNS)}"
    rf"(?:\s+[^\W\d_]+){{0,2}}?\s*(?:{_alt(['في', 'فى', 'عام', 'سنة', 'يوم'])})?\s*$"
)
# "عام 1962 واستمرت حتى عام 1970": a start, then how long it lasted
_LASTED_UNTIL_RE = re.compile(
    rf"^\s*[،,]?\s*(?:و|ف)?{_alt(['استمرت', 'استمر', 'دامت', 'دام', 'امتدت', 'امتد'])}"
    rf"(?:\s+[^\W\d_]+){{0,3}}?\s+{_alt(['حتى', 'الى', 'لغاية'])}\s*$"
    rf"|^\s*[،,]?\s*{_alt(['واستمر حتى', 'واستمرت حتى'])}\s+$"
)
# "بدأ في عام 1961 وانتهى في عام 1975": a start and an end told as one thing, years only (days and other start verbs:
# _CONTINUED_UNTIL_RE and _began_then_ended, the corpus's rule settled for the seventh round)
_BEGAN_ENDED_RE = re.compile(rf"^\s*[،,]?\s*{_alt(['وانتهى', 'وانتهت', 'وانتهي'])}\s+(?:{_alt(['في', 'فى'])}\s+)?$")
# "اندلعت في عام 1939 وانتهت في عام 1945", "في عام 1881، احتلت فرنسا تونس، ... والذي استمر حتى عام 1956", "بدأ
# البناء عام 1899 وانتهى البناء عام 1902": one thing's start and end told in one sentence, a few words between, is one
# period (the corpus's settled rule); three words at most before the verb, or it is another clause's ("قام بانقلاب
# ... وظل يحكم حتى 1985": a coup, then how long he ruled)
_CONTINUED_UNTIL_RE = re.compile(
    rf"^\s*\)?\s*(?:{_tol('ميلادية')}\s*)?[،,]?(?:\s*[^\W\d_]+){{0,3}}?\s*(?:و|ف)?"
    rf"(?:(?:{_alt(['استمر', 'استمرت', 'تستمر', 'يستمر', 'امتد', 'امتدت', 'دام', 'دامت', 'ظل', 'ظلت'])}"
    rf"(?:\s+(?:{_DIGIT}+|[^\W\d_]+)){{0,4}}?\s+{_alt(['حتى', 'الى', 'لغاية'])})"
    rf"|(?:{_alt(['انتهى', 'انتهت', 'انتهي', 'اختتمت', 'اكتمل', 'اكتملت'])}(?:\s+[^\W\d_]+){{0,2}}?))"
    rf"\s*(?:{_alt(['في', 'فى', 'يوم', 'مع', 'بحلول'])}\s*)?$"
)
_BEGAN_WORDS = frozenset(normalise_arabic(w) for w in ("بدأ", "بدأت", "ابتدأ", "ابتدأت", "بدات", "بدا", "انطلق", "انطلقت"))
_RANGE_START_WORDS = frozenset({"من", "منذ", "في", "فى"})  # "ملكا في 11 أغسطس 1952 وحتى وفاته في 7 فبراير 1999"
# "7 يونيو 1970[3]–17 يوليو 1971", "الأربعاء ٢٥ ديسمبر ١٩١٨ - الثلاثاء ٠٦ أكتوبر ١٩٨١" (each end with its weekday)
_DASH_JOIN_RE = re.compile(rf"^\s*(?:\[\d+\])?\s*[\-\u2013\u2014]\s*(?:(?:{WEEKDAY_PATTERN})\s*[،,]?\s*)?$")
# "أصبح 15 أغسطس يوم استقلال الهند", "يوم 26 فبراير ذكرى مخلدة": a day of the year named for what it recalls
_COMMEMORATION_AFTER_RE = re.compile(rf"\s*(?:{_alt(['ذكرى', 'ذكري', 'عيد', 'عيدا', 'يوم', 'يوما'])})")
_ERA_AFTER_RE = re.compile(r"\s*م(?![^\W\d_])")
_GLUED_ERA_RE = re.compile(rf"{_DIGIT}(?:م|\s*(?:{_tol('ميلاديا')}|{_tol('ميلادية')}|{_tol('ميلادي')})){_WORD_END}\s*$")
_ERA_END_RE = re.compile(rf"{_DIGIT}\s*{_ERA_WORD}\s*$")  # "1603م": a year marked as the common era's
# "(941–1014م)": a span of years the era mark makes years, even before 1000
_PDF_ERA_RANGE_RE = re.compile(
    rf"(?<![{_NUM_EDGE}])(?P<y1>{_DIGIT}{{3,4}})\s*م\s+(?P<y2>{_DIGIT}{{3,4}})\s*[\-\u2013]\s*م(?![^\W\d_])"
)
_ERA_RANGE_RE = re.compile(
    rf"(?:{_LB}{_alt(['من', 'بين'])}\s+(?:{_alt(['عام', 'العام', 'سنة'])}\s+)?)?"
    rf"(?<![{_NUM_EDGE}])(?P<y1>{_DIGIT}{{3,4}})\s*(?:م\s*)?(?:[\-\u2013\u2014_]|{_alt(['الى', 'حتى', 'و'])})\s*"
    rf"(?:{_alt(['عام', 'العام', 'سنة'])}\s+)?(?P<y2>{_DIGIT}{{3,4}})\s*{_ERA_WORD}"
)
# "وفي عام 750 ميلاديًا": a year of three digits made Western by its era word
_ERA_YEAR3_RE = re.compile(  # "عام 750 ميلاديًا"; "799 ميلادي" (the era written out needs no year word)
    rf"(?P<yw>{_LB}{YEAR_WORD_PATTERN})\s*(?P<y>(?<![{_NUM_EDGE}]){_DIGIT}{{3}})(?!{_DIGIT})\s*{_ERA_WORD}"
    rf"|(?:(?:{_LB}{YEAR_WORD_PATTERN})\s*)?(?P<y2>(?<![{_NUM_EDGE}]){_DIGIT}{{1,3}})(?!{_DIGIT})\s*"
    rf"(?:{_tol('ميلاديا')}|{_tol('ميلادية')}|{_tol('ميلادي')}|{_tol('للميلاد')}|{_tol('بعد الميلاد')}){_WORD_END}"
)
_CLAUSE_END_RE = re.compile(r"\s*(?:[،,.؛;:)\n]|$)")
_IN_WORDS = frozenset({"في"})  # normalised: "فى" reads "في"
# Before a number with "م" after it, words that make it metres, not a year of the common era
_MEASURE_WORDS = frozenset(normalise_arabic(w) for w in (
    "ارتفاع", "بارتفاع", "عمق", "بعمق", "طول", "بطول", "عرض", "بعرض", "مسافة", "بمسافة", "مساحة", "بمساحة",
    "حوالي", "نحو", "قرابة", "مسافه", "ارتفاعه", "طوله", "عمقه", "عرضه"))
_BEFORE_CHRIST_RE = re.compile(rf"\s*{_BCE_MARK}")
# "... إلى أن توفي", "من 1805 لحد سنة 1953": a start whose end follows
_UNTIL_AFTER_RE = re.compile(
    rf"\s*(?:و\s*)?{_alt(['الى', 'حتى', 'لغاية', 'لحد'])}\s+(?:{_alt(['ان', 'سنة', 'عام', 'العام', 'السنة'])}"
    rf"|{_DIGIT}{{1,2}}\s+(?:{MONTH_NAME_PATTERN}))"  # "من 1987 إلى 30 يونيو 1989": to a day
)

_UNITS: Mapping[str, tuple[str, int | None]] = {
    # word -> (unit, count implied by the word itself: 1 singular, 2 dual, None plural/counted)
    "يوم": ("day", 1), "يوما": ("day", None), "ايام": ("day", None), "يومين": ("day", 2),
    "اسبوع": ("week", 1), "اسبوعا": ("week", None), "اسابيع": ("week", None), "اسبوعين": ("week", 2),
    "شهر": ("month", 1), "شهرا": ("month", None), "اشهر": ("month", None), "شهور": ("month", None),
    "شهرين": ("month", 2),
    "عام": ("year", 1), "عاما": ("year", None), "اعوام": ("year", None), "عامين": ("year", 2),
    "سنة": ("year", 1), "سنوات": ("year", None), "سنين": ("year", None), "سنتين": ("year", 2),
}
_FEW = -1
_NUMBER_WORDS: Mapping[str, int] = {
    "واحد": 1, "ثلاثة": 3, "ثلاث": 3, "اربعة": 4, "اربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6,
    "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "ثمان": 8, "تسعة": 9, "تسع": 9, "عشرة": 10, "عشر": 10,
    "عدة": _FEW, "بضعة": _FEW, "بضع": _FEW,
    "عشرين": 20, "ثلاثين": 30, "اربعين": 40, "خمسين": 50, "ستين": 60, "سبعين": 70, "ثمانين": 80, "تسعين": 90,
    "مائة": 100, "مئة": 100,  # "بعد مائة عام من هذه الأحداث"
}
_FEW_DAYS = 4  # "a few days", "several days"
_OFFSET_RE = re.compile(
    rf"{_LB}(?P<dir>{_alt(['بعد', 'قبل'])}|(?:{_tol('بعد')}|{_tol('قبل')})(?=ه))(?:ها|ه)?\s+(?:{_alt(['ذلك', 'مرور'])}\s*)?(?:ب\s*)?"
    rf"(?:(?P<n>(?<![{_NUM_EDGE}]){_DIGIT}+|{_alt(_NUMBER_WORDS)})\s*)?"
    rf"(?P<u>{_alt(_UNITS)})(?!\s*{_DIGIT})(?!\s+{WEEKDAY_PATTERN})(?:\s+(?P<few>{_alt(['قليلة'])}))?"
)
_SAME_RE = re.compile(
    rf"{_QUAL}?(?:(?P<u1>{_LB}{_alt(['الشهر', 'العام', 'السنة', 'اليوم', 'التاريخ'])})\s+{_alt(_SAME_WORDS)}"
    rf"|{_LB}{_alt(['نفس', 'ذات'])}\s+(?P<u2>{_alt(['الشهر', 'العام', 'السنة', 'اليوم'])})"
    rf"|(?<![^\W\d_])و?ف[يى]\s+{_alt(['ذلك', 'تلك'])}\s+(?P<u3>{_alt(['اليوم', 'الشهر', 'العام', 'السنة'])})"  # "وفي ذلك اليوم"
    # "وفي نهاية الشهر": the end of the month last named (a qualifier makes "الشهر" that month)
    rf"|(?<=\s)(?P<u5>{_alt(['الشهر', 'العام', 'السنة'])})(?!\s+(?:{_alt(['الماضي', 'المقبل', 'القادم', 'التالي', 'الجاري', 'الحالي', 'المنصرم', 'الفائت', 'نفسه', 'ذاته'])}))"
    # "في وقت لاحق من الشهر", "في وقت لاحق من ذلك العام": later in the same month or year
    rf"|{_LB}{_tol('وقت')}\s+{_alt(['لاحق'])}\s+{_MIN}\s+(?:{_alt(['ذلك', 'هذا', 'نفس'])}\s+)?"
    rf"(?P<u4>{_alt(['الشهر', 'العام', 'السنة'])}))"
)
_NEXT_RE = re.compile(
    rf"{_LB}(?P<u>{_alt(['اليوم', 'الشهر', 'العام', 'السنة', 'الاسبوع'])})\s+"
    rf"{_alt(['التالي', 'التالية', 'اللاحق', 'اللاحقة', 'الموالي', 'الذي تلاه', 'الذي يليه', 'الذي تلا ذلك', 'التي تلته', 'التي تليه'])}"
)
# "وفي صفر من هذه السنة", "في شوال منها": a Hijri month of the chronicle's year last named
_HIJRI_MONTH_OF_YEAR_RE = re.compile(
    rf"(?P<hm>{_LB}{HIJRI_MONTH_PATTERN})\s+(?:{_alt(['من هذه السنة', 'من هذا العام', 'من السنة نفسها', 'من العام نفسه', 'منها'])})"
    rf"(?![^\W\d_])"
)
_MONTH_AFTER_YEAR_RE = re.compile(rf"\s*[،,]?\s*(?:{_alt(['في', 'فى'])}\s+)(?:{_alt(['شهر'])}\s+)?(?P<hm>{HIJRI_MONTH_PATTERN})")
# A chronicle's "in it" (the year last named): "وفيها سار ..." opening a sentence, "في هذه السنة"
_IN_THAT_YEAR_RE = re.compile(
    rf"(?P<opening>(?<![^\W\d_])[وف]?ف{_MARKS}ي{_MARKS}ه{_MARKS}ا{_MARKS}(?![^\W\d_]))"
    rf"|{_LB}{_alt(['في هذه السنة', 'في تلك السنة', 'وفي هذه السنة', 'وفي تلك السنة', 'في هذه السنه'])}"
)
# "the day before" ("في اليوم السابق", "اليوم الذي قبله", colloquial "باليوم اللي قبله") and the colloquial
# "the next day" ("ثاني يوم", "تاني يوم", "اليوم اللي بعده").
_DAY_BEFORE_RE = re.compile(
    rf"{_LB}{_tol('اليوم')}\s+(?:{_alt(['السابق', 'الذي قبله', 'اللي قبله', 'الذي سبقه', 'اللي سبقه', 'الذي سبق ذلك'])})"
)
_NEXT_DAY_RE = re.compile(
    rf"{_LB}(?:{_alt(['ثاني يوم', 'تاني يوم', 'اليوم الذي يليه', 'اليوم اللي بعده', 'اليوم الذي بعده', 'اليوم الذي تلاه'])})"
)
_HAS_MARKS_RE = re.compile(_MARKS[:-1] + "+")  # tashkeel or tatweel: a literal test such as "يوم" in text may miss
_MAYBE_HIJRI_RE = re.compile(
    rf"{_DIGIT}\s*(?:[\u0647\u06be\u06c1\ufee9\ufeea\ufeeb]\u0640*|هج)(?![^\W\d_])|{HIJRI_MONTH_PATTERN}")
# A clock time opening a line of a one-day timeline ("7.59 صباحًا"): an event of that day.
_CLOCK_RE = re.compile(
    rf"(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}}[.:]{_DIGIT}{{2}}(?!{_DIGIT})\s*"
    rf"(?:{_alt(['صباحا', 'مساء', 'ظهرا', 'فجرا', 'ليلا', 'عصرا', 'ص', 'م'])})"
)
# "في تمام الساعة العاشرة مساءً", "عند الساعة 00:11", "في الساعة 7:32 مساءً": a time of the day last dated
_HOUR_WORDS: Mapping[str, int] = {
    "الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6, "السابعة": 7,
    "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11, "الثانية عشرة": 12}
_PM_WORDS = frozenset({"مساء", "ليلا", "عصرا", "م", "مساءا"})
_CLOCK_IN_TEXT_RE = re.compile(
    rf"(?:{_LB}{_alt(['في', 'عند', 'قرابة', 'حوالي', 'نحو'])}\s+)?(?:{_alt(['تمام'])}\s+)?{_LB}{_tol('الساعة')}\s+"
    rf"(?:(?P<h>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})(?:[:.](?P<mi>{_DIGIT}{{2}}))?(?!{_DIGIT})|(?P<hw>{_alt(_HOUR_WORDS)}))"
    rf"(?:\s*(?P<ap>{_alt(['صباحا', 'مساء', 'مساءا', 'ليلا', 'ظهرا', 'فجرا', 'عصرا', 'ص', 'م'])}))?"
)
# "بعد ظهر اليوم" in a diary: the day of its heading. Not "اليوم التالي/نفسه/الحادي والخمسين" (an adjective
# follows), nor "اليوم الذي/اللي".
_TODAY_RE = re.compile(rf"(?<!ذلك )(?<!ذات )(?<!نفس )(?<!تلك ){_LB}{_tol('اليوم')}{_WORD_END}(?!\s+ال)")  # not "ذلك اليوم"
# "قال لرويترز يوم الثلاثاء": in a report with a dated stamp, the stamp's day when the weekday is its own. Not
# "اليوم الثلاثاء" (the present, no event), nor "يوم الأحد المقبل/الماضي".
_WEEKDAY_ON_RE = re.compile(
    rf"(?<!ال){_LB}{_tol('يوم')}\s+(?P<w>{WEEKDAY_PATTERN})"
    rf"(?!\s*[،,]?\s*(?:{_DIGIT}|{_alt(['المقبل', 'القادم', 'الماضي', 'المنصرم', 'الفائت', 'التالي', 'الموافق'])}))"
)
_WEEKDAY_PAST_RE = re.compile(
    rf"(?:{_LB}{_alt(['يوم', 'مساء', 'صباح', 'ليلة', 'فجر', 'ظهر'])}\s+)?(?<![^\W\d_])(?:و|ف)?(?P<w>{WEEKDAY_PATTERN})"
    rf"\s+{_alt(['الماضي', 'المنصرم', 'الفائت'])}"
)
# A list entry that is a day, or a span of days, of the month its heading names: "- 22: ...", "- من 23 إلى 25:
# ...", also right after the heading on its line ("* فبراير (شباط) 2011 - من 15 إلى 19: ...").
_DAYS_ENTRY = (
    rf"(?:{_alt(['من', 'في', 'فى', 'يوم'])}\s+)?(?P<d>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})"
    rf"(?:\s*(?:{_alt(['الى', 'حتى'])}|[\-\u2013])\s*(?P<d2>{_DIGIT}{{1,2}}))?(?!{_DIGIT})(?=\s*:)"
)
# "- 5/ 1948: ..." a list entry dated by its month, in numbers
_NUMERIC_MONTH_ENTRY_RE = re.compile(
    rf"[\s\-\u2013\u2014\u2022\u0640*>#]*(?P<e>(?P<m>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})\s*/\s*(?P<y>{_DIGIT}{{4}}))(?=\s*[:\-\u2013])"
)
_BARE_DAY_ENTRY_RE = re.compile(rf"[\s\-\u2013\u2014\u2022\u0640*>#]*(?P<e>{_DAYS_ENTRY})")
_AFTER_HEADING_ENTRY_RE = re.compile(rf"\s*[\-\u2013\u2014]?\s*(?P<e>{_DAYS_ENTRY})")
# "وفي 26 منه", "في التاسع منه": a day of the month last named ("of it")
_DAY_OF_IT_RE = re.compile(
    rf"(?:(?P<d>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})|(?P<od>{_LB}{ORDINAL_DAY_PATTERN}))\s+"
    rf"(?:{_alt(['منه'])}|{_MIN}\s+{_alt(['الشهر ذاته', 'الشهر نفسه', 'نفس الشهر', 'ذات الشهر'])}"
    # "في التاسع من الشهر": the month the passage is in (not "الشهر الماضي/المقبل", another month)
    rf"|{_MIN}\s+{_alt(['الشهر'])}(?![^\W\d_]|\s+ال))"  # not "الشهر الماضي/العاشر": another month
)
# A day entry under a month heading: "> يوم 19: ...", "- يوم 3 -".
_DAY_ENTRY_RE = re.compile(
    rf"{_LB}{_tol('يوم')}\s+(?P<d>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})(?!{_DIGIT})(?=\s*[:\-\u2013\u2014])"
    rf"(?!\s*[\-\u2013]\s*{_DIGIT}{{1,2}}\s*[\-\u2013]\s*{_DIGIT}{{4}})"  # not "يوم 2-1-2024": a whole date in numbers
)
# "(1975–1990)", "1954-1962": two years joined by a dash are a period.
# "1789-91": the end's century left out, as English-style timelines write it
_SLASH_ENTRY_RE = re.compile(rf"(?P<y1>{_YEAR4})\s*/\s*(?P<y2>{_YEAR4})(?=\s*[:\-\u2013\u2014])")
_DASH_RANGE_RE = re.compile(
    # "(1135 ـ 1159)", "1218_ 1220", 'عام "1954-1962"'
    rf"(?:(?P<yw>{_LB}{YEAR_WORD_PATTERN}){_QUOTES})?(?P<y1>{_YEAR4})\s*(?:[\-\u2013\u2014_]{{1,2}}|\u0640+)\s*"
    rf"(?P<y2>{_YEAR4}|(?<![{_NUM_EDGE}]){_DIGIT}{{2}}(?!{_DIGIT}|[.,]{_DIGIT}))"
)
# A list entry that opens with its year: "1920، أيلول/سبتمبر – ..." (then the month) or "1944 – وافقت ..." (the
# year alone, followed by a dash or colon and words: not "1516 – 1918").
_ENTRY_MARK_RE = re.compile(r"\s*[:\-\u2013\u2014]")
_YEAR_FIRST_RE = re.compile(  # "1920، أيلول/سبتمبر –", "2005 14 شباط:"
    rf"(?P<y>{_YEAR4}){_ERA_MARK}\s*(?:[،,]\s*|\s+)"  # "1920 أيلول - عصبة الأمم ...": a space will do
    rf"(?:(?P<d>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})\s*|(?P<od>{_LB}{ORDINAL_DAY_PATTERN})\s+(?:{_MIN}\s+)?)?"
    rf"{_MONTH_PAIR}(?=\s*[:\-\u2013\u2014])"
)
# "في مثل هذا اليوم من عام 1991": the page's day (layout.py) of that year.
_THIS_DAY_YEAR_RE = re.compile(
    rf"(?:{_LB}{_alt(['في', 'فى'])}\s+)?{ON_THIS_DAY_RE.pattern}\s*[،,]?\s*(?:{_MIN}\s+)?"
    rf"(?:{YEAR_WORD_PATTERN})\s*(?P<y>(?<![{_NUM_EDGE}]){_DIGIT}{{1,4}})(?!{_DIGIT}){_ERA_MARK}"
)
# An entry of an "on this day" list: "622 - ذكرى الهجرة", "1962 - الرئيس ...": the page's day of that year.
_THIS_DAY_ENTRY_RE = re.compile(  # "1948 ــ ..." too: a tatweel drawn as the dash
    rf"(?P<y>(?<![{_NUM_EDGE}]){_DIGIT}{{1,4}})(?!{_DIGIT}){_ERA_MARK}(?=\s*(?:[:\-\u2013\u2014]|\u0640+)\s*(?!{_DIGIT})[^\W\d_])"
)
# "/1095/ البابا يدعو ...", "/1995/ 15 قتيلا ...": a year between slashes opening its line is the entry's year
_THIS_DAY_SLASHED_ENTRY_RE = re.compile(rf"/(?P<y>{_DIGIT}{{3,4}})/(?=[ \t]*\S)")
_THIS_DAY_SPACED_ENTRY_RE = re.compile(rf"(?P<y>{_DIGIT}{{3,4}})(?=[ \t]+[^\W\d_])")
_SPACED_ENTRY_LINE_RE = re.compile(rf"[ \t]*{_DIGIT}{{3,4}}[ \t]+[^\W\d_].*")  # "1187  قوات ...": a whole line
# What may open a run-on entry of an "on this day" page: its section's word ("مواليد 1737 - ...")
_THIS_DAY_SECTION_RE = re.compile(
    rf"\s*(?:(?:{_tol('حدث')}\s+)?(?:{_alt(['في', 'فى'])}\s+)?{ON_THIS_DAY_RE.pattern}|"
    rf"{_alt(['مواليد', 'وفيات', 'الراحلون', 'الوفيات', 'المواليد', 'احداث', 'الاحداث'])})?\s*[:\-]?\s*"
)
_SAME_DAY_OF_YEAR_RE = re.compile(
    rf"(?:{_LB}{_alt(['في', 'فى'])}\s+)?(?:{_tol('اليوم')}\s+{_alt(_SAME_WORDS)}|{_alt(['نفس', 'ذات'])}\s+{_tol('اليوم')})"
    rf"\s+{_MIN}\s+(?:{YEAR_WORD_PATTERN})\s*(?P<y>(?<![{_NUM_EDGE}]){_DIGIT}{{4}})(?!{_DIGIT})"
)
# "وفي عام 1980" opening an item of such a page
_GLUED_ENTRY_YEAR_RE = re.compile(rf"(?<![{_NUM_EDGE}])(?P<y>{_DIGIT}{{3,4}})(?=[^\W\d_]{{2}})")
_THIS_DAY_IN_YEAR_RE = re.compile(
    rf"(?<![^\W\d_])[وف]?{_alt(['في', 'فى'])}\s*(?:(?:{YEAR_WORD_PATTERN})\s*)?(?P<y>(?<![{_NUM_EDGE}]){_DIGIT}{{4}})(?!{_DIGIT})"
    rf"(?!\s*[\-\u2013/]\s*{_DIGIT})"
)
# "من عام 89 من القرن الماضي": a two-digit year with its century, after a day and month.
_CENTURY_YEAR_RE = re.compile(
    rf"\s*(?:{_MIN}\s+)?(?:{YEAR_WORD_PATTERN})\s*(?P<yy>(?<![{_NUM_EDGE}]){_DIGIT}{{2}})(?!{_DIGIT})\s+"
    rf"(?:{_MIN}\s+)?(?P<cent>{_alt(['القرن الماضي', 'القرن المنصرم', 'القرن العشرين', 'القرن التاسع عشر'])})"
)
_BARE_ENTRY_YEAR_RE = re.compile(rf"(?P<y>{_YEAR4})(?=[ \t]*[^\W\d_])")
_MARKED_ENTRY_YEAR_RE = re.compile(rf"(?P<y>{_YEAR4})(?=\s+[^\W\d_])")
_ENTRY_YEAR_RE = re.compile(  # "1944 – وافقت ...", "/1095/ البابا يدعو ..."
    rf"(?P<y>{_YEAR4}){_ERA_MARK}(?=\s*[:\-\u2013\u2014.]\s*(?!{_DIGIT})[^\W\d_])|/(?P<sy>{_YEAR4})/(?=\s*[^\W\d_])")


_RUN_ON_ENTRY_RE = re.compile(r"[.؛]\s*[\-\u2013\u2014]\s*$")


def _line_start(text: str, pos: int) -> int:
    """Where the line of ``pos`` starts (looking back a few characters only: list markers are short)."""
    start = text.rfind("\n", max(0, pos - 12), pos)
    return start + 1 if start >= 0 else max(0, pos - 12)


# What may stand before a list entry on its line: spaces, dashes, bullets («•», «·», «●», «▪», «◦»), «*», «>», «#»
_LIST_MARKERS = " \t\u00a0-\u2013\u2014\u2022\u00b7\u25cf\u25aa\u25e6\u0640*>#"


def _opens_line(text: str, pos: int) -> bool:
    """Whether only list markers stand between the start of the line and ``pos``."""
    i = pos
    while i > 0 and pos - i < 12 and text[i - 1] in _LIST_MARKERS:
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def _after_entry_break(text: str, lo: int, pos: int) -> bool:
    """"... في 1979: 1979 - 1989: الاحتلال ...": in a run-on list (no line breaks), an entry opens after a
    colon or a full stop."""
    before = text[max(lo, pos - 3):pos].rstrip()
    return pos == lo or before.endswith((":", ".", "؛"))



def _reversed_span_stands_alone(text: str, start: int, end: int) -> bool:
    """Whether two years joined by a dash stand alone: in brackets of their own ("(1948-1918)") or as all of their
    line but a bullet and a stop ("* 2009-2003.", "1999 - 1961"), where a later year first can only be a period
    written right to left, not a subtraction or a score."""
    if text[max(0, start - 2):start].strip().endswith("(") and text[end:end + 2].strip().startswith(")"):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip(_LIST_MARKERS) and not text[end:line_end].strip(" \t.:،,")

def _bracketed_after_name(text: str, lo: int, start: int, end: int) -> bool:
    """"«حسني مبارك» (1981-2011)": a period in brackets right after a name is that person's or thing's dates."""
    before = text[lo:start].rstrip(" (")
    return text[max(lo, start - 2):start].strip().endswith("(") and text[end:end + 2].strip().startswith(")") and (
        before[-1:] in "»\"”" or _is_letter(before[-1:] or "0"))


def _dash_range_framed(text: str, lo: int, start: int, end: int) -> bool:
    """"(1975–1990)" after a name, "من 1954-1962": a dash between two years is a period when it is bracketed or
    introduced; bare in running text ("موقع بي بي سي 1920-2009") it is a source's coverage, a page range or a
    code, not a dated statement."""
    if text[max(lo, start - 2):start].strip().endswith("(") and text[end:end + 2].strip().startswith(")"):
        return True
    if _last_word(text, lo, start) in _PARTICLE_ONE or _last_word(text, lo, start) in ("بين", "عامي", "الفترة"):
        return True
    if text[max(lo, start - 3):start].strip().endswith(":"):  # "ليونيد برجينيف: 1906-1982": a glossary's life span
        return True
    # "الحرب العراقية الإيرانية 1980-1988", "والحكم الثنائي البريطاني - المصري 1898 – 1956": the period of an event
    # or a reign named just before it
    words = [t[2] for t in _last_words(text, lo, start, need=6)][-5:]
    words = [w[1:] if w.startswith("وال") else w for w in words]
    if any(_is_name_noun(w) or _is_name_noun(w[2:]) or w in _PERIOD_NOUNS or w[2:] in _PERIOD_NOUNS
           or w in _OFFICE_NOUNS for w in words):  # "رئيس الاتحاد السوفياتي 1964-1982": a term of office
        return True
    # Two whole years a dash joins in running prose are a period ("الحرب الأهلية ... في الخرطوم 1959-1972 ثم
    # 1983-2005") unless they follow a source ("موقع بي بي سي 1920-2009": its coverage) or count something
    if not re.fullmatch(rf"{_DIGIT}{{4}}\s*(?:[\-\u2013\u2014]|\u0640+)\s*{_DIGIT}{{2}}(?:{_DIGIT}{{2}})?", text[start:end]) or (
            _is_count_word(text, end)):  # ("ليوطي 1912–25": the end's century left out)
        return False
    return not any(w in _SOURCE_WORDS or w[2:] in _SOURCE_WORDS for w in words[-3:])


_SOURCE_WORDS = frozenset(normalise_arabic(w) for w in (
    "موقع", "مصدر", "المصدر", "ارشيف", "أرشيف", "مجلة", "صحيفة", "جريدة", "وكالة", "سي", "نيوز", "تقرير", "دراسة",
    "كتاب", "انظر", "المرجع", "مرجع"))


_OFFICE_NOUNS = frozenset(normalise_arabic(w) for w in (
    "رئيس", "رئيسا", "ملك", "ملكا", "سلطان", "سلطانا", "خليفة", "أمير", "أميرا", "وزير", "وزيرا", "حاكم", "حاكما",
    "إمبراطور", "إمبراطورا", "شاه", "بابا", "قيصر", "مستشار", "مستشارا", "والي", "واليا"))


_PERIOD_NOUNS = frozenset(normalise_arabic(w) for w in (
    "حكم", "عهد", "فترة", "مرحلة", "ولاية", "احتلال", "انتداب", "حصار", "أزمة", "نزاع", "صراع", "معركة", "غزو",
    "رئاسة", "خلافة", "دولة", "مملكة", "إمبراطورية", "سلطنة", "حقبة", "عصر", "محاكمة", "حرب", "ثورة", "انتفاضة",
    "سجن", "نفي", "منفى", "مفاوضات", "هدنة", "حملة", "بعثة", "إضراب", "عصيان", "تمرد", "اعتصام", "مقاطعة"))


# Nouns that make a day and month without a year a name: "ثورة 25 يناير", "أحداث الحادي عشر من سبتمبر".
_NAME_NOUNS = frozenset(normalise_arabic(w) for w in (
    "ثورة", "أحداث", "هجمات", "اعتداءات", "انتفاضة", "حركة", "تفجيرات", "جمعة", "مجزرة", "عملية", "حرب",
    "اتفاق", "اتفاقية", "بيان", "ميدان", "شارع", "جسر", "مدينة", "حي",
))

_PRESENT_REL_RE = re.compile(
    rf"{_LB}(?:(?P<u>{_alt(['العام', 'السنة'])})\s+(?P<w>{_alt(['الماضي', 'الماضية', 'المنصرم', 'الفائت', 'الحالي', 'الحالية', 'الجاري', 'الجارية'])})"
    rf"|(?P<this>{_alt(['هذا العام', 'هذه السنة'])}))"
)
_PRESENT_MARKER_RE = re.compile(
    rf"{_LB}(?:{_tol('اليوم')}{_WORD_END}(?!\s+{_alt(['التالي', 'نفسه', 'ذاته', 'الذي', 'اللي', 'السابق', 'الاول', 'الثاني', 'الاخير'])})"
    rf"|{_alt(['الاسابيع الاخيرة', 'الايام الاخيرة', 'الاسابيع الماضية', 'الايام الماضية', 'هذا الاسبوع', 'حاليا'])})"
)

_ANNIVERSARY_UNITS = ("الحادية", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة")
_ANNIVERSARY_TENS = {"العشرين": 20, "الثلاثين": 30, "الاربعين": 40, "الخمسين": 50, "الستين": 60,
                     "السبعين": 70, "الثمانين": 80, "التسعين": 90}
_ANNIVERSARY_ORDINALS: Mapping[str, int] = {
    "الاولي": 1,
    **{w: n for n, w in enumerate(_ANNIVERSARY_UNITS[1:], start=2)},
    "العاشرة": 10,
    **{f"{w} عشرة": n for n, w in enumerate(_ANNIVERSARY_UNITS, start=11)},
    **_ANNIVERSARY_TENS,
    **{f"{w} و{t}": n + tn for t, tn in _ANNIVERSARY_TENS.items() for n, w in enumerate(_ANNIVERSARY_UNITS, start=1)},
    "المئوية": 100,
}
_ANNIVERSARY_RE = re.compile(
    rf"(?:(?P<prep>{_LB}{_alt(['قبيل', 'قبل', 'عشية', 'في', 'بعد', 'عقب', 'مع', 'بمناسبة'])})\s+)?"
    rf"(?:{_alt(['حلول'])}\s+)?{_LB}{_alt(['الذكري'])}\s+(?:{_alt(['السنوية'])}\s+)?"
    rf"(?:(?P<ord>{_alt(_ANNIVERSARY_ORDINALS)})|(?:ال\s*ـ?\s*)?(?P<num>{_DIGIT}{{1,3}}))\s+"
    rf"(?:{_alt(['السنوية'])}\s+)?(?P<noun>[^\W\d_]+)"
)
_WEEKDAY_BEFORE_RE = re.compile(rf"{_LB}(?P<w>{WEEKDAY_PATTERN})\s*[،,]?\s*$")

# Words after a number that show it counts things, so it is not a year.
_COUNT_WORDS = frozenset(normalise_arabic(w) for w in (
    "جندي", "جنديا", "جنود", "عنصر", "عنصرا", "عناصر", "طالب", "طالبا", "طلاب", "غارة", "غارات", "هدف", "هدفا",
    "قتيل", "قتيلا", "قتلى", "شخص", "شخصا", "اشخاص", "مدني", "مدنيا", "مدنيين", "مقاتل", "مقاتلا", "مقاتلين",
    "رجل", "امرأة", "طفل", "طفلا", "اطفال", "دولار", "دولارا", "يورو", "دينار", "مليون", "مليار", "الف", "الاف",
    "بالمئة", "بالمائة", "%", "كيلومتر", "كيلومترا", "كلم", "متر", "ميل", "طن", "صاروخ", "صاروخا", "صواريخ",
    "منزل", "منزلا", "قاعدة", "موقع", "موقعا", "حالة", "وفاة", "اصابة", "جريح", "جرحى", "لاجئ", "نازح", "عائلة",
    "اسرة", "مرة", "قنبلة", "طائرة", "دبابة", "سيارة", "برميل", "ميغاواط", "صوت", "مقعد", "مقعدا", "نسمة",
    "فرد", "فردا", "افراد", "موظف", "موظفا", "ضابط", "ضابطا", "مستشار", "مستشارا", "بحار", "طيار",
))
_TANWEEN_FATH = "\u064b"
_ADVERBS = frozenset(normalise_arabic(w).rstrip("ا") for w in (
    "أيضاً", "تقريباً", "رسمياً", "تحديداً", "سابقاً", "لاحقاً", "فعلاً", "مثلاً", "أساساً", "حصراً", "كثيراً",
    "مجدداً", "نهائياً", "جزئياً", "كلياً", "فوراً", "تدريجياً", "مبدئياً", "عملياً", "عموماً", "خصوصاً",
    "أخيراً", "مؤخراً", "سنوياً", "شهرياً", "تماماً", "بعيداً", "قريباً", "معاً", "أولاً", "ثانياً", "ثالثاً",
))

# Particles in front of a date (normalised, with و/ف stripped).
_AT, _SINCE, _DEADLINE, _BEFORE_AFTER, _NONE = "at", "since", "deadline", "before-after", "none"
_PARTICLE_ONE = {"في": _AT, "خلال": _AT, "بتاريخ": _AT, "مع": _AT, "منذ": _SINCE, "من": _SINCE,
                 "بحلول": _DEADLINE, "حتي": _DEADLINE, "الي": _DEADLINE, "لغاية": _DEADLINE,
                 "قبل": _BEFORE_AFTER, "قبيل": _BEFORE_AFTER, "بعد": _BEFORE_AFTER, "عقب": _BEFORE_AFTER}
# "ستضع حدا لمهمتها اعتبارا من نهاية 2021": "as from" is a plan's date as often as a start
_PARTICLE_TWO = {"اعتبارا من": _DEADLINE, "ابتداء من": _DEADLINE, "بدءا من": _DEADLINE, "مع حلول": _DEADLINE}
_BARE_YEAR_PARTICLES = frozenset({"في", "منذ", "حتي", "بحلول", "خلال", "قبل", "بعد", "عامي", "سنتي", "تاريخ", "مواليد",
                                  "اعوام", "الاعوام", "سنوات", "السنوات",  # "أعوام 1987، و1993 و1999"
                                  "ولد", "ولدت", "توفي", "توفيت"})  # "وُلِد 1830 في فاس"
_SKIP_BEFORE = frozenset({"يوم", "تاريخ"})
_WHEN_AFTER_RE = re.compile(rf"^\s*[،,]?\s*{_alt(['حين', 'حينما', 'عندما', 'لما', 'يومها'])}")
_CONTINUATION = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "ذلك", "هو", "هي", "هذا", "هذه",
                           "مما", "ما"})
_RELATIVE = frozenset({"اللي", "الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي"})
_NEGATIONS = frozenset({"لم", "ما"})  # past negations: "لن/لا ... حتى" is a plan or a condition
_CONNECTOR_WORDS = frozenset({"و", "ف", "ثم", "لكن", "ولكن", "كما", "بينما"})

_SENTENCE_END_RE = re.compile(r"\n|[!?؟]|(?<![0-9\u0660-\u0669])\.|\.(?![0-9\u0660-\u0669])")
_FRAGMENT_SEP_RE = re.compile(
    rf"[،؛;:]|,(?!{_DIGIT})|(?<!{_DIGIT}),|\s(?=(?:و\s*)?(?:من\s+)?ثم{_WORD_END})"
    # "ولد في 4 مارس 1769 - توفي في 2 أغسطس 1849": a spaced dash between a date and a word joins two statements
    rf"|(?<={_DIGIT})\s+[\-\u2013\u2014]\s+(?=[^\W\d_]{{3}})|(?<={_DIGIT}\s[م])\s+[\-\u2013\u2014]\s+(?=[^\W\d_]{{3}})"
    # "«مدينة الريح» 1985 و«ستر العورة» 1989": the next work of a list, after the last one's year
    rf"|(?<={_DIGIT})\s+(?=و\s*[«\"“])"
)
_WORD_RE = re.compile(r"[^\W\d_]+|[0-9\u0660-\u0669\u06f0-\u06f9]+|%")


# -- lines, headings, stamps, scopes ------------------------------------------------------------------------

_LINE_JUNK = r"[\s\-\u2013\u2014\u2022\u00b7\u25cf\u25aa\u25e6\u0640*>#]*"  # list markers a line may start with ("- ", "• ", "· ")
# ... and the weekday a diary's day entry opens with ("• الخميس 19 مارس: ...")
_LINE_OPENING_RE = re.compile(rf"{_LINE_JUNK}(?:(?:{_tol('يوم')}\s+)?(?:{WEEKDAY_PATTERN})\s*[،,]?\s*)?")
# A line that is only a year or a month and year: a heading whose date the entries under it inherit.
_HEADING_RE = re.compile(
    rf"^{_LINE_JUNK}(?:(?:{YEAR_WORD_PATTERN})\s*)?(?P<y>{_YEAR4}){_ERA_MARK}\s*[:\-\u2013\u2014]?"
    rf"(?:\s*[\"“”«]\s*[^\n\"“”«»]{{1,40}}[\"“”»])?\s*$"  # "2011 ” الشرارة “": the year's part, named in quotes
    rf"|^{_LINE_JUNK}{_MONTH_PAIR}\s*[،,]?\s*(?:(?:{YEAR_WORD_PATTERN})\s*)?(?P<my>{_YEAR4}){_ERA_MARK}"
    rf"\s*[:\-\u2013\u2014]?\s*$",
    re.MULTILINE,
)
# Publication and update stamps: "نُشر يوم ...", "آخر تحديث ...", "... (آخر تحديث)", "تاريخ النشر".
_STAMP_BEFORE_RE = re.compile(
    rf"(?P<w>{_LB}(?:{_alt(['اخر', 'تاريخ', 'تم'])}\s+)?{_alt(['نشر', 'تحديث', 'النشر', 'التحديث', 'محدث', 'نشرت'])})"
    rf"(?:\s+{_alt(['يوم', 'في', 'بتاريخ'])})?\s*[،,:]?(?:\s*{WEEKDAY_PATTERN})?\s*[،,:]?\s*$"
)
_STAMP_AFTER_RE = re.compile(rf"[^\n]{{0,12}}\(\s*{_alt(['اخر تحديث', 'تحديث', 'نشر'])}\s*\)")
# "The deadliest since May 2012": a point of comparison after a superlative, not an event.
_COMPARISON_WORDS = frozenset(normalise_arabic(w) for w in (
    "الأكثر", "الأكبر", "الأعنف", "الأسوأ", "الأعلى", "الأدنى", "الأول", "الأولى", "أكثر", "أكبر", "أعنف",
    "أسوأ", "أعلى", "أدنى", "أشد", "الأشد", "أول", "لأول", "الأطول", "أطول", "الأقوى", "أقوى",
))
# A sentence that announces a chronology ("here are the main events since ..."): its dates are the list's
# scope, not events.
_SCOPE_RE = re.compile(
    _alt(["فيما يلي", "في ما يلي", "فيما ياتي", "في ما ياتي", "ترتيب زمني", "تسلسل زمني", "تسلسلا زمنيا",
          "التسلسل الزمني", "الترتيب الزمني", "ابرز التطورات", "ابرز الاحداث", "ابرز المحطات", "اليكم ابرز",
          "خط زمني", "الخط الزمني", "المحطات الرئيسية", "اهم المحطات", "ابرز محطات", "اهم محطات", "اهم الاحداث"])
)


class _Lines:
    """Where each line starts, to tell a list entry ("- 14 أكتوبر: ...") from a date in running text."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def start_of(self, pos: int) -> int:
        return self.starts[bisect_right(self.starts, pos) - 1]

    def end_of(self, pos: int) -> int:
        index = bisect_right(self.starts, pos)
        return self.starts[index] - 1 if index < len(self.starts) else len(self.text)

    def lines_above(self, pos: int, cap: int) -> int:
        """How many non-empty lines stand above ``pos``'s line, counting at most ``cap`` + 1 (from the top, so
        asking it for every date of a long list stays linear)."""
        count = 0
        for index, start in enumerate(self.starts):
            if start >= self.start_of(pos) or count > cap:
                break
            end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
            count += bool(self.text[start:end].strip())
        return count

    def at_line_start(self, pos: int) -> bool:
        """Whether only list markers stand between the line's start and ``pos`` (a few characters at most:
        slicing a long line up to every date in it would make a text without line breaks quadratic)."""
        start = self.start_of(pos)
        return pos - start <= 24 and _LINE_OPENING_RE.fullmatch(self.text, start, pos) is not None


def _is_stamp(text: str, lines: _Lines, f: "_Found") -> bool:
    """A publication or update stamp ("نُشر يوم الثلاثاء, 15 مارس 2016", "... 2006 م (آخر تحديث)")."""
    line_start = lines.start_of(f.start)
    near, far = max(line_start, f.start - 40), max(line_start, f.start - 100)
    # (cheap first: a clock needs its colon, a byline its word; every date of a text passes here)
    if ":" in text[near:f.start] and _CLOCK_BEFORE_RE.search(text, near, f.start):
        return True
    if "بواسط" in text[far:f.start] and _BYLINE_BEFORE_RE.search(text, far, f.start):
        return True
    m = _STAMP_BEFORE_RE.search(text, max(line_start, f.start - 40), f.start)
    # "نشر" is also "deployed" ("نشر الجيش قواته في 5 مارس"): a stamp's word opens its line or follows
    # punctuation ("... (GMT). آخر تحديث الأحد, 11 سبتمبر 2016")
    if m and not text[max(line_start, m.start("w") - 6):m.start("w")].strip(" \t"):
        return True
    if m and text[max(line_start, m.start("w") - 6):m.start("w")].rstrip(" \t")[-1:] in ".،,;:|•()-\u2013\u2014":
        return True
    if m and len(_words(m.group("w"))) > 1:  # "تاريخ النشر", "آخر تحديث": never "deployed"
        return True
    return _STAMP_AFTER_RE.match(text, f.end, lines.end_of(f.end)) is not None


# What may stand around a stamp's date on its line: a weekday before, a clock time after.
# ("09:29 م الجمعة 18 يوليو 2014", "الخميس هـ - 19 يونيو 2014م": a clock time, or a stray era mark, may come first)
_STAMP_HEAD_RE = re.compile(
    rf"[\s\-\u2013|•*]*(?:{_DIGIT}{{1,2}}:{_DIGIT}{{2}}\s*(?:[صم](?![^\W\d_]))?\s*)?(?:{WEEKDAY_PATTERN})?"
    rf"(?:\s*[هم]\u0640*(?![^\W\d_]))?[\s،,\-\u2013|]*"
)
_STAMP_WEEKDAY_RE = re.compile(rf"[\s\-\u2013|•*]*{WEEKDAY_PATTERN}")
# A blog's post header: its first line is the weekday, a comma and the day, nothing else ("الأحد، 23 أكتوبر 2011"),
# then the post's title; a diary's or a timeline's first day opens with its events, not with a title line
_POST_HEADER_RE = re.compile(rf"[ \t]*{WEEKDAY_PATTERN}[ \t]*[،,][ \t]*{_DIGIT}{{1,2}}[ \t]+{_M}[ \t]*[،,]?[ \t]*{_DIGIT}{{4}}[ \t]*")
# What may follow a stamp's date on its line: an era mark, a clock time, the Hijri date, a time zone
# ("الثلاثاء 7 مايو 2024 مـ 09:36 صـ 28 شوال 1445 هـ", "- 10:33 م", "13:02:00 GMT").
_CLOCK = rf"{_DIGIT}{{1,2}}:{_DIGIT}{{2}}(?::{_DIGIT}{{2}})?"
_STAMP_CLOCK_RE = re.compile(
    rf"(?:[\s،,\-\u2013|/]|{_CLOCK}|(?<![^\W\d_])[صمه]\u0640*(?![^\W\d_])|{_alt(['صباحا', 'مساء'])}|[AaPp]\.?[Mm]\.?"
    rf"|{_DIGIT}{{1,4}}|{HIJRI_MONTH_PATTERN}|GMT|{_alt(['بتوقيت'])}[^\n]{{0,20}})*"
)
_HAS_CLOCK_RE = re.compile(_CLOCK)
# A clock time just before a date on its line ("12:37 مساءً الإثنين 20 نوفمبر، 2017", "آخر تحديث: ٠٩:٤٠ ، ٩ أبريل
# ٢٠١٩", "12:09 pm 23/10/2021"): a site's stamp; a forum's byline ("بواسطة The Joker, بتاريخ 5 ديسمبر 2006")
_CLOCK_BEFORE_RE = re.compile(
    rf"{_CLOCK}\s*(?:[AaPp]\.?[Mm]\.?|{_alt(['صباحا', 'مساء', 'مساءا'])}{_MARKS}|[صم](?![^\W\d_]))?\s*[،,\-\u2013|]?\s*"
    rf"(?:{WEEKDAY_PATTERN})?\s*[،,]?\s*$"
)
_BYLINE_BEFORE_RE = re.compile(rf"{_LB}{_tol('بواسطة')}[^\n]{{0,60}}{_tol('بتاريخ')}\s*:?\s*$")
# A clock time right after a date ("25-07-2016 09:29 | كتب: ...", "14 أكتوبر 2025 الساعة 05 مساءً"): a stamp
_CLOCK_AFTER_RE = re.compile(
    rf"\s*[|\-\u2013،,]?\s*(?:{_CLOCK}|{_DIGIT}{{1,2}}\s*:\s*{_DIGIT}{{2}}\s*[AaPp]\.?[Mm]|{_tol('الساعة')}\s*{_DIGIT}{{1,2}}(?:[:.]{_DIGIT}{{2}})?\s*(?:{_alt(['صباحا', 'مساء', 'مساءا'])}|[صم](?![^\W\d_])))"
)


def _month_of(f: "_Found") -> tuple[int, int] | None:
    """(year, month) of a date that names both, whatever its form."""
    g = f.data.get("groups") or {}
    if f.kind == "numeric":
        read = _numeric_date(g)
        return (read[0].year, read[0].month) if read and read[0].month else None
    if f.kind == "numericmonth":
        return int(to_western_digits(g["y"])), int(to_western_digits(g["m"]))
    if f.kind == "explicit" and f.data.get("month") and g.get("y"):
        month = _month_number(g["m"])
        return (int(to_western_digits(g["y"])), month) if month else None
    return None


def _mark_title_months(text: str, lines: _Lines, found: list[list["_Found"]]) -> None:
    """"يوميات النكبة: حدث في أيار (مايو) 1948" as a title, then entries dated within that month: the title's
    month is what the entries cover, not an event. A title is the text's first line, maybe repeated under it."""
    first = lines.start_of(len(text) - len(text.lstrip()))
    first_text = text[first:lines.end_of(first)].strip()
    def in_title(f: "_Found") -> bool:  # on the first line, or on a line that repeats its end
        line = text[lines.start_of(f.start):lines.end_of(f.start)].strip()
        return line == first_text or (len(line) >= 15 and first_text.endswith(line))

    titled = [f for dates in found for f in dates if f.kind == "explicit" and not (f.data["groups"].get("d")
              or f.data["groups"].get("od")) and in_title(f)]
    if not titled or first_text[-1:] in ".!?؟":
        return
    month = _month_of(titled[0])
    if month is None:
        return
    inside = [f for dates in found for f in dates if f not in titled and _month_of(f) == month
              and (f.kind in ("numeric", "numericmonth") or (f.data.get("groups") or {}).get("d"))]
    if inside:
        for f in titled:
            f.data["not_event"] = "a title's month: what the entries below it cover"


def _far_from_the_text(line: "_Found", found: list[list["_Found"]]) -> bool:
    """Whether a date alone on the first line is years away from every other year the text gives ("الجمعة 17
    ماي 2024" over an article of 2013 about 1956): the day a site served the page, not the day of a diary's
    first entry (whose text goes on about that day)."""
    year = _year_of(line)
    others = [y for dates in found for f in dates if f is not line and (y := _year_of(f)) is not None]
    return year is not None and bool(others) and min(abs(year - y) for y in others) > 1



def _near_in_the_text(line: "_Found", found: list[list["_Found"]]) -> bool:
    """Whether another date of the text is of a Western year within one of this one's: the text is about its days."""
    year = _year_of(line)
    return year is not None and any(
        abs(year - y) <= 1 for dates in found for f in dates if f is not line and (y := _year_of(f)) is not None)

# "/شبكة الصين/", "(رويترز)", "، ا ف ب –": the source after the date
_DATELINE_AFTER_RE = re.compile(
    rf"\s*(?:[/(|]|[،,]?\s*(?:ا\s*ف\s*ب|أ\s*ف\s*ب|{_alt(['رويترز', 'وكالات', 'واس', 'كونا', 'وام', 'سانا', 'بترا', 'قنا'])}|د\s*ب\s*ا))"
)


def _page_stamps(text: str, lines: _Lines, found: list[list["_Found"]]) -> list["_Found"]:
    """The dates a page prints about itself, not about its subject (a reader skips them):

    * a date with its clock time ("الإثنين، 26 فبراير 2018 - 10:33 م", "2018-04-09 13:02:00"): when it was
      published or updated;
    * a dateline: a full date opening the text, maybe after a place, then a separator and the report ("1
      أغسطس 2014 /شبكة الصين/ ...", "بغداد - 12 مارس 2019 (رويترز) -");
    * a full date glued to the words after it on one of the first lines ("٢١ أغسطس ٢٠٠٨أولمبياد ..."): a
      page's stamp run into its first heading when the page was copied;
    * the only line of the text that is nothing but a date: on the first line, years away from the rest of
      the text, a site's date widget; on one of the first lines, with its weekday or in numbers, the article's
      date under its headline or byline, unless the text calls itself a diary ("يوميات": then it is the
      diary's first day).
    """
    begin = len(text) - len(text.lstrip())
    first_line = lines.start_of(begin)
    head = text[first_line:lines.end_of(first_line)]
    diary = "يوميات" in normalise_arabic(head)
    top_line = bisect_right(lines.starts, first_line)
    near_top = [f for dates in found for f in dates if bisect_right(lines.starts, f.start) - top_line <= 4]
    stamps: list[_Found] = []
    date_lines = [(f, kind) for dates in found for f in dates if (kind := _date_line(text, lines, f))]
    only = len(date_lines) == 1
    for f, kind in date_lines:
        on_first = lines.start_of(f.start) == first_line
        weekday_or_numeric = f.kind == "numeric" or bool(_STAMP_WEEKDAY_RE.match(text, lines.start_of(f.start)))
        widget = only and on_first and kind != "clock" and _far_from_the_text(f, found)
        if widget:
            f.data["widget"] = True  # the day the page was served: no present for the text's "last Sunday"
        post_header = on_first and not diary and _POST_HEADER_RE.fullmatch(text, first_line, lines.end_of(first_line)) is not None
        if post_header and not _near_in_the_text(f, found):
            f.data["widget"] = True  # a post of 2020 retelling 1453: its "يوم السبت" are the chronicle's, not the post's
        if kind == "clock" or widget or post_header or (  # ("الثلاثاء, 17-أغسطس-2021" opening the page: a site's date line)
                only and not diary and (not on_first or f.kind == "numeric" or f.data.get("dashed"))
                and weekday_or_numeric and f in near_top):
            stamps.append(f)
    latest = max((d for d in (_stamp_day(f) for dates in found for f in dates) if d is not None),
                 key=lambda d: d.earliest, default=None)
    for f in near_top:
        if f in stamps or not _full_date(f):
            continue
        if _CLOCK_AFTER_RE.match(text, f.end):  # "كتب: ماهر حسن الأربعاء 08-03-2017 00:23": a byline's stamp
            stamps.append(f)
            continue
        if (kind := _date_line(text, lines, f)) == "date" and not diary and f.kind == "explicit" and (
                bisect_right(lines.starts, f.start) - top_line <= 2 and _stamp_day(f) == latest
                and text[first_line:lines.start_of(f.start)].strip()):
            # "١٢ نوفمبر ٢٠٢٣" alone under a chronology's title, the latest day the text names: the day it was
            # written (an older date there is the subject's: "٢ يوليو ١٧٩٨" over the landing's story)
            stamps.append(f)
            continue
        line = lines.start_of(f.start)
        # a dateline opens the text or the line under its title ("مصر 25 / 01 / 2021: ..." under the headline)
        dateline_line = line == first_line or (bisect_right(lines.starts, f.start) - top_line <= 2 and sum(
            1 for part in text[first_line:line].split("\n") if part.strip()) == 1)
        opening = text[line:f.start] if f.start - line < 60 else "."
        placed = bool(_words(opening)) and opening.rstrip()[-1:] in "-\u2013\u2014"  # "بغداد - 12 مارس 2019"
        # "جنيف ، سويسرا ، 10 نوفمبر 2013 ، ا ف ب –": a place may be named with its country
        n_words = len(_words(opening))
        listed_place = n_words <= 4 and bool(re.search(r"[،,]", opening))  # "جنيف ، سويسرا ،"
        # "مصر 25 / 01 / 2021: ...": a place, its date and a colon (not "2021: ..." alone, a list entry)
        colon = 1 <= n_words <= 2 and text[f.end:f.end + 2].lstrip().startswith(":")
        dateline = dateline_line and (listed_place or n_words <= 3 and not re.search(
            r"[،,]", opening)) and not re.search(r"[.؛]", opening) and f.end < lines.end_of(f.start) and (
                placed or colon or _DATELINE_AFTER_RE.match(text, f.end) is not None)
        glued = (f.end < len(text) and _is_letter(text[f.end]) and _ERA_AFTER_RE.match(text, f.end) is None
                 and bisect_right(lines.starts, f.start) - top_line <= 1)  # "1521م" is a year's era mark, not glue
        if dateline or glued:
            stamps.append(f)
    # a stamp's own line ("... 2024 مـ 09:36 صـ 28 شوال 1445 هـ") is all stamp; a dateline's goes on with the report
    lines_stamped = {lines.start_of(f.start) for f, _ in date_lines if f in stamps}
    stamps += [f for f in near_top if f not in stamps and lines.start_of(f.start) in lines_stamped]
    return stamps


_APPROACH_WORDS = frozenset(normalise_arabic(w) for w in ("اقتراب", "قرب", "حلول", "قبيل", "مع"))
_INTRO_SENTENCES = 2  # a chronology announces what it covers in its first sentences


def _year_only(f: "_Found") -> bool:
    """A year with nothing finer ("عام 2018"), not a list entry's."""
    g = f.data.get("groups") or {}
    return (f.kind == "explicit" and bool(g.get("y")) and not f.data.get("month") and not g.get("q")
            and not f.data.get("entry_year"))


def _full_date(f: "_Found") -> bool:
    """A date known to the day, with its year, in any form."""
    g = f.data.get("groups") or {}
    if f.kind == "numeric":
        return bool(g.get("y") or g.get("iy"))
    return f.kind == "explicit" and bool(g.get("y")) and bool(g.get("d") or g.get("od"))


def _date_line(text: str, lines: _Lines, f: "_Found") -> str | None:
    """A line that is nothing but a full date (with its weekday, and a clock time after it): "clock" when the
    clock time is there, "date" when not; None for any other line."""
    if not _full_date(f):
        return None
    start, end = lines.start_of(f.start), lines.end_of(f.end)
    if not _STAMP_HEAD_RE.fullmatch(text, start, f.start):
        return None
    after = _STAMP_CLOCK_RE.fullmatch(text, f.end, end)
    if after is None:
        return None
    return "clock" if _HAS_CLOCK_RE.search(after.group()) else "date"


def _since_noun(text: str, lo: int, f: "_Found") -> bool:
    """"منذ الغزو السوفياتي في 1979": the date of the event a "since" names (a chronology's scope)."""
    words = _words(text[max(lo, f.particle_start - 50):f.particle_start])[-4:]
    return f.particle_word == "في" and any(_strip_waw(w, frozenset({"منذ"})) == "منذ" for w in words)


def _is_comparison(text: str, lo: int, f: "_Found") -> bool:
    """"الأكثر دموية منذ مايو 2012": a "since" date after a superlative is a point of comparison (not a period
    "منذ عام 1940 وحتى عام 1952", which has its end: "جامعة فؤاد الأول منذ ..." names what it was called then)."""
    if f.particle_word != "منذ" or f.kind == "range":
        return False
    return _compares(_words(text[max(lo, f.particle_start - 40):f.particle_start])[-4:])


# Titles whose «الأعلى» names an office, not a comparison ("القائد الأعلى للقوات المسلحة منذ سنة 1969")
_HIGH_OFFICE_NOUNS = frozenset(normalise_arabic(w) for w in (
    "القائد", "المجلس", "المرشد", "المفوض", "الممثل", "القاضي", "المستشار", "المندوب"))
# «الأول/الأولى» compares when it counts something: "المرة الأولى منذ 1990", "الأول من نوعه منذ"; not as a ruler's
# ordinal ("فيصل الأول منذ 1921"); «أول ...» always does ("أول انتشار قتالي ... منذ عام 1991")
_FIRST_WORDS = frozenset(normalise_arabic(w) for w in ("الأول", "الأولى"))
_FIRST_COUNTS = frozenset(normalise_arabic(w) for w in ("مرة", "المرة", "للمرة", "نوعه", "نوعها", "مره", "المره"))


def _compares(words: list[str]) -> bool:
    """Whether the words before a "منذ" date make it a point of comparison (see ``_is_comparison``)."""
    for i, w in enumerate(words):
        word = w if w in _COMPARISON_WORDS else w[1:] if w[1:] in _COMPARISON_WORDS else None
        if word is None:
            continue
        if word == normalise_arabic("الأعلى") and i > 0 and words[i - 1] in _HIGH_OFFICE_NOUNS:
            continue
        if word in _FIRST_WORDS and not any(x in _FIRST_COUNTS or x[1:] in _FIRST_COUNTS for x in words[max(0, i - 1):i + 4]):
            continue
        return True
    return False


# -- what was found -------------------------------------------------------------------------------------------


@dataclass
class _Found:
    """A date expression found in the text, before it is resolved against its context."""

    start: int
    end: int
    kind: str  # explicit | range | same | next | offset | present | anniversary
    data: dict = field(default_factory=dict)
    particle: str = _NONE
    particle_start: int = -1  # where the particle words begin (== start when there are none)
    particle_word: str = ""  # the particle, normalised, without a leading و/ف
    eligible: bool = True


@dataclass
class _Resolved:
    date: PartialDate
    inferred: bool
    confidence: float
    basis: str
    range_end: PartialDate | None = None
    year_offset: bool = False
    hijri: str | None = None
    decade: bool = False
    period_qualifier: Qualifier | None = None  # reached by an offset in years: an aside that keeps the year context


@lru_cache(maxsize=1 << 16)
def _norm(text: str) -> str:
    # cached: called for every word near every date, and an article repeats its words ("عام", "في")
    return normalise_arabic(to_western_digits(text))


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(_norm(text))


_NEXT_WORD_RE = re.compile(r"\s*([^\s،,.;:؛!?؟()\[\]«»\"“”]+)")


def _next_word(text: str, pos: int) -> tuple[str, str]:
    """The word after ``pos`` (normalised) and its raw form (matched in place: slicing the rest of the text
    for every date made long articles quadratic)."""
    match = _NEXT_WORD_RE.match(text, pos)
    if not match:
        return "", ""
    raw = match.group(1)
    return _norm(raw), raw


def _is_count_word(text: str, pos: int) -> bool:
    """Whether the word after a bare number shows that it counts things ("5000 جندي", "1566 طالباً"):
    a unit or counted noun, a percent sign, or an accusative ending (tanween fath) that is not an adverb
    ("في 2014 أيضاً")."""
    word, raw = _next_word(text, pos)
    if not word:
        return False
    if word.startswith("%"):
        return True
    for candidate in (word, word[1:] if word[:1] in "وبل" else word):
        if candidate in _COUNT_WORDS:
            return True
    return _TANWEEN_FATH in raw and word.rstrip("ا") not in _ADVERBS


def _counted_before(text: str, lo: int, start: int) -> bool:
    """Whether a bare number is what «عدد» counts: "بلغ عدد الجنود 1500", "عدد سكان المدينة 1956"."""
    return any(_strip_waw(w[2], _COUNT_NOUNS) in _COUNT_NOUNS for w in _last_words(text, lo, start, need=4)[-4:])


_COUNT_NOUNS = frozenset({"عدد"})


def _last_words(text: str, lo: int, start: int, need: int = 3) -> list[tuple[int, int, str]]:
    """The words of text[lo:start] that a particle can be read from (start, end, normalised), words to skip
    ("يوم", "تاريخ") dropped from the end.

    Only a window before ``start`` is read, widened until it holds the last two words whole (or reaches
    ``lo``): reading the whole sentence for every date made a long sentence full of dates quadratic."""
    width = 24
    while True:
        begin = max(lo, start - width)
        tokens = [(m.start(), m.end(), _norm(m.group())) for m in _WORD_RE.finditer(text, begin, start)]
        while tokens and tokens[-1][2] in _SKIP_BEFORE:  # "إلى يوم 27 أكتوبر"
            tokens.pop()
        if begin == lo or len(tokens) >= need:  # the first word may be cut by the window: never one of those read
            return tokens
        width *= 4


_ORDINAL_DAY_AT_RE = re.compile(ORDINAL_DAY_PATTERN)
_YEAR_WORD_AT_RE = re.compile(r"(?:ال)?(?:عام|سنة)\s*[0-9\u0660-\u0669]")


def _particle_before(text: str, lo: int, start: int) -> tuple[str, int, str]:
    """The particle right before a date expression in text[lo:start]: its class, where it begins, the word."""
    if start - 1 >= lo and text[start - 1] in "وفبل" and not (start - 2 >= lo and _is_letter(text[start - 2])):
        if text[start - 1] == "ب":  # "بنهاية عام 2022": by the end of
            # ("بالثامن والعشرين من يوليو": on a day, told by its ordinal)
            # ("بعام 1954", "بسنة 1954": in that year; only "بنهاية/بحلول" are "by")
            at = _ORDINAL_DAY_AT_RE.match(text, start) or _YEAR_WORD_AT_RE.match(text, start)
            return (_AT if at else _DEADLINE), start - 1, "ب"
        start -= 1  # "ونهاية", "لعام"
    tokens = _last_words(text, lo, start)
    if not tokens or text[tokens[-1][1]:start].strip():
        return _NONE, start, ""
    last_start, _, last = tokens[-1]
    if len(tokens) >= 2:
        two = f"{tokens[-2][2]} {last}"
        for key in (two, two[1:]):
            if key in _PARTICLE_TWO:
                return _PARTICLE_TWO[key], tokens[-2][0], key
    for key in (last, last[1:] if last[:1] in "وف" and len(last) > 2 else last):
        if key in _PARTICLE_ONE:
            return _PARTICLE_ONE[key], last_start, key
    return _NONE, start, ""


def _is_letter(ch: str) -> bool:
    return ch.isalpha() or "\u0610" <= ch <= "\u061a" or "\u064b" <= ch <= "\u065f" or ch == "\u0640"


# -- finding dates -----------------------------------------------------------------------------------------


def _find_dates(text: str, lo: int, hi: int, layout: Layout = Layout(),
                implausible: list[Seen] | None = None) -> list[_Found]:
    """Every date expression in text[lo:hi], non-overlapping, in text order (``layout``: the page's shape)."""
    found: list[_Found] = []
    chunk = text[lo:hi]

    def add(match: re.Match, kind: str, **data) -> None:
        f = _Found(lo + match.start(), lo + match.end(), kind, dict(data))
        # trim trailing spaces the optional groups may leave
        while f.end > f.start and text[f.end - 1].isspace():
            f.end -= 1
        found.append(f)

    for m in _ANNIVERSARY_RE.finditer(chunk):
        add(m, "anniversary", groups=m.groupdict())
    for m in _YEAR_RANGE_RE.finditer(chunk):
        if not _is_count_word(text, lo + m.end()):
            add(m, "range", groups=m.groupdict())
    for m in _MONTH_DATE_RE.finditer(chunk):
        add(m, "explicit", groups=m.groupdict(), month=True)
    if _EARLY_YEAR_HINT_RE.search(chunk):  # (cheap first: three digits after a letter or a year word)
        for m in _EARLY_MONTH_DATE_RE.finditer(chunk):  # "(١٩ يولية سنة ٧١١ م)", "(أبريل- مايو سنة ٧١١ م)"
            add(m, "early", groups=m.groupdict())
    # "الثلاثاء, 17-أغسطس-2021" (a site's stamp), "بتاريخ 14 (آب) 1949": a day, a month and a year, other signs between
    for signs, form in (("-/", _DASHED_MONTH_DATE_RE), ("(", _BRACKETED_MONTH_DATE_RE)):
        if any(sign in chunk for sign in signs):
            for m in form.finditer(chunk):
                day_month_year = {**_MONTH_DATE_UNSET, **m.groupdict()}
                day_month_year.pop("sep", None)
                add(m, "explicit", groups=day_month_year, month=True, dashed=signs == "-/")
    if "-" in chunk or "\u2013" in chunk:
        for m in _MONTH_DASH_RANGE_RE.finditer(chunk):
            first_month, last_month = _month_number(m.group("m1")), _month_number(m.group("m2"))
            if first_month is None or last_month is None or not first_month < last_month:
                continue  # ("يناير-كانون الثاني" is one month's two names)
            if chunk[max(0, m.start() - 3):m.start()].rstrip().endswith("(") and chunk[m.end():m.end() + 3].lstrip().startswith(")"):
                continue  # "(آذار/مارس- نيسان/أبريل 2009)" after a report's name: its issue, a tag
            # "يونيو-يوليو 1950:", "يناير/ كانون الثاني - فبراير/ شباط 1978": the months of one period
            first = _Found(lo + m.start("m1"), lo + m.end("m1"), "explicit",
                           {"groups": {**_MONTH_DATE_UNSET, "m": m.group("m1"), "d": None, "y": None}, "month": True})
            second = _Found(lo + m.start("m2"), lo + m.end(), "explicit",
                            {"groups": {**_MONTH_DATE_UNSET, "m": m.group("m2"), "d": None, "y": m.group("y")},
                             "month": True})
            add(m, "range", first=first, second=second)
    if "/" in chunk:
        for m in _SLASHED_SEASON_RE.finditer(chunk):
            a, b = int(to_western_digits(m.group("a"))), int(to_western_digits(m.group("b")))
            if abs(a - b) == 1:
                add(m, "range", groups={"y1": str(min(a, b)), "y2": str(max(a, b))}, season=True)
    if "موسم" in chunk or "شتاء" in chunk:
        for m in _SEASON_SPAN_RE.finditer(chunk):
            if int(to_western_digits(m.group("y2"))) == int(to_western_digits(m.group("y1"))) + 1:
                add(m, "range", groups=m.groupdict())
    if "عامي" in chunk or "سنتي" in chunk or "العامين" in chunk or "السنتين" in chunk:
        for m in _YEAR_PAIR_RE.finditer(chunk):
            y1, y2 = int(to_western_digits(m.group("y1"))), int(to_western_digits(m.group("y2")))
            if y2 == y1 + 1:
                add(m, "range", groups={"y1": str(y1), "y2": str(y2)})
            elif 1000 <= y1 < y2 <= 2100:
                f = _Found(lo + m.start(), lo + m.end("y1"), "explicit",
                           {"groups": {"y": m.group("y1"), "yw": "عام"}, "month": False,
                            "year_list": [(y2, lo + m.start("y2"), lo + m.end("y2"))]})
                found.append(f)
    if "(" in chunk:
        for m in _BRACKETED_YEAR_RE.finditer(chunk):
            before = text[lo:lo + m.start()].rstrip()[-1:] or "0"
            # '"سردين" (1981)': a work's year after its title; "سنة ٩٠٦ (١٥٠٠ م)": the Western year of a Hijri one (not
            # "661 (1990)", a resolution's number and year: no era mark)
            if _is_letter(before) or before in _CLOSING_QUOTES or (
                    before.isdigit() and re.search(rf"{_DIGIT}\s*{_ERA_WORD}", m.group())):
                add(m, "explicit", groups={"y": m.group("y")}, month=False, bracketed=True)
        for m in _BRACKETED_ERA_YEAR3_RE.finditer(chunk):  # "سنة 207 (822م)": an early Western year the mark makes one
            add(m, "explicit", groups={"y": m.group("y")}, month=False, era_marked=True)
    if ":" in chunk:
        for m in _LABEL_YEAR_RE.finditer(chunk):  # "- صباح الأول: 1756 م.": a list of rulers or holders with their years
            if m.group("era") or _label_year_list(text, lo + m.start()):
                add(m, "explicit", groups={"y": m.group("y")}, month=False, bracketed=True)
        for m in _LABEL_YEARS_RE.finditer(chunk):  # "ألقاب دوري أبطال آسيا: 1991، 2000، 2019.": each title's year
            for y in _YEAR4_IN_LIST_RE.finditer(chunk, m.start("list"), m.end("list")):
                add(y, "explicit", groups={"y": y.group("y")}, month=False, bracketed=True)
    if any(q in chunk for q in _CLOSING_QUOTES):
        for m in _WORK_YEAR_RE.finditer(chunk):  # "“الزنوج البيض” 1986،": a book's or a film's year in a list of works
            add(m, "explicit", groups={"y": m.group("y")}, month=False, bracketed=True)
    for m in _YEAR_DATE_RE.finditer(chunk):
        add(m, "explicit", groups=m.groupdict(), month=False)
    if _GLUED_YEAR_HINT_RE.search(chunk):
        for m in _GLUED_YEAR_DATE_RE.finditer(chunk):
            add(m, "explicit", groups={"q": None, "season": None, **m.groupdict()}, month=False)
    if "لف" in chunk:  # ("ألف", "ألفين")
        for m in _WESTERN_YEAR_IN_WORDS_RE.finditer(chunk):
            year = _year_from_words(m.group("w"))
            if year is not None and 1800 <= year <= 2100:
                add(m, "explicit", groups={"q": None, "season": None, "yw": m.group("yw"), "y": str(year)}, month=False)
    for m in _OFFSET_RE.finditer(chunk):
        add(m, "offset", groups=m.groupdict(), text=m.group(),
            counted_from=re.match(r"\s*(?:من|على)\s", chunk[m.end():m.end() + 6]) is not None)
    if "منه" in chunk or "الشهر" in chunk:
        for m in _DAY_OF_IT_RE.finditer(chunk):
            add(m, "dayofit", groups=m.groupdict())
    for m in _SAME_RE.finditer(chunk):
        if m.group("u5") and (not m.group("q") or _norm(_last_word(text, lo, lo + m.start())) in _APPROACH_WORDS):
            # "الشهر" alone is any month, "نهاية الشهر" the end of the one last named; "مع اقتراب نهاية العام" is
            # the article's present
            continue
        # "وفي ذلك اليوم، احتفلت" leads its clause; "تذكروا ما جرى في ذلك اليوم" only recalls it. A year or a
        # month so named dates its clause wherever it stands ("ليسقطوا قندهار في ذلك العام").
        if m.group("u3") and _norm(m.group("u3")) == "اليوم" and chunk[max(0, m.start() - 40):m.start()].rstrip()[-1:] not in (
                "", "،", ",", ".", ":", "؛"):
            continue
        add(m, "same", groups=m.groupdict())
    for m in _NEXT_RE.finditer(chunk):
        add(m, "next", groups=m.groupdict())
    if "السنة" in chunk or "منها" in chunk or "العام" in chunk:
        for m in _HIJRI_MONTH_OF_YEAR_RE.finditer(chunk):  # "وفي صفر من هذه السنة": that month of the chronicle's year
            add(m, "inyear", groups={**m.groupdict(), "opening": None}, hijri_month=m.group("hm"))
    if "فيها" in chunk or "السنة" in chunk:
        for m in _IN_THAT_YEAR_RE.finditer(chunk):
            before = chunk[max(0, m.start() - 40):m.start()].rstrip()  # bounded: a long sentence stays linear
            if m.group("opening") and before[-1:] not in ("", "-", "\u2013", ":", "،", ",", ".", "؛"):
                continue  # "وفيها" dates what follows only when it opens a clause: "قتل فيها" is "in it", a place
            add(m, "inyear", groups=m.groupdict())
    for m in _PRESENT_REL_RE.finditer(chunk):
        add(m, "present", groups=m.groupdict())
    # The rarer forms are looked for only where a cheap test says they may be: most sentences have none, and
    # every pattern run over every sentence is time on a long article.
    if "يوم" in chunk or _HAS_MARKS_RE.search(chunk):
        for m in _DAY_BEFORE_RE.finditer(chunk):
            add(m, "prev", groups=m.groupdict())
        for m in _NEXT_DAY_RE.finditer(chunk):
            add(m, "next", groups=m.groupdict())
        for m in _DAY_ENTRY_RE.finditer(chunk):
            add(m, "dayentry", groups=m.groupdict())
        for m in _TODAY_RE.finditer(chunk):
            add(m, "today", groups=m.groupdict())
        for m in _WEEKDAY_ON_RE.finditer(chunk):
            add(m, "weekday", groups=m.groupdict())
    if "الماضي" in chunk or "المنصرم" in chunk or "الفائت" in chunk:
        for m in _WEEKDAY_PAST_RE.finditer(chunk):  # "مساء الثلاثاء الماضي": the last one before the report
            add(m, "weekday", groups=m.groupdict(), past=True)
    if "ساع" in chunk:
        for m in _CLOCK_IN_TEXT_RE.finditer(chunk):
            add(m, "clocktime", groups=m.groupdict())
            if _MONTH_DATE_RE.search(chunk):  # "- 2 أغسطس : دخول القوات في الساعة 2:00": the entry's own time
                found[-1].data["not_event"] = "a time of the day this sentence dates"
    if "/" in chunk or "-" in chunk or "\\" in chunk or "." in chunk.rstrip("."):
        for m in _NUMERIC_DATE_RE.finditer(chunk):
            add(m, "numeric", groups=m.groupdict())
    if _MAYBE_HIJRI_RE.search(chunk) or "هجر" in chunk:
        for m in _HIJRI_RE.finditer(chunk):
            groups: dict[str, str | None] = m.groupdict()
            gy2 = groups.pop("gy2", None) or groups.pop("gy3", None)
            groups.pop("gy3", None)
            if gy2:
                if not _hijri_year_pairs(int(to_western_digits(m.group("hy"))), int(to_western_digits(gy2))):
                    # "1400هـ - 1500 جندي": not the year the Hijri one falls in; the Hijri date stands alone
                    mark = _HIJRI_MARK_AFTER_RE.match(chunk, m.end("hy"))
                    end = mark.end() if mark else m.end("hy")
                    found.append(_Found(lo + m.start(), lo + end, "hijri", {"groups": groups}))
                    continue
                groups["gy"] = gy2
            if m.group("hod"):  # "الثالث من شهر شوال لعام 1319هـ"
                groups["hd"] = str(ordinal_day(_norm(m.group("hod"))))
            add(m, "hijri", groups=groups)
        for m in _HIJRI_NUMERIC_RE.finditer(chunk):  # "3 / 4 / 1436هـ": a Hijri day in numbers
            add(m, "hijri", groups={"hd": m.group("hd"), "hm": m.group("hm"), "hy": m.group("hy"), "gy": None})
        for m in _HIJRI_RANGE_RE.finditer(chunk):
            add(m, "range", groups=_hijri_range_years(m), hijri_range=True)
    if (span := _WESTERN_SPAN_LINE_RE.fullmatch(chunk)) is not None and _hijri_span_below(text, hi, span):
        # "749 -754" over "132 -136" (a table of reigns, one column per calendar): the Western span of its row
        add(span, "range", groups={"y1": span.group("y1"), "y2": span.group("y2")}, era_marked=True)
    if layout.hijri_years is not None and layout.western_early_years is None and "-" in chunk:
        # "-5 الظاهر بيبرس : 18 سنة 658-676" under "عصر المماليك البحرية 648 - 792 هـ": a list's unmarked spans of
        # three-digit years, each ending its line, on a page whose marked years are Hijri
        for m in _LINE_END_SPAN3_RE.finditer(chunk):
            if text[lo + m.end():lo + m.end() + 40].lstrip(" \t")[:1] in ("\n", ""):
                add(m, "range", groups=_hijri_range_years(m), hijri_range=True, unmarked=True)
    if "(" in chunk and layout.bracketed_early_western:
        # "احتل أشبيلية (712) ... الولاة (732 - 755)" on a page without any Hijri sign: Western years
        for m in _BRACKET_SPAN3_RE.finditer(chunk):
            add(m, "range", groups={"y1": m.group("h1"), "y2": m.group("h2")}, era_marked=True)
        for m in _BRACKET_YEAR3_RE.finditer(chunk):
            if _is_letter(text[lo:lo + m.start()].rstrip()[-1:] or "0"):
                add(m, "explicit", groups={"y": m.group("y")}, month=False, era_marked=True)
    elif "(" in chunk and layout.western_early_years is None:
        # "الدولة الزيرية في (غرناطة) (٤٠٣ - ٤٨٣)": a dynasty's or a ruler's span of three-digit years in brackets
        # is Hijri, as a chronicle's unmarked years are, unless the page marks its early Western years
        for m in _BRACKET_SPAN3_RE.finditer(chunk):
            add(m, "range", groups=_hijri_range_years(m), hijri_range=True, unmarked=True)
    if "سن" in chunk or "عام" in chunk or _MAYBE_HIJRI_RE.search(chunk):  # a year word or a Hijri month
        early = layout.western_early_years
        for m in _CHRONICLE_HIJRI_RE.finditer(chunk):
            if m.group("hy3") and MONTH_NAME_RE.search(chunk, max(0, m.start() - 20), m.start()):
                continue  # "4 أبريل من عام970": a Western month's year, however short
            if m.group("hy3") and (layout.western_page or (
                    early and early[0] - 100 <= int(to_western_digits(m.group("hy3"))) <= early[1] + 100)):
                # "في عام 796" in a text that marks its early Western years «م» around it (a century either side:
                # "عام 306" on a page marking 307 to 510): Western
                word = _LAST_WORD_RE.search(chunk, max(m.start(), m.start("hy3") - 12), m.start("hy3"))
                begin = word.start() if word else m.start("hy3")
                found.append(_Found(lo + begin, lo + m.end(), "explicit",
                                    {"groups": {"y": m.group("hy3"), "yw": "عام"}, "month": False, "era_marked": True,
                                     "page_western": True}))
                continue
            hy = m.group("hy") or m.group("hyb") or m.group("hy3")
            day = str(ordinal_day(_norm(m.group("hod")))) if m.group("hod") else m.group("hd")  # "السابع والعشرين من"
            add(m, "hijri", groups={"hy": hy, "hm": m.group("hm"), "hd": day, "gy": None}, unmarked=True)
        for m in _SHORT_YEAR_DIGITS_RE.finditer(chunk):  # "وفي سنة 39 شرع": a chronicle's year, its hundreds left out
            if _HIJRI_MONTH_BEFORE_RE.search(chunk, max(0, m.start() - 30), m.start()):
                continue  # "الأول من رمضان المبارك سنة 65": a day of a month the forms above did not read whole
            add(m, "hijri", groups={"hy": m.group("hy"), "hm": None, "hd": None, "gy": None}, in_words=True,
                marked=False, short=True)
        for m in _HIJRI_WORDS_RANGE_RE.finditer(chunk):
            h1, h2 = _year_from_words(m.group("w1")), _year_from_words(m.group("w2"))
            if h1 and h2 and 1 <= h1 < h2 <= 1500:
                add(m, "range", groups={"y1": str(hijri_year_span(h1)[0]), "y2": str(hijri_year_span(h2)[1])},
                    hijri_range=True)
        for m in _HIJRA_ORDINAL_YEAR_RE.finditer(chunk):
            day = str(ordinal_day(_norm(m.group("od")))) if m.group("od") else m.group("hd")
            add(m, "hijri", groups={"hy": str(_HIJRA_ORDINALS[_norm(m.group("ord"))]), "hm": m.group("hm"),
                                    "hd": day, "gy": None}, in_words=True, marked=True)
        for m in _HIJRI_WORDS_RE.finditer(chunk):
            year = _year_from_words(m.group("hw"))
            # "وتوفّي سنة ثمان وسبعين ومائة"; "و مات سنة ثلاث و ثلاثين": a short year, kept only if the page's
            # chronicle gives it its hundreds or the page counts in Hijri years (_short_years)
            if (m.group("od") or m.group("hd")) and not m.group("hm"):
                continue  # "كان الأول من سنة إحدى وأربعين": "the first" of a list, not a day of no month
            if year and (m.group("hm") or m.group("mark") or 1 <= year < 1000):
                day = str(ordinal_day(_norm(m.group("od")))) if m.group("od") else m.group("hd")
                if m.group("hm") and (m.group("first") or m.group("nights") or m.group("half") or m.group("cord")
                                      or m.group("last")):
                    day = _chronicle_day(m)
                    if day is None:
                        continue
                month = m.group("hm")
                if month is None and (after := _MONTH_AFTER_YEAR_RE.match(chunk, m.end())) is not None:
                    month = after.group("hm")  # "مات سنة سبعين ومائة في ربيع الآخر": the month after its year
                add(m, "hijri", groups={"hy": str(year), "hm": month, "hd": day, "gy": None}, in_words=True,
                    marked=bool(m.group("mark")), short=year < 100 and not (month or m.group("mark")))
    clock = _CLOCK_RE.search(chunk, 0, 24)  # only a line's opening clock time is read
    if clock:
        add(clock, "clock", groups=clock.groupdict())
    if "ين" in chunk or "ثمانيات" in chunk or "ثمنيات" in chunk or _HAS_MARKS_RE.search(chunk):  # "ين": all but two
        for m in _DECADE_RE.finditer(chunk):
            add(m, "decade", groups=m.groupdict())
    if "/" in chunk and _opens_line(text, lo) and (slash := _SLASH_ENTRY_RE.match(chunk)):
        y1, y2 = (int(to_western_digits(slash.group(k))) for k in ("y1", "y2"))
        if 1000 <= y1 < y2 <= y1 + 50:  # "- 2003 / 2006: سقوط النظام": an entry's period (not "1425 / 2004")
            add(slash, "range", groups={"y1": str(y1), "y2": str(y2)}, list_entry=True)
    if "-" in chunk or "\u2013" in chunk or "\u2014" in chunk or "\u0640" in chunk:
        # "كأس العرش 6 مرات 1974 - 1977 - 1982 - 1996": three years or more between dashes are a list of years,
        # each one's, never spans across the dashes
        chains = [(c.start(), c.end()) for c in _DASHED_YEAR_CHAIN_RE.finditer(chunk)]
        for start, end in chains:
            for in_chain in _YEAR_IN_CHAIN_RE.finditer(chunk, start, end):
                add(in_chain, "explicit", groups={"y": in_chain.group("y")}, month=False, dashed_list=True)
        for m in _DASH_RANGE_RE.finditer(chunk):
            if any(start <= m.start() < end for start, end in chains):
                continue
            y1, y2 = (int(to_western_digits(m.group(k))) for k in ("y1", "y2"))
            short = y2 < 100
            if short:
                y2 += y1 // 100 * 100
            entry = (_opens_line(text, lo + m.start()) or _after_entry_break(text, lo, lo + m.start())) and (
                _ENTRY_MARK_RE.match(text, lo + m.end()) is not None)  # (the text's: a sentence may end before ":")
            heading = short and _opens_line(text, lo + m.start()) and not text[lo + m.end():hi].strip(" :\t")
            heading = heading or _ERA_AFTER_RE.match(text, lo + m.end()) is not None  # "١٣٣٢ - ١٤٠٦ م": years
            # "1932–33": a season across the turn of a year, written as sports pages do, wherever it stands
            heading = heading or (short and y2 == y1 + 1 and not _is_count_word(text, lo + m.end()))
            if not short and 0 < y1 - y2 <= 100 and (entry or _reversed_span_stands_alone(text, lo + m.start(), lo + m.end())):
                # "1914-1904:", "(1948-1918)", "* 2009-2003.": a period with its ends reversed (a right-to-left copy)
                y1, y2 = y2, y1
            if 1000 <= y1 < y2 <= 2100 and (entry or heading or (y2 - y1 < 700 and (  # a dynasty may last centuries
                    m.group("yw") or _dash_range_framed(text, lo, lo + m.start(), lo + m.end())))):  # "عام 1816-1826"
                add(m, "range", groups={"y1": str(y1), "y2": str(y2), "yw": m.group("yw")}, list_entry=entry,
                    aside=_bracketed_after_name(text, lo, lo + m.start(), lo + m.end())
                    or text[max(lo, lo + m.start() - 3):lo + m.start()].strip().endswith(":"))
    if "م" in chunk:
        for m in _ERA_YEAR3_RE.finditer(chunk):
            add(m, "explicit", groups={"y": m.group("y") or m.group("y2"), "yw": m.group("yw")}, month=False,
                era_marked=True)
        for m in _PDF_ERA_RANGE_RE.finditer(chunk):  # "١٧٥٢م  ١٧٦٣ -م": a period a PDF copy reordered
            y1, y2 = (int(to_western_digits(m.group(k))) for k in ("y1", "y2"))
            if 1 <= y1 < y2 <= 2100:
                add(m, "range", groups={"y1": str(y1), "y2": str(y2)}, era_marked=True)
        for m in _ERA_RANGE_RE.finditer(chunk):
            y1, y2 = (int(to_western_digits(m.group(k))) for k in ("y1", "y2"))
            if 1 <= y1 < y2 <= 2100:
                add(m, "range", groups={"y1": str(y1), "y2": str(y2)}, era_marked=True)
    if (early := layout.western_early_years) is not None:
        # "حكم من 786 إلى 809", "(مواليد 763)" in a page that marks its early Western years «م» around them
        for m in _EARLY_YEARS_RE.finditer(chunk):
            years = [int(to_western_digits(y)) for y in (m.group("y1"), m.group("y2"), m.group("y3")) if y]
            if all(early[0] <= y <= early[1] for y in years) and years == sorted(set(years)):
                if len(years) == 2:
                    add(m, "range", groups={"y1": str(years[0]), "y2": str(years[1])}, era_marked=True)
                else:
                    add(m, "explicit", groups={"y": str(years[0]), "yw": "عام"}, month=False, era_marked=True,
                        page_western=True)
    if _opens_line(text, lo) and (numeric := _NUMERIC_MONTH_ENTRY_RE.match(chunk)):
        found.append(_Found(lo + numeric.start("e"), lo + numeric.end("e"), "numericmonth",
                            {"groups": numeric.groupdict()}))
    if (_opens_line(text, lo) or _after_entry_break(text, 0, lo)) and (bare := _BARE_DAY_ENTRY_RE.match(chunk)):
        f = _Found(lo + bare.start("e"), lo + bare.end("e"), "dayentry", {"groups": bare.groupdict(), "bare": True})
        found.append(f)
    if layout.on_this_day:
        for m in _THIS_DAY_YEAR_RE.finditer(chunk):  # "في مثل هذا اليوم سنة 2هـ": a Hijri year, on a Hijri day's page
            add(m, "thisday", groups=m.groupdict(), hijri_marked=_HIJRI_MARK_AFTER_RE.match(chunk, m.end()) is not None)
        if _opens_line(text, lo) and (listed := _THIS_DAY_ENTRY_RE.match(chunk) or _THIS_DAY_SLASHED_ENTRY_RE.match(chunk)):
            add(listed, "thisday", groups=listed.groupdict(), entry=True)
        elif _opens_line(text, lo) and (spaced := _THIS_DAY_SPACED_ENTRY_RE.match(chunk)) and _neighbour_line_like(text, lo, _SPACED_ENTRY_LINE_RE):
            # "1187  قوات صلاح الدين تستعيد القدس": an entry whose year stands apart from its text, no dash
            add(spaced, "thisday", groups=spaced.groupdict(), entry=True)
        elif _after_entry_break(text, 0, lo) and (section := _THIS_DAY_SECTION_RE.match(chunk)) and (
                listed := _THIS_DAY_ENTRY_RE.match(chunk, section.end())):
            # "... مكتبة البرلمان. 1981 - شركة ...", "مواليد 1737 - ...": a list run on in one paragraph
            add(listed, "thisday", groups=listed.groupdict(), entry=True)
        if layout.on_this_day:  # "... بقطع الرأس 1804 - كاراجورجى يقود ...": entries run on without stops
            for m in _THIS_DAY_ENTRY_RE.finditer(chunk):
                if m.start() > 0 and chunk[m.start() - 1].isspace() and 100 <= int(to_western_digits(m.group("y"))) <= 2100:
                    add(m, "thisday", groups=m.groupdict(), entry=True)
        for m in _SAME_DAY_OF_YEAR_RE.finditer(chunk):  # "في اليوم ذاته من عام 1999": the page's day, that year
            add(m, "thisday", groups={"y": m.group("y")})
        if layout.on_this_day:  # (the page's day may come later, from its stamp: the finds do not need it)
            # "حدث في مثل هذا اليوم من عام 1822 إبعاد ...، وفي عام 1980 السلطات تخرج ...": the next item of a
            # sentence that lists the page's day's events, each by its year (not a year told in a story); a page
            # with three or more such items lists them all that way ("في 1844 وقعت ... وفي 1919وقعت ...")
            first_item = min((f.start for f in found if f.kind == "thisday" and f.start >= lo), default=None)
            for m in _THIS_DAY_IN_YEAR_RE.finditer(chunk):
                before = chunk[max(0, m.start() - 8):m.start()].rstrip()
                joined = m.group().startswith("و") or before.endswith(("،", ","))
                if (first_item is not None and first_item < lo + m.start() and joined) or (
                        layout.year_items >= 3 and (joined or not before or before.endswith((".", ":")))):
                    add(m, "thisday", groups={"y": m.group("y")})
            for m in _GLUED_ENTRY_YEAR_RE.finditer(chunk):  # "1877إيزاك نيوتن ...": an entry's year glued to it
                add(m, "thisday", groups={"y": m.group("y")}, entry=True)
    # a list entry that opens with its year, on its line or run on after the last one's full stop (".-1965: ...")
    if _opens_line(text, lo) or _RUN_ON_ENTRY_RE.search(text, max(0, lo - 4), lo):
        year_first = _YEAR_FIRST_RE.match(chunk)
        entry_year = None if year_first else _ENTRY_YEAR_RE.match(chunk)
        if year_first:  # "1920، أيلول/سبتمبر – ...": the year first, then the month
            add(year_first, "explicit", month=True,
                groups={**_MONTH_DATE_UNSET, **year_first.groupdict()})
        elif entry_year:  # "1944 – وافقت ...": the entry's year
            add(entry_year, "explicit", groups={"y": entry_year.group("y") or entry_year.group("sy")}, month=False,
                entry_year=True)
        elif (marked := _MARKED_ENTRY_YEAR_RE.match(chunk)) and re.search(
                r"[\-\u2013\u2014\u2022*]", text[_line_start(text, lo):lo]) and not _is_count_word(text, lo + marked.end()):
            # "- 1957 إيران توقع اتفاقية ...": a list marker, the entry's year, and its text with no mark between
            add(marked, "explicit", groups={"y": marked.group("y")}, month=False, entry_year=True)
        elif layout.year_lines >= 3 and (bare := _BARE_ENTRY_YEAR_RE.match(chunk)) and not _is_count_word(
                text, lo + bare.end()) and not _BEFORE_CHRIST_RE.match(text, lo + bare.end()):
            # "1960افتتاح مطار دبي" / "1988 افتتاح المبنى رقم 2" on a page of such lines: a list of years with no mark
            add(bare, "explicit", groups={"y": bare.group("y")}, month=False, entry_year=True)

    # Keep the earliest, then the longest; drop what overlaps a kept one.
    order = {"thisday": 0, "anniversary": 0, "range": 1, "explicit": 2, "early": 2, "offset": 3, "same": 4, "inyear": 4, "next": 5, "present": 6,
             "prev": 7, "weekday": 7, "numericmonth": 9, "clock": 8, "clocktime": 8, "dayofit": 4, "dayentry": 9, "today": 11, "numeric": 10, "hijri": 0, "decade": 1}
    found.sort(key=lambda f: (f.start, -(f.end - f.start), order[f.kind]))
    kept: list[_Found] = []
    reach = -1  # where the kept ones end: sorted by start, a date overlaps a kept one iff it starts before this
    for f in found:
        if f.end <= f.start or f.start < reach:
            continue
        if f.kind == "explicit" and not _plausible(text, lo, f, layout.bare_years_from):
            if implausible is not None:  # (for the second look: a count stays a count; other doubts it weighs)
                counted = _is_count_word(text, f.end) or _counted_before(text, lo, f.start) or any(
                    x.kind == "count" and x.end > lo for x in implausible[-3:])  # "والضباط 1700" after "الجنود 1500"
                implausible.append(Seen(f.start, f.end, "count" if counted else "doubted"))
            continue
        kept.append(f)
        reach = max(reach, f.end)
    kept.sort(key=lambda f: f.start)
    if layout.hijri_years is not None:
        _unmarked_hijri_years(kept, layout.hijri_years)
    _month_heading_entries(text, hi, kept)
    _year_lists(text, hi, kept)
    for f in kept:
        if f.kind == "offset" and (of := _OF_PROCESS_RE.match(text, f.end)) and _norm(of.group("w")) in _PROCESS_NOUNS:
            f.data["not_event"] = "a duration: how long a process lasted, from a start the text does not give"
    for f, nxt in zip(kept, kept[1:]):
        _century_year(text, hi, f)
        if (f.kind == "offset" and nxt.kind in ("explicit", "numeric") and _has_year_or_present(nxt)
                and _RESTATED_GAP_RE.match(text[f.end:nxt.start])):
            f.data["restated"] = True  # "قبل ثلاثة أعوام في 17 ديسمبر 2010": the explicit date says it exactly
            f.data["not_event"] = "an offset the explicit date after it restates"
        elif (nxt.kind == "offset" and f.kind in ("explicit", "numeric", "thisday") and _has_year_or_present(f)
              and _OFFSET_AFTER_DATE_GAP_RE.match(text[f.end:nxt.start])
              and _OFFSET_FROM_EVENT_RE.match(text, nxt.end) and _opens_clause(text, lo, f)):
            # "في 19 فبراير 2008 وقبل 5 أيام من انتهاء مدة الحكم أعلن ...": the date opens the clause, and the
            # offset after it, from another event, places the same moment again (its verb comes after both)
            nxt.data["restated"] = True
            nxt.data["not_event"] = "an offset from another event that the explicit date before it restates"
    if kept:
        _century_year(text, hi, kept[-1])
    kept = _pair_hijri(text, kept)
    _named_hijri_days(text, lo, kept)
    _day_lists(text, lo, kept)
    kept = _month_lists(text, kept)
    kept = _join_ranges(text, kept)
    for f in kept:
        f.particle, f.particle_start, f.particle_word = _particle_before(text, lo, f.start)
    return kept


# The days of the Hijri year known by name: the day and the month each stands for
_NAMED_HIJRI_DAYS = {"يوم عرفة": (9, "ذو الحجة"), "يوم التروية": (8, "ذو الحجة"), "يوم النحر": (10, "ذو الحجة"),
                     "يوم الأضحى": (10, "ذو الحجة"), "عيد الأضحى": (10, "ذو الحجة"), "يوم عاشوراء": (10, "محرم"),
                     "عيد الفطر": (1, "شوال")}
# (looked up by the name as read, "يوم عرفه" as "يوم عرفة": the pattern takes ه for ة)
_NAMED_HIJRI_DAY_BY_KEY = {_norm(name).replace("ة", "ه"): day for name, day in _NAMED_HIJRI_DAYS.items()}
_NAMED_HIJRI_DAY_RE = re.compile(
    rf"(?P<name>{_alt(list(_NAMED_HIJRI_DAYS))})\s*[،,]?\s*(?:{_alt(['من', 'في', 'فى'])}\s+)?(?:{_alt(['عام', 'سنة'])}\s*)?$")


def _named_hijri_days(text: str, lo: int, kept: list[_Found]) -> None:
    """"يوم عرفة من سنة ثمان وثلاثين ومائتين", "يوم التروية ... عام 317 هـ": a day of the Hijri year known by its
    name, right before its year, is that day of that year."""
    for f in kept:
        g = f.data.get("groups") or {}
        if f.kind != "hijri" or g.get("hm") or not g.get("hy"):
            continue
        m = _NAMED_HIJRI_DAY_RE.search(text, max(lo, f.start - 30), f.start)
        if m is None:
            continue
        day, month = _NAMED_HIJRI_DAY_BY_KEY[_norm(m.group("name")).replace("ة", "ه")]
        g.update(hd=str(day), hm=month)
        f.start = m.start()


# Between an offset and the explicit date that restates it: a particle at most ("بعد ثلاثة أعوام، في ...");
# "بعد ستة أشهر من الغزو في 2003" is not one: the explicit date is the offset's anchor there.
_OFFSET_AFTER_DATE_GAP_RE = re.compile(rf"^\s*(?:\([^()\n]{{1,30}}\)\s*)?[،,]?\s*(?:و|{_alt(['اي', 'أي'])}\s)?\s*$")
_OFFSET_FROM_EVENT_RE = re.compile(rf"\s*(?:{_alt(['فقط', 'تقريبا'])}\s+)?{_alt(['من', 'على'])}\s+[^\W\d_]")
_CLAUSE_OPENERS = frozenset(normalise_arabic(w) for w in (
    "في", "فى", "وفي", "وفى", "ففي", "يوم", "ويوم", "بتاريخ", "مثل", "هذا", "اليوم", "و", "ثم", "وفي مثل"))


def _clause_words_before(text: str, lo: int, start: int, width: int, stops: str) -> tuple[list[str], bool]:
    """The words between the last of ``stops`` (or the sentence's start ``lo``) and ``start``, within the ``width``
    characters before it, and whether that clause's start lies so close (else the words are the window's)."""
    window = max(lo, start - width)
    before = text[window:start]
    cut = max(before.rfind(stop) for stop in stops)
    return _words(before[cut + 1:]), cut >= 0 or window == lo


def _opens_clause(text: str, lo: int, f: _Found) -> bool:
    """Whether the date opens its clause: only particles («في مثل هذا اليوم», «وفي», «يوم») between it and the
    sentence's start or the last comma, so no verb before it has taken it."""
    words, whole = _clause_words_before(text, lo, f.start, 40, "،,:")
    return whole and all(w in _CLAUSE_OPENERS for w in words)


_RESTATED_GAP_RE = re.compile(
    rf"^\s*(?:{_alt(['فقط', 'تقريبا', 'تحديدا'])}\s*)?[،,]?\s*(?:و?\s*{_alt(['في', 'فى', 'يوم', 'بتاريخ', 'اي', 'أي'])}\s*)?$"
)
# "بعد يومين من المعارك", "بعد 22 عاما من الزواج": how long a process lasted, whose start the text does not give
_PROCESS_NOUNS = frozenset(normalise_arabic(w) for w in (
    "المعارك", "القتال", "الحرب", "الزواج", "المفاوضات", "الحصار", "الاحتجاجات", "المظاهرات", "الاعتصام", "الحكم",
    "الاحتلال", "العمل", "الدراسة", "السجن", "الاعتقال", "الانتظار", "المحادثات", "النقاش", "الجدل", "الغياب",
    "النفي", "المنفى", "الصراع", "الاشتباكات", "القصف", "الخدمة"))
_OF_PROCESS_RE = re.compile(r"\s*من\s+(?P<w>[^\W\d_]+)")


_AND_YEAR_RE = re.compile(rf"\s*[،,]?\s*(?:و|ثم\s)\s*(?P<y>{_YEAR4})(?![^\W\d_])")  # "سنة: 1979 و1980 ثم 2003"


def _unmarked_hijri_years(kept: list[_Found], span: tuple[int, int]) -> None:
    """"في عام ١٣١٩" in a text whose marked Hijri years are 1292-1373 and Western ones 1876-1953: Hijri."""
    for i, f in enumerate(kept):
        g = f.data.get("groups") or {}
        if f.kind == "explicit" and not f.data.get("month") and g.get("y") and not g.get("q"):
            year = int(to_western_digits(g["y"]))
            if span[0] <= year <= span[1]:
                kept[i] = _Found(f.start, f.end, "hijri", {"groups": {"hy": g["y"], "hm": None, "hd": None, "gy": None}})


def _year_lists(text: str, hi: int, kept: list[_Found]) -> None:
    """"في 2012، و2014، و2018": years listed after a year, each a statement (``year_list``)."""
    for f in kept:
        g = f.data.get("groups") or {}
        if f.kind != "explicit" or f.data.get("month") or not g.get("y") or "year_list" in f.data:
            continue
        listed, at = [], f.end
        while (m := _AND_YEAR_RE.match(text, at, hi)) is not None:
            year = int(to_western_digits(m.group("y")))
            if not 1000 <= year <= 2100 or any(k.start < m.end() and m.start("y") < k.end for k in kept if k is not f):
                break
            listed.append((year, m.start("y"), m.end("y")))
            at = m.end()
        if len(listed) == 1 and listed[0][0] == int(to_western_digits(g["y"])) + 1:
            f.data["year_span"] = listed[0]  # "في 2007 و2008": two consecutive years are one period
        elif listed:
            f.data["year_list"] = listed


def _month_heading_entries(text: str, hi: int, kept: list[_Found]) -> None:
    """"* فبراير (شباط) 2011 - من 15 إلى 19: ...": a month and year opening a line, then a dash and a day entry,
    head the entries under them (``heading``); the day entry after it is read here."""
    if not kept:
        return
    f = kept[0]
    g = f.data.get("groups") or {}
    if f.kind != "explicit" or not f.data.get("month") or not g.get("y") or g.get("d") or g.get("od") or g.get("q"):
        return
    if not (_opens_line(text, f.start) or _after_entry_break(text, 0, f.start)):
        return
    m = _AFTER_HEADING_ENTRY_RE.match(text, f.end, hi)
    if m is None:
        return
    f.data["month_heading"] = True
    entry = _Found(m.start("e"), m.end("e"), "dayentry", {"groups": m.groupdict(), "bare": True})
    kept[:] = [f, entry, *(k for k in kept[1:] if k.start >= entry.end)]


def _has_year_or_present(f: _Found) -> bool:
    g = f.data.get("groups") or {}
    return bool(g.get("y") or g.get("cur"))


def _hijri_range_years(m: re.Match[str]) -> dict[str, str]:
    """The Western years of a Hijri span: those the text gives beside it, else the tabular conversion's."""
    if m.group("g1"):
        return {"y1": to_western_digits(m.group("g1")), "y2": to_western_digits(m.group("g2"))}
    h1, h2 = (int(to_western_digits(m.group(k))) for k in ("h1", "h2"))
    if not 1 <= h1 <= h2 <= 1500:  # ("742-742": a reign inside one Hijri year)
        return {"y1": "0", "y2": "0"}
    return {"y1": str(hijri_year_span(h1)[0]), "y2": str(hijri_year_span(h2)[1])}


def _century_year(text: str, hi: int, f: _Found) -> None:
    """"الخامس عشر من فبراير من عام 89 من القرن الماضي": a day and month whose year is two digits and a
    century take that year (the expression grows to hold it)."""
    g = f.data.get("groups") or {}
    if f.kind != "explicit" or not f.data.get("month") or g.get("y") or g.get("ry") or g.get("cur"):
        return
    m = _CENTURY_YEAR_RE.match(text, f.end, hi)
    if m is None:
        worded = _YEAR_WORDS_AFTER_RE.match(text, f.end, hi)
        year = _year_from_words(worded.group("w")) if worded else None
        if worded is not None and year is not None and 1000 <= year <= 2100:
            g["y"] = str(year)
            f.end = worded.end()
        return
    g["y"] = str(_CENTURIES[_norm(" ".join(m.group("cent").split()))] + int(to_western_digits(m.group("yy"))))
    f.end = m.end()


def _last_word(text: str, lo: int, start: int) -> str:
    """The word right before ``start`` (normalised, a leading و/ف dropped), or "" if punctuation intervenes."""
    tokens = list(_WORD_RE.finditer(text, max(lo, start - 40), start))
    if not tokens or text[tokens[-1].end():start].strip():
        return ""
    word = _norm(tokens[-1].group())
    return word[1:] if word[:1] in "وف" and len(word) > 2 else word


# Nouns of events that a bare year after them dates: "هزيمة 1967", "ثورة 2011", "أولمبياد 1936"
_EVENT_NOUNS = frozenset(normalise_arabic(w) for w in (
    "ثورة", "حرب", "هزيمة", "نكسة", "نكبة", "أزمة", "انتفاضة", "انقلاب", "معاهدة", "اتفاقية", "مؤتمر",
    "أولمبياد", "اولمبياد", "مونديال", "انتخابات", "استفتاء", "مجزرة", "زلزال", "فيضان", "إعلان", "غزو", "احتلال",
    "حملة", "معركة", "قمة", "عدوان", "اجتياح", "تمرد", "إضراب", "مظاهرات", "احتجاجات", "أحداث", "مجاعة", "دستور",
    "وباء", "جائحة", "كارثة", "إبادة", "حصار", "اتفاق", "ميثاق", "وعد", "اضطرابات", "مذبحة", "بطولة", "كأس",
    "دورة", "الألعاب"))
_NOT_AFTER_EVENT_NOUN = frozenset(normalise_arabic(w) for w in ("قرار", "القرار", "رقم", "عدد", "مادة", "المادة"))


def _after_event_noun(text: str, lo: int, start: int) -> bool:
    """A bare year after an event's noun, up to two words of its name between ("أزمة لبنان 1958"), with no
    punctuation or number between: the event's year."""
    return _event_noun_before(text, lo, start) is not None


def _event_noun_before(text: str, lo: int, start: int) -> tuple[int, str] | None:
    """Where the event noun of a name ending at ``start`` begins, and the noun as written (see above)."""
    tokens = _last_words(text, lo, start)[-3:]
    if not tokens or text[tokens[-1][1]:start].strip(" \t-\u2013"):  # "دورة «لندن-2012»": a name's hyphen
        return None
    for i in range(len(tokens) - 1, -1, -1):
        word = tokens[i][2]
        if word.isdigit() or word in _NOT_AFTER_EVENT_NOUN:
            return None
        if i < len(tokens) - 1 and text[tokens[i][1]:tokens[i + 1][0]].strip(" \t-\u2013«\"“"):
            # punctuation between the noun and the name (not a name's hyphen, "سايكس-بيكو", nor the quote that
            # opens it, "دورة «بكين 2008»")
            return None
        bare = word[2:] if word.startswith(("ال", "لل")) else word[1:] if word[:1] in "لبو" and len(word) > 3 else word
        bare = bare[2:] if bare.startswith("ال") else bare
        if word in _EVENT_NOUNS or bare in _EVENT_NOUNS:
            return tokens[i][0], word
    return None


# Words before an event's name that only refer to it ("صاحب ثورة 1919", "بموجب اتفاقية 1929"): the sentence
# cites the event or describes someone by it; it tells no act of that year (the corpus README's rule).
_NAME_REFERENCE_WORDS = frozenset(normalise_arabic(w) for w in (
    "صاحب", "صاحبة", "بموجب", "وفق", "وفقا", "طبقا", "حسب", "بحسب", "بطل", "أبطال", "قائد", "قادة", "زعيم",
    "زعماء", "مفجر", "رمز", "شهداء", "ذكرى", "ذكري", "مثل", "بناء على"))


_TITLE_MAX = 70  # a title longer than this is a sentence


def _is_title_year(text: str, lines: _Lines, f: _Found) -> bool:
    """"حرب 1956: العدوان الثلاثي", "النزاع في اليمن منذ 2014... أبرز المحطات", "اتفاقية مياه النيل (1929)": a
    year alone in a short title over a longer text names what the text is about; the text below dates the
    events. (Not "لماذا تحركت إفريقيا في عام 1960؟": a title that says "in" a year states something of it.)"""
    g = f.data.get("groups") or {}
    if f.kind != "explicit" or f.data.get("month") or not g.get("y") or g.get("q") or g.get("season"):
        return False
    if _norm(f.particle_word) in ("في", "خلال", "بتاريخ"):
        return False
    start, end = lines.start_of(f.start), lines.end_of(f.start)
    title = text[start:end].strip()
    if lines.at_line_start(f.particle_start):
        return False  # "عام 1960… موجة الاستقلال": a title that opens with its year heads what follows
    if len(title) > _TITLE_MAX or title.endswith((".", "؟", "?", "!")) or len(text) - end < 200:
        return False
    if _norm(title.split(maxsplit=1)[0]) in _NEW_STATEMENT_VERBS:
        return False  # "ولد في بسكنتا عام 1889" under a name: a line that opens with a verb of an event states it
    return lines.lines_above(start, 1) <= 1  # under a stamp line at most


_CHRONOLOGY_TITLE_RE = re.compile(
    _alt(["تسلسل زمني", "التسلسل الزمني", "محطة زمنية", "محطات زمنية", "خط زمني", "الخط الزمني", "جدول زمني",
          "ابرز المحطات", "ابرز محطات", "اهم المحطات", "اهم محطات", "ابرز الاحداث", "اهم الاحداث", "اهم احداث",
          "ابرز احداث", "بالتواريخ", "حصاد", "في سطور", "كرونولوجيا", "احداث وقعت", "ابرز التطورات"])
)


def _in_chronology_title(text: str, lines: _Lines, f: _Found) -> bool:
    """A date in the title of a chronology (the first line, under a stamp line at most, a title's words such as
    "تسلسل زمني" or "أهم أحداث"), over a longer text: the list's scope, not one of its events."""
    if f.kind not in ("explicit", "range"):
        return False
    start, end = lines.start_of(f.start), lines.end_of(f.start)
    title = text[start:end].strip()
    if len(title) > 2 * _TITLE_MAX or title.endswith((".", "؟", "?", "!")) or len(text) - end < 200:
        return False
    return lines.lines_above(start, 1) <= 1 and _CHRONOLOGY_TITLE_RE.search(_norm(title)) is not None


_NAME_PARTS = frozenset(normalise_arabic(w) for w in ("أحكام", "احكام", "نص", "نصوص", "بنود", "مواد", "شروط"))
_NAME_ADJECTIVES = frozenset(normalise_arabic(w) for w in ("العام", "الأعلى", "الأول", "الأكبر"))


def _is_name_reference(text: str, lo: int, f: _Found) -> bool:
    """A date that names an event the sentence only refers to: "صاحب ثورة 1919", "بموجب دستور 1959", "أحد قادة
    ثورة 23 يوليو 1952", "بناءً على اتفاقية سايكس-بيكو (1916)", "مثل أزمة لبنان 1958". (Not a name in the
    genitive: "لاتفاقية السلام الموقعة عام 1979" is often the only place a text dates the treaty.)"""
    g = f.data.get("groups") or {}
    if f.kind != "explicit" or not g.get("y") or g.get("q"):
        return False
    noun: tuple[int, str] | None = None
    if f.data.get("bracketed"):  # "اتفاقية سايكس-بيكو (1916)": the name is before the bracket
        noun = _event_noun_before(text, lo, text.rfind("(", lo, f.start) if "(" in text[f.start:f.start + 2] else f.start)
        if noun is None:
            tokens = _last_words(text, lo, f.start)
            names = [t for t in tokens[-3:] if t[2] in _EVENT_NOUNS or _is_name_noun(t[2])]
            noun = (names[0][0], names[0][2]) if names else None
    elif f.data.get("month"):  # "ثورة 23 يوليو 1952": a full date after a name noun
        tokens = _last_words(text, lo, f.start)
        if tokens and (g.get("d") or g.get("od")) and _is_name_noun(tokens[-1][2]) and not text[tokens[-1][1]:f.start].strip():
            noun = (tokens[-1][0], tokens[-1][2])
    elif f.data.get("named_event"):
        if g.get("yw") and _norm(g["yw"]).startswith("ل"):  # "انتفاضة الخبز لسنة 1984": the name ends before "ل"
            noun = _event_noun_before(text, lo, f.start + (f.data.get("yw_offset") or 0))
        else:
            noun = _event_noun_before(text, lo, f.start)
    if noun is None:
        return False
    tokens = _last_words(text, lo, noun[0])
    if not tokens:
        return False
    if tokens[-1][2] in _NAME_ADJECTIVES and len(tokens) > 1:  # "القائد العام للثورة السورية الكبرى 1925"
        tokens = tokens[:-1]
    before = _strip_waw(tokens[-1][2], _NAME_REFERENCE_WORDS)
    if before == "علي" and len(tokens) > 1:  # "بناءً على", "بناء على"
        before = tokens[-2][2].rstrip("ا") + " علي"
    elif before in _NAME_PARTS and len(tokens) > 1:  # "وفق أحكام دستور 1959": the reference word one further back
        before = _strip_waw(tokens[-2][2], _NAME_REFERENCE_WORDS)
    return before in _NAME_REFERENCE_WORDS or (before.startswith("ال") and before[2:] in _NAME_REFERENCE_WORDS)


_RECURRING_AFTER_RE = re.compile(
    rf"\s*[،,)]?\s*(?:(?:[وف]?(?:من|في)\s+)?{_LB}كل\s+(?:عام|سنة|سنه)|{_LB}سنوي(?:ا|اً|ًا)?){_WORD_END}")


def _plausible(text: str, lo: int, f: _Found, bare_years_from: int = 1900) -> bool:
    """Reject numbers that are not years, and month names that may be other words."""
    g = f.data["groups"]
    if f.data.get("era_marked"):  # "عام 750 ميلاديًا"
        return 1 <= int(to_western_digits(g["y"])) <= 2100
    if f.data.get("entry_year") or f.data.get("bracketed") or f.data.get("dashed_list"):
        # "1944 – وافقت ...", "سايكس-بيكو (1916)", "6 مرات 1974 - 1977 - 1982"
        return 1000 <= int(to_western_digits(g["y"])) <= 2100
    if g.get("y") and _BEFORE_CHRIST_RE.match(text, f.end):
        return False  # "عام 1200 قبل الميلاد": the model holds no year before the common era
    if f.data["month"] and not g.get("y") and (
            _RECURRING_AFTER_RE.match(text, f.end) or _last_word(text, lo, f.start) == "كل"):
        return False  # "في 15 أكتوبر من كل عام", "الثاني من ديسمبر سنوياً", "صباح كل 6 أكتوبر": a day that recurs
    if g.get("y"):
        year = int(to_western_digits(g["y"]))
        named = bool(f.data["month"] or g.get("yw") or g.get("q") or g.get("season")) or bool(
            _ERA_END_RE.search(text, f.start, f.end)) or (
            _last_word(text, lo, f.start) == "من" and _UNTIL_AFTER_RE.match(text, f.end) is not None) or (
            # "بدأت الثورة في 1789،": a number that ends its clause counts nothing; it is a year
            _CLAUSE_END_RE.match(text, f.end) is not None)
        # a history text dates "منذ عام 1830"; a bare number before 1900 is more often a count or a code
        if not (1000 if named else bare_years_from) <= year <= 2100 and not (
                1000 <= year <= 2100 and _in_inline_year_list(text, f)):
            return False  # (a list of names with their years, "أوراق بيكويك 1836، وأوليفر تويست 1838", is its own proof)
        # "5000 جندي", "1566 طالباً": only a bare number can be a count; after a month or "عام" it is a year
        if not (f.data["month"] or g.get("yw") or g.get("q") or g.get("season")) and _is_count_word(text, f.end) and (
                _last_word(text, lo, f.start) != "منذ"):  # "منذ 1896 مرة كل أربعة أعوام": since a year, then how often
            return False
    if f.data["month"] and any(g.get(k) and _month_number(g["m"]) != _month_number(g[k]) for k in ("m3", "m4")):
        return False  # two different months side by side are not one month's two names ("أكتوبر-تشرين الأول" is)
    if not f.data["month"]:
        # a bare four-digit number is a year only right after a time particle
        if g.get("yw") and not g.get("q") and (
                _norm(g["yw"]).startswith("ل") or _after_event_noun(text, lo, text.find(g["yw"], f.start, f.end))):
            # "الانتخابات البرلمانية لعام 1991", "حرب عام 1967": a year that names its event
            f.data["named_event"] = True
            f.data["yw_offset"] = text.find(g["yw"], f.start, f.end) - f.start
        if g.get("yw") or g.get("q") or g.get("season") or _last_word(text, lo, f.start) in _BARE_YEAR_PARTICLES:
            return True
        if _ERA_END_RE.search(text, f.start, f.end) and (
                _last_word(text, lo, f.start) in _PARTICLE_ONE or _GLUED_ERA_RE.search(text, f.start, f.end)):
            # "من 1603م": a year the era mark names, after any time particle; "وتوفي 1566م", "1138 ميلاديًا": a
            # year however it stands (not "1500 م" after a noun: metres)
            return True
        if _last_word(text, lo, f.start) == "من" and _UNTIL_AFTER_RE.match(text, f.end):
            return True  # "حكم من 1848 إلى أن توفي": the start of a period
        if (_ERA_END_RE.search(text, f.start, f.end) and 1000 <= year
                and not any(w[2] in _MEASURE_WORDS for w in _last_words(text, lo, f.start)[-3:])):
            # "استولى على بلاد الشام 1516 م و مصر 1517 م", "في عين جالوت 1260 م": a year of four digits the era
            # mark names, after a place or a thing; not a length ("بلغ ارتفاع الجبل 1500 م" is metres)
            return True
        if _after_event_noun(text, lo, f.start):
            f.data["named_event"] = True  # "هزيمة 1967", "أزمة لبنان 1958", "الثورة السورية الكبرى 1925"
            return True
        if _ends_list_item(text, f) and 1000 <= int(to_western_digits(g["y"])):
            return True  # "التلفزيون العراقى 1956" over "التليفزيون الجزائرى 1956", "- معرض أتيليه الإسكندرية 1968."
        if _in_inline_year_list(text, f):
            return True  # "لندن 2012، ريو 2016، وطوكيو 2020"
        if _CLAUSE_END_RE.match(text, f.end) and _CITY_BEFORE_RE.search(text, max(lo, f.start - 20), f.start):
            return True  # "أباريق مهشمة، بيروت 1954.": a book's city and year of print, a place and its year
        before = [t[2] for t in _last_words(text, lo, f.start)][-2:]
        if len(before) == 2 and _strip_waw(before[0], _IN_WORDS) in _IN_WORDS and 1000 <= int(to_western_digits(g["y"])):
            return True  # "وفي سيدني 2000", "في رئاسيات 2007", "في سنتين 1921 و1926": "in" a place or an occasion
        words = [t[2] for t in _last_words(text, lo, f.start)][-2:]
        return len(words) == 2 and f"{words[0].rstrip('ا')}ا {words[1]}" in _PARTICLE_TWO
    if not any(g.get(k) for k in ("d", "od", "y", "ry", "q", "shahr")):
        # a month name alone ("مارس" is also a verb, "آب" also "father") needs a particle before it, or to open
        # a list entry under a year's heading ("> أبريل (نيسان): الحكومة تعلن ...")
        start = f.start - 1 if f.start - 1 >= lo and text[f.start - 1] in "وفبل" else f.start
        if _opens_line(text, f.start) and _ENTRY_MARK_RE.match(text, f.end) and not text[f.end:f.end + 3].strip().startswith("-"):
            f.data["month_entry"] = True
            return True
        last = _last_word(text, lo, start)
        if last in ("شهري", "الشهرين"):  # "بين شهري آب وكانون الأول 1978"
            last = ([""] + [t[2] for t in _last_words(text, lo, start)])[-2]
        return last in _PARTICLE_ONE or last == "بين"
    return True


_PAIR_GAP_RE = re.compile(
    rf"^\s*[-\u2013\u0640(\[/\\،,=]?\s*(?:(?:و\s*)?{_alt(['الذي', 'التي'])}\s*)?"
    rf"(?:{_alt(['الموافق', 'الموافقة', 'الموافق ل', 'الموافقة ل', 'ويوافق', 'يوافق', 'حوالي', 'نحو'])}\s*)?$"  # "(حوالي 799 ميلادي)"
)


def _hijri_year_pairs(hijri: int, western: int) -> bool:
    """Whether a Western year is one a Hijri year overlaps (a Hijri year is 354 days: it meets one or two)."""
    start = hijri * 354.367 / 365.25 + 621.57  # where the Hijri year begins, in Western years
    return int(start) <= western <= int(start + 354.367 / 365.25) + 1


def _pair_hijri(text: str, kept: list[_Found]) -> list[_Found]:
    """"15 رمضان 1424 هـ الموافق 10 نوفمبر 2003": the Western date the text pairs a Hijri one with is the date,
    and the Hijri one is kept beside it (``hijri``) rather than converted."""
    out: list[_Found] = []
    i = 0
    while i < len(kept):
        f = kept[i]
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        if (nxt is not None and _year_only(f) and _year_of(nxt) is not None and not nxt.data.get("month")
                and (text[f.end:nxt.start].strip() == "(" or (not text[f.end:nxt.start].strip() and text[nxt.start] == "("))
                and _ERA_END_RE.search(text, nxt.start, nxt.end - (1 if text[nxt.end - 1] == ")" else 0))
                and _hijri_year_pairs(_year_of(f) or 0, _year_of(nxt) or 0)):
            # "حتى سنة ١٢٧٥ (١٨٥٨م)": an unmarked Hijri year and, in brackets, the Western one it falls in
            out.append(_Found(f.start, nxt.end, nxt.kind, {**nxt.data, "hijri": to_western_digits(f.data["groups"]["y"])}))
            i += 2
            continue
        if (nxt is not None and f.kind == nxt.kind == "range" and f.data.get("hijri_range")
                and not nxt.data.get("hijri_range") and text[f.end:nxt.start].strip() in ("/", "\\", "(", "=", "")):
            # "726 – 761هـ\1326 – 1360م", "(54-60 = 673-679 م)": a Hijri span then the Western span it pairs with
            out.append(_Found(f.start, nxt.end, "range", dict(nxt.data)))
            i += 2
            continue
        if (f.kind == "hijri" and not f.data["groups"].get("gy") and nxt is not None
                and nxt.kind in ("explicit", "numeric", "early") and _PAIR_GAP_RE.match(text[f.end:nxt.start])):
            g = f.data["groups"]
            hm = HIJRI_MONTHS.get(_norm(g["hm"])) if g.get("hm") else None
            hijri = to_western_digits(g["hy"]) + (f"-{hm:02d}" if hm else "")
            if hm and g.get("hd"):
                hijri += f"-{int(to_western_digits(g['hd'])):02d}"
            out.append(_Found(f.start, nxt.end, nxt.kind, {**nxt.data, "hijri": hijri}))
            i += 2
            continue
        out.append(f)
        i += 1
    return out


def _month_number(name: str) -> int | None:
    from .arabic_dates import month_from_name
    try:
        return month_from_name(_norm(name))
    except (KeyError, ValueError):
        return None


_DAY_BEFORE_DAY_RE = re.compile(
    rf"(?P<d>(?<![{_NUM_EDGE}]){_DIGIT}{{1,2}})\s*(?P<j>و|{_alt(['الى', 'حتى'])}|[\-\u2013/])\s*$"
)


def _day_lists(text: str, lo: int, kept: list[_Found]) -> None:
    """"في ١٠ و٢٤ أكتوبر 1954" is two dates; "15 و16 مارس" and "من 15 إلى 20 مارس" are one span of days.
    The explicit date takes the first day in: ``day_list`` (another date) or ``day_range`` (the span's start)."""
    for f in kept:
        g = f.data.get("groups") or {}
        if f.kind != "explicit" or not g.get("d") or g.get("q"):
            continue
        m = _DAY_BEFORE_DAY_RE.search(text, max(lo, f.start - 14), f.start)
        if m is None:
            continue
        first, second = int(to_western_digits(m.group("d"))), int(to_western_digits(g["d"]))
        if not 1 <= first < second or (m.group("j") == "/" and second != first + 1):
            continue  # ("ليلة ٢٢ /٢٣ يوليو": a night across two days; other numbers around a slash are no span)
        between = _last_word(text, lo, m.start()) == "بين"  # "بين 15 و20 مارس" is a span
        and_list = m.group("j") == "و" and second != first + 1 and not between
        start, first_end = m.start(), m.start() + len(m.group("d"))
        while not and_list and m.group("j") == "و" and (
                more := _DAY_BEFORE_DAY_RE.search(text, max(lo, start - 8), start)) is not None and (
                more.group("j") == "و" and int(to_western_digits(more.group("d"))) == first - 1):
            # "أيام 8 و9 و10 جانفي 1978": three days in a row, one span
            first, start, first_end = first - 1, more.start(), more.start() + len(more.group("d"))
        f.data["day_list" if and_list else "day_range"] = (first, start, first_end)
        f.start = start


def _month_lists(text: str, kept: list[_Found]) -> list[_Found]:
    """"في كانون الثاني/يناير وشباط/فبراير 2007": two whole months joined by "و" share the year written after
    the second; consecutive, they are one period; apart ("في يناير ومايو 2007"), two dates of that year."""
    out: list[_Found] = []
    i = 0
    while i < len(kept):
        a = kept[i]
        b = kept[i + 1] if i + 1 < len(kept) else None
        ga = a.data.get("groups") or {}
        gb = (b.data.get("groups") or {}) if b is not None else {}
        if (b is not None and a.kind == b.kind == "explicit" and a.data.get("month") and b.data.get("month")
                and ga.get("m") and not (ga.get("y") or ga.get("d") or ga.get("od") or ga.get("ry") or ga.get("cur"))
                and gb.get("m") and gb.get("y") and not (gb.get("d") or gb.get("od"))
                and _RANGE_JOIN_IS_AND_RE.match(text[a.end:b.start])):
            first, second = _month_number(ga["m"]), _month_number(gb["m"])
            a = _Found(a.start, a.end, "explicit", {**a.data, "groups": {**ga, "y": gb["y"], "yw": None}})
            if first is not None and second is not None and second == first + 1:
                out.append(_Found(a.start, b.end, "range", {"first": a, "second": b}))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


# "فبدأت رحلته عام ٧٢٥ﻫ وانتهت بعودته إلى فاس عام ٧٥٤ﻫ", "وابتدأ بناءه سنة (٣٥٩ هـ)، وكمل سنة (٣٦١ هـ)": a start
# verb just before the first date and an end verb between the two, in one sentence, tell one thing's period
_BEGAN_LONG_WORDS = frozenset(normalise_arabic(w) for w in (
    "بدأ", "بدأت", "ابتدأ", "ابتدأت", "بدات", "بدا", "انطلق", "انطلقت", "اندلع", "اندلعت", "شرع", "شرعت",
    "تأسس", "تأسست", "نشأ", "نشأت", "قامت"))
_ENDED_IN_GAP_RE = re.compile(
    rf"{_LB}(?:[وف])?(?:{_alt(['انتهى', 'انتهت', 'انتهي', 'كمل', 'اكتمل', 'اكتملت', 'اختتم', 'اختتمت'])}{_WORD_END}"
    rf"|{_alt(['استمر', 'استمرت', 'امتد', 'امتدت', 'دام', 'دامت'])}{_WORD_END}[^.؟!?\n]{{0,40}}{_alt(['حتى', 'الى'])}{_WORD_END})"
)
_SENTENCE_BREAK_RE = re.compile(r"[.؟!?\n]")


def _began_then_ended(text: str, a: _Found, b: _Found) -> bool:
    if a.kind != b.kind or a.kind not in ("explicit", "hijri") or b.start - a.end > 120:
        return False
    if a.kind == "hijri" and (a.data["groups"].get("hm") or b.data["groups"].get("hm")):
        return False  # Hijri days and months have their own rule
    gap = text[a.end:b.start]
    if _SENTENCE_BREAK_RE.search(gap) or not _ENDED_IN_GAP_RE.search(gap):
        return False
    before = _words(text[max(0, a.start - 50):a.start])[-4:]
    return any(_strip_waw(w, _BEGAN_LONG_WORDS) in _BEGAN_LONG_WORDS for w in before) and _starts_before(a, b)


# The words between a start and its end: "حتى وفاته عام 1970", "وحكم السودان حتى عام 2019م", "والذي استمر حتى عام
# 1956", "و أتمه سنة 1856م"
_UNTIL_IN_GAP_RE = re.compile(
    rf"{_LB}(?:و\s*)?{_alt(['حتى', 'حتي', 'لغاية', 'الى غاية'])}{_WORD_END}|{_alt(['الى ان', 'إلى أن'])}{_WORD_END}"
    rf"|{_LB}[وف]?{_alt(['انتهى', 'انتهت', 'اتمه', 'اتمته', 'اكمله', 'اكملته', 'اكتمل', 'اكتملت', 'اختتم', 'اختتمت'])}{_WORD_END}"
)


_UNTIL_HINTS = ("حت", "غاية", "أن", "ان ", "نته", "تم", "كمل", "كتمل", "ختتم")
_UNTIL_NOUN_WORDS = frozenset(normalise_arabic(w) for w in ("عام", "سنة", "يوم", "تاريخ", "شهر"))


def _until_its_end(text: str, a: _Found, b: _Found) -> bool:
    """"عام 1954 تولى عبدالناصر رئاسة البلاد حتى وفاته عام 1970", "في عام 1881، احتلت فرنسا تونس ... والذي استمر حتى
    عام 1956": a start, and later in the sentence the end of what began then, after "until" or a verb of ending; one
    period (the corpus's rule for a beginning and an end of one thing in one sentence, made sharper in its twelfth
    round). Not when the first date is itself an end, nor near the words of a plan (a deadline)."""
    gap = text[a.end:b.start]
    if len(gap) > 220 or not any(w in gap for w in _UNTIL_HINTS):
        return False  # (cheap first: most pairs of dates have no "until" between them)
    if _SENTENCE_BREAK_RE.search(gap) or _year_of(a) is None or _year_of(b) is None:
        return False
    until = list(_UNTIL_IN_GAP_RE.finditer(gap))
    if len(until) != 1:
        return False
    before = _SENTENCE_BREAK_RE.split(text[max(0, a.start - 60):a.start])[-1]
    if _UNTIL_IN_GAP_RE.search(before) or _PLAN_RE.search(before + gap):
        return False  # "... حتى عام 1990، ثم ... حتى 1995": a is an end itself
    word = until[0].group().split()[-1] if until[0].group().split() else ""
    if _strip_waw(_norm(word), frozenset({"حتى", "حتي", "لغاية", "غاية", "ان"})) in ("حتى", "حتي", "لغاية", "غاية", "ان"):
        # "حتى وفاته", "حتى عام 1956", "حتى سقوط ...": the end named; "حتى صدر مرسوم": a new event, an end only after
        # a verb of lasting ("واستمر حتى انتزعت الجزائر استقلالها")
        after = _words(gap[until[0].end():])[:1]
        named = not after or (after[0] in _UNTIL_NOUN_WORDS or after[0].startswith("ال")
                                 or after[0].endswith(("ه", "ها", "هم")) or after[0] in _END_NOUNS)
        lasting = any(_strip_waw(w, _LASTING_VERBS) in _LASTING_VERBS for w in _words(gap[:until[0].start()]))
        return lasting or (named and _norm(word) != "ان")
    return True

def _consecutive_decades(a: _Found, b: _Found, spanned: bool = False) -> tuple[int, int] | None:
    """The first and last years of two decades in a row without qualifiers ("الخمسينيات والستينيات"), the first
    taking the century of the second ("سبعينات وثمانينات القرن الماضي"); None for any other pair."""
    ga, gb = a.data["groups"], b.data["groups"]
    if ga.get("q") or gb.get("q"):
        return None  # "في نهاية السبعينات وبداية الثمانينات": two parts of two decades, each its own
    century = gb.get("cent") or ga.get("cent")
    if not century and not (_norm(ga["dec"]).startswith("ال") and _norm(gb["dec"]).startswith("ال")):
        return None
    base = _CENTURIES.get(_norm(century), 1900) if century else 1900
    first, second = _DECADE_WORDS.get(_norm(ga["dec"])), _DECADE_WORDS.get(_norm(gb["dec"]))
    # (joined by a dash, "(السبعينيات – التسعينيات)", two decades are the ends of a period, in a row or not)
    if first is None or second is None or not (second - first == 10 or (spanned and second > first)):
        return None
    return base + first, base + second + 9


def _starts_before(a: _Found, b: _Found) -> bool:
    """Whether ``a``'s year comes before ``b``'s (a period's start, not a later aside); unknown years pass."""
    ya, yb = _year_of(a), _year_of(b)
    return ya is None or yb is None or ya < yb or (ya == yb and bool(a.data.get("month")) and bool(b.data.get("month")))


def _join_ranges(text: str, kept: list[_Found]) -> list[_Found]:
    """Two explicit dates joined by "إلى/حتى" ("من عام 2003 إلى عام 2011"), or by "و" after "بين", are one range."""
    out: list[_Found] = []
    i = 0
    while i < len(kept):
        a = kept[i]
        if i + 1 < len(kept) and a.kind == kept[i + 1].kind == "decade":
            gap = text[a.end:kept[i + 1].start]
            dashed = _PAIR_SPAN_GAP_RE.match(gap) is not None
            if (dashed or _RANGE_JOIN_IS_AND_RE.match(gap)) and (
                    years := _consecutive_decades(a, kept[i + 1], spanned=dashed)) is not None:
                # "في خمسينات وستينات القرن الماضي": two decades in a row for one statement are one period
                out.append(_Found(a.start, kept[i + 1].end, "range",
                                  {"groups": {"y1": str(years[0]), "y2": str(years[1])}}))
                i += 2
                continue
        if i + 1 < len(kept) and (_began_then_ended(text, a, kept[i + 1]) or _side_by_side_span(text, a, kept[i + 1])):
            # (side by side: "(صباح الأول) 1756م 1762م", "(أبو بكر) 11هـ 13هـ": two marked years, the second later,
            # with nothing but a space between: a table's "from" and "to" columns, one reign)
            out.append(_Found(a.start, kept[i + 1].end, "range", {"first": a, "second": kept[i + 1]}))
            i += 2
            continue
        if (i + 1 < len(kept) and a.kind == kept[i + 1].kind == "hijri" and a.data["groups"].get("gy")
                and kept[i + 1].data["groups"].get("gy") and (
                    (_RANGE_JOIN_IS_AND_RE.match(text[a.end:kept[i + 1].start])
                     and _words(text[max(0, a.start - 20):a.start])[-1:] in (["بين"], ["عامي"], ["سنتي"]))
                    or (_UNTIL_WORDS_RE.match(text[a.end:kept[i + 1].start])
                        and _words(text[max(0, a.start - 20):a.start])[-1:] in (["من"], ["منذ"])))):
            # "بين عامي 570هـ الموافق 1174م و572هـ الموافق 1176م", "من عام 41 هـ الموافق 661 م حتى مات عام 60 هـ
            # الموافق 680م": a period given in both calendars (the Western years the text gives, however early)
            b = kept[i + 1]
            out.append(_Found(a.start, b.end, "range", {"groups": {"y1": a.data["groups"]["gy"],
                                                                    "y2": b.data["groups"]["gy"]}, "era_marked": True}))
            i += 2
            continue
        if (i + 1 < len(kept) and a.kind == kept[i + 1].kind == "hijri" and a.data["groups"].get("gy")
                and kept[i + 1].data["groups"].get("gy") and _PAIR_SPAN_GAP_RE.match(text[a.end:kept[i + 1].start])
                and int(to_western_digits(a.data["groups"]["gy"])) < int(to_western_digits(kept[i + 1].data["groups"]["gy"]))):
            # "400هـ - 1009 / 500 هـ - 1106": a period, each end given in both calendars
            b = kept[i + 1]
            out.append(_Found(a.start, b.end, "range", {"groups": {"y1": a.data["groups"]["gy"],
                                                                    "y2": b.data["groups"]["gy"]}, "era_marked": True}))
            i += 2
            continue
        if (i + 1 < len(kept) and a.kind == "hijri" and a.data["groups"].get("gy") and not a.data["groups"].get("hm")
                and kept[i + 1].kind == "explicit" and _year_only(kept[i + 1])
                and _DASH_JOIN_RE.match(text[a.end:kept[i + 1].start])
                and int(to_western_digits(a.data["groups"]["gy"])) < (_year_of(kept[i + 1]) or 0)):
            # "(656 هـ/1258م – 1326م)": a life from a year given in both calendars to a Western one
            out.append(_Found(a.start, kept[i + 1].end, "range", {"groups": {
                "y1": a.data["groups"]["gy"], "y2": str(_year_of(kept[i + 1]))}, "era_marked": True}))
            i += 2
            continue
        if (i + 1 < len(kept) and a.kind == kept[i + 1].kind == "hijri" and not a.data["groups"].get("hm")
                and not kept[i + 1].data["groups"].get("hm") and not a.data["groups"].get("gy")
                and not kept[i + 1].data["groups"].get("gy") and _RANGE_JOIN_RE.match(text[a.end:kept[i + 1].start])
                and _words(text[max(0, a.start - 12):a.start])[-1:] in (["من"], ["منذ"], ["بين"])):
            # "قامت من سنة 41 هـ وحتى سنة 132 هـ": a period of Hijri years, from the first's start to the second's end
            out.append(_Found(a.start, kept[i + 1].end, "range", {"first": a, "second": kept[i + 1]}))
            i += 2
            continue
        if (i + 1 < len(kept) and a.kind == kept[i + 1].kind == "hijri" and a.data["groups"].get("hd")
                and kept[i + 1].data["groups"].get("hd") and _RANGE_JOIN_RE.match(text[a.end:kept[i + 1].start])
                and _words(text[max(0, a.start - 12):a.start])[-1:] in (["من"], ["بين"])):
            # "من 23 / جمادى الأولى / 1351 هـ حتى 3 / ربيع الأول / 1373 هـ": a reign in Hijri days
            out.append(_Found(a.start, kept[i + 1].end, "range", {"first": a, "second": kept[i + 1]}))
            i += 2
            continue
        if (i + 1 < len(kept) and a.kind == kept[i + 1].kind == "numeric"
                and _RANGE_JOIN_RE.match(text[a.end:kept[i + 1].start])
                and _words(text[max(0, a.start - 12):a.start])[-1:] in (["من"], ["بين"])):
            # "من 23/6/1948 إلى 12/5/1949"
            out.append(_Found(a.start, kept[i + 1].end, "range", {"first": a, "second": kept[i + 1]}))
            i += 2
            continue
        if i + 1 < len(kept) and a.kind == "explicit" and kept[i + 1].kind == "explicit":
            b = kept[i + 1]
            gap = text[a.end:b.start]
            a_day = bool(a.data["groups"].get("d") or a.data["groups"].get("od")) and bool(a.data["groups"].get("m"))
            both_month_years = all(x.data.get("month") and x.data["groups"].get("y") and not (
                x.data["groups"].get("d") or x.data["groups"].get("od")) for x in (a, b))
            year_then_day = _year_of(a) is not None and not a.data.get("month") and _full_day(b)  # "عام 1938 - 23 نوفمبر 2020"
            if _DASH_JOIN_RE.match(gap) and ((_full_day(a) or a_day or year_then_day) and _full_day(b) or both_month_years):
                # "(25 رجب 892 هـ / 17 يوليو 1487م – 18 رجب 930 هـ / 23 مايو 1524م)": a life or a reign
                out.append(_Found(a.start, b.end, "range", {"first": a, "second": b}))
                i += 2
                continue
            starts = (_words(text[max(0, a.start - 20):a.start])[-1:] or [""])[0].lstrip("و") in _RANGE_START_WORDS
            # (two days joined so, "بدأت في 28 يوليو 1914 واستمرت حتى 11 نوفمبر 1918", are its start and its end,
            # each an event a teacher asks about; two years are one period)
            years_only = all(_year_of(x) is not None and not x.data.get("month") for x in (a, b))
            began = _BEGAN_ENDED_RE.match(gap) is not None and any(
                _strip_waw(w, _BEGAN_WORDS) in _BEGAN_WORDS for w in _words(text[max(0, a.start - 30):a.start])[-3:])
            continued = (_CONTINUED_UNTIL_RE.match(gap) is not None or _until_its_end(text, a, b)) and _starts_before(a, b)
            if (starts and _UNTIL_END_RE.match(gap)) or (years_only and (_LASTED_UNTIL_RE.match(gap) or began)) or continued:
                # (a start told with its own verb takes the year of its context, not the end's: "في أكتوبر وتستمر
                # المحادثات حتى 2002" in a passage on 1997)
                out.append(_Found(a.start, b.end, "range", {"first": a, "second": b, "own_start": continued}))
                i += 2
                continue
            if _RANGE_JOIN_RE.match(gap):
                before = _words(text[max(0, a.start - 20):a.start])
                last = before[-1] if before else ""
                last = last[1:] if last[:1] in "و" and len(last) > 2 else last
                is_and = bool(_RANGE_JOIN_IS_AND_RE.match(gap))
                both_with_year_word = bool(a.data["groups"].get("yw") and b.data["groups"].get("yw"))
                # "يونيو 1989 وحتى أبريل 2019": two whole months joined by "until" are a period without "من"
                both_months = all(x.data.get("month") and x.data["groups"].get("y") for x in (a, b))
                if last in ("شهري", "الشهرين") and _words(text[max(0, a.start - 30):a.start])[-2:-1] == ["بين"]:
                    last = "بين"  # "بين شهري آب/ أغسطس وكانون الأول/ ديسمبر عام 1978"
                bracketed = text[max(0, a.start - 3):a.start].strip().endswith("(")  # "(17 جويلية إلى 02 أوت 1945)"
                ok = last == "بين" if is_and else (last in {"من", "بين", "منذ"} or both_with_year_word or both_months
                                                   or bracketed)
                if ok:
                    out.append(_Found(a.start, b.end, "range", {"first": a, "second": b}))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _side_by_side_span(text: str, a: _Found, b: _Found) -> bool:
    if text[a.end:b.start].strip(" \t") or a.kind != b.kind:
        return False
    if a.kind == "explicit":
        if not (_year_only(a) and _year_only(b) and _ERA_END_RE.search(text, a.start, a.end)
                and _ERA_END_RE.search(text, b.start, b.end)):
            return False
        first, second = _year_of(a), _year_of(b)
    elif a.kind == "hijri":
        ga, gb = a.data["groups"], b.data["groups"]
        if any(g.get(k) for g in (ga, gb) for k in ("hm", "hd", "gy")) or not (ga.get("hy") and gb.get("hy")):
            return False
        first, second = int(to_western_digits(ga["hy"])), int(to_western_digits(gb["hy"]))
    else:
        return False
    return first is not None and second is not None and first < second


# -- cutting the text -------------------------------------------------------------------------------------------


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    junk = " \t\r\n\u00a0\u200f\u200e.،,؛;:-–—\u0640*•·●▪◦"
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk:
        end -= 1
    return start, end


_SHORT_YEAR_DIGITS_RE = re.compile(
    rf"{_LB}{_alt(['سنة', 'سنه'])}\s+(?P<hy>(?<![{_NUM_EDGE}]){_DIGIT}{{2}})(?![{_NUM_EDGE}])(?!\s*(?:[\u0647\ufeebم]|{_alt(['عاما', 'سنة', 'شهرا', 'يوما', 'ميلادي', 'ميلادية', 'للميلاد'])}))"
)
_HIJRI_MONTH_BEFORE_RE = re.compile(HIJRI_MONTH_PATTERN)
_CUT_YEAR_WORDS_RE = re.compile(r"(?:(?<![^\W\d_])(?:سنة|عام)|\sو|(?<![^\W\d_])(?:خمس|ست|سبع|ثمان|تسع|ثلاث|أربع|اربع|إحدى|احدى|اثنتين))[ \t]*$")
_CUT_NUMERIC_DATE_RE = re.compile(rf"{_DIGIT}{{1,2}}\s*/\s*{_DIGIT}{{1,2}}\s*/\s*$")
_YEAR_ENTRY_DOT_RE = re.compile(rf"\s*[\-\u2013\u2014\u2022*>#]*\s*{_DIGIT}{{4}}(?:\s*[\-\u2013]\s*{_DIGIT}{{4}})?\s*")


_BCE_DOT_RE = re.compile(r"(?<![^\W\d_])ق\s?\.\s*م(?![^\W\d_])")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _SENTENCE_END_RE.finditer(text):
        if m.group() == "." and _YEAR_ENTRY_DOT_RE.fullmatch(text, pos, m.start()):
            continue  # "*1990. توحيد شمال وجنوب اليمن ...": a list entry's year and its full stop, not a sentence
        if m.group() == "." and (bce := _BCE_DOT_RE.search(text, max(0, m.start() - 2), m.start() + 4)) and (
                bce.start() < m.start() < bce.end()):
            continue  # "عام 331 ق.م. ثم": the abbreviation's dot (before the common era), not a sentence's end
        if m.group() == "\n" and _CUT_NUMERIC_DATE_RE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "في 6/10/\n1957": a numeric date a line break cut in two
        if m.group() == "\n" and _CUT_YEAR_WORDS_RE.search(text, max(0, m.start() - 8), m.start()):
            continue  # "و مات في سنة\nاثنتين و عشرين": a year in words a hard line break cut in two
        spans.append((pos, m.start() + (0 if m.group() == "\n" else 1)))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        s, e = _strip_span(text, s, e)
        if e > s:
            out.append((s, e))
    return out


_NEW_STATEMENT_VERBS = frozenset(normalise_arabic(w) for w in (
    "توفي", "توفيت", "مات", "ماتت", "ولد", "ولدت", "عاد", "عادت", "تولى", "تولت", "صدر", "صدرت", "دخل", "دخلت",
    "غادر", "غادرت", "سقط", "سقطت", "استقال", "استقالت", "اغتيل", "اغتيلت", "انتخب", "انتخبت", "عين", "عينت",
    "تسلم", "تسلمت", "استلم", "حصل", "حصلت", "نال", "نالت", "فاز", "فازت", "انضم", "انضمت", "أسس", "أسست",
    "تأسس", "تأسست", "افتتح", "افتتحت", "زار", "زارت", "أعلن", "أعلنت", "وقعت", "اندلعت", "اندلع", "انتهت"))
_VERB_CUT_RE = re.compile(r"\s(?:حتى\s+)?[وف]?(?=[^\W\d_]{3,}(?![^\W\d_]))")


def _verb_cuts(text: str, dates: list[_Found], cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"ولد عام 1495م وتوفي 1566م", "في ١٩ يونيه ١٩٦١م حتى صدر مرسوم في مايو ١٩٦٤ م": between two dates with no
    separator, «و» or «حتى» before a verb that tells a new event starts a new statement (a zero-width cut)."""
    out: list[tuple[int, int]] = []
    for a, b in zip(dates, dates[1:]):
        if b.start - a.end > 80 or any(a.end <= s < b.start for s, _ in cuts):
            continue
        for m in _VERB_CUT_RE.finditer(text, a.end, b.start):
            word = _norm(text[m.end():b.start].split(maxsplit=1)[0] if text[m.end():b.start].strip() else "")
            joined = text[m.start():m.end()].strip()
            if (joined.endswith(("و", "ف")) or joined.startswith("حتى")) and word in _NEW_STATEMENT_VERBS:
                out.append((m.start(), m.start()))
                break
    return out


def _fragments(text: str, lo: int, hi: int, dates: list[_Found]) -> list[tuple[int, int]]:
    cuts = []
    starts = [d.start for d in dates]  # in order and not overlapping: the one date a position may be inside
    for m in _FRAGMENT_SEP_RE.finditer(text, lo, hi):
        pos = m.start()
        inside = bisect_right(starts, pos) - 1
        if inside >= 0 and pos < dates[inside].end:
            continue
        cuts.append((m.start(), m.end()))
    cuts = sorted(cuts + _verb_cuts(text, dates, cuts))
    out, pos = [], lo
    for s, e in cuts:
        out.append((pos, s))
        pos = e
    out.append((pos, hi))
    result = []
    for s, e in out:
        s, e = _strip_span(text, s, e)
        if e > s:
            result.append((s, e))
    return result


def _first_word(text: str, start: int, end: int) -> str:
    words = _words(text[start:end])
    return words[0] if words else ""


def _strip_waw(word: str, vocabulary: frozenset[str]) -> str:
    if word in vocabulary:
        return word
    if word[:1] in "وف" and word[1:] in vocabulary:
        return word[1:]
    return word


# Verbs of lasting: "استمرت حتى 11 نوفمبر 1918" dates the end of what lasted, a statement of its own.
_LASTING_VERBS = frozenset(normalise_arabic(w) for w in (
    "استمر", "استمرت", "استمرا", "استمروا", "دام", "دامت", "ظل", "ظلت", "بقي", "بقيت", "امتد", "امتدت",
    "تواصل", "تواصلت", "حكم", "حكمت", "عاش", "عاشت", "يستمر", "تستمر", "يدوم", "تدوم", "يظل", "تظل", "يبقي",
    "تبقي", "يمتد", "تمتد", "تتواصل", "يتواصل", "يقود", "قاد", "يحكم", "تحكم"))


_ORIGIN_VERBS = frozenset(normalise_arabic(w) for w in ("يرجع", "ترجع", "يعود", "تعود", "رجع", "عاد", "يرقى"))


def _lasts_until(text: str, f: _Found) -> bool:
    """"واستمرت حتى عام 1980": an "until" date after a verb of lasting (among the three words before) is
    when it ended, not a deadline."""
    if f.particle_word not in ("حتي", "الي", "لغاية"):
        return False
    words = _words(text[max(0, f.particle_start - 50):f.particle_start])[-5:]  # "استمرت لمدة 8 أعوام حتى ..."
    return any(_strip_waw(w, _LASTING_VERBS) in _LASTING_VERBS for w in words)


# Words of a plan, a demand or an agreement: an "until" date near them is a deadline ("تنص الاتفاقية على الانسحاب
# حتى نهاية 2011", "أمهلته حتى عام 2020"), not the end of a state.
_PLAN_WORDS = frozenset(normalise_arabic(w) for w in (
    "اتفاق", "الاتفاق", "اتفاقية", "الاتفاقية", "تنص", "ينص", "نص", "نصت", "تعهد", "تعهدت", "وعد", "وعدت", "خطة",
    "الخطة", "مهلة", "المهلة", "امهل", "امهلت", "قرر", "قررت", "طالب", "طالبت", "يجب", "ينبغي", "يتعين", "سوف",
    "المقرر", "المتوقع", "يعتزم", "تعتزم", "ستبقى", "سيبقى", "ستستمر", "سيستمر", "تمديد", "مدد", "مددت", "موعد",
    "الموعد", "اقصاه", "أقصاه", "اجل", "أجل", "حدد", "حددت", "يقضي", "تقضي", "جدول", "الجدول", "لن", "لا"))


_START_BEFORE_UNTIL_RE = re.compile(rf"{_DIGIT}{{3}}|{_LB}{_alt(['منذ', 'بين'])}{_WORD_END}|{_LB}{_M}{_WORD_END}")


_PLAN_RE = re.compile(rf"{_LB}{_alt(sorted(_PLAN_WORDS))}{_WORD_END}")


def _state_ended_until(text: str, f: _Found, frag_start: int) -> bool:
    """"كانت جزءًا من الدولة العثمانية حتى عام 1916", "خدم كرئيس حتى عام 1999": in a told past, a year after "حتى"
    is when a state ended, a statement of its own. Not a full day or a month (a deadline's form: "حتى 31 ديسمبر"),
    and not near words of a plan, a demand or an agreement."""
    if f.particle_word not in ("حتي", "اعتبارا من", "ابتداء من", "بدءا من") or f.kind != "explicit" or not _year_only(f):
        return False  # ("اعتبارا من 1994" in a told past: when something began)
    if (_year_of(f) or 0) > dt.date.today().year:
        return False  # "لن تغادر القوات المدينة حتى عام 2030": a year to come is a plan's
    sentence_start = max(text.rfind(".", 0, f.start), text.rfind("\n", 0, f.start), frag_start - 120) + 1
    before = text[sentence_start:f.particle_start]
    words = _words(before)
    if not words or _START_BEFORE_UNTIL_RE.search(before):
        return False  # "من عام 1959 ... حتى عام 2008", "منذ تأسيسها وحتى عام 1940": the end of a period, its start told
    return not _PLAN_RE.search(before)


def _eligible(text: str, f: _Found, frag_start: int, sent_end: int) -> bool:
    """Whether a date can be the date of an event (see the module docstring)."""
    if f.data.get("not_event"):  # a stamp, a list's scope, a point of comparison, a name
        return False
    if f.particle == _BEFORE_AFTER:  # "قبل 2003 كانت ...": the event is not at that date
        return False
    if f.particle != _DEADLINE or (f.particle_word == "ب" and f.kind not in ("explicit", "range")):
        return True  # "باليوم اللي قبله": a "ب" before a relative day is "on", not "by"
    before = [w for w in _words(text[frag_start:f.particle_start]) if w not in _CONNECTOR_WORDS]
    if not before or _lasts_until(text, f):
        return True
    if f.particle_word == "الي" and (any(_strip_waw(w, _ORIGIN_VERBS) in _ORIGIN_VERBS for w in before[-3:]) or (
            _strip_waw(before[0], _ORIGIN_VERBS) in _ORIGIN_VERBS and len(before) > 1 and before[1] == "تاريخ")):
        # "يرجع تأسيسها إلى عام 1971", "يرجع تاريخ تأسيس شركة الخطوط الجوية إلى فبراير 1953": when it began
        return True
    if f.particle_word == "حتي" and any(_strip_waw(w, _NEGATIONS) in _NEGATIONS for w in before):
        return True  # "لم تنسحب القوات حتى عام 2005": "not until" dates the withdrawal itself
    if _state_ended_until(text, f, frag_start):
        return True
    return bool(_WHEN_AFTER_RE.match(text[f.end:sent_end]))


@dataclass
class _Clause:
    start: int
    end: int
    dates: list[_Found]  # the eligible ones, in order; the first is the event date
    relative: bool = False


def _clauses(text: str, sent: tuple[int, int], dates: list[_Found]) -> list[_Clause]:
    lo, hi = sent
    clauses: list[_Clause] = []
    current: _Clause | None = None
    starts = [d.start for d in dates]
    for fs, fe in _fragments(text, lo, hi, dates):
        own = dates[bisect_left(starts, fs):bisect_left(starts, fe)]
        for d in own:
            d.eligible = _eligible(text, d, fs, hi)
        eligible = [d for d in own if d.eligible]
        first = _first_word(text, fs, fe)
        continues = _strip_waw(first, _CONTINUATION) in _CONTINUATION
        lead_in = current is not None and bool(current.dates) and all(d.kind == "same" for d in current.dates) and any(
            d.kind == "explicit" and (d.data.get("groups") or {}).get("y") for d in eligible)
        if current is None or (current.dates and eligible and not continues and not lead_in):
            current = _Clause(fs, fe, list(eligible), _strip_waw(first, _RELATIVE) in _RELATIVE)
            clauses.append(current)
        else:
            current.end = fe
            current.dates.extend(eligible)
    out: list[_Clause] = []
    for clause in clauses:
        out.extend(_split_coordinated(text, clause))
    return out


def _split_coordinated(text: str, clause: _Clause) -> list[_Clause]:
    """"دخلته القوات في عام 2003 وغادرته في عام 2011": a coordinated verb with its own "في" date is a new event."""
    dates = clause.dates
    pieces: list[_Clause] = []
    start, first, relative = clause.start, 0, clause.relative
    for i in range(1, len(dates)):
        cut = _coordinated_cut(text, dates[i - 1], dates[i])
        if cut is not None:  # a loop, not recursion: a sentence of thousands of dates stays in the stack
            pieces.append(_Clause(start, _strip_span(text, start, cut)[1], dates[first:i], relative))
            start, first, relative = cut, i, False
    pieces.append(_Clause(start, clause.end, dates[first:], relative))
    return pieces


_COORDINATED_VERB_RE = re.compile(r"(?<![^\W\d_])و ?[^\W\d_]{2,}")  # "وغادرته", "و قد تم بناء"
_EARLY_YEARS_RE = re.compile(
    rf"(?:(?:{_LB}{_alt(['من', 'بين'])}\s+|\(\s*(?=[\d\u0660-\u0669]{{3}}\s*[\-\u2013][\s\d\u0660-\u0669]{{3,5}}\)))"
    rf"(?P<y1>(?<![{_NUM_EDGE}]){_DIGIT}{{3}})\s*(?:[\-\u2013]|{_alt(['الى', 'حتى', 'و'])})\s*"
    rf"(?P<y2>{_DIGIT}{{3}})\)?|{_LB}{_tol('مواليد')}\s+(?P<y3>{_DIGIT}{{3}})){_NO_ERA_AFTER}(?!{_DIGIT})"
)  # "حكم من 786 إلى 809", "معاوية بن أبي سفيان (661-680)", "مواليد 763"
_LAST_WORD_RE = re.compile(r"[^\W\d_]+\s*$")
_COORDINATED_ITEM_RE = re.compile(r"(?<![^\W\d_])و(?:[^\W\d_]{2,}|\s*\(|\s*$)")


def _coordinated_cut(text: str, previous: _Found, second: _Found) -> int | None:
    """Where a new event begins between two dates of one clause: a "و" verb before an introduced date
    ("دخلته في 2003 وغادرته في 2011"), "حيث/إذ" before one ("هو ذكرى ... حيث بدأ الاحتلال منذ عام 1830"),
    the next item of a list of periods ("الأولى من 1954 إلى 1955 والثانية من 1956 إلى 1958"), or a relative
    date with its own "و" ("في مايو عام 1997 ... وبعد ست سنوات ... جاءت الحرب")."""
    gap = text[previous.end:second.start]
    words = _words(gap)
    if _is_attributive(text, previous, second) or second.data.get("bracketed") or second.data.get("aside"):
        # "القرار 678 المؤرخ 3 أبريل 1991 و688 المؤرخ 5 أبريل 1991", "سايكس-بيكو (1916) وقرارات سان ريمو (1920)"
        waw = [m.start() for m in _WORD_RE.finditer(gap) if m.group().startswith("و")]
        return previous.end + waw[-1] if waw else second.start
    if second.data.get("named_event") and not second.data.get("not_event"):
        # "بدأ الصراع في يناير 1992 عقب إلغاء نتائج الانتخابات البرلمانية لعام 1991", "ومن ثم مجاعة 1915": a later
        # event named with its year is a dated statement of its own (the corpus README's rule), from its name on
        name_end = second.start + (second.data.get("yw_offset") or 0)
        noun = _event_noun_before(text, previous.end, name_end)
        if noun is not None:
            return noun[0]
    if previous.data.get("aside") and second.particle_word in ("في", "خلال", "بتاريخ"):
        # "هاري ترومان: 1945-1953 أمر بإلقاء القنبلة في 1945": a life span or a term beside a name, then an event
        return second.particle_start
    if any(w in {"ان", "انه", "انها", "بان", "بانه"} for w in words):
        return None
    if words == ["و"] and previous.kind == second.kind == "decade":  # "في نهاية السبعينات وبداية الثمانينات"
        return second.start - 1 if text[second.start - 1] == "و" else second.start
    if words == ["و"] and _full_day(previous) and _full_day(second):  # "18 نوفمبر 1956 و6 نوفمبر 1975"
        return second.start - 1 if text[second.start - 1] == "و" else second.start
    background = _background_cut(text, previous, second)
    if background is not None:
        return background
    if second.particle_word == "في" and _relative_before(text, max(0, previous.start - 80), previous):
        return second.particle_start  # "الذي وصل إلى الحكم عام 1999 أعلن ترشحه في العاشر من فبراير"
    if previous.particle_word == "منذ" and second.particle_word == "في" and _year_of(second) is not None:
        # "مهدت أحداث منذ نهاية الثمانينات للغزو في عام 2003": what began "since" and the point event it led to
        return second.particle_start
    if second.kind in _RELATIVE_KINDS and second.start > 0 and text[second.start - 1] == "و":
        return second.start - 1
    if previous.kind == "range" and second.kind == "range":
        m = _COORDINATED_ITEM_RE.search(gap)  # "والثانية من 1956 إلى 1958", "و(الدولة المروانية (982–1097م)"
        return None if m is None else previous.end + m.start()
    groups = second.data.get("groups") or {}
    introduced = (second.particle_word in ("في", "خلال", "بتاريخ") or _lasts_until(text, second)
                  or _words(text[max(0, second.start - 8):second.start])[-1:] == ["يوم"])  # "وتم تشكيله يوم 28 مايو"
    bare_year = second.particle == _NONE and second.kind in ("explicit", "range") and bool(groups.get("yw"))
    since_year = second.particle_word == "منذ" and bool(groups.get("yw"))
    for i, w in enumerate(words):
        if (introduced or since_year or bare_year) and w in ("حيث", "اذ"):
            return previous.end + [m.start() for m in _WORD_RE.finditer(gap)][i]
    if not (introduced or bare_year):
        return None
    m = _COORDINATED_VERB_RE.search(gap)
    return None if m is None else previous.end + m.start()


_RELATIVE_KINDS = frozenset({"offset", "next", "prev", "same"})


def _year_of(f: _Found) -> int | None:
    g = f.data.get("groups") or {}
    return int(to_western_digits(g["y"])) if f.kind == "explicit" and g.get("y") else None


def _background_cut(text: str, previous: _Found, second: _Found) -> int | None:
    """"أُقرّ الميثاق في آذار 1943 الذي استند إلى إحصاء العام 1932": a relative clause that goes back to an
    earlier year states a background fact of its own (the census of 1932): it starts at the pronoun."""
    first_year, second_year = _year_of(previous), _year_of(second)
    if first_year is None or second_year is None or second_year >= first_year:
        return None
    gap = text[previous.end:second.start]
    pronouns = [m for m in _WORD_RE.finditer(gap) if _strip_waw(_norm(m.group()), _RELATIVE) in _RELATIVE]
    if not pronouns or len(_words(gap[pronouns[-1].start():])) > 6:
        return None
    return previous.end + pronouns[-1].start()
_ATTRIBUTIVE_WORDS = frozenset(normalise_arabic(w) for w in (
    "المؤرخ", "المؤرخة", "المؤرخين", "المؤرختين", "الموقع", "الموقعة", "الصادر", "الصادرة"))
_DESIGNATION_YEAR_RE = re.compile(rf"\(\s*{_YEAR4}\s*\)\s*$")


def _full_day(f: _Found) -> bool:
    g = f.data.get("groups") or {}
    return f.kind == "explicit" and bool(g.get("y")) and bool(g.get("d") or g.get("od"))


def _is_attributive(text: str, previous: _Found, second: _Found) -> bool:
    """A list of dated things ("قراراته 661 المؤرخ 6 أغسطس 1990 و678 (1991) المؤرخ 3 أبريل 1991"): a full
    date that qualifies the noun before it ("المؤرخ", "الصادر", or a designation's year "(1991)") dates
    that item, so each one is a dated statement of its own, not content of the first."""
    if not (_full_day(previous) and _full_day(second)):
        return False
    before = text[max(0, second.start - 20):second.start]
    word = _last_word(text, max(0, second.start - 40), second.start)
    return word in _ATTRIBUTIVE_WORDS or _DESIGNATION_YEAR_RE.search(before) is not None


# -- resolving dates ---------------------------------------------------------------------------------------------


def _qualifier_for_day(day: int) -> Qualifier:
    return Qualifier.EARLY if day <= 10 else Qualifier.MID if day <= 20 else Qualifier.LATE


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _explicit_text(g: Mapping[str, str | None]) -> str:
    """The parts a month or year regex captured, rebuilt as text that ``parse_arabic_date`` reads."""
    parts = []
    q, d, od, m, y = (g.get(key) or "" for key in ("q", "d", "od", "m", "y"))
    if q:
        parts.append(_norm(q))
    if d:
        parts.append(to_western_digits(d))
    elif od:
        parts.append(_norm(od))
    if m:
        month = _norm(m)
        other = g.get("m2") or g.get("m3") or g.get("m4")
        parts.append(f"{month} ({_norm(other)})" if other else month)
    if y:
        parts.append(f"عام {to_western_digits(y)}")
    return " ".join(parts)


def _with_year(date: PartialDate, year: int) -> PartialDate | None:
    try:
        return replace(date, year=year)
    except ValueError:  # 29 February
        return None


class _Context:
    """What the previous dates tell about the next one.

    ``anchor`` is the previous event's date (for "the same month", "three weeks later");
    ``year_anchor`` the one a month without a year takes its year from: the same, except that a date
    reached by an offset in years ("executed three years later") is an aside and does not move it.
    """

    def __init__(self, default_year: int | None, present: PartialDate | None):
        self.anchor: PartialDate | None = None
        self.year_anchor: PartialDate | None = None
        self.default_year = default_year
        self.present = present
        self.list_anchor: PartialDate | None = None  # the last heading or list entry: what entries inherit
        self.sentence = -1  # the sentence the anchor was stated in
        self.last_day: PartialDate | None = None  # the last date known to the day (for clock times)
        self.day_heading: PartialDate | None = None  # the day of the last line that is only a date (a diary's day)
        # the date an event was last stated with, asides included: "دخلت القوات عام 1961، وبعد ثلاث سنوات ..."
        # counts from 1961 even where 1961 does not move the story's year
        self.last_said: PartialDate | None = None
        self.last_clock: int | None = None  # the last time of day told (minutes), to see a night pass midnight
        # the Western span of the Hijri year last stated alone ("سنة إحدى وعشرين" = 641-642): a chronicle's
        # "وفيها" and "في هذه السنة" are that Hijri year, not one Western year
        self.hijri_year: int | None = None
        self.latest_year: int | None = None  # the latest year the text names (a report's present, if no stamp)
        # the year the text was written by: its present's, or this year's; no count of years lands after it
        self.written_by: int = present.year if present is not None else dt.date.today().year

    def year(self) -> int | None:
        if self.year_anchor is not None:
            return self.year_anchor.year
        return self.default_year

    def move(self, date: PartialDate, *, keep_year: bool = False, sentence: int = -1) -> None:
        if date.day is None or date != self.last_day:
            self.last_clock = None  # a new day: its times start afresh
        self.anchor = date
        self.sentence = sentence
        if not keep_year:
            self.year_anchor = date
        if date.day is not None:
            self.last_day = date


def _shortly_before(g: Mapping[str, str | None], present: PartialDate) -> bool:
    """"حذرت المخابرات يوم 10 اغسطس" in a report stamped 17 August 2021: a day of the report's own month, a few
    days before it (not the day itself, an anniversary's present, nor a month alone, a title's season)."""
    named = _month_number(g["m"] or "") if g.get("m") else None
    day = int(to_western_digits(g["d"] or "0")) if g.get("d") else (ordinal_day(_norm(g["od"] or "")) if g.get("od") else None)
    return named is not None and named == present.month and day is not None and present.day is not None and (
        0 < present.day - day <= 14)


_FLASHBACK_DAYS = 92  # how far back a date without a year may step and still be of the same year
_FLASHBACK_YEARS = 5  # a bare year this far before a story told by months is a look back (``_advance``)


def _resolve_explicit(f: _Found, ctx: _Context, relative_clause: bool, text: str, *,
                      background: bool = False) -> _Resolved | None:
    g = f.data["groups"]
    has_year = bool(g.get("y"))
    carried = not has_year
    basis = "explicit"
    default = None
    if carried and f.data.get("year_after") is not None:
        default, basis, carried = f.data["year_after"], "explicit, its year said just after it", False
    elif carried:
        if g.get("ry"):
            # "the same year" is the year last said, a look back included ("أطلقت في عام 1994، ودخلت الخدمة في 30
            # ديسمبر من نفس العام" in a story of 2000)
            said = ctx.last_said or ctx.anchor
            if said is None:
                return None
            default, basis = said.year, "year of the previous date (\"the same year\")"
            if _NEXT_YEAR_RE.match(g["ry"]):
                default, basis = said.year + 1, "the year after the previous date (\"the next year\")"
        elif g.get("cur") and (ctx.present is None or ctx.present.month is None):
            if ctx.latest_year is None:
                return None  # "أكتوبر الماضي" in a text with no year at all: no reader can tell the year
            # "في 19 مارس/آذار الماضي" in a report whose own date is not given: a reader takes the latest year
            # the report names (it writes soon after its events), and is less sure of it
            default, basis = ctx.latest_year, "the latest year the text names (its own date is not given)"
        elif g.get("cur") and ctx.present is not None and ctx.present.month is not None:
            # "العاشر من إبريل الحالي" in a programme stamped May 2007: this April; "الماضي": the last one
            month = _month_number(g["m"]) or 1
            past = _norm(g["cur"]) not in ("الحالي", "الجاري")
            default = ctx.present.year - (1 if past and month >= ctx.present.month else 0)
            basis = "the month of the article's present (its stamp)"
        elif f.data.get("line_start") and ctx.list_anchor is not None:
            default = ctx.list_anchor.year
            basis = "year of the heading or list entry above"
        elif (ctx.year() is None and ctx.present is not None and ctx.present.month is not None
              and (f.data.get("line_start") or _shortly_before(g, ctx.present))):
            # nothing dated yet but the report's own date ("كابول 16 أغسطس 2021 (شينخوا)" then "15 أغسطس:"):
            # the month of that year, or of the year before when it would fall after the report
            named = _month_number(g["m"]) if g.get("m") else None
            default = ctx.present.year - (1 if named and named > ctx.present.month else 0)
            basis = "the year of the article's own date"
        else:
            default = ctx.year()
            if default is None and f.data.get("back_year") is not None:
                default, basis = f.data["back_year"], "year of the first dated entry after it, counted back"
            elif default is None:
                return None
            else:
                basis = "year carried from context"
    try:
        date = parse_arabic_date(_explicit_text(g), default_year=default)
    except ArabicDateError:
        return None
    if g.get("season"):
        date = PartialDate(date.year, None, None, _SEASONS[_norm(g["season"])])
        basis = "season of the year"
    if date.precision is Precision.DAY:
        confidence = 0.95
    elif date.precision is Precision.MONTH:
        confidence = 0.92
    else:
        confidence = 0.88 if (g.get("yw") or g.get("q") or g.get("season")) else 0.80
    if carried:
        confidence *= 0.85
        anchor = ctx.list_anchor if f.data.get("line_start") and ctx.list_anchor is not None else ctx.year_anchor
        if anchor is not None and not g.get("ry") and not g.get("cur") and date.month is not None:
            # under a year's heading ("عام 1981" alone on its line) every month is of that year, in whatever
            # order the section tells them
            in_year_section = ctx.list_anchor is not None and ctx.list_anchor.month is None and (
                ctx.list_anchor.year == date.year)
            # a month a season or more before the previous date starts the next year ("15 ديسمبر ... 3 يناير");
            # a few weeks before it is the story stepping back ("سقوط بغداد في 9 أبريل ... في 21 مارس، ...")
            flashback = (anchor.earliest - date.latest).days < _FLASHBACK_DAYS
            since = f.particle_word == "منذ"  # "استولى منذ كانون الثاني": since, so before, never the next year
            if (not relative_clause and not background and not in_year_section and not flashback and not since
                    and date.certainly_before(anchor)):
                moved = _with_year(date, date.year + 1)
                if moved is None:  # 29 February has no twin next year
                    return None
                date = moved
                confidence *= 0.70
                basis = "year carried from context, moved to the next year (it would precede the previous date)"
            elif relative_clause and anchor.certainly_before(date) and date.year == anchor.year:
                moved = _with_year(date, date.year - 1)
                if moved is None:
                    return None
                date = moved
                confidence *= 0.70
                basis = "year carried from context, moved to the year before (background in a relative clause)"
    if carried and background and not g.get("ry") and not g.get("cur"):
        # "الإجراءات التي اتخذها الجيش في الخامس والعشرين من أكتوبر": background often lies in another year
        confidence *= 0.75
        basis += "; in a relative clause (background), so the carried year is less sure"
    if f.particle == _DEADLINE:
        confidence *= 0.95
    weekday = _WEEKDAY_BEFORE_RE.search(text[max(0, f.start - 20):f.start])
    if weekday and date.precision is Precision.DAY:
        try:
            parse_arabic_date(f"{_norm(weekday.group('w'))} {date.day} {_month_word(date.month)} {date.year}")
        except ArabicDateError:
            confidence *= 0.70
            basis += "; the weekday next to it does not match"
    return _Resolved(date, carried, round(confidence, 2), basis)


def _month_word(month: int | None) -> str:
    return ("يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر",
            "نوفمبر", "ديسمبر")[(month or 1) - 1]


def _resolve_range(f: _Found, ctx: _Context, text: str) -> _Resolved | None:
    if "groups" in f.data:  # "بين عامي 2015 و2017"
        g = f.data["groups"]
        y1, y2 = int(to_western_digits(g["y1"])), int(to_western_digits(g["y2"]))
        if not (1 <= y1 <= 9999 and 1 <= y2 <= 9999):
            return None
        start, end = PartialDate(y1), PartialDate(y2)
        # a Hijri span or one marked "م" may be early: "(41 ـ 132 هـ)", "(941–1014م)"
        lowest = 1 if f.data.get("hijri_range") or f.data.get("era_marked") else 1000
        if not (lowest <= start.year <= 2100 and lowest <= end.year <= 2100):
            return None
        if 0 < start.year - end.year <= 5:  # "من 1918 إلى 1917": the ends written the wrong way round
            start, end = end, start
    elif f.data["first"].kind == "numeric":
        first_r, second_r = _resolve_numeric(f.data["first"]), _resolve_numeric(f.data["second"])
        if first_r is None or second_r is None or second_r.date.latest < first_r.date.earliest:
            return None
        return _Resolved(first_r.date, False, 0.85, "a span between two all-numeric dates", range_end=second_r.date)
    elif f.data["first"].kind == "hijri":
        first_r, second_r = _resolve_hijri(f.data["first"]), _resolve_hijri(f.data["second"])
        if first_r is None or second_r is None:
            return None
        start, end = first_r.date, second_r.range_end or second_r.date
        if end.latest < start.earliest:
            return None
        return _Resolved(start, True, 0.60, "a span between two Hijri dates, converted", range_end=end)
    else:
        first, second = f.data["first"], f.data["second"]
        early_end = _era_marked_year(second)
        end_r = None if early_end else _resolve_explicit(second, ctx, False, text)
        if early_end is None and end_r is None:
            return None
        end = early_end or end_r.date  # type: ignore[union-attr]
        g1 = first.data["groups"]
        context_year = ctx.year() if f.data.get("own_start") else None
        try:
            start = _era_marked_year(first) or parse_arabic_date(
                _explicit_text(g1), default_year=None if g1.get("y") else (
                    context_year if context_year is not None and context_year <= end.year else end.year))
        except ArabicDateError:
            return None
        if not g1.get("y") and end.latest < start.earliest and start.month is not None:
            start = _with_year(start, end.year - 1) or start  # "من 9 أكتوبر إلى ... 28 أبريل 1936": the October before
    if end.latest < start.earliest:
        return None
    return _Resolved(start, False, 0.90, "range", range_end=end)


def _era_marked_year(f: _Found) -> PartialDate | None:
    """"عام 661م": a year alone the era mark makes Western, however early (the date parser reads years from 1000)."""
    g = f.data["groups"]
    if not f.data.get("era_marked") or f.data.get("month") or not g.get("y"):
        return None
    year = int(to_western_digits(g["y"]))
    return PartialDate(year) if 1 <= year <= 2100 else None


def _numeric_date(g: Mapping[str, str | None]) -> tuple[PartialDate, bool] | None:
    """"07/03/2006" -> 7 March 2006, day first as the Arabic press writes; month first only when the first
    number cannot be a month. Also says whether the order was certain."""
    if g.get("iy"):  # ISO order is never day first
        try:
            y, m, d = (int(to_western_digits(g[k] or "0")) for k in ("iy", "ib", "ia"))
            return PartialDate(y, m, d), True
        except ValueError:
            return None
    a, b, y = (int(to_western_digits(g[k] or "0")) for k in ("a", "b", "y"))
    day, month, certain = a, b, a > 12 or a == b
    if month > 12:
        day, month, certain = b, a, True
    try:
        return (PartialDate(y, month, day), certain) if 1000 <= y <= 2100 else None
    except ValueError:
        return None


def _resolve_numeric(f: _Found) -> _Resolved | None:
    read = _numeric_date(f.data["groups"])
    if read is None:
        return None
    date, certain = read
    return _Resolved(date, False, 0.90 if certain else 0.80,
                     "all-numeric date" + ("" if certain else ", read day first (d/m/yyyy)"))


def _resolve_decade(f: _Found) -> _Resolved | None:
    """"نهاية ثمانينات القرن الماضي" -> the 1980s, late: its first and last years, marked as a decade. Without a
    century the decade is of the twentieth (the one a modern-history text means by "الثمانينات")."""
    g = f.data["groups"]
    word = _norm(g["dec"])
    if not word.startswith("ال") and not g.get("cent"):
        return None  # "ستينات" alone is too rare a spelling to trust without "القرن ..."
    start = _CENTURIES[_norm(g["cent"])] if g.get("cent") else 1900
    start += _DECADE_WORDS[word]
    qualifier = QUALIFIER_WORDS.get(_norm(g["q"])) if g.get("q") else None
    return _Resolved(PartialDate(start), False, 0.85, "a decade", range_end=PartialDate(start + 9),
                     decade=True, period_qualifier=qualifier)


def _hijri_month(name: str) -> int | None:
    """A Hijri month by its name ("شوال") or its number ("3 / 4 / 1436هـ")."""
    digits = to_western_digits(name.strip())
    return int(digits) if digits.isdigit() else HIJRI_MONTHS.get(_norm(name))


def _resolve_hijri(f: _Found) -> _Resolved | None:
    """A Hijri date: the Western year the text pairs it with, else the tabular conversion (a day: approximate
    by a day or two; a year alone: the two Western years it straddles, as a range)."""
    g = f.data["groups"]
    hy = int(to_western_digits(g["hy"]))
    hm = _hijri_month(g["hm"]) if g.get("hm") else None
    hd = int(to_western_digits(g["hd"])) if g.get("hd") else None
    if hm is not None and not 1 <= hm <= 12:
        return None
    hijri = f"{hy}" + (f"-{hm:02d}" if hm else "") + (f"-{hd:02d}" if hd and hm else "")
    if g.get("gy"):
        gy = int(to_western_digits(g["gy"]))
        if not 1 <= gy <= 2100:
            return None
        return _Resolved(PartialDate(gy), False, 0.88, f"Hijri {hijri} AH with its Western year", hijri=hijri)
    if not (1 <= hy <= 1500) or (hd and not hm):
        return None
    try:
        if hm and hd:
            y, m, d = hijri_to_gregorian(hy, hm, hd)
            return _Resolved(PartialDate(y, m, d), True, 0.60,
                             f"Hijri {hijri} AH converted (tabular calendar; the real day may differ by one or two)",
                             hijri=hijri)
        if hm and not hd:  # "شهر شوال سنة ٧٩٥": the Western month its middle falls in
            y, m, _ = hijri_to_gregorian(hy, hm, 15)
            return _Resolved(PartialDate(y, m), True, 0.60, f"Hijri {hijri} AH converted (its middle)", hijri=hijri)
        first, last = hijri_year_span(hy) if not hm else (hijri_to_gregorian(hy, hm, 1)[0],) * 2
    except ArabicDateError:
        return None
    basis = f"Hijri {hijri} AH converted (tabular calendar)"
    if first == last:
        return _Resolved(PartialDate(first), True, 0.70, basis, hijri=hijri)
    return _Resolved(PartialDate(first), True, 0.70, basis + ": the two Western years it spans",
                     range_end=PartialDate(last), hijri=hijri)


def _unit(word: str) -> str:
    """A relative date's unit as the resolvers name it: "السنه", written with ه, is "السنة"."""
    unit = _norm(word)
    return unit[:-1] + "ة" if unit in ("السنه", "سنه") else unit


def _resolve_relative(f: _Found, ctx: _Context) -> _Resolved | None:
    g = f.data["groups"]
    anchor = ctx.anchor
    if f.kind == "present":
        if ctx.present is None:
            return None
        shift = 0 if g.get("this") or _norm(g.get("w") or "") in {"الحالي", "الحالية", "الجاري", "الجارية"} else -1
        return _Resolved(PartialDate(ctx.present.year + shift), True, 0.60, "relative to the article's present year")
    if f.kind == "anniversary":
        date = f.data.get("date")
        return None if date is None else _Resolved(date, True, 0.60, f.data["basis"])
    if f.kind == "dayentry":  # "> يوم 19:" or "- 22:" under "ديسمبر 2018"
        heading = ctx.list_anchor
        if not (f.data.get("line_start") or f.data.get("bare")) or heading is None or heading.month is None:
            return None
        try:
            date = PartialDate(heading.year, heading.month, int(to_western_digits(g["d"])))
            end = PartialDate(heading.year, heading.month, int(to_western_digits(g["d2"]))) if g.get("d2") else None
        except ValueError:
            return None
        if end is not None and end.day <= date.day:  # type: ignore[operator]
            return None
        return _Resolved(date, True, 0.80, "day under the month heading above" + ("; a span of days" if end else ""),
                         range_end=end)
    if f.kind == "today":  # a diary's "اليوم" under its day's heading, in a text with no stamp of its own
        if ctx.day_heading is None or ctx.present is not None:
            return None
        return _Resolved(ctx.day_heading, True, 0.70, "\"today\" in a diary: the day of the heading above")
    if f.kind == "weekday":
        present = ctx.present
        if present is None or present.day is None or present.month is None or ctx.default_year:
            return None
        stamp_day = dt.date(present.year, present.month, present.day)
        weekday = _WEEKDAY_NUMBERS[_norm(g["w"])]
        story = ctx.last_day
        if story is not None and story.day is not None and story.month is not None:
            story_day = dt.date(story.year, story.month, story.day)
            if (stamp_day - story_day).days > 7:
                # the story is told at another time than the report's week ("31 أغسطس 1939 ... يوم الخميس" in a
                # page of 2019): the weekday is that day restated when it falls on it, else no date can be told
                if story_day.weekday() != weekday:
                    return None
                return _Resolved(story, True, 0.70, "a weekday: the day last dated, which falls on it")
        back = (stamp_day.weekday() - weekday) % 7
        if back == 0 and f.data.get("past"):
            back = 7  # "الثلاثاء الماضي" in a report of a Tuesday: a week before
        if back == 0:
            return _Resolved(present, True, 0.70, "a weekday in a dated report: the day of its stamp")
        day = stamp_day - dt.timedelta(days=back)  # "قال يوم الخميس" in a report dated Friday: the day before
        return _Resolved(PartialDate(day.year, day.month, day.day), True, 0.60,
                         f"a weekday in a dated report: the last one before its stamp ({present})")
    if f.kind == "clock":
        if not f.data.get("line_start") or ctx.last_day is None:
            return None
        return _Resolved(ctx.last_day, True, 0.70, "a clock time in a timeline of one day: that day")
    if f.kind == "clocktime":
        return _resolve_clock_time(g, ctx)
    if f.kind == "dayofit":  # "وفي 26 منه": that day of the month last named
        if anchor is None or anchor.month is None:
            return None
        number = int(to_western_digits(g["d"])) if g.get("d") else ordinal_day(_norm(g["od"] or ""))
        return _Resolved(PartialDate(anchor.year, anchor.month, number), True, 0.80, "a day of the month last named")
    if f.kind == "offset" and _years_ago(f, ctx):
        anchor = ctx.present
    if anchor is None:
        return None
    if f.kind == "prev":
        if anchor.day is None:
            return None
        return _offset_days(anchor, -1, 0.80, exact=True)
    if f.kind == "inyear" and f.data.get("hijri_month"):
        month = _hijri_month(f.data["hijri_month"])
        if ctx.hijri_year is None or month is None:
            return None
        y, m, _ = hijri_to_gregorian(ctx.hijri_year, month, 15)
        return _Resolved(PartialDate(y, m), True, 0.60,
                         f"Hijri {ctx.hijri_year}-{month:02d} AH converted (its middle)", hijri=f"{ctx.hijri_year}-{month:02d}")
    if f.kind == "inyear":
        if ctx.hijri_year is not None:
            first, last = hijri_year_span(ctx.hijri_year)
            return _Resolved(PartialDate(first), True, 0.70, "in the Hijri year last named (a chronicle's «فيها»)",
                             range_end=PartialDate(last), hijri=str(ctx.hijri_year))
        return _Resolved(PartialDate(anchor.year), True, 0.75, "in the year last named (a chronicle's «فيها»)")
    if f.kind == "same":
        unit = _unit(g.get("u1") or g.get("u2") or g.get("u3") or g.get("u4") or g.get("u5") or "")
        qualifier = QUALIFIER_WORDS.get(_norm(g["q"])) if g.get("q") else None
        if unit in ("العام", "السنة"):
            # the year last said, a look back included: "... عام 1507. وفي نفس السنة ..." is 1507
            said = ctx.last_said if ctx.last_said is not None and ctx.last_said.month is None else anchor
            date = PartialDate(said.year, None, None, qualifier)
            return _Resolved(date, True, 0.80, "the same year as the previous date")
        if unit == "الشهر":
            if anchor.month is None:
                return None
            return _Resolved(PartialDate(anchor.year, anchor.month, None, qualifier), True, 0.80,
                             "the same month as the previous date")
        if anchor.day is None:  # "اليوم ذاته", "في التاريخ ذاته"
            return None
        return _Resolved(anchor, True, 0.80, "the same day as the previous date")
    if f.kind == "next":
        unit = _unit(g.get("u") or "اليوم")
        if unit in ("العام", "السنة") and ctx.hijri_year is not None:  # "في العام التالي" after "عام 192 هـ"
            first, last = hijri_year_span(ctx.hijri_year + 1)
            return _Resolved(PartialDate(first), True, 0.70, "the Hijri year after the one last named",
                             range_end=PartialDate(last), hijri=str(ctx.hijri_year + 1))
        if unit in ("العام", "السنة"):
            return _Resolved(PartialDate(anchor.year + 1), True, 0.80, "the year after the previous date")
        if unit == "الشهر":
            if anchor.month is None:
                return None
            y, m = _add_months(anchor.year, anchor.month, 1)
            return _Resolved(PartialDate(y, m), True, 0.80, "the month after the previous date")
        if anchor.day is None:
            return None
        days = 1 if unit == "اليوم" else 7
        return _offset_days(anchor, days, 0.80 if days == 1 else 0.60, exact=days == 1)
    # offset: from the date last stated, aside or not (years ago: from the present, set above)
    if not _years_ago(f, ctx):
        anchor = ctx.last_said or anchor
    sign = 1 if _norm(g["dir"]) == "بعد" else -1
    unit, implied = _UNITS[_norm(g["u"])]
    if g.get("n"):
        n_text = _norm(g["n"])
        n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text]
    else:
        n = implied if implied is not None else _FEW
    few = n == _FEW or bool(g.get("few"))
    if few:
        if unit != "day":
            return None
        n = _FEW_DAYS
    if unit == "year":
        return _Resolved(PartialDate(anchor.year + sign * n), True, 0.70,
                         f"{n} year(s) {'after' if sign > 0 else 'before'} the previous date ({anchor})",
                         year_offset=True)
    if unit == "month":
        if anchor.month is None:
            return None
        y, m = _add_months(anchor.year, anchor.month, sign * n)
        return _Resolved(PartialDate(y, m), True, 0.70,
                         f"{n} month(s) {'after' if sign > 0 else 'before'} the previous date ({anchor})")
    if anchor.month is None and n * (7 if unit == "week" else 1) <= 31:
        # "وفي عام 1969 اغتيل الرئيس، وبعدها بأيام استولى بري على السلطة": days after a date known only to
        # the year fall in that year, as far as a reader can tell (it may be the next, on 31 December)
        return _Resolved(PartialDate(anchor.year), True, 0.55,
                         f"{n} {unit}(s) {'after' if sign > 0 else 'before'} a date known to the year ({anchor})")
    if anchor.day is None:
        return None
    days = sign * n * (7 if unit == "week" else 1)
    exact = unit == "day" and not few and n <= 2
    confidence = 0.80 if exact else 0.55 if few else 0.60
    return _offset_days(anchor, days, confidence, exact=exact)


def _years_ago(f: _Found, ctx: _Context) -> bool:
    """"قبل ستين عامًا" with nothing it counts from (not "قبل ذلك ب...", not "قبل ستين عاما من الاستقلال") is
    "sixty years ago": from the article's own date, when it is known."""
    g = f.data["groups"]
    # "منذ بدء الهجوم قبل 10 أيام" before the text has dated anything: ten days before the report's own date
    first = ctx.anchor is None and ctx.last_said is None and ctx.present is not None and ctx.present.day is not None
    return (f.kind == "offset" and ctx.present is not None and _norm(g["dir"]) == "قبل"
            and (_UNITS[_norm(g["u"])][0] == "year" or first) and not f.data.get("counted_from")
            and "ذلك" not in _norm(f.data.get("text", "")))


def _clock_minutes(g: Mapping[str, str | None]) -> int | None:
    """"الساعة العاشرة مساءً" -> 22:00 as minutes of the day; None for an impossible time."""
    h, mi, hw, ap = (g.get(k) or "" for k in ("h", "mi", "hw", "ap"))
    if h:
        hour, minute = int(to_western_digits(h)), int(to_western_digits(mi or "0"))
    else:
        hour, minute = _HOUR_WORDS[_norm(" ".join(hw.split()))], 0
    if hour > 24 or minute > 59:
        return None
    if ap and _norm(ap) in _PM_WORDS and hour < 12:
        hour += 12
    return hour * 60 + minute


def _resolve_clock_time(g: Mapping[str, str | None], ctx: _Context) -> _Resolved | None:
    """"عند تمام الساعة 23:30" ... "عند الساعة 00:11": a time of the day last dated; a time well before the
    last one told (by six hours or more) has passed midnight, so it is the next day."""
    day = ctx.last_day
    if day is None or day.month is None or day.day is None:
        return None
    at = _clock_minutes(g)
    if at is None or at == ctx.last_clock:
        return None  # the same time told again
    basis = "a time of the day last dated"
    if ctx.last_clock is not None and at < ctx.last_clock - 360:
        next_day = dt.date(day.year, day.month, day.day) + dt.timedelta(days=1)
        day = PartialDate(next_day.year, next_day.month, next_day.day)
        basis += ", past midnight: the next day"
    ctx.last_clock = at
    return _Resolved(day, True, 0.65, basis)


def _offset_days(anchor: PartialDate, days: int, confidence: float, *, exact: bool) -> _Resolved | None:
    assert anchor.month is not None and anchor.day is not None
    day = dt.date(anchor.year, anchor.month, anchor.day) + dt.timedelta(days=days)
    how = f"{abs(days)} day(s) {'after' if days > 0 else 'before'} {anchor}"
    if exact:
        return _Resolved(PartialDate(day.year, day.month, day.day), True, confidence, how)
    return _Resolved(PartialDate(day.year, day.month, None, _qualifier_for_day(day.day)), True, confidence,
                     f"about {how}, kept to the month")


# -- anniversaries and the article's present ----------------------------------------------------------------------


def _stem(word: str) -> str:
    word = _norm(word)
    if word.startswith("لل"):
        word = word[2:]
    elif word[:1] in "لوفب" and len(word) > 3:
        word = word[1:]
        if word.startswith("ال"):
            word = word[2:]
    if word.startswith("ال"):
        word = word[2:]
    return word


def _resolve_anniversaries(text: str, sentences: list[tuple[int, int]], found: list[list[_Found]]) -> None:
    """Give each anniversary a date: N years after the first explicit date near the same noun."""
    if not any(f.kind == "anniversary" for dates in found for f in dates):
        return  # reading every explicit date for nothing was a tenth of the time on a long article
    explicit: list[tuple[int, PartialDate]] = []
    for index, dates in enumerate(found):
        for f in dates:
            if f.kind == "explicit" and f.data["groups"].get("y"):
                try:
                    explicit.append((index, parse_arabic_date(_explicit_text(f.data["groups"]))))
                except ArabicDateError:
                    continue
    anniversaries = [f for dates in found for f in dates if f.kind == "anniversary"]
    if not anniversaries:
        return
    first_near = _first_explicit_near(text, sentences, explicit)
    for f in anniversaries:
        g = f.data["groups"]
        years = _ANNIVERSARY_ORDINALS.get(_norm(g["ord"])) if g.get("ord") else int(to_western_digits(g["num"]))
        stem = _stem(g["noun"])
        if not years or len(stem) < 2 or stem not in first_near:
            continue
        date = first_near[stem]
        prep = _norm(g.get("prep") or "")
        target = _with_year(date, date.year + years)
        if target is None:
            continue
        if prep in ("قبيل", "قبل", "بعد", "عقب") and target.day is not None:
            target = PartialDate(target.year, target.month)
        elif prep == "عشية" and target.day is not None:
            d = dt.date(target.year, target.month, target.day) - dt.timedelta(days=1)  # type: ignore[arg-type]
            target = PartialDate(d.year, d.month, d.day)
        f.data["date"] = target
        f.data["basis"] = f"anniversary: {years} years after {date}"


def _first_explicit_near(text: str, sentences: list[tuple[int, int]],
                         explicit: list[tuple[int, PartialDate]]) -> dict[str, PartialDate]:
    """For each word stem, the first explicit date whose sentence or the next one holds the word: read once,
    rather than once per anniversary (which made articles full of both quadratic)."""
    stems_of: dict[int, set[str]] = {}

    def stems(index: int) -> set[str]:
        if index not in stems_of:
            s, e = sentences[index]
            stems_of[index] = {_stem(w) for w in _words(text[s:e])}
        return stems_of[index]

    first: dict[str, PartialDate] = {}
    for index, date in explicit:
        for stem in stems(index) | (stems(index + 1) if index + 1 < len(sentences) else set()):
            first.setdefault(stem, date)
    return first


# -- people and places ------------------------------------------------------------------------------------------------


_WORD_START_RE = re.compile(r"(?<![^\W\d_])[^\W\d_]")


@lru_cache(maxsize=8)
def _entity_matcher(entries: tuple[tuple[str, str, tuple[str, ...]], ...]) -> "_Matcher":
    """One regex over every Arabic name and alias (normalised), longest first; group name -> (id, kind); and
    the words names begin with (the regex is tried only at a word that may begin one)."""
    names = name_keys(entries)
    parts, groups = [], {}
    by_first: dict[str, list[str]] = {}
    for index, key in enumerate(sorted(names, key=len, reverse=True)):
        body = r"\s+".join(re.escape(w) for w in key.split(" "))
        if key.startswith("ال"):  # "بالموصل", "والعراق", and "للعراق" (ل + ال)
            alternative = rf"[وف]?[بك]?{body}|[وف]?لل{body[2:]}"
        else:  # "لبغداد", "وواشنطن"
            alternative = rf"[وف]?[بلك]?{body}"
        parts.append(rf"(?P<n{index}>{alternative})")
        groups[f"n{index}"] = names[key]
        first = _LETTERS_RE.match(key)
        if first:
            by_first.setdefault(first.group(), []).append(parts[-1])
    # One small regex per first word (longest name first, as in the whole one): a word is tried against the
    # few names it may begin, not against the alternation of every name.
    small = {first: re.compile(rf"(?<![^\W\d_])(?:{'|'.join(alts)})(?![^\W\d_])") for first, alts in by_first.items()}
    if not parts:
        return re.compile(r"(?!)"), groups, small
    return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(parts)})(?![^\W\d_])"), groups, small


_Matcher = tuple[re.Pattern, dict[str, tuple[str, str]], Mapping[str, re.Pattern]]
_LETTERS_RE = re.compile(r"[^\W\d_]+")


def _first_words(word: str, firsts: Mapping[str, re.Pattern]) -> list[str]:
    """The first words of registry names that a word may be, with the proclitics a name takes ("و", "ف",
    then "ب", "ل", "ك"; "لل" for "ال")."""
    out = []
    for lead in ("", "و", "ف"):
        if not word.startswith(lead):
            continue
        rest = word[len(lead):]
        for stem in (rest, rest[1:] if rest[:1] in "بلك" else "", "ال" + rest[2:] if rest.startswith("لل") else ""):
            if stem and stem in firsts and stem not in out:
                out.append(stem)
    return out


def _registry_matcher(registry: Mapping[str, Entity] | None) -> _Matcher | None:
    """The registry's name matcher, built (or taken from the cache) once per article, not once per clause:
    hashing every entity's names for every clause was a third of the time on a long article."""
    if not registry:
        return None
    return _entity_matcher(tuple((e.id, e.kind, e.all_names_ar()) for e in registry.values()))


def _entities(text_ar: str, matcher: _Matcher | None) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    if matcher is None:
        return (), (), ()
    _, keys, firsts = matcher
    norm = normalise_arabic(text_ar)
    hits: list[tuple[int, int, str, str]] = []
    pos = 0
    # A name starts a word: trying the big alternation only where a word starts (rather than `search`, which
    # tries it at every character) finds the same names three times faster.
    for word in _WORD_START_RE.finditer(norm):
        if word.start() < pos:
            continue
        letters = _LETTERS_RE.match(norm, word.start())
        matches = [firsts[f].match(norm, word.start()) for f in _first_words(letters.group(), firsts)] if letters else []
        m = max((x for x in matches if x), key=lambda x: x.end(), default=None)
        if not m:
            continue
        entity_id, kind = keys[m.lastgroup or ""]
        hits.append((m.start(), m.end(), entity_id, kind))
        pos = m.end()  # longest name first in the alternation, and no overlaps: a name inside a longer one is skipped
    people: list[str] = []
    places: list[str] = []
    actors: list[str] = []
    for _, _, entity_id, kind in hits:
        target = people if kind == "person" else places if kind == "place" else None
        if kind != "place" and entity_id not in actors:
            actors.append(entity_id)
        if target is not None and entity_id not in target:
            target.append(entity_id)
    return tuple(people), tuple(places), tuple(actors)


# -- the extractor ------------------------------------------------------------------------------------------------------


def _heading(text: str, lines: _Lines, s: int, e: int) -> PartialDate | None:
    """The year or month of a heading line ("2014", "ديسمبر (كانون الأول) 2018"), or None."""
    if lines.start_of(s) != lines.start_of(max(s, e - 1)) or not lines.at_line_start(s):
        return None
    line_end = lines.end_of(s)
    if text[e:line_end].strip(" \t\r:-\u2013\u2014"):
        return None
    m = _HEADING_RE.match(text, lines.start_of(s), line_end)  # "- 2011": the sentence starts after the marker
    if m is None:
        return None
    if m.group("y"):
        year = int(to_western_digits(m.group("y")))
        return PartialDate(year) if 1000 <= year <= 2100 else None
    try:
        return parse_arabic_date(_explicit_text({**m.groupdict(), "y": m.group("my")}))
    except ArabicDateError:
        return None


# A chronicle's year heading: "سنة إحدى وعشرين", "ثم دخلت سنة اثنتين وعشرين", "ذكر سنة ست وثلاثين ومائة"
_ANNAL_HEADING_RE = re.compile(
    rf"{_LINE_JUNK}(?:{_alt(['ذكر', 'ثم دخلت', 'دخلت', 'احداث', 'حوادث'])}\s+)?{_alt(['سنة', 'سنه'])}\s+"
    rf"(?P<w>{_YEAR_IN_WORDS})(?:\s*{_HIJRI_MARK})?\s*[:.]?\s*$"
)


# "السنة التاسعة من الهجرة": a history of the Prophet's years, one heading per year by its ordinal
_ORDINAL_YEARS = {normalise_arabic(w): n for n, w in enumerate(
    ("الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة", "العاشرة",
     "الحادية عشرة"), start=1)}
_ORDINAL_ANNAL_RE = re.compile(
    rf"{_LINE_JUNK}(?:{_alt(['احداث'])}\s+)?{_alt(['السنة', 'السنه', 'العام'])}\s+(?P<o>{_alt(list(_ORDINAL_YEARS))})"
    rf"\s+(?:{_alt(['من الهجرة', 'للهجرة', 'هجرية'])})\s*[:.]?\s*$"
)
# 'يقول كتاب البداية والنهاية "ثم دخلت سنة ثلاث عشرة ومائة"': a chronicle's heading quoted at the end of a line
_QUOTED_ANNAL_RE = re.compile(
    rf"{_alt(['ثم دخلت', 'دخلت'])}\s+{_alt(['سنة', 'سنه'])}\s+(?P<w>{_YEAR_IN_WORDS})(?:\s*{_HIJRI_MARK})?\s*[\"”»]?\s*[:.]?\s*$"
)


def _annal_heading(text: str, lines: _Lines, s: int, e: int) -> int | None:
    """The Hijri year of a chronicle's year heading on its own line (see above), or None. A year in words
    without a thousand is a Hijri year: a Western year in words says "ألف"."""
    start, end = lines.start_of(s), lines.end_of(s)
    if end < e or end - start > 80:
        return None
    if (ordinal := _ORDINAL_ANNAL_RE.match(text, start, end)) is not None:
        return _ORDINAL_YEARS.get(_norm(ordinal.group("o")))  # "السنة التاسعة من الهجرة"
    m = _ANNAL_HEADING_RE.match(text, start, end) or _QUOTED_ANNAL_RE.search(text, start, end)
    year = _year_from_words(m.group("w")) if m else None
    return year if year is not None and 1 <= year < 1000 else None


# "- كانون الثاني/يناير" alone on its line, under "-- 2011": the month of the entries below
_MONTH_LINE_RE = re.compile(rf"{_LINE_JUNK}{_MONTH_PAIR}\s*[:\-\u2013\u2014]?\s*$")


def _month_heading(text: str, lines: _Lines, s: int, e: int, year: PartialDate | None) -> PartialDate | None:
    """A line that is only a month's name, under a year's heading: that month of that year (a heading)."""
    if year is None:
        return None
    start, end = lines.start_of(s), lines.end_of(s)
    if end < e or end - start > 40:
        return None
    m = _MONTH_LINE_RE.match(text, start, end)
    month = _month_number(m.group("m")) if m else None
    return PartialDate(year.year, month) if month else None


def _mark_not_events(text: str, lines: _Lines, sentences: list[tuple[int, int]],
                     found: list[list[_Found]]) -> PartialDate | None:
    """Mark the dates that are not events (stamps, a list's scope, points of comparison) and tell which
    line starts a list entry; returns the first stamp's date known to the day (the article's present)."""
    stamp: PartialDate | None = None
    for f in _page_stamps(text, lines, found):
        f.data["not_event"] = "stamp"
        if stamp is None and not f.data.get("widget"):
            stamp = _stamp_day(f)
    _mark_title_months(text, lines, found)
    previous: list[_Found] = []  # the sentence before: a line break may cut a Hijri date from its Western one
    for index, ((s, e), dates) in enumerate(zip(sentences, found)):
        scope = _SCOPE_RE.search(text, s, e) is not None
        for f in dates:
            f.data["line_start"] = lines.at_line_start(f.particle_start)
            f.data["entry"] = f.data["line_start"] and re.match(r"\s*[:\-\u2013\u2014]", text[f.end:f.end + 3])
            if f.data.get("not_event") == "stamp":
                continue
            if f.kind in ("explicit", "range", "numeric", "hijri") and _is_stamp(text, lines, f):
                f.data["not_event"] = "stamp"
                if stamp is None:
                    stamp = _stamp_day(f)
            elif scope and not f.data.get("list_entry") and (f.kind == "range" or f.particle_word in ("منذ", "بين", "من") or _since_noun(text, s, f)):
                f.data["not_event"] = "the scope of a chronology"
            elif scope and _year_only(f) and f.particle_word in ("في", "فى", "خلال") and index < _INTRO_SENTENCES:
                # "شهدت الدول العربية في عام 2018 الكثير من الأحداث ... نورد تسلسلاً زمنياً": the year the list covers,
                # which its entries ("20 كانون ثاني:") take
                f.data["not_event"] = "the scope of a chronology"
                f.data["title_scope"] = True
            elif (f.kind == "hijri" and _HIJRI_EQUIVALENT_RE.search(text, max(0, f.start - 30), f.start)
                  and any(d.kind in ("explicit", "numeric") and 0 <= f.start - d.end < 40
                          for d in previous + dates)):
                f.data["not_event"] = "the Hijri equivalent of the date before it"
            elif _is_bracketed_month(text, s, f):
                f.data["not_event"] = "a month in brackets: a tag, a source's date or a title's scope"
                f.data["title_scope"] = not text[:lines.start_of(f.start)].strip()
            elif _is_comparison(text, s, f):
                f.data["not_event"] = "a point of comparison"
            elif _is_name(text, s, f):
                f.data["not_event"] = "a date inside a name"
            elif _is_plan(text, s, f):
                # "الانتخابات التي كان مقررا إجراؤها في يناير 2008", "محدداً 15 يناير 1991 موعداً نهائياً": a date set
                # for something to come, not something that happened then
                f.data["not_event"] = "a plan: a date set for what was to come"
            elif _CITED_BY_RE.search(text, max(s, f.start - 70), f.start):
                # "وفقًا للدستور الجديد في عام 1924", "بمقتضى دستور 23 فيفري 1989": a text in force, cited by its date
                f.data["not_event"] = "a law, constitution or agreement cited by its date"
            elif _is_name_reference(text, s, f):
                f.data["not_event"] = "a year naming an event the sentence only refers to"
            elif _is_title_year(text, lines, f):
                f.data["not_event"] = "the title's year: what the text below is about"
            elif _in_chronology_title(text, lines, f):
                # "محطة زمنية لأهم أحداث سوريا في عام 2023", "بالتواريخ| المواجهات في اليمن منذ سبتمبر 2014": what the
                # list under the title covers; its entries take the title's year
                f.data["not_event"] = "the title of a chronology: what it covers"
                f.data["title_scope"] = f.kind == "explicit" and bool(f.data["groups"].get("y"))
            elif (f.kind == "explicit" and not f.data["groups"].get("y") and f.data["groups"].get("m")
                  and (f.data["groups"].get("d") or f.data["groups"].get("od"))
                  and _COMMEMORATION_AFTER_RE.match(text, f.end)):
                f.data["not_event"] = "a day of the year named for what it recalls"
            elif f.kind == "explicit" and index + 1 < len(found) and _restated_label(
                    text, lines, f, sentences[index + 1], found[index + 1]):
                # "سنة 1514م: معركة جالديران" over "إثر معركة جالديران ... سنة 1514 تم تقسيم كردستان": the paragraph
                # dates its statement itself; the label is its title (one statement: the paragraph's date is it)
                f.data["not_event"] = "a label its paragraph restates"
            elif f.kind == "explicit" and _is_anniversary_day(text, s, e, f):
                # "يوافق اليوم الإثنين 15 نوفمبر الذكرى الـ 132 على ميلاد ...": the day the article marks the
                # anniversary on, its present
                f.data["not_event"] = "an anniversary's day: the article's present"
                if stamp is None and f.data["groups"].get("y") and (f.data["groups"].get("d") or f.data["groups"].get("od")):
                    stamp = _stamp_day(f)
            elif f.kind == "anniversary" and _norm(f.data["groups"].get("prep") or "") in ("", "في", "مع", "بمناسبة"):
                # "تحيي تونس الذكرى الثالثة للثورة": the article's present, which it dates (below); only
                # "before/after/on the eve of" it dates another event ("قبيل حلول الذكرى العشرين للغزو")
                f.data["not_event"] = "an anniversary: the article's present"
        previous = dates
    return stamp


def _restated_label(text: str, lines: _Lines, f: _Found, paragraph: tuple[int, int], dates: list[_Found]) -> bool:
    """A short line that opens with a year («سنة 1514م: معركة جالديران», «1982 - اجتياح لبنان») is a label over the
    paragraph on the next line when that paragraph's first sentence names the same year itself."""
    year = (f.data.get("groups") or {}).get("y")
    if not year or f.data.get("month") or not lines.at_line_start(f.particle_start) or lines.end_of(f.start) - lines.start_of(f.start) > 80:
        return False
    if lines.start_of(paragraph[0]) != lines.end_of(f.start) + 1 or not text[:lines.start_of(f.start)].strip():
        return False  # the paragraph is the very next line; the page's own title is no label
    western = to_western_digits(year)
    # the paragraph's year inside its sentence, not opening the next entry of a list of years ("• 1818 م: سقوط ...")
    return any(d.kind == "explicit" and to_western_digits((d.data.get("groups") or {}).get("y") or "") == western
               and not lines.at_line_start(d.particle_start) for d in dates)


_ANNIVERSARY_DAY_BEFORE_RE = re.compile(
    rf"{_LB}{_alt(['يوافق', 'توافق', 'تحل', 'يحل', 'تحيي', 'يحيي', 'يتزامن', 'تتزامن', 'يصادف', 'تصادف', 'تحتفل', 'يحتفل', 'نحتفل', 'تمر', 'يمر'])}"
    rf"{_WORD_END}(?:\s+[^\s]+){{0,3}}?\s+(?:(?:يوم\s+)?{_LB}{WEEKDAY_PATTERN}\s*[،,(]?\s*|{_LB}اليوم\s+(?:(?:{WEEKDAY_PATTERN})\s*[،,(]?\s*)?)?(?:\(\s*)?$")
_ANNIVERSARY_WORD_RE = re.compile(rf"{_LB}(?:ال)?ذكر[ىي]{_WORD_END}")


def _is_anniversary_day(text: str, s: int, e: int, f: _Found) -> bool:
    """"يوافق اليوم 4 يونيو 2024 الذكرى الرابعة لتحرير ...", "تحيي تونس الخميس 15 أكتوبر 2020 الذكرى 57 لعيد الجلاء":
    a day after a verb of falling on or marking, in a sentence that names the anniversary right after it, is the
    day the article writes on, not the event it recalls (which the anniversary's number dates, if anything)."""
    g = f.data.get("groups") or {}
    if not (g.get("d") or g.get("od")) or not _ANNIVERSARY_DAY_BEFORE_RE.search(text, max(s, f.start - 40), f.start):
        return False
    return _ANNIVERSARY_WORD_RE.search(text, f.end, min(e, f.end + 40)) is not None


_PLAN_BEFORE_WORDS = frozenset(normalise_arabic(w) for w in (
    "مقررا", "مقرراً", "المقرر", "مقرر", "مقررة", "المقررة", "محددة", "المحددة", "المحدد", "المزمع", "مزمع", "المزمعة",
    "مزمعة"))
_PLAN_AFTER_RE = re.compile(rf"\s*[،,]?\s*{_alt(['موعدا', 'موعداً', 'كموعد', 'لموعد', 'موعدًا'])}{_WORD_END}")


def _is_plan(text: str, lo: int, f: _Found) -> bool:
    """A date set for something to come: "مقررا / محددة / المزمع" among the four words before it (in its clause), or
    "موعدا" right after it."""
    if f.kind not in ("explicit", "numeric"):
        return False
    words, _ = _clause_words_before(text, lo, f.start, 50, "،,.")
    return any(w in _PLAN_BEFORE_WORDS for w in words[-4:]) or _PLAN_AFTER_RE.match(text, f.end) is not None


_CITED_BY_RE = re.compile(
    rf"{_LB}[وف]?{_alt(['وفقا', 'وفق', 'بموجب', 'بمقتضى', 'طبقا', 'ببنود', 'استنادا'])}{_WORD_END}\s+(?:ل|لل|ال|إلى\s+|الى\s+)?"
    rf"(?:[^\W\d_]+\s+)?(?:ال)?{_alt(['دستور', 'قانون', 'اتفاق', 'اتفاقية', 'معاهدة', 'مؤتمر', 'قرار', 'ميثاق', 'مرسوم'])}"
    rf"(?!.*{_LB}(?:التي|الذي|الصادر|الصادرة|الموقع|الموقعة|المبرم|المبرمة|من قبل){_WORD_END})[^،,.؛:\n]{{0,45}}$")


# "25 يناير 2011 الموافق 21 صفر\n1432 هـ": a Hijri date after "الموافق" restates the Western one before it (a line
# break may cut it from its month: the year is then read alone).
_HIJRI_EQUIVALENT_RE = re.compile(
    rf"{_alt(['الموافق', 'الموافقة', 'ويوافق', 'يوافق'])}\s*(?:{_DIGIT}{{1,2}}\s*{HIJRI_MONTH_PATTERN}\s*)?$"
)


def _is_bracketed_month(text: str, lo: int, f: _Found) -> bool:
    """"(مايو 2019)" after a maintenance note, "(آذار/مارس- نيسان/أبريل 2009)" after a cited source, "(أغسطس
    1990)" closing a page's title: a month and year alone in brackets, with no day and no particle, closing
    its line, labels what is before it; it dates no statement."""
    g = f.data.get("groups") or {}
    if f.kind != "explicit" or not f.data.get("month") or not g.get("y") or g.get("d") or g.get("od"):
        return False
    if f.particle != _NONE or not text[f.end:f.end + 3].lstrip().startswith(")"):
        return False
    # it closes its line (a title, a tag, a reference); inside a sentence, "اندلعت احتجاجات درعا (مارس 2011) ثم
    # امتدت" dates the event before it
    closing = text.find(")", f.end, f.end + 3)
    line_end = text.find("\n", closing, closing + 40)  # bounded: a long line after it is a sentence anyway
    if text[closing + 1:closing + 40 if line_end < 0 else line_end].strip(" \t\r|.\u200f\u200e"):
        return False
    opening = text.rfind("(", max(0, lo, f.start - 40), f.start)
    return opening >= 0 and not re.search(rf"[()]|{_DIGIT}", text[opening + 1:f.start])


def _is_name(text: str, lo: int, f: _Found) -> bool:
    """"ثورة 25 يناير", "أحداث الحادي عشر من سبتمبر": a day and month without a year after an event noun
    name the event; they do not date a statement."""
    g = f.data.get("groups") or {}
    if f.kind != "explicit" or g.get("y") or not (g.get("d") or g.get("od")):
        return False
    start = f.start
    while start > lo and text[start - 1] in " «\"“'":  # "ثورة «17 فبراير»": a name may be quoted
        start -= 1
    if _is_name_noun(_last_word(text, lo, start)):
        return True
    # "حركة شباب 6 أبريل": the noun may stand one word further back, when no particle introduces the date
    tokens = _last_words(text, lo, f.start)
    return (f.particle == _NONE and len(tokens) >= 2 and not text[tokens[-2][1]:tokens[-1][0]].strip()
            and tokens[-1][2] not in _PARTICLE_ONE and _is_name_noun(tokens[-2][2]))


def _is_name_noun(word: str) -> bool:
    return any(w in _NAME_NOUNS for w in (word, word[1:], word[2:] if word.startswith("لل") else word))


def _relative_before(text: str, clause_start: int, f: _Found) -> bool:
    """Whether a relative pronoun stands among the four words before a date ("الجنود اللي خطفهم حزب الله في
    12 تموز"): the date is then background to the clause, not its event's time."""
    words = _words(text[max(clause_start, f.particle_start - 60):f.particle_start])[-4:]
    return any(_strip_waw(w, _RELATIVE) in _RELATIVE for w in words)


def _is_scope_line(text: str, lines: _Lines, s: int, e: int, dates: list[_Found]) -> bool:
    """A line that is nothing but a period ("الفترة من ... إلى ...") before the text's first dated statement
    announces what the text covers; it is not an event."""
    if len(dates) != 1 or dates[0].kind != "range" or not lines.at_line_start(s) or lines.end_of(s) < e:
        return False
    if dates[0].data.get("hijri_range"):  # "(1340 ـ 1426 هـ) (1921 ـ 2005 م)" under a name: a life or a reign
        return False
    first, second = dates[0].data.get("first"), dates[0].data.get("second")
    if first is not None and second is not None and len(_words(text[first.end:second.start])) > 3:
        return False  # "في عام 1881، احتلت فرنسا تونس، ... والذي استمر حتى عام 1956": a story between its ends
    rest = _words(text[s:dates[0].start] + " " + text[dates[0].end:e])
    # a bare "1789-91" heads a section; "الفترة من ... إلى ..." announces the text's span
    if not rest or any(_strip_waw(w, _SCOPE_LINE_WORDS) not in _SCOPE_LINE_WORDS for w in rest):
        return False
    # "من 23/8/1921 إلى 8/9/1933" under a king's name further down is his reign: only the title's next lines
    # announce a span without saying "الفترة"
    return bool({"الفترة", "المدة"} & set(rest)) or lines.lines_above(s, 2) <= 2


_SCOPE_LINE_WORDS = frozenset({"الفترة", "المدة", "من", "في", "خلال", "بين"})


def _note_day_heading(text: str, lines: _Lines, s: int, e: int, dates: list[_Found], ctx: _Context) -> None:
    """"الخميس 2 أغسطس 1990" alone on its line heads a diary's day: "اليوم" below it is that day."""
    if len(dates) != 1 or not _full_day(dates[0]) or not lines.at_line_start(s) or lines.end_of(s) < e:
        return
    rest = text[s:dates[0].start] + " " + text[dates[0].end:e]
    if re.fullmatch(rf"\s*(?:{WEEKDAY_PATTERN})?\s*[،,]?\s*", _norm(rest)) is None:
        return
    try:
        ctx.day_heading = parse_arabic_date(_explicit_text(dates[0].data["groups"]))
    except ArabicDateError:
        return


def _entry_year_heading(dates: list[_Found], ctx: _Context, sentence: int) -> None:
    """"1944 – وافقت فرنسا ... في الأول من كانون الثاني": a list entry that opens with a bare year and then
    dates its event by a month is headed by that year: a month without a year takes it, and the year is no
    event of its own (alone, "1975 – اندلعت الحرب", it is the entry's date)."""
    entry = next((f for f in dates if f.data.get("entry_year")), None)
    if entry is None or not any(f.kind == "explicit" and f.data.get("month") for f in dates):
        return
    entry.data["not_event"] = "the year heading a list entry"
    year = PartialDate(int(to_western_digits(entry.data["groups"]["y"])))
    ctx.list_anchor = year
    ctx.move(year, sentence=sentence)


@dataclass
class _PendingHeading:
    """A heading whose section may tell its event without a date of its own."""

    date: PartialDate
    start: int
    end: int
    candidates_before: int
    first_sentence: list[tuple[int, int]]
    index: int  # the heading's sentence


_HEADING_DATE_RE = re.compile(
    rf"(?:{MONTH_NAME_PATTERN}(?:\s*[(/]\s*{MONTH_NAME_PATTERN}\s*\)?)?\s*[،,]?\s*(?:(?:{YEAR_WORD_PATTERN})\s*)?)?{_YEAR4}"
    rf"|{MONTH_NAME_PATTERN}(?:\s*[(/]\s*{MONTH_NAME_PATTERN}\s*\)?)?"
)


def _with_page_day(year: int, page_day: tuple[int, int]) -> PartialDate | None:
    try:
        return PartialDate(year, page_day[0], page_day[1])
    except ValueError:  # 29 February of a year that has none (InvalidDate is a ValueError)
        return None


def _undated_section(text: str, pending: _PendingHeading | None, candidates: list[Candidate], doc: str,
                     layout: Layout) -> None:
    """"– 1960" over a paragraph that gives no date ("كانت أول مرة يتم فيها اكتشاف الفيروس"): the heading's
    date is that paragraph's event. A section with dated statements of its own keeps the heading as a heading.
    On a page about one day of the year, a year heading's undated entry is that day of the year ("1821" over
    "مولد ماري بيكرادي" on a page about 16 July)."""
    if pending is None or len(candidates) != pending.candidates_before or not pending.first_sentence:
        return
    m = _HEADING_DATE_RE.search(text, pending.start, pending.end)
    if m is None:
        return
    date, basis = pending.date, "a heading whose section gives no other date"
    if date.month is None and layout.on_this_day and layout.page_day is not None:
        if (day := _with_page_day(date.year, layout.page_day)) is not None:
            date, basis = day, basis + "; the page's day"
    start, end = pending.start, pending.first_sentence[0][1]
    candidates.append(Candidate(
        doc=doc, date=date, text_ar=text[start:end], start=start, end=end, date_text=m.group(),
        date_start=m.start(), date_end=m.end(), inferred=False, confidence=0.80, basis=basis))


def _years_counted_back(text: str, found: list[list[_Found]]) -> None:
    """"17 ديسمبر، ... 13 يناير، ... 19 فبراير 2011": a list whose days come before any year takes its year from the
    first dated entry after them, counted back a year each time the months run backwards (December before January).
    Only days that open their lines, two or more (a list's entries, not a title's day or an anniversary), and used
    only where nothing before gives a year (``back_year``)."""
    days = [f for dates in found for f in dates
            if f.kind == "explicit" and f.data.get("month") and not f.data.get("not_event")]
    first = next((i for i, f in enumerate(days) if f.data["groups"].get("y")), None)
    if not first:
        return
    year = int(to_western_digits(days[first].data["groups"]["y"]))
    month = _month_number(days[first].data["groups"].get("m") or "")
    if month is None or not 1000 <= year <= 2100:
        return
    entries = days[:first]
    if len(entries) < 2 or not all(_opens_line(text, f.start) for f in entries):
        return
    counted: list[tuple[_Found, int]] = []
    for f in reversed(entries):
        g = f.data["groups"]
        earlier = _month_number(g.get("m") or "")
        if earlier is None or g.get("ry") or g.get("cur"):
            return  # "في الشهر نفسه", "أكتوبر الماضي": their own references, not a list's
        if earlier > month:
            year -= 1
        month = earlier
        counted.append((f, year))
    for f, y in counted:
        f.data["back_year"] = y


_YEAR_AFTER_WORDS = frozenset(("في", "من", "فى"))  # and a Hijri month's name: "٢٣ ابريل ـ رمضان عام ١٩٩٠م"
_YEAR_AFTER_GAP_RE = re.compile(r"[^\d\u0660-\u0669.,،؛:!?؟()\n]{0,20}")


_YEAR_BEFORE_DAY_GAP_RE = re.compile(rf"\s*[،,]?\s*(?:و\s*)?(?:{_alt(['في', 'فى', 'يوم'])}\s*)?")


def _year_said_after(text: str, found: list[list[_Found]]) -> None:
    """"في اليوم الثالث عشر من شهر مارس في عام 1989", "٢٣ ابريل ـ رمضان عام ١٩٩٠م": a day or month whose year comes
    a word or two after it, as a date of its own, is of that year (``year_after``); the year is part of its date,
    not a second statement. The same for a year said just before its day ("عام 1967 في 30 نوفمبر")."""
    for dates in found:
        for a, b in zip(dates, dates[1:]):
            ga, gb = a.data.get("groups") or {}, b.data.get("groups") or {}
            if (a.kind == b.kind == "explicit" and not ga.get("m") and ga.get("y") and not ga.get("q") and gb.get("m")
                    and (gb.get("d") or gb.get("od")) and not gb.get("y") and not gb.get("ry") and not gb.get("cur")
                    and _YEAR_BEFORE_DAY_GAP_RE.fullmatch(text, a.end, b.start)):
                # "عام 1967 في 30 نوفمبر": the year first, then the day of it
                b.data["year_after"] = int(to_western_digits(ga["y"]))
                a.data["not_event"] = "the year of the day just after it"
                continue
            if (a.kind != "explicit" or b.kind != "explicit" or ga.get("y") or ga.get("ry") or ga.get("cur")
                    or not ga.get("m") or not gb.get("y") or gb.get("m") or gb.get("d")):
                continue
            gap = text[a.end:b.start]
            words = _words(gap)
            if (_YEAR_AFTER_GAP_RE.fullmatch(gap) and len(words) <= 2
                    and all(w in _YEAR_AFTER_WORDS or _norm(w) in HIJRI_MONTHS for w in words)):
                a.data["year_after"] = int(to_western_digits(gb["y"]))
                b.data["not_event"] = "the year of the day or month just before it"


def _hijri_page_day(found: list[list[_Found]], layout: Layout) -> None:
    """"غره صفر" then "* 12 هـ انتصار المسلمين ...": on a page about a day of the Hijri year, a Hijri year alone is
    that day of that year (converted like any Hijri day)."""
    if layout.page_hijri_day is None:
        return
    month, day = layout.page_hijri_day
    for dates in found:
        for f in dates:
            if _hijri_year_alone(f):
                _give_hijri_day(f, month, day)


def _hijri_year_alone(f: _Found) -> bool:
    g = f.data.get("groups") or {}
    return f.kind == "hijri" and not g.get("hm") and not g.get("gy") and not f.data.get("not_event")


def _give_hijri_day(f: _Found, month: int, day: int) -> None:
    """A Hijri year alone becomes that day of that year, converted like any Hijri day."""
    f.data["groups"] = {**f.data["groups"], "hm": str(month), "hd": str(day)}
    f.data["hijri_page_day"] = True


# A calendar of a Hijri month's days: "الأوّل من محرّم :" heading its "وفيه : ..." entries, or, under a title "مناسبات
# شهر شوال", "اليوم الثالث" alone on its line
_HIJRI_DAY_HEADING_RE = re.compile(
    rf"(?m)^[ \t]*(?:(?P<d>{_DIGIT}{{1,2}})|(?P<od>{ORDINAL_DAY_PATTERN}))[ \t]+(?:من[ \t]+)?(?:شهر[ \t]+)?"
    rf"(?P<m>{HIJRI_MONTH_PATTERN})(?:[ \t]+(?:الحرام|المبارك|المعظم))?[ \t]*(?:[:.]?[ \t]*$|[:\-\u2013][ \t]*(?=\S))")
# (the day alone on its line, or opening its entry: "12 محرم: وصول موكب السبايا الى الكوفة عام61 هجري")
_DAY_OF_MONTH_HEADING_RE = re.compile(
    rf"(?m)^[ \t]*(?:في[ \t]+)?اليوم[ \t]+(?:(?P<d>{_DIGIT}{{1,2}})|(?P<od>{ORDINAL_DAY_PATTERN}))[ \t]*[:.]?[ \t]*$")
_MONTH_PAGE_TITLE_RE = re.compile(rf"شهر\s+(?P<m>{HIJRI_MONTH_PATTERN})")


def _hijri_day_sections(text: str, found: list[list[_Found]]) -> None:
    """On a calendar of a Hijri month's days (two headings or more), a Hijri year alone under a day's heading is
    that day of that year, like a page about one day ("الثاني من محرّم :" then "وفيه : من سنة 60 للهجرة حلّ ...")."""
    if not any(f.kind == "hijri" for dates in found for f in dates):
        return
    title = _MONTH_PAGE_TITLE_RE.search(text, 0, text.find("\n", 0, 300) if "\n" in text[:300] else min(len(text), 300))
    page_month = HIJRI_MONTHS.get(_norm(title.group("m"))) if title else None
    def day_of(m: re.Match[str]) -> int:
        return int(to_western_digits(m.group("d"))) if m.group("d") else ordinal_day(_norm(m.group("od")))

    headings: list[tuple[int, int, int]] = []  # (where, month, day)
    for m in _HIJRI_DAY_HEADING_RE.finditer(text):
        month = HIJRI_MONTHS.get(_norm(m.group("m")))
        if month is not None and 1 <= day_of(m) <= 30:
            headings.append((m.start(), month, day_of(m)))
    if page_month is not None:
        headings += [(m.start(), page_month, day_of(m)) for m in _DAY_OF_MONTH_HEADING_RE.finditer(text)
                     if 1 <= day_of(m) <= 30]
    if len(headings) < 2:
        return
    headings.sort()
    starts = [h[0] for h in headings]
    for dates in found:
        for f in dates:
            if _hijri_year_alone(f) and (at := bisect_right(starts, f.start) - 1) >= 0:
                _give_hijri_day(f, headings[at][1], headings[at][2])


def _mark_page_day(found: list[list[_Found]], layout: Layout) -> None:
    """"وقعت في يوم 12 سبتمبر العديد من الأحداث": the day an "on this day" page is about, named without a year,
    is what its entries share (their scope), not an event; so is that day named again anywhere ("هذا اليوم هو
    يوم 4 مارس أو 4 آذار"), and named with a year later than every entry's ("يوم السبت 4 مارس 2023" over
    entries of 1949-2004): the day the page was written."""
    if not layout.on_this_day or layout.page_day is None:
        return
    lo, hi = layout.page_day_span or (-1, -1)
    entry_years = [int(to_western_digits(f.data["groups"]["y"])) for dates in found for f in dates
                   if f.kind == "thisday" and (f.data.get("groups") or {}).get("y")]
    for dates in found:
        for f in dates:
            if f.kind != "explicit" or not f.data.get("month"):
                continue
            g = f.data["groups"]
            day = _explicit_day_month(g)
            if day != layout.page_day:
                continue
            if not g.get("y"):
                f.data["not_event"] = "the day an 'on this day' page is about"
            elif entry_years and int(to_western_digits(g["y"])) > max(entry_years):
                f.data["not_event"] = "the day an 'on this day' page was written"
            elif f.start < hi and lo < f.end:
                pass  # "في مثل هذا اليوم 15 اغسطس1947م": the page's day with the year of its one event


def _explicit_day_month(g: Mapping[str, str | None]) -> tuple[int, int] | None:
    """(month, day) of an explicit date's groups, if it names both."""
    month = _month_number(g["m"] or "") if g.get("m") else None
    if month is None:
        return None
    if g.get("d"):
        return month, int(to_western_digits(g["d"] or "0"))
    if g.get("od"):
        return month, ordinal_day(_norm(g["od"] or ""))
    return None


def _resolve_numeric_month(f: _Found) -> _Resolved | None:
    """"- 5/ 1948: ..." opening a list entry: that month."""
    g = f.data["groups"]
    try:
        date = PartialDate(int(to_western_digits(g["y"])), int(to_western_digits(g["m"])))
    except (InvalidDate, ValueError):
        return None
    return _Resolved(date, False, 0.85, "a list entry's month, in numbers") if 1000 <= date.year <= 2100 else None


def _resolve_this_day(f: _Found, layout: Layout) -> _Resolved | None:
    """"في مثل هذا اليوم من عام 1991", "1962 - ..." in an "on this day" list: the page's day of that year."""
    year = int(to_western_digits(f.data["groups"]["y"]))
    if not 1 <= year <= 2100:  # "0 - ..." is a numbered line, not a year
        return None
    if layout.page_hijri_day is not None and (layout.page_day is None or f.data.get("hijri_marked")):
        # "في مثل هذا اليوم سنة 5 ه" on a page about 5 Ramadan: that Hijri day, converted
        month, day = layout.page_hijri_day
        try:
            y, m, d = hijri_to_gregorian(year, month, day)
        except ArabicDateError:
            return None
        return _Resolved(PartialDate(y, m, d), True, 0.60,
                         f"the page's Hijri day, {year}-{month:02d}-{day:02d} AH, converted",
                         hijri=f"{year}-{month:02d}-{day:02d}")
    if layout.page_day is None:  # the page never says which day: the year is all a reader can tell
        return _Resolved(PartialDate(year), False, 0.80, f"'on this day' of {year} (the page's day is not given)")
    date = _with_page_day(year, layout.page_day)
    if date is None:
        return None
    month, day = layout.page_day
    return _Resolved(date, True, 0.80, f"the page's day ({day}/{month}) of {year}: an 'on this day' page")


def _resolve(f: _Found, ctx: _Context, clause: "_Clause", text: str, layout: Layout) -> _Resolved | None:
    """A date expression's value in its context, or None. A value the model cannot hold (a year 0 from a
    numbered line, a day a month does not have) is no candidate: one odd number must never fail the article."""
    try:
        if f.kind == "early":  # "(١٩ يولية سنة ٧١١ م)": the parser reads four-digit years only
            g = f.data["groups"]
            year, month = int(to_western_digits(g["y"])), _month_number(g["m"])
            day = int(to_western_digits(g["d"])) if g.get("d") else (ordinal_day(_norm(g["od"])) if g.get("od") else None)
            end_month = _month_number(g["m2"]) if g.get("m2") else None
            if month is None or year < 1:
                return None
            date = PartialDate(year, month, day)
            if end_month is not None and end_month > month and day is None:
                return _Resolved(date, False, 0.85, "two months of a year marked with its era",
                                 range_end=PartialDate(year, end_month))
            return _Resolved(date, False, 0.9, "a date of a year marked with its era")
        if f.kind == "explicit" and f.data.get("era_marked"):  # "عام 750 ميلاديًا": below the parser's years
            year = int(to_western_digits(f.data["groups"]["y"]))
            if f.data.get("page_western"):
                return _Resolved(PartialDate(year), False, 0.75,
                                 "an unmarked early year among the Western years the page marks «م»")
            return _Resolved(PartialDate(year), False, 0.85, "a year marked with its era")
        if f.kind == "explicit":
            f.data["background"] = _relative_before(text, clause.start, f)
            return _resolve_explicit(f, ctx, clause.relative, text, background=f.data["background"])
        if f.kind == "range":
            return _resolve_range(f, ctx, text)
        if f.kind == "numeric":
            return _resolve_numeric(f)
        if f.kind == "hijri":
            return _resolve_hijri(f)
        if f.kind == "decade":
            return _resolve_decade(f)
        if f.kind == "thisday":
            return _resolve_this_day(f, layout)
        if f.kind == "numericmonth":
            return _resolve_numeric_month(f)
        resolved = _resolve_relative(f, ctx)
        if f.kind == "offset" and resolved is not None and (resolved.range_end or resolved.date).year > ctx.written_by:
            # "انسحبت بعد 29 عامًا" counted from 2005 is 2034: after the text was written (its stamp, or today),
            # so a length of time, not a date
            return None
        return resolved
    except (InvalidDate, ArabicDateError, ValueError, OverflowError):
        return None


def _event_order(text: str, dates: list[_Found]) -> list[_Found]:
    """The dates of a clause in the order they are tried as its event's date: "وفي العام نفسه، قُصف المخيم في
    آب 1976" is dated by its explicit date, so "the same year" before an explicit date with a year yields.
    So does an offset that the explicit date restates ("بعد شهرين، في 7 فبراير 1992") or that measures how
    long something took before it ("كُلّف بعد 6 أشهر من المفاوضات المالكي بتشكيل حكومة في 20 مايو 2006");
    not one whose "من ..." names the explicit date's event ("بعد ستة أشهر من الغزو في مارس 2003")."""
    if dates and dates[0].data.get("named_event") and len(dates) > 1:
        # "ثورة 2011 وسقوط النظام في 14 يناير 2011": the event's own date, not the name's year
        others = [d for d in dates[1:] if d.kind == "explicit" and (d.data.get("groups") or {}).get("y")]
        if others:
            return others + [d for d in dates if d not in others]
    if not dates or dates[0].kind not in ("same", "next", "offset", "clocktime"):
        return dates
    explicit = [d for d in dates[1:] if d.kind == "explicit" and (d.data.get("groups") or {}).get("y")]
    if not explicit:
        return dates
    first = dates[0]
    if first.kind == "offset" and not first.data.get("restated") and len(_words(text[first.end:explicit[0].start])) <= 3:
        return dates
    return explicit + [d for d in dates if d not in explicit]


def _own_year(f: _Found) -> bool:
    return f.kind == "explicit" and bool((f.data.get("groups") or {}).get("y"))


def _further_statements(text: str, clause: _Clause, event: _Found, resolved: _Resolved, ctx: _Context,
                        layout: Layout) -> list[tuple[_Found, _Resolved]]:
    """The clause's other dates that state something of their own, besides its event's date: "تولى الحكم في 17
    يوليو 2000 خلفًا لوالده الذي حكم منذ 1971", "احتل أشبيليه (712) وماردة (713)", "حكم (1206-1227 م)". A reader
    puts each on the timeline, so each is a candidate, though less sure than the event's own date.

    Not every date is one: only a date with its own year, a range or a Hijri date (a day that borrows its
    year would borrow the event's, a guess; a relative date measures from the event); not a year the clause has
    stated already ("ثورة 2011 التي أسقطت النظام في 14 يناير 2011"), nor the Hijri twin of a Western date
    ("455 هجرية الموافق 1063م", or a Hijri year over a Western year the clause has), not what reported speech
    says will happen ("قال إن الانسحاب سيكتمل في آب 2010"), and not a point of comparison ("أول انتشار ... منذ
    عام 1991")."""
    order = _event_order(text, clause.dates)
    years = {resolved.date.year}
    taken = [(s, e) for s, e, _ in _dates_of(event, resolved)]  # a list of years' own spans: no second time
    out = []
    for f in order[order.index(event) + 1:]:
        if (not (_own_year(f) or f.kind in ("range", "hijri")) or f.data.get("hijri") or f.data.get("hijri_range")
                or any(s < f.end and f.start < e for s, e in taken)):
            continue
        g = f.data.get("groups") or {}
        if f.kind == "explicit" and not (g.get("m") or g.get("d") or g.get("od")) and _year_of(f) in years:
            continue  # (before resolving it: "في عام 2003" a thousand times over stays cheap)
        # (the text just before it, not all since the event: a clause of thousands of years stays linear)
        window = text[max(event.end, f.start - _FURTHER_WINDOW):f.start]
        if _REPORTED_RE.search(window) and any(_FUTURE_VERB_RE.match(w) for w in _words(window)):
            break
        if f.particle_word == "منذ" and _compares(_words(window)):
            continue  # "... وهو أول انتشار من نوعه في العراق منذ عام 1991": a point of comparison
        further = _resolve(f, ctx, clause, text, layout)
        if further is None or (further.hijri is not None and f.kind != "hijri"):
            continue
        if f.kind == "hijri" and (further.date.year in years
                                  or (further.range_end is not None and further.range_end.year in years)):
            continue
        if further.range_end is None and further.date.month is None and further.date.year in years:
            continue
        years.add(further.date.year)
        out.append((f, replace(further, confidence=round(further.confidence * _FURTHER_CONFIDENCE, 2),
                               basis=further.basis + "; another date of the same clause")))
    return out


# "إن", "أنه", "بأن": reported speech follows (the words of _coordinated_cut), read on the raw text
_REPORTED_RE = re.compile(r"(?<![^\W\d_])ب?[اأإ]ن(?:ه|ها)?(?![^\W\d_])")
# "سيكتمل", "ستجري", "سنعمل": a future verb (not "سيطر", "سياسة", "سيارة", "ستة", "ستين")
_FUTURE_VERB_RE = re.compile(r"(?!سيطر|سياس|سيار|ستين|ستون|ستة|ستمائه|ستماي)س[يتن][^\W\d_]{3,}$")


_FURTHER_WINDOW = 160  # characters before a further date read for reported speech and comparison
_FURTHER_CONFIDENCE = 0.8  # measured on dev: 111 of 133 such dates (83%) are dated statements in the corpus keys


def _stamp_day(f: _Found) -> PartialDate | None:
    """The day a stamp gives, if it gives one: the article's present."""
    g = f.data.get("groups") or {}
    if f.kind == "numeric":
        read = _numeric_date(g)
        return read[0] if read else None
    if f.kind == "explicit" and (g.get("d") or g.get("od")) and g.get("y"):
        try:
            return parse_arabic_date(_explicit_text(g))
        except ArabicDateError:
            return None
    return None


def _dates_of(event: _Found, resolved: _Resolved) -> list[tuple[int, int, _Resolved]]:
    """The dates one event expression states, with their spans: usually one; two for a list of days
    ("١٠ و٢٤ أكتوبر": the first day on its own number); a span of days becomes a range."""
    date = resolved.date
    if "year_span" in event.data:
        year, _, e = event.data["year_span"]
        return [(event.start, e, replace(resolved, range_end=PartialDate(year), basis=resolved.basis + "; two consecutive years"))]
    if "year_list" in event.data:  # "في عامي 1940 و1944", "في 2012، و2014، و2018": each year its own statement
        return [(event.start, event.end, resolved)] + [
            (s, e, replace(resolved, date=PartialDate(year), basis=resolved.basis + "; one of a list of years"))
            for year, s, e in event.data["year_list"]]
    for key in ("day_list", "day_range"):
        if key in event.data and date.day is not None and date.month is not None:
            first, s, e = event.data[key]
            try:
                first_date = PartialDate(date.year, date.month, first)
            except ValueError:
                break
            if key == "day_range":
                return [(event.start, event.end, replace(resolved, date=first_date, range_end=date,
                                                         basis=resolved.basis + "; a span of days"))]
            return [(s, e, replace(resolved, date=first_date, basis=resolved.basis + "; the first of a list of days")),
                    (event.start, event.end, resolved)]
    return [(event.start, event.end, resolved)]


def _advance(ctx: _Context, event: _Found, resolved: _Resolved, sentence: int) -> None:
    """Move the context to an event's date, unless it is an aside: a date that goes back before the previous
    one in the same sentence ("toppled in April 2019 after the coup of 1989", "killed the day before")
    does not move the story's year or day."""
    date = resolved.range_end or resolved.date
    if event.data.get("aside"):  # "«حسني مبارك» (1981-2011)": a name's dates, not a step of the story
        return
    ctx.last_said = resolved.date
    if ctx.anchor is not None and ctx.sentence == sentence and date.certainly_before(ctx.anchor):
        return
    if event.data.get("background") and resolved.date.month is None:
        return  # "بوتفليقة الذي وصل إلى الحكم عام 1999 أعلن في العاشر من فبراير": the main story keeps its year
    if (resolved.date.month is None and resolved.range_end is None and ctx.anchor is not None
            and ctx.anchor.month is not None and resolved.date.year < ctx.anchor.year - _FLASHBACK_YEARS):
        # "في 15 مارس [2011] ... وخلف بشار والده في العام 2000. ... في يوليو": a bare year well before a story
        # told by months is a look back; the months after it go on in the story's year
        return
    ctx.move(date, keep_year=resolved.year_offset, sentence=sentence)
    # a Hijri year stated alone (converted to its two Western years) is what "وفيها" and "العام التالي" count from
    alone = resolved.hijri is not None and resolved.hijri.isdigit() and resolved.range_end is not None
    same_year = resolved.hijri is not None and resolved.hijri.split("-")[0] == str(ctx.hijri_year)
    if not same_year:  # ("وفي صفر من هذه السنة" keeps the chronicle's year for the next entry)
        ctx.hijri_year = int(resolved.hijri) if alone and resolved.hijri else None
    if event.data.get("entry") and event.kind == "explicit":
        ctx.list_anchor = resolved.date


def extract_events(
    text: str,
    *,
    doc: str = "",
    registry: Mapping[str, Entity] | None = None,
    default_year: int | None = None,
    second_look: bool = True,
    unread: list[tuple[int, int, int]] | None = None,
) -> list[Candidate]:
    """Candidate dated events in an Arabic article, in text order (see the module docstring for the rules).

    ``doc`` is copied into every candidate; ``registry`` (id -> Entity) enables people/places detection;
    ``default_year`` is the article's own year if known: it dates a month named before any year and
    "last year"/"this year".

    Text copied from a PDF often comes in Arabic presentation forms ("ﺛﻮﺭﺓ ﻳﻮﻟﻴﻮ", one code point per
    letter shape): it is read in its plain letters, and every offset still points into ``text``.

    ``second_look`` adds the years the rules left unread that the learned second look judges to be dates
    (``second_look.py``); it is off only to train that model on what the rules alone find.

    ``unread``, when given, receives the years neither the rules nor the second look read, as (start, end,
    year), and the words that point back to a date no candidate reads («في ذلك العام»: ``unread.py``), as
    (start, end, 0), in text order: what the review page marks in the article (a statement may hide there).
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text, got {type(text).__name__}")
    found = _read_article(text, doc, registry, default_year, second_look, unread)
    if unread is not None:
        unread.extend((a, b, 0) for a, b in unread_references(text, [(c.date_start, c.date_end) for c in found]))
        unread.sort()
    return found


def _read_article(text: str, doc: str, registry: Mapping[str, Entity] | None, default_year: int | None,
                  second_look: bool, unread: list[tuple[int, int, int]] | None) -> list[Candidate]:
    if not _PRESENTATION_FORM_RE.search(text):
        return _extract_events(text, doc, registry, default_year, second_look, unread=unread)
    plain, origin = _plain_letters(text)
    out = []
    left: list[tuple[int, int, int]] = []
    for c in _extract_events(plain, doc, registry, default_year, second_look, unread=left):
        start, end = origin[c.start], origin[c.end - 1] + 1
        date_start, date_end = origin[c.date_start], origin[c.date_end - 1] + 1
        out.append(replace(c, start=start, end=end, text_ar=text[start:end], date_start=date_start,
                           date_end=date_end, date_text=text[date_start:date_end]))
    if unread is not None:
        unread.extend((origin[a], origin[b - 1] + 1, year) for a, b, year in left)
    return out


# Arabic presentation forms A and B: letter shapes with code points of their own (PDF copies)
_PRESENTATION_FORM_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _plain_letters(text: str) -> tuple[str, list[int]]:
    """``text`` with its presentation forms in plain letters (NFKC, which may make two of one: "ﻻ" is "لا"),
    and for each character of the result the offset in ``text`` it comes from."""
    parts: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        plain = unicodedata.normalize("NFKC", ch) if _PRESENTATION_FORM_RE.match(ch) else ch
        parts.append(plain)
        origin.extend([i] * len(plain))
    return "".join(parts), origin


def years_left_unread(text: str, *, registry: Mapping[str, Entity] | None = None,
                      default_year: int | None = None) -> list[YearToken]:
    """The year tokens of ``text`` that the rules alone leave unread, with what the second look reads of each
    (offsets into ``text``). What ``bench/train_second_look.py`` learns from."""
    plain, origin = _plain_letters(text) if _PRESENTATION_FORM_RE.search(text) else (text, None)
    seen: list[Seen] = []
    candidates = _extract_events(plain, "", registry, default_year, second_look=False, seen=seen)
    tokens = unread_years(plain, [(c.date_start, c.date_end) for c in candidates], [c.date.year for c in candidates],
                          seen)
    if origin is None:
        return tokens
    return [replace(t, start=origin[t.start], end=origin[t.end - 1] + 1) for t in tokens]


def _extract_events(
    text: str, doc: str, registry: Mapping[str, Entity] | None, default_year: int | None, second_look: bool = True,
    seen: list[Seen] | None = None, unread: list[tuple[int, int, int]] | None = None,
) -> list[Candidate]:
    """``seen``, when given, receives what the rules saw of the text's numbers, for the second look (``Seen``);
    ``unread`` the years left unread after it (``extract_events``)."""
    matcher = _registry_matcher(registry)
    sentences = _sentences(text)
    layout = read_layout(text)
    implausible: list[Seen] = []  # numbers the date patterns matched and the rules judged no date
    found = [_find_dates(text, s, e, layout, implausible) for s, e in sentences]
    _chronicle_hundreds(found)
    _short_years(text, found)
    _resolve_anniversaries(text, sentences, found)
    lines = _Lines(text)
    stamp_date = _mark_not_events(text, lines, sentences, found) or layout.english_stamp
    if layout.on_this_day and layout.page_day is None and stamp_date is not None:
        layout = read_layout(text, stamp_date)
    _mark_page_day(found, layout)
    _hijri_page_day(found, layout)
    _hijri_day_sections(text, found)
    _years_counted_back(text, found)
    _year_said_after(text, found)

    present: PartialDate | None = PartialDate(default_year) if default_year else stamp_date
    if present is None:
        for dates in found:
            for f in dates:
                if f.kind == "anniversary" and f.data.get("date") is not None:
                    d = f.data["date"]
                    present = PartialDate(d.year, d.month)
                    break
            if present is not None:
                break
    ctx = _Context(default_year, present)
    # (of a date told to the month at least: "في 2013 ... أكتوبر الماضي" alone says nothing of the report's year)
    ctx.latest_year = max((int(to_western_digits(y)) for dates in found for f in dates
                           if f.kind == "explicit" and f.data.get("month") and not f.data.get("not_event")
                           and (y := (f.data.get("groups") or {}).get("y")) and 1000 <= int(to_western_digits(y)) <= 2100),
                          default=None)

    candidates: list[Candidate] = []
    pending: _PendingHeading | None = None
    for index, ((s, e), dates) in enumerate(zip(sentences, found)):
        if (not dates or (len(dates) == 1 and dates[0].kind == "hijri" and dates[0].data.get("in_words"))) and (
                annal := _annal_heading(text, lines, s, e)) is not None:
            # "سنة إحدى وعشرين" alone on its line: a chronicle's year; its "وفيها ..." entries are that year
            ctx.move(PartialDate(hijri_year_span(annal)[0]), sentence=index)
            ctx.hijri_year = annal
            continue
        heading = _heading(text, lines, s, e) or _month_heading(text, lines, s, e, ctx.list_anchor)
        if heading is not None:  # "2014" or "ديسمبر 2018" alone on a line: the entries under it inherit it
            if pending is not None and pending.index == index - 1:
                pending = None  # a heading right under another ("-- 2011" then "- كانون الثاني/يناير"): a sub-heading
            _undated_section(text, pending, candidates, doc, layout)
            pending = _PendingHeading(heading, s, e, len(candidates), sentences[index + 1:index + 2], index)
            ctx.list_anchor = heading
            ctx.move(heading, sentence=index)
            continue
        if present is not None and _PRESENT_MARKER_RE.search(text, s, e):
            ctx.move(present)
        _entry_year_heading(dates, ctx, index)
        if dates and dates[0].data.get("month_heading"):
            month = _resolve_explicit(dates[0], ctx, False, text)
            dates[0].data["not_event"] = "a month heading: the days under it are the events"
            if month is not None:
                ctx.list_anchor = month.date
                ctx.move(month.date, sentence=index)
        for f in dates:
            if f.data.get("title_scope"):  # "الجدول الزمني لحرب الخليج (أغسطس 1990)": the entries' month and year
                try:
                    title = parse_arabic_date(_explicit_text(f.data["groups"]))
                except ArabicDateError:
                    continue
                ctx.list_anchor = title
                ctx.move(title, sentence=index)
        if not candidates and _is_scope_line(text, lines, s, e, dates):
            continue  # "الفترة من 1 أغسطس 1990 إلى 31 مارس 1991" under a diary's title: what it covers
        _note_day_heading(text, lines, s, e, dates, ctx)
        for clause in _clauses(text, (s, e), dates):
            resolved = None
            event = None
            for f in _event_order(text, clause.dates):
                resolved = _resolve(f, ctx, clause, text, layout)
                if resolved is not None:
                    event = f
                    break
            if resolved is None or event is None:
                continue
            people, places, actors = _entities(text[clause.start:clause.end], matcher)
            if event.data.get("hijri") and resolved.hijri is None:
                resolved = replace(resolved, basis=resolved.basis + f"; Hijri {event.data['hijri']} AH beside it",
                                   hijri=event.data["hijri"])
            stated = [(event, resolved)] + _further_statements(text, clause, event, resolved, ctx, layout)
            for date_start, date_end, found_date in (d for f, r in stated for d in _dates_of(f, r)):
                candidates.append(
                    Candidate(
                        doc=doc,
                        date=found_date.date,
                        text_ar=text[clause.start:clause.end],
                        start=clause.start,
                        end=clause.end,
                        date_text=text[date_start:date_end],
                        date_start=date_start,
                        date_end=date_end,
                        inferred=found_date.inferred,
                        confidence=found_date.confidence,
                        range_end=found_date.range_end,
                        basis=found_date.basis,
                        hijri=found_date.hijri,
                        decade=found_date.decade,
                        period_qualifier=found_date.period_qualifier,
                        people=people,
                        places=places,
                        actors=actors,
                    )
                )
            _advance(ctx, event, resolved, index)
        for f in dates:  # "- 2 أغسطس : ... في الساعة 2:00": the day's time, for the times told after it
            if f.kind == "clocktime" and f.data.get("not_event"):
                ctx.last_clock = _clock_minutes(f.data["groups"])
    _undated_section(text, pending, candidates, doc, layout)
    candidates.sort(key=lambda c: (c.date_start, c.start))
    candidates = _drop_restated_labels(candidates, lines)
    model = load_second_look() if second_look else None
    if seen is None and model is None and unread is None:
        return candidates
    # every date expression the rules found, kept or set aside (a rule's reason, or the second date of a clause
    # whose statement is the first...), then the numbers they judged no date
    rules = [Seen(f.start, f.end, "found") for dates in found for f in dates] + implausible
    if seen is not None:
        seen.extend(rules)
    if model is None:
        if unread is not None:
            unread.extend((t.start, t.end, t.year) for t in unread_years(
                text, [(c.date_start, c.date_end) for c in candidates], [c.date.year for c in candidates], rules))
        return candidates
    return _with_second_look(text, candidates, model, sentences, doc, matcher, rules, unread)


def _with_second_look(text: str, candidates: list[Candidate], model: SecondLook, sentences: list[tuple[int, int]],
                      doc: str, matcher: _Matcher | None, seen: list[Seen],
                      unread: list[tuple[int, int, int]] | None = None) -> list[Candidate]:
    """The candidates, and a year candidate for each year the rules left unread that the second look judges a
    date (``second_look.py``): its clause is its sentence, its confidence low (the review page asks to check it)."""
    added = []
    starts = [s for s, _ in sentences]
    for token in unread_years(text, [(c.date_start, c.date_end) for c in candidates],
                              [c.date.year for c in candidates], seen):
        p = model.probability(token.features)
        if p < model.threshold:
            if unread is not None:
                unread.append((token.start, token.end, token.year))
            continue
        i = bisect_right(starts, token.start) - 1
        start, end = sentences[i] if i >= 0 and sentences[i][1] > token.start else (token.start, token.end)
        people, places, actors = _entities(text[start:end], matcher)
        added.append(Candidate(
            doc=doc, date=PartialDate(token.year), text_ar=text[start:end], start=start, end=end,
            date_text=text[token.start:token.end], date_start=token.start, date_end=token.end, inferred=False,
            confidence=round(min(p, 1.0) * _SECOND_LOOK_CONFIDENCE, 2), basis=SECOND_LOOK_BASIS,
            people=people, places=places, actors=actors))
    if not added:
        return candidates
    return sorted(candidates + added, key=lambda c: (c.date_start, c.start))


# A second-look year is never more than "low" (under MEDIUM_CONFIDENCE): the rules did not read it
_SECOND_LOOK_CONFIDENCE = 0.6


_LABEL_WORDS = 6  # a label's words after its year ("2011: مقتل القذافي"); more make an entry's sentence


def _drop_restated_labels(candidates: list[Candidate], lines: _Lines) -> list[Candidate]:
    """"2011: مقتل القذافي" then "اندلعت الاحتجاجات في فبراير 2011 ...": a year opening a line, whose next
    dated statement, on the next two lines, is of that year and finer, labels the paragraph; the paragraph's
    dates are its events (a reader does not put "2011" on the timeline beside "February 2011")."""
    out = []
    for c, nxt in zip(candidates, [*candidates[1:], None]):
        # (bounded: a label's line is short, and slicing a long line per candidate would be quadratic)
        line_end = lines.end_of(c.date_end)
        short = line_end - c.date_end <= 80 and len(_words(lines.text[c.date_end:line_end])) <= _LABEL_WORDS
        label = (nxt is not None and c.precision is Precision.YEAR and c.range_end is None and not c.decade
                 and short and lines.at_line_start(c.date_start) and nxt.date.year == c.date.year
                 and nxt.precision is not Precision.YEAR
                 and bisect_right(lines.starts, nxt.date_start) - bisect_right(lines.starts, c.date_start) in (1, 2))
        if not label:
            out.append(c)
    return out
