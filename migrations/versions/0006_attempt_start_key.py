"""Attempts get a start key, unique per learner: the same "Start" twice is one attempt, and an assignment's
n-th attempt can exist once (max_attempts holds under concurrent starts).

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('start_key', sa.String(length=80), nullable=True))
        batch_op.create_unique_constraint(op.f('uq_attempt_user_id_start_key'), ['user_id', 'start_key'])


def downgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_attempt_user_id_start_key'), type_='unique')
        batch_op.drop_column('start_key')
