"""A unit's task lists and counts are answered by its index alone

Revision ID: 8b2f6e0d41c3
Revises: 5e4c1d2f9a10
Create Date: 2026-11-28 19:10:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '8b2f6e0d41c3'
down_revision = '5e4c1d2f9a10'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_task_lead_unit_status', table_name='task')
    op.create_index(
        'ix_task_lead_unit_status',
        'task',
        ['lead_unit_id', 'status', 'due_date', 'completed_on'],
        unique=False,
    )


def downgrade():
    op.drop_index('ix_task_lead_unit_status', table_name='task')
    op.create_index('ix_task_lead_unit_status', 'task', ['lead_unit_id', 'status'], unique=False)
