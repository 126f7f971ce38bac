"""pmgov's bundled JSON Schemas, installed as the package ``pmgov._schemas``."""
