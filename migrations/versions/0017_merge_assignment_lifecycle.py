"""Merge point: the assignment's grading method, soft delete and undo records (0008) joined to the line of 0016.

Revision ID: 0017
Revises: 0008, 0016
"""

revision = '0017'
down_revision = ('0008', '0016')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
