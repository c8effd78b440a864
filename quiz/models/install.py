"""Facts about this installation that every app process must agree on, kept in the database with the data they
describe (not in one machine's instance folder)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class DemoInstall(db.Model):
    """The one row that says demo data, with its published passwords, was loaded into this database: from then
    on every page says so (templates/_demo_banner.html). A real school's install never has it."""

    __tablename__ = "demo_install"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
