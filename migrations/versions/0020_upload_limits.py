"""Article drafts keep the extractor's candidates, found once when the draft is made (issue 16, item 5).

Revision ID: 0020
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('article_draft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('candidates', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('article_draft', schema=None) as batch_op:
        batch_op.drop_column('candidates')
