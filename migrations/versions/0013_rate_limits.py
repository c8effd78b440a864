"""Rate limits on guessing: a count per key and window, shared by every app process.

Revision ID: 0013
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('rate_limit_count',
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_rate_limit_count'))
    )


def downgrade():
    op.drop_table('rate_limit_count')
