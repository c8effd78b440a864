"""A previewed upload waiting for the teacher's confirmation (issue 16, item 5).

The preview page used to send the whole set back in a hidden form field, which a large file made bigger than
the server accepts in a form (413 on confirm). The set is kept here instead, under a random token the
confirm form carries; confirming deletes the row in the same transaction that creates the set, so a double
submission imports once.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class PendingImport(db.Model):
    __tablename__ = "pending_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    payload: Mapped[str] = mapped_column(Text)  # the previewed set as a Chronoquiz JSON document
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
