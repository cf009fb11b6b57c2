"""Assertions shared by the parser tests."""


def assert_none_in(haystack, needles):
    """No needle (chrome, a credit, a headline) appears in the body text."""
    found = [needle for needle in needles if needle in haystack]
    assert found == [], f"left in the body: {found}"


def assert_all_in(haystack, needles):
    missing = [needle for needle in needles if needle not in haystack]
    assert missing == [], f"missing from the body: {missing}"
