"""The "who" a candidate event proposes (quiz/chronology/titles.py `_who`, quiz/chronology/who_verbs.py).

A "who" question reads «أيّ <دور> <does_ar> في <التاريخ>؟», so does_ar is what the person did: the verb in the
perfect, agreeing with the person, and the words it governs; never the person's name (the answer) nor the date
(asked separately). Only verbs that say what ONE registry person did propose one. The made-up sentences are
written for these tests; the seed-article test checks the same properties on every candidate of the seeds
(skipped when ../shared/seeds is not there).
"""

from __future__ import annotations

import re

import pytest

from quiz.chronology.arabic_dates import normalise_arabic, to_western_digits
from quiz.chronology.event_verbs import EVENT_VERBS
from quiz.chronology.model import WHO_RELATIONS
from quiz.chronology.titles import DOES_MAX_WORDS, WhoProposal
from quiz.chronology.who_verbs import WHO_VERBS
from tests.unit.test_event_titles import _MONTH_RE, _YEAR_RE, REGISTRY, only, proposals, seed_proposals  # noqa: F401


def who_of(text: str) -> WhoProposal | None:
    return only(text)[1].who


def assert_deed(who: WhoProposal, date_text: str, new_name: str = "") -> None:
    """What every proposed deed is: a verb of the mapping first, no name of the person, no date, short; the
    person a registry person with a role, or a proposed new one (``new_name``)."""
    context = f"{who!r} (date {date_text!r})"
    spec = next(v for v in WHO_VERBS.values() if v.relation == who.relation
                and who.does_ar.split(" ")[0] in (v.masculine, v.feminine))
    assert spec.relation in WHO_RELATIONS, context
    deed = normalise_arabic(to_western_digits(who.does_ar))
    assert normalise_arabic(to_western_digits(date_text)) not in deed, context
    assert not _YEAR_RE.search(deed) and not _MONTH_RE.search(deed), context
    if who.new is not None:
        assert who.person == "" and new_name and normalise_arabic(new_name) not in deed, context
    else:
        person = REGISTRY[who.person]
        assert person.kind == "person" and person.roles, context
        assert not any(normalise_arabic(n) in deed for n in person.all_names_ar()), context
    assert len(who.does_ar.split(" ")) <= DOES_MAX_WORDS + 1, context


# -- the mapping ----------------------------------------------------------------------------------------------


def test_the_mapping_names_lexicon_verbs_and_schema_relations_only():
    keys = {verb.key for verb in EVENT_VERBS}
    assert set(WHO_VERBS) <= keys
    assert {v.relation for v in WHO_VERBS.values()} <= set(WHO_RELATIONS)
    for spec in WHO_VERBS.values():
        assert spec.feminine.endswith("ت") and spec.masculine != spec.feminine
    # Verbs whose doer is a state or a force, and the ambiguous active «قتل», have no "who".
    assert not {"withdraw", "invade", "bomb", "take control", "arrest"} & set(WHO_VERBS)
    assert "killed" not in {v.relation for v in WHO_VERBS.values()}


@pytest.mark.parametrize(("key", "relation"), [
    ("announce", "announced"), ("sign", "signed"), ("visit", "visited"), ("meet", "met"), ("found", "founded"),
    ("win", "won"), ("elect", "elected"), ("kill", "was_killed"), ("assassinate", "was_killed"),
    ("execute", "was_killed"), ("decide", "decided"), ("task", "tasked"), ("survive", "survived"),
])
def test_each_mapped_verb_has_its_relation(key, relation):
    assert WHO_VERBS[key].relation == relation


# -- made-up sentences ----------------------------------------------------------------------------------------


def test_an_announcement_names_its_doer_and_what_he_announced():
    who = who_of("وفي 21 أكتوبر 2011 أعلن الرئيس الأميركي باراك أوباما أن 39 ألف جندي سيعودون من العراق"
                 " بحلول نهاية العام.")
    assert who == WhoProposal("barack-obama", "announced", "أعلن أن 39 ألف جندي سيعودون من العراق")


