"""Shared pools the corpus generator draws names and phrases from.

Every report draws its provinces, cities, rivers, enterprises, people and regulations from
these pools, so generated reports overlap the way real ones do (the same river in several
provinces' reports, the same law cited everywhere). Places and rivers are public facts;
enterprises and people are invented. Filler phrases are written in the register of
machine-translated Chinese government reports and hold no numbers and no names, so that
the truth of a generated report is exactly what the generator put in its slots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ducha.loaders.registry import default_registry

__all__ = [
    "ASPECT_TITLES",
    "BRAND_WORDS",
    "FILLER",
    "GIVEN_NAMES",
    "INDUSTRIES",
    "INLINE_LEADS",
    "LOCAL_DOCUMENTS",
    "MEASURE_LEADS",
    "ORDINALS",
    "POSTS",
    "PROBLEM_TITLES",
    "PROVINCES",
    "SURNAMES",
    "Province",
    "registry_titles",
]


@dataclass(frozen=True)
class Province:
    """A province with the cities and water bodies its reports may name."""

    name: str  # as the report names it ("Guangxi Zhuang Autonomous Region")
    short: str  # the bare name ("Guangxi")
    cities: tuple[str, ...]  # "Nanning City"
    waters: tuple[str, ...]  # rivers and lakes in or along it


PROVINCES = (
    Province(
        "Guangxi Zhuang Autonomous Region",
        "Guangxi",
        ("Nanning City", "Liuzhou City", "Guilin City", "Qinzhou City", "Hechi City"),
        ("Xijiang River", "Lijiang River", "Nanliu River", "Pearl River", "Yujiang River"),
    ),
    Province(
        "Guizhou Province",
        "Guizhou",
        ("Guiyang City", "Zunyi City", "Anshun City", "Tongren City", "Bijie City"),
        ("Wujiang River", "Chishui River", "Yangtze River", "Pearl River", "Hongfeng Lake"),
    ),
    Province(
        "Hunan Province",
        "Hunan",
        ("Changsha City", "Zhuzhou City", "Xiangtan City", "Yueyang City", "Changde City"),
        ("Xiangjiang River", "Dongting Lake", "Yangtze River", "Yuanjiang River"),
    ),
    Province(
        "Jiangxi Province",
        "Jiangxi",
        ("Nanchang City", "Jiujiang City", "Ganzhou City", "Shangrao City", "Yichun City"),
        ("Poyang Lake", "Ganjiang River", "Yangtze River", "Xinjiang River"),
    ),
    Province(
        "Anhui Province",
        "Anhui",
        ("Hefei City", "Wuhu City", "Bengbu City", "Anqing City", "Huainan City"),
        ("Chaohu Lake", "Huaihe River", "Yangtze River", "Xin'an River"),
    ),
    Province(
        "Yunnan Province",
        "Yunnan",
        ("Kunming City", "Qujing City", "Yuxi City", "Lijiang City", "Dali City"),
        ("Dianchi Lake", "Erhai Lake", "Fuxian Lake", "Jinsha River", "Pearl River"),
    ),
    Province(
        "Hubei Province",
        "Hubei",
        ("Wuhan City", "Yichang City", "Xiangyang City", "Jingzhou City", "Shiyan City"),
        ("Hanjiang River", "Yangtze River", "Danjiangkou Reservoir", "Honghu Lake"),
    ),
    Province(
        "Jiangsu Province",
        "Jiangsu",
        ("Nanjing City", "Wuxi City", "Suzhou City", "Yancheng City", "Zhenjiang City"),
        ("Taihu Lake", "Yangtze River", "Huaihe River", "Hongze Lake"),
    ),
    Province(
        "Sichuan Province",
        "Sichuan",
        ("Chengdu City", "Mianyang City", "Yibin City", "Luzhou City", "Leshan City"),
        ("Minjiang River", "Tuojiang River", "Jialing River", "Yangtze River"),
    ),
    Province(
        "Shandong Province",
        "Shandong",
        ("Jinan City", "Qingdao City", "Zibo City", "Weifang City", "Jining City"),
        ("Yellow River", "Nansi Lake", "Xiaoqing River", "Dongping Lake"),
    ),
    Province(
        "Henan Province",
        "Henan",
        ("Zhengzhou City", "Luoyang City", "Kaifeng City", "Xinxiang City", "Nanyang City"),
        ("Yellow River", "Huaihe River", "Danjiangkou Reservoir", "Weihe River"),
    ),
    Province(
        "Zhejiang Province",
        "Zhejiang",
        ("Hangzhou City", "Ningbo City", "Wenzhou City", "Shaoxing City", "Taizhou City"),
        ("Qiantang River", "Taihu Lake", "Oujiang River", "Qiandao Lake"),
    ),
)

ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth")

SURNAMES = ("Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma")
GIVEN_NAMES = ("Liang", "Jianguo", "Xiaoming", "Hongwei", "Guoqiang", "Lihua", "Jun", "Ping")
POSTS = (
    "Secretary of the Party Group and Director of the Department",
    "Deputy Director of the Department",
    "Member of the Party Group and Deputy Director of the Department",
    "Head of the Discipline Inspection and Supervision Group",
)

BRAND_WORDS = (
    "Hongda", "Jinhe", "Yinyi", "Ruifeng", "Zhongtai", "Longsheng", "Tianli", "Huaxin",
    "Shengda", "Xinhuan", "Dongfang", "Baoli", "Jinlong", "Haitian", "Mingyang", "Guanghui",
)  # fmt: skip
INDUSTRIES = (
    "Chemical Co., Ltd.",
    "New Materials Co., Ltd.",
    "Paper Co., Ltd.",
    "Cement Co., Ltd.",
    "Metallurgical Chemical Plant",
    "Pharmaceutical Co., Ltd.",
    "Mining Co., Ltd.",
    "Phosphate Chemical Group",
)

# Titles of fed-back problems and aspects, as the quoted part of "Rectification of the
# problem of "…"": no numbers, no names.
ASPECT_TITLES = (
    "learning and implementing the thought on ecological civilization is not in place",
    "the overall coordination of the battle against pollution is not strong",
    "there are shortcomings in preventing and resolving ecological and environmental risks",
    "the implementation of the responsibility for strict governance of the party is weak",
    "there is a gap in supervision and law enforcement",
    "the construction of the cadre team and the work style needs to be strengthened",
    "the protection and restoration of key river basins is still prominent",
    "there are outstanding problems in natural ecological protection",
)
PROBLEM_TITLES = (
    "insufficient sense of mission to implement the important instructions",
    "the lack of tenacity in promoting the solution of feedback problems",
    "poor results in promoting the prevention and control of water pollution",
    "weak links in the construction of beautiful and livable villages",
    "insufficient supervision of hazardous waste disposal",
    "ineffective supervision of integrity risks in key areas",
    "gaps in promoting the construction of work style",
    "the treatment of urban domestic sewage lags behind",
    "the rectification of illegal occupation of river courses is not thorough",
    "the environmental management of industrial parks is not standardized",
    "the ecological restoration of abandoned mines is slow",
    "the disposal of solid waste is not in place",
)
MEASURE_LEADS = (
    "Strengthen organizational leadership and concentrate on overcoming difficulties",
    "Strengthen supervision and inspection, and implement classified policies",
    "Tighten and consolidate the responsibility for ecological and environmental protection",
    "Focus on key and precise governance, and continue to fight the battle for blue skies",
    "Focus on the governance of the river basin system, and continue the battle for clear water",
    "Refine the division of responsibilities, and supervise and urge rectification",
    "Optimize the construction of the system and consolidate the long-term effect",
    "Strengthen capacity building and improve the level of pollution control",
    "Carry out in-depth political supervision and improve the ability to enforce discipline",
    "Strengthen the management and utilization of solid waste",
)
INLINE_LEADS = (
    "pay close attention to the pollution control of key industries",
    "actively promote the environmental improvement of key river basins",
    "strengthen the treatment of urban and rural domestic sewage",
    "strengthen the ecological restoration and renovation of mines",
    "improve the supervision of the ecological flow of small hydropower",
    "strengthen the environmental management of industrial parks",
    "speed up the improvement of black and odorous water bodies",
)
FILLER = (
    "The party group of the department attaches great importance to the rectification and "
    "regards it as a major political task.",
    "The responsible units clarified the responsible leaders, the specific responsible persons "
    "and the time limits of rectification.",
    "The rectification work has achieved remarkable results and the long-term mechanism has "
    "been further improved.",
    "The relevant departments strengthened coordination, studied major issues and promoted "
    "the implementation of the rectification tasks to the letter.",
    "Special supervision was carried out on the key and difficult issues, and the progress of "
    "the rectification was scheduled regularly.",
    "The awareness of the responsibility of the whole system for rectification has been "
    "effectively strengthened.",
    "We will continue to consolidate the results of the rectification and prevent the "
    "problems from rebounding.",
)
# Local documents a report may issue: {province} is filled with the province's bare name.
LOCAL_DOCUMENTS = (
    "Implementation Plan for the Rectification of the Feedback of the Central "
    "Eco-environmental Protection Inspection in {province}",
    "Measures for the Implementation of Eco-environmental Protection Supervision in {province}",
    "Work Plan for the Comprehensive Treatment of Key River Basins in {province}",
    "Action Plan for the Prevention and Control of Solid Waste Pollution in {province}",
)


_NAMES_A_PLACE = re.compile(
    r"River|Lake|Basin|Plateau|Sea\b|Bay\b|Yangtze|Yellow|Province|Region|Mountain|Project"
    r"|Area|Zone|Beijing|Tianjin|Hebei|Shanxi|Shaanxi|Mongolia|Liaoning|Jilin|Heilongjiang"
    r"|Shanghai|Fujian|Shandong|Guangdong|Hainan|Chongqing|Gansu|Qinghai|Ningxia|Xinjiang"
    r"|Xizang|Tibet|Hong Kong|Macao|Taiwan"
)


@lru_cache(maxsize=1)
def registry_titles() -> tuple[str, ...]:
    """English titles of the registry's national laws and regulations (cited by reports).

    Titles with digits are left out (their numbers would be figures the truth must list),
    and so are titles naming a place or a water body ("… of the Huai River Basin"), which
    the truth would have to list as mentions of those too.
    """
    titles = [
        entry.title_en
        for entry in default_registry()
        if entry.level in ("law", "administrative-regulation")
        and not any(ch.isdigit() for ch in entry.title_en)
        and not _NAMES_A_PLACE.search(entry.title_en)
    ]
    return tuple(sorted(titles))
