"""Demo mode as a stored fact: demo_install holds one row once demo data (with its published passwords) has been
loaded, so every page of that install can say it is a demo, and a real school's install never does.

Revision ID: 0019
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('demo_install',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_demo_install_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_demo_install'))
    )
    # An install made before this revision that holds the demo teacher was set up with demo data (setup loaded
    # it by default then): it keeps its published password, so it is marked as a demo too.
    op.execute("INSERT INTO demo_install (id, loaded_at) SELECT 1, CURRENT_TIMESTAMP FROM \"user\" "
               "WHERE username = 'teacher' AND role = 'teacher' "
               "AND EXISTS (SELECT 1 FROM \"user\" WHERE username = 'learner')")


def downgrade():
    op.drop_table('demo_install')
