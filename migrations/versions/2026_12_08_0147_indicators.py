"""Chỉ tiêu: indicators, their targets, the figures of periods and their changes

Revision ID: 3614208a78c6
Revises: 9c3f6b2e8a17
Create Date: 2026-12-08 01:47:15.052881

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3614208a78c6'
down_revision = '9c3f6b2e8a17'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('measure', sa.String(length=60), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('direction', sa.String(length=4), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=True),
    sa.Column('first_year', sa.Integer(), nullable=False),
    sa.Column('last_year', sa.Integer(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("direction IN ('up', 'down')", name=op.f('ck_indicator_direction_known')),
    sa.CheckConstraint("kind IN ('count', 'cumulative', 'ratio')", name=op.f('ck_indicator_kind_known')),
    sa.CheckConstraint('first_year <= last_year', name=op.f('ck_indicator_years_in_order')),
    sa.ForeignKeyConstraint(['section_id'], ['section.id'], name=op.f('fk_indicator_section_id_section')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_indicator_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('code', name=op.f('uq_indicator_code'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_section_id'), ['section_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_unit_id'), ['unit_id'], unique=False)

    op.create_table('indicator_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('after_issue', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_change_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_indicator_change_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_change'))
    )
    with op.batch_alter_table('indicator_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_change_indicator_id'), ['indicator_id'], unique=False)

    op.create_table('indicator_document',
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_indicator_document_document_id_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_document_indicator_id_indicator'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('indicator_id', 'document_id', name=op.f('pk_indicator_document'))
    )
    with op.batch_alter_table('indicator_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_document_document_id'), ['document_id'], unique=False)

    op.create_table('indicator_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('value', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_target_indicator_id_indicator'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_target')),
    sa.UniqueConstraint('indicator_id', 'period', name=op.f('uq_indicator_target_indicator_id_period'))
    )
    op.create_table('indicator_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('value', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('numerator', sa.Numeric(precision=19, scale=4), nullable=True),
    sa.Column('denominator', sa.Numeric(precision=19, scale=4), nullable=True),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('denominator IS NULL OR denominator > 0', name=op.f('ck_indicator_value_denominator_positive')),
    sa.CheckConstraint('value >= 0', name=op.f('ck_indicator_value_not_negative')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['user_account.id'], name=op.f('fk_indicator_value_entered_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_value_indicator_id_indicator'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_value')),
    sa.UniqueConstraint('indicator_id', 'period', name=op.f('uq_indicator_value_indicator_id_period'))
    )


def downgrade():
    op.drop_table('indicator_value')
    op.drop_table('indicator_target')
    with op.batch_alter_table('indicator_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_document_document_id'))

    op.drop_table('indicator_document')
    with op.batch_alter_table('indicator_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_change_indicator_id'))

    op.drop_table('indicator_change')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_unit_id'))
        batch_op.drop_index(batch_op.f('ix_indicator_section_id'))

    op.drop_table('indicator')
