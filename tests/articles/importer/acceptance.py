"""Cells of issue 3's acceptance table that more than one test asserts."""

SEED_003_TITLES = [
    "让党旗在疫情防控一线高高飘扬",
    "一家三口上阵 坚守抗疫一线",
    "核酸检测“服务到家” 开启暖心“敲门行动”",
    "小小绿色卡片 助力疫情防控",
    "爱心企业暖心餐 齐心协力战疫情",
    "走不了 就留下当个志愿者",
]
SEED_003_CREDITS = [
    [("杨文彬", "author")],
    [("李琛瑶", "author"), ("杨金玲", "author")],
    [("仰建婷", "author")],
    [("万永杰", "author")],
    [("杨曼婷", "author")],
    [("田瑞峰", "author"), ("董雷", "author")],
]
