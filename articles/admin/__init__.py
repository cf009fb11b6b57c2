"""The editors' product: review, edit, tag and publish imported reports."""

from . import articles, duplicates, images, imports, taxonomy  # noqa: F401 (each registers its admins)
