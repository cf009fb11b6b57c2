"""The parsing processes of a run with `--jobs` above 1 (`pipeline.read_paths`).

A spawned process starts without Django: `start` sets it up (and the run's language, for the
warnings parsing writes) before the first file, so this module imports nothing of the project
until then. The processes never touch the database.
"""

import django


def start(language):
    django.setup()

    from django.utils import translation

    translation.activate(language)


def read_path(path, format=None):
    from .pipeline import read_path

    return read_path(path, format)
