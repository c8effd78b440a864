"""Images in questions (issue 17, item 4): the pictures of a set's questions, content-addressed per set.

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('set_media',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('mime', sa.String(length=32), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['set_id'], ['question_set.id'], name=op.f('fk_set_media_set_id_question_set'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_set_media')),
    sa.UniqueConstraint('set_id', 'sha256', name=op.f('uq_set_media_set_id_sha256'))
    )
    with op.batch_alter_table('set_media', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_set_media_sha256'), ['sha256'], unique=False)


def downgrade():
    with op.batch_alter_table('set_media', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_set_media_sha256'))
    op.drop_table('set_media')
