"""Application logic that needs the database but not HTTP. Views and CLI commands call these."""
