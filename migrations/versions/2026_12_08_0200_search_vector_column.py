"""PostgreSQL keeps each searched row's tsvector in a stored generated column

Searches ranked every hit by parsing its text again (to_tsvector in ts_rank): over 100,000
tasks a common query spent most of its time there. The GIN index moves from the expression
to the column. SQLite (FTS5) is unchanged.

Revision ID: 5e8c1a7d2b94
Revises: a4d2f7c81e36
Create Date: 2026-12-08 02:00:00

"""
from alembic import op

from tracker.models.fulltext import SEARCHED, postgresql_ddl, postgresql_drop

# revision identifiers, used by Alembic.
revision = '5e8c1a7d2b94'
down_revision = 'a4d2f7c81e36'
branch_labels = None
depends_on = None

# The index this revision replaces, as revision 2026_11_28_1700 first made it.
_EXPRESSION_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_{table}_search_tsv ON {table} USING gin "
    "(to_tsvector('simple', regexp_replace({table}.search_text, '[^a-z0-9]+', ' ', 'g')))"
)


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in SEARCHED:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_tsv")
        for statement in postgresql_ddl(table):
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in SEARCHED:
        for statement in postgresql_drop(table):
            op.execute(statement)
        op.execute(_EXPRESSION_INDEX.format(table=table))
