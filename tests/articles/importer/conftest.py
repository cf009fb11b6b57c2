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
