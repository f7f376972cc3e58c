"""One search box over tasks and documents, accent-insensitive and ranked."""
