"""Revocable sessions: a session version per account (raised to end every session of the account) and the
log-ins ended by "Log out" (ended_login), so that their cookies cannot be replayed (quiz/web/sessions.py).

Revision ID: 0018
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        # Existing sessions carry no version and are read as version 0 (quiz/web/sessions.py): nobody is
        # logged out by the upgrade.
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0', nullable=False))
    op.create_table('ended_login',
    sa.Column('login_key', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_ended_login_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('login_key', name=op.f('pk_ended_login'))
    )
    with op.batch_alter_table('ended_login', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ended_login_expires_at'), ['expires_at'], unique=False)


def downgrade():
    with op.batch_alter_table('ended_login', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ended_login_expires_at'))
    op.drop_table('ended_login')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('session_version')
