"""Bundled policies; ``default`` is the one every project follows unless it names another."""
