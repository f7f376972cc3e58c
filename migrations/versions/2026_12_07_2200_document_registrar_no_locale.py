"""Who registered each document; no per-user language (Vietnamese only)

Revision ID: 5c1e8a9d7f42
Revises: 3d9a7c5e2b18
Create Date: 2026-12-07 22:00:00

Existing documents keep no registering unit: they count as the department's own, which its
leaders correct (permissions.py).
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '5c1e8a9d7f42'
down_revision = '3d9a7c5e2b18'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registered_by_unit_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_document_registered_by_unit_id_unit'),
            'unit',
            ['registered_by_unit_id'],
            ['id'],
            ondelete='SET NULL',
        )
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('locale')


def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('locale', sa.String(length=5), nullable=False, server_default='vi')
        )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_document_registered_by_unit_id_unit'), type_='foreignkey'
        )
        batch_op.drop_column('registered_by_unit_id')
