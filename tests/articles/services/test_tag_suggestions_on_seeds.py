"""The chips an editor is offered on every seed article, and how many of them they would keep.

KEEP lists, per seed article, the suggestions an editor of a city paper would click: its
places, its subject (疫情防控, 核酸检测), the units and people's roles the story is about. The
numbers reported to the desk: 84 of the 120 chips offered on the 15 seed articles are kept;
6 or more of 8 on 8 of them (the target is every one).
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.services.tagging import MOST_SUGGESTIONS, REASON_KEYWORD, suggest_tags

pytestmark = pytest.mark.django_db

# (file prefix, position in the file) → the chips an editor keeps
KEEP = {
    ("000", 1): {"呼和浩特", "内蒙古", "新城区", "党徽", "下沉干部", "疫情防控"},
    ("001", 1): {"盐湖区", "山西", "畜牧局", "疫情防控", "党员", "检疫站", "临时党支部"},
    ("001", 2): {"运城", "盐湖区", "疫情防控", "统战部", "国税局", "防疫"},
    ("001", 3): {"山西", "盐湖区", "疫情防控", "党员", "网格"},
    ("001", 4): {"运城", "防疫", "党员干部", "疫情防控", "环卫处", "下沉干部"},
    ("001", 5): {"运城", "盐湖区", "邮政", "防疫", "抗疫"},
    ("001", 6): {"运城", "盐湖区", "防疫", "学苑社区", "下沉干部", "疫情防控"},
    ("002", 1): {"樊城", "襄阳", "工作队", "防疫", "疫情防控"},
    ("003", 1): {"呼和浩特", "回民区", "疫情防控", "党旗", "党员", "党组织", "防疫"},
    ("003", 2): {"赛罕", "呼和浩特", "内蒙古", "包头", "核酸检测", "疫情防控", "志愿者"},
    ("003", 3): {"回民区", "呼和浩特", "核酸检测", "敲门行动", "居家"},
    ("003", 4): {"赛罕", "呼和浩特", "绿色卡片", "核酸检测", "疫情防控"},
    ("003", 5): {"呼和浩特", "赛罕", "爱心企业", "防疫", "疫情防控"},
    ("003", 6): {"呼和浩特", "赛罕", "青岛", "志愿者", "防疫", "疫情防控", "核酸检测"},
    ("004", 1): {"零陵", "永州", "党员干部", "志愿者", "疫情防控", "防疫"},
}
# Numbers, dates, times and counts, whatever their unit: 六点 十五天 日起 余名 万余人次 第三轮.
NOT_A_TAG = re.compile(
    r"[0-9]|^第|^[零〇一二两三四五六七八九十百千万亿几]+[点时天日月年周名人次个位户家轮批班]"
    r"|^[日余]|[余多]名|人次"
)


@pytest.fixture
def chips():
    call_command("import_seeds", stdout=StringIO())
    articles = Article.objects.select_related("imported_file").prefetch_related("tags")
    return {
        (article.imported_file.name.split("/")[-1][:3], article.position): suggest_tags(article)
        for article in articles
    }


def test_every_seed_article_is_offered_at_most_eight_chips_an_editor_would_click(chips):
    assert set(chips) == set(KEEP)
    for key, suggestions in chips.items():
        names = [suggestion.name for suggestion in suggestions]
        assert len(names) == MOST_SUGGESTIONS, key
        assert all(len(name) >= 2 for name in names), (key, names)
        assert not [name for name in names if NOT_A_TAG.search(name)], (key, names)


def test_places_come_before_keywords(chips):
    for key, suggestions in chips.items():
        reasons = [suggestion.reason for suggestion in suggestions]
        first_keyword = reasons.index(REASON_KEYWORD)
        assert REASON_KEYWORD not in reasons[:first_keyword], key
        assert all(reason == REASON_KEYWORD for reason in reasons[first_keyword:]), key


def test_an_editor_keeps_most_of_the_chips(chips):
    kept = {key: len({s.name for s in chips[key]} & KEEP[key]) for key in KEEP}
    assert sum(kept.values()) >= 84, kept
    assert min(kept.values()) >= 4, kept
    assert sum(1 for count in kept.values() if count >= 6) >= 8, kept
