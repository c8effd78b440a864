"""Deleting a whole set is confirmed and can be undone like the other destructive actions: undo_record takes
the kind 'delete_set'.

Revision ID: 0025
Revises: 0021
"""
from alembic import op

revision = '0025'
down_revision = '0021'
branch_labels = None
depends_on = None

_BEFORE = ("kind IN ('delete_question', 'remove_student', 'archive_class', 'new_class_code', "
           "'delete_assignment')")
_AFTER = ("kind IN ('delete_question', 'remove_student', 'archive_class', 'new_class_code', "
          "'delete_assignment', 'delete_set')")


def upgrade():
    with op.batch_alter_table('undo_record', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_undo_record_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_undo_record_kind'), _AFTER)


def downgrade():
    op.execute("DELETE FROM undo_record WHERE kind = 'delete_set'")
    with op.batch_alter_table('undo_record', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_undo_record_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_undo_record_kind'), _BEFORE)
