"""Regrades: an assignment's answers scored again against a newer version of its set (who, when, from which
version to which), and each attempt's score before and after.

Revision ID: 0010
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('regrade',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('from_version_id', sa.Integer(), nullable=False),
    sa.Column('to_version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('from_version_id <> to_version_id', name=op.f('ck_regrade_versions')),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'],
        name=op.f('fk_regrade_assignment_id_assignment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['from_version_id'], ['set_version.id'],
        name=op.f('fk_regrade_from_version_id_set_version'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['teacher_id'], ['user.id'], name=op.f('fk_regrade_teacher_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['to_version_id'], ['set_version.id'],
        name=op.f('fk_regrade_to_version_id_set_version'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regrade')),
    sa.UniqueConstraint('assignment_id', 'to_version_id', name=op.f('uq_regrade_assignment_id_to_version_id'))
    )
    with op.batch_alter_table('regrade', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regrade_assignment_id'), ['assignment_id'], unique=False)

    op.create_table('regraded_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('regrade_id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('old_score', sa.Float(), nullable=False),
    sa.Column('new_score', sa.Float(), nullable=False),
    sa.Column('changed_answers', sa.Integer(), nullable=False),
    sa.CheckConstraint('changed_answers >= 0', name=op.f('ck_regraded_attempt_changed_answers')),
    sa.CheckConstraint('old_score >= 0 AND old_score <= 1 AND new_score >= 0 AND new_score <= 1',
        name=op.f('ck_regraded_attempt_scores')),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'],
        name=op.f('fk_regraded_attempt_attempt_id_attempt'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['regrade_id'], ['regrade.id'],
        name=op.f('fk_regraded_attempt_regrade_id_regrade'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regraded_attempt')),
    sa.UniqueConstraint('regrade_id', 'attempt_id', name=op.f('uq_regraded_attempt_regrade_id_attempt_id'))
    )
    with op.batch_alter_table('regraded_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regraded_attempt_attempt_id'), ['attempt_id'], unique=False)


def downgrade():
    with op.batch_alter_table('regraded_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regraded_attempt_attempt_id'))

    op.drop_table('regraded_attempt')
    with op.batch_alter_table('regrade', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regrade_assignment_id'))

    op.drop_table('regrade')
