"""Article drafts keep the years the extractor left unread (issue 18): the review page marks them in the article,
so the teacher sees where a statement may hide without reading every line; found with the candidates, once.

Revision ID: 0029
Revises: 0028
"""

import sqlalchemy as sa
from alembic import op

revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('article_draft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unread', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('article_draft', schema=None) as batch_op:
        batch_op.drop_column('unread')
