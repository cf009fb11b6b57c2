"""The parsing processes of a run with `--jobs` above 1 (`pipeline.read_paths`).

A spawned process starts without Django: `start` sets it up (and the run's language, for the
warnings parsing writes) before the first file, so this module imports nothing of the project
until then. The processes never touch the database.
"""

import django


def start(language, database=None):
    """`database`: the run's connection settings (`database_settings()`), for a process that
    writes: the database the run writes to, which may not be the settings' (a test's)."""
    django.setup()

    from django.db import connection
    from django.utils import translation

    if database is not None:
        connection.settings_dict.update(database)
    translation.activate(language)


def database_settings():
    from django.db import connection

    return dict(connection.settings_dict)


def import_share(paths, **options):
    from .pipeline import import_share

    return import_share(paths, **options)


def read_path(path, format=None):
    from .pipeline import read_path

    return read_path(path, format)
