from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read_seed(prefix):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_bytes().decode("utf-8")


def read_fixture(name):
    return (FIXTURES / name).read_bytes().decode("utf-8")


@pytest.fixture
def seed():
    return read_seed


@pytest.fixture
def fixture_text():
    return read_fixture


KNOWN_GAPS = {
    line.strip()
    for line in (Path(__file__).resolve().parent / "known_gaps.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
}


def pytest_collection_modifyitems(items):
    """The issue-8 cases today's importer still gets wrong, listed in `known_gaps.txt`."""
    here = Path(__file__).resolve().parent
    for item in items:
        path = Path(item.path).resolve()
        if path.is_relative_to(here) and f"{path.relative_to(here)}::{item.name}" in KNOWN_GAPS:
            item.add_marker(pytest.mark.xfail(reason="issue 8: known gap", strict=False))
