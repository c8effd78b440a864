"""SQLAlchemy models, one module per aggregate. Importing this package registers every table."""

from .accommodation import Accommodation
from .article import ArticleDraft
from .assignment import Assignment
from .attempt import Attempt, Response, ReviewCard
from .chronology import ChronologyDocument, ChronologyVersion
from .classroom import Classroom, Membership
from .install import DemoInstall
from .live import LiveGame, LivePlayer
from .pending_import import PendingImport
from .question_set import QuestionSet, SetVersion
from .rate_limit import RateLimitCount
from .regrade import Regrade, RegradedAttempt
from .set_media import SetMedia
from .undo import UndoRecord
from .user import EndedLogin, FirstTeacherSetup, TeacherInvitation, TeacherRequest, User

__all__ = [
    "Accommodation", "ArticleDraft", "Assignment", "Attempt", "ChronologyDocument", "ChronologyVersion", "Classroom",
    "DemoInstall",
    "EndedLogin", "FirstTeacherSetup", "LiveGame", "LivePlayer", "Membership", "PendingImport", "QuestionSet",
    "RateLimitCount", "Regrade", "RegradedAttempt", "Response", "ReviewCard", "SetMedia", "SetVersion",
    "TeacherInvitation", "TeacherRequest", "UndoRecord", "User",
]
