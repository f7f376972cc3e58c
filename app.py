"""The WSGI entry point: `flask --app app ...` and `gunicorn app:app`."""

from tracker import create_app
from tracker.extensions import db

app = create_app()


@app.shell_context_processor
def shell_context() -> dict:
    from tracker import models

    return {"db": db, "models": models}
