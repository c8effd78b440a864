"""Merge: versioned teacher chronologies (0026) joins the line that holds images and undoable set deletion
(0027); all three branched from 0021.

Revision ID: 0028
Revises: 0026, 0027
"""

revision = '0028'
down_revision = ('0026', '0027')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
