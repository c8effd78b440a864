"""Merge: images kept with sets (0022) and undoable set deletion (0025), both from 0021.

Revision ID: 0027
Revises: 0022, 0025
"""

revision = '0027'
down_revision = ('0022', '0025')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
