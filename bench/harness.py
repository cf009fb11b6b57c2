"""What every benchmark shares: Django set up from this checkout, and a throwaway database.

Import it before anything from Django or the project: `import harness` then `# isort: split`.
"""

import os
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


@contextmanager
def throwaway_database():
    """A fresh test database (never the real one), destroyed afterwards whatever happens."""
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}")
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
