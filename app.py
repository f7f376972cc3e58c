"""The WSGI entry point: `flask --app app ...` and `gunicorn app:app`."""

from pathlib import Path

from tracker import create_app
from tracker.extensions import db

app = create_app()

# The benchmark's `bench-seed` command lives with the benchmark, not in the product: it is
# added to `flask --app app tracker` when the bench/ folder is present (a source checkout).
if (Path(__file__).resolve().parent / "bench" / "seed").is_dir():
    from bench.seed.cli import register as register_bench_commands

    register_bench_commands(app)


@app.shell_context_processor
def shell_context() -> dict:
    from tracker import models

    return {"db": db, "models": models}
