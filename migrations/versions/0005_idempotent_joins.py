"""Joining a class is idempotent under concurrent requests: the join form's token and the joining name are
unique per class.

membership.join_token_hash: sha256 of the join form's one-time token, so that the same form sent twice at
once (a double click, two tabs, a retry) makes one student. membership.name_key: the name a student joined
with, folded for comparison (services.classes.name_key), so that two students cannot both join one class
as «ليلى». Both NULL where they do not apply; NULLs never collide in a unique constraint, on SQLite or
PostgreSQL.

Existing memberships of students who joined with a code get their name key here, the earliest joiner of a
name first; a later student of the same name in the same class (made while the race was open) keeps NULL,
so the upgrade never fails on old duplicates and no one is renamed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:00:00

"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# A frozen copy of services.classes.name_key as it was when this migration was written: a migration must
# give the same result whatever the code becomes later.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def _name_key(display_name):
    text = unicodedata.normalize("NFKC", display_name or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS).casefold()
    return " ".join(text.split())[:160]


def _backfill_name_keys():
    membership = sa.table('membership', sa.column('id'), sa.column('classroom_id'), sa.column('user_id'),
                          sa.column('joined_at'), sa.column('name_key'))
    user = sa.table('user', sa.column('id'), sa.column('display_name'), sa.column('password_hash'))
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(membership.c.id, membership.c.classroom_id, user.c.display_name)
        .select_from(membership.join(user, membership.c.user_id == user.c.id))
        .where(user.c.password_hash == '!')  # joined with the class code, under the name they typed
        .order_by(membership.c.joined_at, membership.c.id)
    ).all()
    seen = set()
    for membership_id, classroom_id, display_name in rows:
        key = _name_key(display_name)
        if not key or (classroom_id, key) in seen:
            continue
        seen.add((classroom_id, key))
        bind.execute(membership.update().where(membership.c.id == membership_id).values(name_key=key))


def upgrade():
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.add_column(sa.Column('join_token_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('name_key', sa.String(length=160), nullable=True))

    _backfill_name_keys()

    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_membership_classroom_id_join_token_hash'),
                                          ['classroom_id', 'join_token_hash'])
        batch_op.create_unique_constraint(batch_op.f('uq_membership_classroom_id_name_key'),
                                          ['classroom_id', 'name_key'])


def downgrade():
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_membership_classroom_id_name_key'), type_='unique')
        batch_op.drop_constraint(batch_op.f('uq_membership_classroom_id_join_token_hash'), type_='unique')
        batch_op.drop_column('name_key')
        batch_op.drop_column('join_token_hash')
