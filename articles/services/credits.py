"""Credits written as Chinese newspapers print them."""

from ..models import ArticleAuthor


def credit_line(credits):
    """[(role, name), …] → `记者 王耀、崔萌；通讯员 杨希`, roles in the order first given.

    `role` is an `ArticleAuthor.Role` value (`reporter`) or already its label (`记者`).
    """
    labels = dict(ArticleAuthor.Role.choices)
    grouped = {}
    for role, name in credits:
        grouped.setdefault(str(labels.get(role, role)), []).append(name)
    return "；".join(f"{role} {'、'.join(names)}" for role, names in grouped.items())