def test_the_date_written_after_the_verb_stays_out_of_the_deed():
    candidate, proposal = only("أعلن باراك أوباما في 4 نوفمبر 2008 فوزه في الانتخابات الرئاسية.")
    assert proposal.who is not None and proposal.who.person == "barack-obama"
    assert proposal.who.does_ar == "أعلن فوزه في الانتخابات الرئاسية"
    assert_deed(proposal.who, candidate.date_text)


def test_the_verb_agrees_with_a_woman():
    who = who_of("في 12 يوليو 2012 زارت هيلاري كلينتون بغداد والتقت رئيس الوزراء.")
    assert who is not None and who.person == "hillary-clinton" and who.does_ar.startswith("زارت بغداد")


def test_a_doer_named_before_the_verb():
    who = who_of("وفي مارس 2016 جون كيري أعلن أن الولايات المتحدة في حرب مع داعش.")
    assert who is not None and who.person == "john-kerry" and who.does_ar.startswith("أعلن أن")


def test_a_passive_verb_names_the_one_it_happened_to():
    who = who_of("في 3 يناير 2020 قُتل قاسم سليماني في غارة أميركية قرب مطار بغداد.")
    assert who == WhoProposal("qasem-soleimani", "was_killed", "قُتل في غارة أميركية قرب مطار بغداد")
    who = who_of("في 7 يونيو 2006 قتلت القوات الأمريكية أبو مصعب الزرقاوي في غارة جوية.")
    assert who == WhoProposal("abu-musab-al-zarqawi", "was_killed", "قُتل في غارة جوية")


@pytest.mark.parametrize("text", [
    "في 3 يناير 2020 قتل قاسم سليماني وأبو مهدي المهندس في غارة.",  # two victims: two right answers
    "في 26 يوليو 2021 أعلن جو بايدن والكاظمي انتهاء المهمة القتالية.",  # two people announced it
    "في 10 يونيو 2014 سيطر تنظيم داعش على الموصل.",  # not a "who" verb, and a group
    "في 10 سبتمبر 2014 أعلنت الولايات المتحدة تشكيل تحالف دولي.",  # a state did it
    "في 4 نوفمبر 2008 أعلن باراك أوباما.",  # nothing said of what he announced
    "في فبراير 2009 أعلن أوباما أن إدارة أوباما ستسحب القوات.",  # the deed would give the answer away
])
def test_no_who_where_the_answer_would_not_be_one_person(text):
    assert who_of(text) is None


def test_a_person_the_registry_does_not_know_is_proposed_for_the_teacher_to_add():
    candidate, proposal = only("في 20 يناير 2025 أعلن الرئيس الأميركي جيمس ويلسون انسحاب القوات من سوريا.")
    assert proposal.who == WhoProposal("", "announced", "أعلن انسحاب القوات من سوريا", new=0)
    assert proposal.proposed[0].name_ar == "جيمس ويلسون" and proposal.proposed[0].kind == "person"
    assert_deed(proposal.who, candidate.date_text, "جيمس ويلسون")


def test_no_who_for_a_new_name_that_may_go_on():
    # The proposal stops the name at «سامي»; «الحمداني» may be his surname, so the deed would name him.
    assert who_of("في 5 مارس 2024 أعلن وزير الدفاع العراقي سامي الحمداني خطة جديدة لحماية الحدود.") is None


def test_a_proposal_without_registry_proposes_no_who():
    from quiz.chronology.extract import extract_events
    from quiz.chronology.titles import propose

    text = "وفي 21 أكتوبر 2011 أعلن باراك أوباما أن الجنود سيعودون."
    assert all(propose(c, text, None).who is None for c in extract_events(text))


# -- the seed articles ----------------------------------------------------------------------------------------


def test_every_seed_who_is_one_registry_person_and_a_deed_without_name_or_date(seed_proposals):  # noqa: F811
    found = [(candidate, proposal) for _, candidate, proposal in seed_proposals if proposal.who]
    assert len(found) >= 10  # announcements by presidents, ministers and leaders are common in the seeds
    for candidate, proposal in found:
        who = proposal.who
        assert who is not None
        assert_deed(who, candidate.date_text, proposal.proposed[who.new].name_ar if who.new is not None else "")
        assert not re.search(r"\s[وف]$", who.does_ar)
