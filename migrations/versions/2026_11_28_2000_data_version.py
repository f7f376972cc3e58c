"""The data version: one token that every writing transaction changes

Revision ID: 3d9a7c5e2b18
Revises: 8b2f6e0d41c3
Create Date: 2026-11-28 20:00:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '3d9a7c5e2b18'
down_revision = '8b2f6e0d41c3'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        'data_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_data_version')),
    )
    op.bulk_insert(table, [{'id': 1, 'token': 'initial'}])


def downgrade():
    op.drop_table('data_version')
