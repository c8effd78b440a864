"""Merge point: accommodations (0009) joined to the line of 0015.

Revision ID: 0016
Revises: 0009, 0015
"""

revision = '0016'
down_revision = ('0009', '0015')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
