"""Merge point: teacher requests and the first-teacher setup (0011) joined to the line of 0014.

Revision ID: 0015
Revises: 0011, 0014
"""

revision = '0015'
down_revision = ('0011', '0014')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
