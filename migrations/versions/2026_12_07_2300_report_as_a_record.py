"""The report as a record: three dates of finished work, product and weight, the
department's order and wording, report texts per unit with an imported header, issued reports,
and an index to find a period's extension requests and returns

Revision ID: 7e4b2c9a1d05
Revises: 5c1e8a9d7f42
Create Date: 2026-12-07 23:00:00

Finished work gets the day it was handed in and the day it was confirmed, read from its
history (the day of its latest "submitted" and "confirmed" entries, in Vietnamese time), or
its completion day when the history has none.
"""
import os
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '7e4b2c9a1d05'
down_revision = '5c1e8a9d7f42'
branch_labels = None
depends_on = None

# The history is stored in UTC; the department's days are in its time zone (config.py's).
LOCAL = ZoneInfo(os.environ.get("TRACKER_TIMEZONE", "Asia/Ho_Chi_Minh"))


def upgrade():
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submitted_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('confirmed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('product', sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column('weight', sa.Float(), server_default='1', nullable=False)
        )
        batch_op.add_column(sa.Column('report_order', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('plan_order', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('report_wording', sa.Text(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_task_weight_range'), 'weight > 0 AND weight <= 10'
        )
    _backfill_dates()
    with op.batch_alter_table('task_update', schema=None) as batch_op:
        batch_op.create_index('ix_task_update_kind_time', ['kind', 'created_at'], unique=False)

    root = op.get_bind().execute(
        sa.text('SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1')
    ).scalar()
    if root is None:
        op.execute('DELETE FROM report_text')
    with op.batch_alter_table('report_text', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('plan_intro', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('org_parent_body', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('org_name', sa.String(length=255), nullable=True))
        batch_op.add_column(
            sa.Column('org_written_name', sa.String(length=255), nullable=True)
        )
        batch_op.add_column(sa.Column('org_place', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('signed_on', sa.Date(), nullable=True))
    if root is not None:
        op.get_bind().execute(sa.text('UPDATE report_text SET unit_id = :root'), {'root': root})
    with op.batch_alter_table('report_text', schema=None) as batch_op:
        batch_op.alter_column('unit_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint(op.f('uq_report_text_period'), type_='unique')
        batch_op.create_unique_constraint(
            batch_op.f('uq_report_text_period_unit_id'), ['period', 'unit_id']
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_report_text_unit_id_unit'), 'unit', ['unit_id'], ['id']
        )

    op.create_table(
        'issued_report',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=60), nullable=False),
        sa.Column('number_key', sa.String(length=60), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('issued_on', sa.Date(), nullable=False),
        sa.Column('window_start', sa.Date(), nullable=False),
        sa.Column('as_of', sa.Date(), nullable=False),
        sa.Column('window_rule', sa.String(length=20), nullable=False),
        sa.Column('signer_title', sa.String(length=160), nullable=False),
        sa.Column('signer_name', sa.String(length=160), nullable=False),
        sa.Column('recipients', sa.Text(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('replaces_id', sa.Integer(), nullable=True),
        sa.Column('issued_by_id', sa.Integer(), nullable=True),
        sa.Column('issued_at', sa.DateTime(), nullable=False),
        sa.Column('content', sa.Text(), nullable=False),
        sa.Column('docx', sa.LargeBinary(), nullable=False),
        sa.Column('xlsx', sa.LargeBinary(), nullable=False),
        sa.Column('docx_sha256', sa.String(length=64), nullable=False),
        sa.Column('xlsx_sha256', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ['issued_by_id'], ['user_account.id'],
            name=op.f('fk_issued_report_issued_by_id_user_account'), ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['replaces_id'], ['issued_report.id'],
            name=op.f('fk_issued_report_replaces_id_issued_report'),
        ),
        sa.ForeignKeyConstraint(
            ['unit_id'], ['unit.id'], name=op.f('fk_issued_report_unit_id_unit')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_report')),
        sa.UniqueConstraint('number_key', 'year', name=op.f('uq_issued_report_number_key_year')),
        sa.UniqueConstraint(
            'period', 'unit_id', 'version', name=op.f('uq_issued_report_period_unit_id_version')
        ),
    )
    op.create_index(op.f('ix_issued_report_period'), 'issued_report', ['period'], unique=False)


def _backfill_dates():
    """Handed in and confirmed: the latest such history entry's day, else the completion."""
    bind = op.get_bind()
    latest = {}
    rows = bind.execute(
        sa.text(
            "SELECT task_id, kind, MAX(created_at) FROM task_update "
            "WHERE kind IN ('submitted', 'confirmed') GROUP BY task_id, kind"
        )
    )
    for task_id, kind, when in rows:
        if isinstance(when, str):  # SQLite hands back text
            when = datetime.fromisoformat(when)
        latest[(task_id, kind)] = when.replace(tzinfo=timezone.utc).astimezone(LOCAL).date()
    finished = bind.execute(
        sa.text("SELECT id, status, completed_on FROM task WHERE status IN ('submitted', 'done')")
    ).all()
    updates = []
    for task_id, status, completed in finished:
        if isinstance(completed, str):
            from datetime import date

            completed = date.fromisoformat(completed)
        submitted = latest.get((task_id, 'submitted'), completed)
        confirmed = latest.get((task_id, 'confirmed'), completed) if status == 'done' else None
        updates.append({'id': task_id, 'submitted': submitted, 'confirmed': confirmed})
    if updates:
        bind.execute(
            sa.text(
                "UPDATE task SET submitted_on = :submitted, confirmed_on = :confirmed "
                "WHERE id = :id"
            ),
            updates,
        )


def downgrade():
    with op.batch_alter_table('task_update', schema=None) as batch_op:
        batch_op.drop_index('ix_task_update_kind_time')
    op.drop_index(op.f('ix_issued_report_period'), table_name='issued_report')
    op.drop_table('issued_report')
    # One text a period again: the department's; the divisions' own are dropped.
    op.execute(
        'DELETE FROM report_text WHERE unit_id <> '
        '(SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1)'
    )
    with op.batch_alter_table('report_text', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_report_text_unit_id_unit'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_report_text_period_unit_id'), type_='unique')
        batch_op.create_unique_constraint(op.f('uq_report_text_period'), ['period'])
        for column in ('signed_on', 'org_place', 'org_written_name', 'org_name',
                       'org_parent_body', 'plan_intro', 'unit_id'):
            batch_op.drop_column(column)
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_task_weight_range'), type_='check')
        for column in ('report_wording', 'plan_order', 'report_order', 'weight', 'product', 'confirmed_on',
                       'submitted_on'):
            batch_op.drop_column(column)
