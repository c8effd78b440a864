"""Merge point: regrades (0010) and rate limits (0013), written side by side from 0007.

Revision ID: 0014
Revises: 0010, 0013
"""

revision = '0014'
down_revision = ('0010', '0013')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
