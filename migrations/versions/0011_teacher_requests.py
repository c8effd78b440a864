"""How teachers get accounts: a learner's request for teacher access (teacher_request, one per learner), and
the record that the one-time setup page made the school's first teacher (first_teacher_setup, one row at
most: its fixed primary key is what stops two setup forms sent at once from both making a first teacher).

Revision ID: 0011
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('teacher_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('message', sa.String(length=500), server_default='', nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('pending', 'approved', 'declined')", name=op.f('ck_teacher_request_status')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_teacher_request_decided_by_id_user'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_teacher_request_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher_request')),
    sa.UniqueConstraint('user_id', name=op.f('uq_teacher_request_user_id'))
    )
    op.create_table('first_teacher_setup',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_first_teacher_setup_single_row')),
    sa.ForeignKeyConstraint(['teacher_id'], ['user.id'], name=op.f('fk_first_teacher_setup_teacher_id_user'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_first_teacher_setup'))
    )


def downgrade():
    op.drop_table('first_teacher_setup')
    op.drop_table('teacher_request')
