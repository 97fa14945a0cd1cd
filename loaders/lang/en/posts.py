"""How English (machine-translated) reports name people and their posts: pinyin surnames,
the shape of a pinyin given name, post titles, honorifics, bylines and the verbs of speech
that show a name is a person's.

:mod:`ducha.loaders.people` reads these tables.
"""

from __future__ import annotations

import re

__all__ = [
    "BYLINE",
    "NOT_NAME_WORDS",
    "NOT_OF_THE_REPORT",
    "POST_TITLE",
    "POST_WORDS",
    "REPORTER_BYLINE",
    "SPEECH",
    "SURNAMES",
    "TITLE_BEFORE_NAME",
    "is_pinyin_given_name",
]

# Common Chinese surnames in pinyin (single syllable; compound surnames are rare in reports).
# Left out: "Xi" (the Party leader, named only in slogans), and "An", "You", "Man", "Le",
# which start English sentences.
SURNAMES = frozenset(
    {
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
        "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song",
        "Tang", "Han", "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Yuan", "Pan",
        "Yu", "Jiang", "Cai", "Lu", "Wei", "Ding", "Shen", "Ren", "Yao", "Jin", "Fu", "Du", "Dai",
        "Xia", "Zhong", "Qian", "Qin", "Lei", "Hou", "Bai", "Kong", "Cui", "Mao", "Pei", "Lou",
        "Huo", "Shi", "Fan", "Fang", "Tan", "Liao", "Zou", "Xiong", "Jia", "Cheng", "Wen", "Meng",
        "Yan", "Qiu", "Hao", "Gong", "Wan", "Duan", "Long", "Shao", "Qu", "Xue", "Yin", "Gu",
        "Chang", "Kang", "Hong", "Ye", "Yi", "Su", "Niu", "Ou", "Mo", "Lai", "Lan", "Ning",
        "Nie", "Ji", "Geng", "Bao", "Gan", "Guan", "Jing", "Lian", "Miao", "Mu", "Qi", "Rao",
        "Sheng", "Tao", "Xing", "Xiang", "Yue", "Zhan", "Zhuang", "Che", "Chai", "Chu",
        "Ni", "Ai", "Bi", "Bian", "Cen", "Dang", "Diao", "Dou", "Ge", "Hua", "Ke", "Kuang",
        "Lang", "Ling", "Lyu", "Mei", "Mi", "Min", "Pang", "Pu", "Qiao", "Quan", "Rong", "Ruan",
        "Shan", "Shang", "Shu", "Tong", "Tu", "Xian", "Xin", "Zang", "Zha", "Zhai", "Zhen",
        "Zhuo", "Zong", "Zuo",
    }
)

_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu"
    r"|ua|uo|ui|ue|a|e|i|o|u|v)"
)
_GIVEN = re.compile(rf"(?:{_SYLLABLE}){{1,2}}(?:-{_SYLLABLE})?", re.IGNORECASE)


def is_pinyin_given_name(word: str) -> bool:
    """Whether a word reads as a one- or two-syllable pinyin given name ("Huining")."""
    return bool(_GIVEN.fullmatch(word)) and len(word) >= 2


# Words that start a post ("Secretary of the Party Group", "deputy director of ...").
POST_WORDS = (
    "secretary", "deputy secretary", "party secretary", "director", "deputy director",
    "director-general", "governor", "vice governor", "deputy governor", "mayor",
    "deputy mayor", "vice mayor", "minister", "vice minister", "deputy minister",
    "chief inspector", "deputy chief inspector", "head", "deputy head", "leader",
    "team leader", "deputy team leader", "spokesperson", "spokesman", "official",
    "professor", "reporter", "editor", "author", "chairman", "vice chairman", "president",
    "vice president", "premier", "vice-premier", "vice premier", "inspector", "commissioner",
    "villager", "member", "chief", "general manager", "chief engineer", "researcher",
)
_POST_ALTERNATIVES = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(POST_WORDS, key=len, reverse=True)
)
# A post title, optionally "former", as it starts a post phrase.
POST_TITLE = re.compile(rf"(?:former\s+)?(?:{_POST_ALTERNATIVES})\b", re.IGNORECASE)

# Titles and honorifics printed right before a name ("Governor Lou Yangsheng").
TITLE_BEFORE_NAME = re.compile(
    r"\b(?:Comrade|Vice[- ]Premier|Premier|Vice Minister|Minister|Deputy Chief Inspector|"
    r"Chief Inspector|Vice Governor|Governor|Mayor|Director|Secretary|Chairman|President|"
    r"Spokesperson|reporter|Editor|Professor|Dr\.|Mr\.|Ms\.)\s+$"
)

# "General Secretary Xi Jinping", "Xi Jinping Thought": the Party leader named in slogans,
# not a person the report is about.
NOT_OF_THE_REPORT = re.compile(r"General\s+Secretary(?:\s+of)?\s+$")

# "By Li Rongde and Zhou Dongxu |", "By HUO YAN/ZHANG YI |", "Editor: Yang Yi". Group
# "editor" tells an editor from an author.
BYLINE = re.compile(r"(?:\bBy\s+|\|\s*By\s+|(?P<editor>\bEditor:\s*))$")

# "Rule of Law Daily reporter Zhang Wei" on a line of its own: the outlet is part of the post.
REPORTER_BYLINE = re.compile(r"(?:^|\n)\W{0,3}(?P<role>[\w' ]{0,40}\breporters?)\s+$")

# Words that never belong to a person's name: a capitalised pair before ", Director of ..."
# that holds one of them is a body or a place ("Lhasa City, head of ...").
NOT_NAME_WORDS = frozenset(
    {
        "the", "a", "an", "this", "that", "city", "county", "district", "province", "region",
        "autonomous", "municipal", "provincial", "department", "bureau", "government",
        "committee", "group", "office", "ministry", "commission", "party", "people's",
        "river", "lake", "mountains", "mountain", "reserve", "park", "company", "co",
        "corporation", "station", "team", "center", "centre", "administration", "state",
        "national", "central", "general", "deputy", "vice", "former", "secretary", "director",
        "governor", "mayor", "chairman", "minister", "head", "chief", "according", "meanwhile",
        "however", "therefore", "since", "in", "on", "at", "by", "for", "of", "and", "with",
        "comrade", "mr", "ms", "dr", "professor", "premier", "president", "inspector",
    }
)

# Verbs that show a name (or a surname alone) is a person speaking or acting.
SPEECH = re.compile(
    r"^(?:,\s+(?:who|\d+,)|\s+(?:said|says|added|explained|pointed|noted|stressed|told|"
    r"pledged|leads|led|chaired|presided|made|read))\b"
)
