"""Accommodations: per student in a class, or per student and assignment (extra time, extra attempts, a later
close, fewer options, read-aloud).

Revision ID: 0009
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('accommodation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=True),
    sa.Column('time_multiplier', sa.Float(), nullable=True),
    sa.Column('extra_minutes', sa.Integer(), nullable=True),
    sa.Column('extra_attempts', sa.Integer(), nullable=True),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('max_options', sa.Integer(), nullable=True),
    sa.Column('read_aloud', sa.Boolean(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('time_multiplier IS NULL OR (time_multiplier >= 1 AND time_multiplier <= 4)',
                       name=op.f('ck_accommodation_time_multiplier')),
    sa.CheckConstraint('extra_minutes IS NULL OR (extra_minutes >= 0 AND extra_minutes <= 600)',
                       name=op.f('ck_accommodation_extra_minutes')),
    sa.CheckConstraint('extra_attempts IS NULL OR (extra_attempts >= 0 AND extra_attempts <= 20)',
                       name=op.f('ck_accommodation_extra_attempts')),
    sa.CheckConstraint('max_options IS NULL OR (max_options >= 2 AND max_options <= 6)',
                       name=op.f('ck_accommodation_max_options')),
    sa.CheckConstraint('assignment_id IS NOT NULL OR closes_at IS NULL',
                       name=op.f('ck_accommodation_closes_at_per_assignment')),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'],
                            name=op.f('fk_accommodation_assignment_id_assignment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'],
                            name=op.f('fk_accommodation_classroom_id_classroom'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_accommodation_user_id_user'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accommodation'))
    )
    with op.batch_alter_table('accommodation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accommodation_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_accommodation_class_level', ['classroom_id', 'user_id'], unique=True,
                              sqlite_where=sa.text('assignment_id IS NULL'),
                              postgresql_where=sa.text('assignment_id IS NULL'))
        batch_op.create_index('ix_accommodation_assignment_level', ['assignment_id', 'user_id'], unique=True,
                              sqlite_where=sa.text('assignment_id IS NOT NULL'),
                              postgresql_where=sa.text('assignment_id IS NOT NULL'))


def downgrade():
    op.drop_table('accommodation')
