"""pmgov's bundled Cookiecutter templates, installed as ``pmgov._templates``."""
