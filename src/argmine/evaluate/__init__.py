"""Evaluation: loaders for the shared corpora, metrics and protocols.

The corpora are read from ``../shared/data`` (or a path the user gives) and are
never copied into the repository.
"""
