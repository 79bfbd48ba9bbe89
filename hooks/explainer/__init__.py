"""Turns a folder of sourced YAML about a treaty into explainer pages, figures and exports.

Nothing in this package imports MkDocs: `hooks/main.py` is the only adapter.
"""
