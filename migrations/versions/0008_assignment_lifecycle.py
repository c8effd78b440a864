"""Assignment lifecycle: a grading method per assignment, a soft delete, and the teachers' undo records.

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('undo_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('delete_question', 'remove_student', 'archive_class', 'new_class_code', "
                       "'delete_assignment')", name=op.f('ck_undo_record_kind')),
    sa.CheckConstraint('expires_at > created_at', name=op.f('ck_undo_record_expiry')),
    sa.ForeignKeyConstraint(['teacher_id'], ['user.id'], name=op.f('fk_undo_record_teacher_id_user'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_undo_record'))
    )
    with op.batch_alter_table('undo_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_undo_record_teacher_id'), ['teacher_id'], unique=False)

    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('grading_method', sa.String(length=8), server_default='highest',
                                      nullable=False))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_check_constraint(op.f('ck_assignment_grading_method'),
                                         "grading_method IN ('highest', 'average', 'first', 'last')")


def downgrade():
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_assignment_grading_method'), type_='check')
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('grading_method')

    with op.batch_alter_table('undo_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_undo_record_teacher_id'))

    op.drop_table('undo_record')
