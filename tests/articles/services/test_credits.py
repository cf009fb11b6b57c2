import pytest

from articles.services.credits import credit_line


@pytest.mark.parametrize(
    ("credits", "line"),
    [
        (
            [("reporter", "王耀"), ("reporter", "崔萌"), ("correspondent", "杨希")],
            "记者 王耀、崔萌；通讯员 杨希",
        ),
        (
            [("photographer", "寇雅楠"), ("reporter", "王耀"), ("photographer", "刘艺琳")],
            "摄影 寇雅楠、刘艺琳；记者 王耀",
        ),
        ([("责任编辑", "关凝淼")], "责任编辑 关凝淼"),
        ([], ""),
    ],
)
def test_credit_line_groups_names_by_role(credits, line):
    assert credit_line(credits) == line
