"""Legal documents: the registry, their files, the tasks that cite them and how far those are."""
