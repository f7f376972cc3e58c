"""Small shared plumbing below the features: errors, access, look-ups, caches, mail, files."""
