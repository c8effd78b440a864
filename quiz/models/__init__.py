"""SQLAlchemy models, one module per aggregate. Importing this package registers every table."""

from .article import ArticleDraft
from .assignment import Assignment
from .attempt import Attempt, Response, ReviewCard
from .chronology import ChronologyDocument
from .classroom import Classroom, Membership
from .live import LiveGame, LivePlayer
from .question_set import QuestionSet, SetVersion
from .undo import UndoRecord
from .user import TeacherInvitation, User

__all__ = ["ArticleDraft", "Assignment", "Attempt", "ChronologyDocument", "Classroom", "LiveGame", "LivePlayer",
           "Membership", "QuestionSet", "Response", "ReviewCard", "SetVersion", "TeacherInvitation", "UndoRecord",
           "User"]
