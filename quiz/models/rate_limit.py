"""A count of failures (wrong log-ins, codes) per key and window: the rate limits' storage (services.rate_limits)."""

from __future__ import annotations

from sqlalchemy import Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class RateLimitCount(db.Model):
    __tablename__ = "rate_limit_count"

    # "<guard>:<kind>:<value>", e.g. "login:account:sara"; values are hashed when they are secrets (services).
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[float] = mapped_column(Float)  # seconds since the epoch, as the `limits` library counts
