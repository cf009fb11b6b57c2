from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def seed_path(number):
    """The seed file whose name starts with `number` (`"000"`)."""
    return next(SEEDS.glob(f"{number}_*.txt"))


@pytest.fixture
def seeds_dir():
    return SEEDS
