"""A teacher's chronology can be edited: each save is a version (chronology_version); the chronology keeps its
article (to add events from later) and the draft it came from (unique: a review sent twice saves once).

Revision ID: 0026
Revises: 0021
"""
import sqlalchemy as sa
from alembic import op

revision = '0026'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('chronology_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('article', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('from_draft', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_chronology_document_from_draft'), ['from_draft'])
    op.create_table('chronology_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chronology_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['chronology_id'], ['chronology_document.id'],
                            name=op.f('fk_chronology_version_chronology_id_chronology_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chronology_version')),
    sa.UniqueConstraint('chronology_id', 'number', name=op.f('uq_chronology_version_chronology_id_number'))
    )


def downgrade():
    op.drop_table('chronology_version')
    with op.batch_alter_table('chronology_document', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_chronology_document_from_draft'), type_='unique')
        batch_op.drop_column('from_draft')
        batch_op.drop_column('article')
