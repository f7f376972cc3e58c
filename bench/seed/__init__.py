"""The synthetic province of the benchmark: units, people, documents, five years of tasks."""
