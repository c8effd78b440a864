"""Bounded uploads (issue 16, item 5): article drafts keep the extractor's candidates, found once when the draft
is made; a previewed import waits server-side for its confirmation (pending_import), not in a form field.

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

    op.create_table('pending_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_pending_import_owner_id_user'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pending_import')),
    sa.UniqueConstraint('token', name=op.f('uq_pending_import_token'))
    )
    with op.batch_alter_table('pending_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pending_import_owner_id'), ['owner_id'], unique=False)


def downgrade():
    with op.batch_alter_table('pending_import', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pending_import_owner_id'))
    op.drop_table('pending_import')

    with op.batch_alter_table('article_draft', schema=None) as batch_op:
        batch_op.drop_column('candidates')
