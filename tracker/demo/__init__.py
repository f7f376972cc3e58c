"""The demo department, loaded by `flask --app app tracker demo`."""
