"""Running the product: liveness and readiness probes, backups and restores."""
