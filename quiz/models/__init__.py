"""SQLAlchemy models, one module per aggregate. Importing this package registers every table."""

from .attempt import Attempt, Response, ReviewCard
from .chronology import ChronologyDocument
from .user import TeacherInvitation, User

__all__ = ["Attempt", "ChronologyDocument", "Response", "ReviewCard", "TeacherInvitation", "User"]
