"""The editors' and reviewers' workspace: one module per part of the model."""

from . import actors, claims, sources  # noqa: F401 - registering the ModelAdmins
