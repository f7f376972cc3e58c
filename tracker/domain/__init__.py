"""Pure domain logic: no Flask, no database session."""
