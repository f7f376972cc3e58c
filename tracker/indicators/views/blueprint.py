"""The `indicators` blueprint, on its own so that every view module can import it, and the
words every chỉ tiêu page uses."""

from __future__ import annotations

from flask import Blueprint

from tracker.domain.indicators import RULE_TEXT, STANDING_LABELS_VI, Kind, Standing
from tracker.indicators.words import (
    CHANGE_LABELS,
    STANDING_LOOKS,
    change_words,
    exact,
    figure_text,
    target_text,
    target_words,
    terms_text,
)

bp = Blueprint("indicators", __name__)
STANDINGS = frozenset(s.value for s in Standing)


@bp.context_processor
def words() -> dict:
    return {
        "figure_text": figure_text,
        "exact": exact,
        "change_words": change_words,
        "target_words": target_words,
        "terms_text": terms_text,
        "CHANGE_LABELS": CHANGE_LABELS,
        "target_text": target_text,
        "STANDING_LABELS": STANDING_LABELS_VI,
        "STANDING_LOOKS": STANDING_LOOKS,
        "RULE_TEXT": RULE_TEXT,
        "Kind": Kind,
    }
