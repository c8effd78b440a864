"""Merge point: the branches written side by side from 0007 (issue 15's assignment lifecycle 0008,
accommodations 0009, regrades 0010, teacher requests 0011; issue 16's rate limits 0013) joined into one line.

Revision ID: 0017
Revises: 0008, 0009, 0010, 0011, 0013
"""

revision = '0017'
down_revision = ('0008', '0009', '0010', '0011', '0013')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
