"""The bundled example project, installed as ``pmgov._examples`` for ``pmgov new --example``."""
