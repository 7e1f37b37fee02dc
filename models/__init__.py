"""Trained artifacts shipped with djnlp (installed as ``djnlp.models``).

Each sub-folder holds one model: its weights in a safe format (.npz / JSON),
the config it was trained with, and its metrics. See ``README.md`` here.
"""
