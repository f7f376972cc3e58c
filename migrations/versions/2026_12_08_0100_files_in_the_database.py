"""Files in the database: evidence and document files move from the instance folder into
their rows; the uploads kept between an import's preview and its confirmation become rows

Revision ID: a4d2f7c81e36
Revises: ba2135a00aa4
Create Date: 2026-12-08 01:00:00

Each file of `<instance>/attachments/` and `<instance>/documents/` is read into the row that
names it. A row whose file is missing keeps its name and size with no bytes: it stays listed,
and its download answers 404 with a message saying the file was lost. The folders are left
where they are (delete them once the copy is checked). Uploads kept in `<instance>/imports/`
are previews of a day at most and are not carried: such a preview is uploaded again.

SQLite rebuilds the document table to drop a column, which drops the triggers that keep its
search index in step: they are created again here (with the task's, lost the same way by the
earlier batch migrations) and the index is rebuilt.

The downgrade writes the bytes back to the folders under new names.
"""
import hashlib
import re
import secrets
from pathlib import Path

import sqlalchemy as sa
from alembic import op
from flask import current_app

from tracker.models.fulltext import SEARCHED, sqlite_ddl

# revision identifiers, used by Alembic.
revision = 'a4d2f7c81e36'
down_revision = 'ba2135a00aa4'
branch_labels = None
depends_on = None

ATTACHMENT_NAME = re.compile(r"[0-9a-f]{32}")
DOCUMENT_NAME = re.compile(r"[0-9a-f]{32}\.(?:pdf|docx)")


def folder(name):
    return Path(current_app.instance_path) / name


def read_stored(name, stored_name, pattern):
    """The bytes of a stored file, or None when it is missing (or its name is not ours)."""
    if not stored_name or not pattern.fullmatch(stored_name):
        return None
    path = folder(name) / stored_name
    return path.read_bytes() if path.is_file() else None


def set_value(table, column, row_id, value):
    """One column of one row (table and column names are this file's own)."""
    statement = sa.text(f'UPDATE {table} SET {column} = :value WHERE id = :id')  # noqa: S608
    op.get_bind().execute(statement, {'value': value, 'id': row_id})


def upgrade():
    bind = op.get_bind()
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data', sa.LargeBinary(), nullable=True))
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('file_size', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('file_sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('file_data', sa.LargeBinary(), nullable=True))

    rows = bind.execute(sa.text('SELECT id, stored_name FROM attachment')).all()
    for row_id, stored_name in rows:
        data = read_stored('attachments', stored_name, ATTACHMENT_NAME)
        if data is not None:
            set_value('attachment', 'data', row_id, data)
    rows = bind.execute(
        sa.text('SELECT id, stored_name, file_name FROM document WHERE stored_name IS NOT NULL')
    ).all()
    for row_id, stored_name, file_name in rows:
        data = read_stored('documents', stored_name, DOCUMENT_NAME)
        suffix = Path(stored_name).suffix.lower() or '.pdf'
        bind.execute(
            sa.text(
                'UPDATE document SET file_data = :data, file_size = :size, '
                'file_sha256 = :sha, file_name = :name WHERE id = :id'
            ),
            {
                'data': data,
                'size': len(data) if data is not None else None,
                'sha': hashlib.sha256(data).hexdigest() if data is not None else None,
                'name': file_name or 'van-ban' + suffix,
                'id': row_id,
            },
        )

    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_attachment_stored_name'), type_='unique')
        batch_op.drop_column('stored_name')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_document_stored_name'), type_='unique')
        batch_op.drop_column('stored_name')

    op.create_table(
        'kept_upload',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('stored_at', sa.DateTime(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('facts', sa.JSON(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'],
            ['user_account.id'],
            name=op.f('fk_kept_upload_user_id_user_account'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kept_upload')),
        sa.UniqueConstraint('token', name=op.f('uq_kept_upload_token')),
    )
    with op.batch_alter_table('kept_upload', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kept_upload_stored_at'), ['stored_at'], unique=False)
    _search_triggers_again()


def _search_triggers_again():
    if op.get_bind().dialect.name != 'sqlite':
        return
    for table in SEARCHED:
        for statement in sqlite_ddl(table):
            op.execute(statement)


def downgrade():
    bind = op.get_bind()
    with op.batch_alter_table('kept_upload', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kept_upload_stored_at'))
    op.drop_table('kept_upload')

    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stored_name', sa.String(length=80), nullable=True))
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stored_name', sa.String(length=80), nullable=True))

    rows = bind.execute(sa.text('SELECT id, data FROM attachment')).all()
    for row_id, data in rows:
        stored_name = secrets.token_hex(16)
        write_stored('attachments', stored_name, data)
        set_value('attachment', 'stored_name', row_id, stored_name)
    rows = bind.execute(
        sa.text('SELECT id, file_name, file_data FROM document WHERE file_name IS NOT NULL')
    ).all()
    for row_id, file_name, data in rows:
        suffix = '.docx' if file_name.lower().endswith('.docx') else '.pdf'
        stored_name = secrets.token_hex(16) + suffix
        write_stored('documents', stored_name, data)
        set_value('document', 'stored_name', row_id, stored_name)

    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_document_stored_name'), ['stored_name'])
        batch_op.drop_column('file_data')
        batch_op.drop_column('file_sha256')
        batch_op.drop_column('file_size')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.alter_column('stored_name', existing_type=sa.String(length=80), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_attachment_stored_name'), ['stored_name'])
        batch_op.drop_column('data')
    _search_triggers_again()


def write_stored(name, stored_name, data):
    """Put bytes back in the instance folder (a file lost before stays lost)."""
    if data is None:
        return
    target = folder(name)
    target.mkdir(parents=True, exist_ok=True)
    (target / stored_name).write_bytes(bytes(data))
