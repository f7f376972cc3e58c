"""Chỉ tiêu: evidence files (minh chứng) of a period's figure, kept in their rows

Revision ID: 52e08c6c26ee
Revises: 3614208a78c6
Create Date: 2026-12-08 02:25:33.711857

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '52e08c6c26ee'
down_revision = '3614208a78c6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('indicator_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=120), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_evidence_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_indicator_evidence_uploaded_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_evidence'))
    )
    with op.batch_alter_table('indicator_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_evidence_indicator_id'), ['indicator_id'], unique=False)



def downgrade():
    with op.batch_alter_table('indicator_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_evidence_indicator_id'))

    op.drop_table('indicator_evidence')
