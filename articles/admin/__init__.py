"""The editors' product: review, edit, tag and publish imported reports."""

from . import articles, imports, taxonomy  # noqa: F401 (each module registers its admins)
