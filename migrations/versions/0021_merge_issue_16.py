"""Merge point: issue 16's branches from 0017 (session versions 0018, demo install 0019, upload limits 0020)
joined into one line.

Revision ID: 0021
Revises: 0018, 0019, 0020
"""

revision = '0021'
down_revision = ('0018', '0019', '0020')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
