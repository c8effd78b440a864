"""Which lexicon verbs (``event_verbs``) say honestly what ONE person did, as a "who" question's relation.

A "who" question asks «أيّ <دور> <does_ar> في <التاريخ>؟», so ``does_ar`` opens on the verb in the 3rd-person
perfect, agreeing with the person (أعلنَ / أعلنتْ). Only verbs whose doer is the person map here:

* active verbs (announce, sign, visit, meet, found, win, decide, survive): the person is the doer;
* passive readings (elect, kill, assassinate, execute, task): the person is who it happened to, named right
  after the verb («انتُخب أوباما», «قُتل سليماني», «كُلّف علاوي»), written with the passive vowel so that
  «قُتل» is not read «قَتل».

Left out on purpose: the active "killed" (a bare «قتل X» cannot be told from «قُتل X», so the proposal would
name the victim as the killer), "led" and "said" (not verbs of the lexicon: «قال» opens half the sentences of
an article and would make poor titles), and every verb whose doer is a state or a force (withdraw, invade,
bomb...), which has no one person to ask for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .model import WHO_RELATIONS

__all__ = ["WHO_VERBS", "WHO_VERB_RELATIONS", "WhoVerb"]


@dataclass(frozen=True)
class WhoVerb:
    relation: str  # one of model.WHO_RELATIONS
    masculine: str  # 3rd-person masculine singular perfect, as does_ar opens
    feminine: str  # the same, feminine
    passive: bool = False  # the person is who the verb happened to, not its doer


WHO_VERBS: Mapping[str, WhoVerb] = {
    "announce": WhoVerb("announced", "أعلن", "أعلنت"),
    "sign": WhoVerb("signed", "وقّع", "وقّعت"),
    "visit": WhoVerb("visited", "زار", "زارت"),
    "meet": WhoVerb("met", "التقى", "التقت"),
    "found": WhoVerb("founded", "أسس", "أسست"),
    "win": WhoVerb("won", "فاز", "فازت"),
    "decide": WhoVerb("decided", "قرر", "قررت"),
    "survive": WhoVerb("survived", "نجا", "نجت"),
    "elect": WhoVerb("elected", "انتُخب", "انتُخبت", passive=True),
    "kill": WhoVerb("was_killed", "قُتل", "قُتلت", passive=True),
    "assassinate": WhoVerb("was_killed", "اغتيل", "اغتيلت", passive=True),
    "execute": WhoVerb("was_killed", "أُعدم", "أُعدمت", passive=True),
    "task": WhoVerb("tasked", "كُلّف", "كُلّفت", passive=True),
}

assert all(v.relation in WHO_RELATIONS for v in WHO_VERBS.values())

# The relations a teacher may choose for a "who" of their own (the event editor): those of the verbs above, in
# their order, and no other (not the ambiguous active "killed", nor "led" and "said", left out above).
WHO_VERB_RELATIONS: tuple[str, ...] = tuple(dict.fromkeys(v.relation for v in WHO_VERBS.values()))
