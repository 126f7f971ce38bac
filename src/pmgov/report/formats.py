"""The names of the output formats (kept apart so the CLI need not import reporters)."""

FORMATS = ("text", "json", "junit", "sarif", "github")
