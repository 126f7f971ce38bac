"""The project site: pages built from a checked project, for sponsors and stakeholders.

`snapshot` checks and loads the project, `pages` builds the pages (no MkDocs
there), `plugin` adds them to an MkDocs build, `export` writes them as files.
"""
