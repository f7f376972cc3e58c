"""Full-text search: FTS5 tables (SQLite) or GIN tsvector indexes (PostgreSQL)

Revision ID: 5e4c1d2f9a10
Revises: c764518770c5
Create Date: 2026-11-28 17:00:00

"""
from alembic import op

from tracker.models.fulltext import SEARCHED, postgresql_ddl, postgresql_drop, sqlite_ddl, sqlite_drop

# revision identifiers, used by Alembic.
revision = '5e4c1d2f9a10'
down_revision = 'c764518770c5'
branch_labels = None
depends_on = None


def _run(statements_for):
    for table in SEARCHED:
        for statement in statements_for(table):
            op.execute(statement)


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(sqlite_ddl)
    elif dialect == "postgresql":
        _run(postgresql_ddl)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(sqlite_drop)
    elif dialect == "postgresql":
        _run(postgresql_drop)
