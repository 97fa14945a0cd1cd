"""English names of Chinese places, water bodies and enterprises as machine translation prints them.

Tables of public facts (province names, ethnic-group names in official English), the words
that end a place, water-body or enterprise name, and the checks that tell a romanised
Chinese name ("Shahu", "Yangjiahegou") from an English word. The logic that uses them is
language-neutral and lives in :mod:`ducha.loaders.gazetteer`, :mod:`ducha.loaders.places`,
:mod:`ducha.loaders.waters` and :mod:`ducha.loaders.enterprises`.
"""

from __future__ import annotations

import re
from typing import Final


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string, to keep long word lists readable."""
    return frozenset(text.split())


__all__ = [
    "ADMIN_SUFFIXES",
    "CHAR_READINGS",
    "COUNTY_SUFFIXES",
    "ENTERPRISE_HEADS",
    "ETHNIC_GROUPS",
    "ETHNIC_VARIANTS",
    "GENERIC_WORDS",
    "LEAD_WORDS",
    "NOT_FIRM_WORDS",
    "NOT_WATER_AFTER",
    "PROVINCES",
    "ROMANISATION_OVERRIDES",
    "SURNAMES",
    "WATER_CANONICAL",
    "WATER_HEADS",
    "WATER_HEAD_NAMES",
    "WATER_SUFFIXES",
    "ZONE_WORDS",
    "is_pinyin",
    "name_key",
    "pinyin_syllables",
]

# Province-level divisions: adcode -> (canonical English name, other English forms).
# Every form is matched case-insensitively after a capitalised first word.
PROVINCES: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    "110000": ("Beijing", ("Beijing Municipality", "Beijing City")),
    "120000": ("Tianjin", ("Tianjin Municipality", "Tianjin City")),
    "130000": ("Hebei Province", ("Hebei",)),
    "140000": ("Shanxi Province", ("Shanxi",)),
    "150000": (
        "Inner Mongolia Autonomous Region",
        ("Inner Mongolia", "Nei Mongol", "Nei Mongol Autonomous Region"),
    ),
    "210000": ("Liaoning Province", ("Liaoning",)),
    "220000": ("Jilin Province", ("Jilin",)),
    "230000": ("Heilongjiang Province", ("Heilongjiang",)),
    "310000": ("Shanghai", ("Shanghai Municipality", "Shanghai City")),
    "320000": ("Jiangsu Province", ("Jiangsu",)),
    "330000": ("Zhejiang Province", ("Zhejiang",)),
    "340000": ("Anhui Province", ("Anhui",)),
    "350000": ("Fujian Province", ("Fujian",)),
    "360000": ("Jiangxi Province", ("Jiangxi",)),
    "370000": ("Shandong Province", ("Shandong",)),
    "410000": ("Henan Province", ("Henan",)),
    "420000": ("Hubei Province", ("Hubei",)),
    "430000": ("Hunan Province", ("Hunan",)),
    "440000": ("Guangdong Province", ("Guangdong",)),
    "450000": (
        "Guangxi Zhuang Autonomous Region",
        ("Guangxi", "Guangxi Autonomous Region", "Guangxi Province"),
    ),
    "460000": ("Hainan Province", ("Hainan",)),
    "500000": ("Chongqing", ("Chongqing Municipality", "Chongqing City")),
    "510000": ("Sichuan Province", ("Sichuan",)),
    "520000": ("Guizhou Province", ("Guizhou",)),
    "530000": ("Yunnan Province", ("Yunnan",)),
    "540000": (
        "Tibet Autonomous Region",
        ("Tibet", "Xizang", "Xizang Autonomous Region"),
    ),
    "610000": ("Shaanxi Province", ("Shaanxi",)),
    "620000": ("Gansu Province", ("Gansu",)),
    "630000": ("Qinghai Province", ("Qinghai",)),
    "640000": (
        "Ningxia Hui Autonomous Region",
        ("Ningxia", "Ningxia Autonomous Region", "Ningxia Hui"),
    ),
    "650000": (
        "Xinjiang Uygur Autonomous Region",
        (
            "Xinjiang",
            "Xinjiang Autonomous Region",
            "Xinjiang Uyghur Autonomous Region",
            "Xinjiang Uighur Autonomous Region",
        ),
    ),
    "710000": ("Taiwan", ("Taiwan Province",)),
    "810000": (
        "Hong Kong Special Administrative Region",
        ("Hong Kong", "Hong Kong SAR", "HKSAR"),
    ),
    "820000": (
        "Macao Special Administrative Region",
        ("Macao", "Macau", "Macao SAR", "Macau SAR"),
    ),
}

# Ethnic groups as they appear inside autonomous prefecture/county/banner names, in the
# spelling of the official English names (Buyei, not Buyi; Uygur, not Weiwuer).
ETHNIC_GROUPS: Final[dict[str, str]] = {
    "汉族": "Han", "蒙古族": "Mongol", "回族": "Hui", "藏族": "Tibetan", "维吾尔族": "Uygur",
    "苗族": "Miao", "彝族": "Yi", "壮族": "Zhuang", "布依族": "Buyei", "朝鲜族": "Korean",
    "满族": "Manchu", "侗族": "Dong", "瑶族": "Yao", "白族": "Bai", "土家族": "Tujia",
    "哈尼族": "Hani", "哈萨克族": "Kazak", "傣族": "Dai", "黎族": "Li", "傈僳族": "Lisu",
    "佤族": "Va", "畲族": "She", "高山族": "Gaoshan", "拉祜族": "Lahu", "水族": "Shui",
    "东乡族": "Dongxiang", "纳西族": "Naxi", "景颇族": "Jingpo", "柯尔克孜族": "Kirgiz",
    "土族": "Tu", "达斡尔族": "Daur", "仫佬族": "Mulao", "羌族": "Qiang", "布朗族": "Blang",
    "撒拉族": "Salar", "毛南族": "Maonan", "仡佬族": "Gelao", "锡伯族": "Xibe",
    "阿昌族": "Achang", "普米族": "Pumi", "塔吉克族": "Tajik", "怒族": "Nu",
    "乌孜别克族": "Uzbek", "俄罗斯族": "Russian", "鄂温克族": "Ewenki", "德昂族": "Deang",
    "保安族": "Bonan", "裕固族": "Yugur", "京族": "Gin", "塔塔尔族": "Tatar",
    "独龙族": "Derung", "鄂伦春族": "Oroqen", "赫哲族": "Hezhen", "门巴族": "Monba",
    "珞巴族": "Lhoba", "基诺族": "Jino",
}  # fmt: skip

# Other English spellings of ethnic-group names that translations print in division names
# ("Bayingolin Mongolian Autonomous Prefecture", "Ili Kazakh ...", "Qiannan Buyi ...").
ETHNIC_VARIANTS: Final[dict[str, tuple[str, ...]]] = {
    "Mongol": ("Mongolian",), "Kazak": ("Kazakh",), "Uygur": ("Uyghur", "Uighur"),
    "Buyei": ("Buyi", "Bouyei"), "Kirgiz": ("Kyrgyz", "Kirghiz"), "Ewenki": ("Evenki",),
    "Xibe": ("Xibo",), "Gin": ("Jing",), "Va": ("Wa",), "Deang": ("De'ang",),
    "Bonan": ("Baoan",), "Yugur": ("Yugu",), "Mulao": ("Mulam",), "Gelao": ("Gelo",),
    "Derung": ("Dulong",), "Oroqen": ("Orochen",), "Jino": ("Jinuo",), "Salar": ("Sala",),
    "Blang": ("Bulang",), "Jingpo": ("Jingpho",), "Lhoba": ("Luoba",), "Monba": ("Menba",),
    "Hezhen": ("Hezhe",), "Shui": ("Sui",),
}  # fmt: skip

# Division-name endings, longest first: Chinese suffix -> (subtype, English head word).
# The subtype follows the Entity.subtype vocabulary of places.
ADMIN_SUFFIXES: Final[tuple[tuple[str, str, str], ...]] = (
    ("自治州", "prefecture", "Autonomous Prefecture"),
    ("自治县", "county", "Autonomous County"),
    ("自治旗", "county", "Autonomous Banner"),
    ("地区", "prefecture", "Prefecture"),
    ("林区", "county", "Forestry District"),
    ("特区", "county", "Special District"),
    ("新区", "district", "New Area"),
    ("市", "city", "City"),
    ("县", "county", "County"),
    ("区", "district", "District"),
    ("旗", "county", "Banner"),
    ("盟", "prefecture", "League"),
)

# English heads whose bare name ("Songtao") is a weak form: it needs the report to name
# the division's province or prefecture before it counts (see places.py).
COUNTY_SUFFIXES: Final[frozenset[str]] = frozenset(
    {"County", "District", "Banner", "Autonomous County", "Autonomous Banner", "New Area"}
)

# Whole names whose reading pypinyin gets wrong. Names transcribed from another language
# ("Urumqi") are in :data:`~ducha.loaders.lang.en.exonyms.EXONYMS`, which keeps the pinyin.
ROMANISATION_OVERRIDES: Final[dict[str, str]] = {
    "朝阳": "Chaoyang", "都匀": "Duyun", "陕西": "Shaanxi", "厦门": "Xiamen", "长沙": "Changsha",
    "铅山": "Yanshan", "番禺": "Panyu", "蚌埠": "Bengbu", "六安": "Lu'an",
    "重庆": "Chongqing", "蔚": "Yu", "单": "Shan", "漯河": "Luohe", "长治": "Changzhi",
    "郫都": "Pidu", "涡阳": "Guoyang", "洪洞": "Hongtong", "繁峙": "Fanshi", "筠连": "Junlian",
    "浚": "Xun", "六合": "Luhe", "乐陵": "Laoling", "乐亭": "Laoting", "乐清": "Yueqing",
    "长子": "Zhangzi", "闵行": "Minhang",
}  # fmt: skip

# Characters whose reading in place names differs from pypinyin's usual choice for them
# (都 is dū in Chengdu, Ningdu, Huadu; 长 is cháng in Changting, Changning).
# 什, 勒 and 珲 are shí, lè and hún in place names (Atushi, Kuerle, Hunchun).
CHAR_READINGS: Final[dict[str, str]] = {
    "都": "du", "长": "chang", "乐": "le", "什": "shi", "勒": "le", "珲": "hun",
}  # fmt: skip

# Common Chinese surnames in pinyin: a capitalised surname just before a name means a person
# ("Mao Dongli", "Chen Liang"), so the name is not a place or a river.
SURNAMES: Final[frozenset[str]] = _words(
    """Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo
    Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Cai Jiang
    Yu Du Ye Cheng Su Wei Lu Ding Ren Shen Yao Jin Fu Zhong Cui Tan Fan Wan Shi Jia Xia Fang
    Qiu Hou Bai Meng Long Duan Lei Qian Tang Yin Yi Kong Kang Mao Hao Gu Qin Niu Wen Xiong
    Xue Yan Qi Dai Mo Shao Chang Pang Zou Xiang Lai Jiao Shang Xi Bi Ge Gong Hua"""
)

# Capitalised words that start a sentence or qualify a common noun; never the first word of
# a proper name ("Key River Basins", "The River", "All Lakes").
GENERIC_WORDS: Final[frozenset[str]] = _words(
    """a an the this that these those its their our all each every any some many other
    another such key major main important relevant related local big small large great
    national provincial municipal urban rural county city district village township town
    black odorous polluted surrounding nearby upper lower middle first second third fourth
    fifth one two three four five six seven eight nine ten several various both
    and or of in on at to for from by with along across near into over under around
    central region regional river rivers lake lakes sea seas basin basins reservoir
    reservoirs ditch ditches water waters key-river domestic industrial new old
    project projects company companies enterprise enterprises group groups plant plants
    factory factories facility facilities station stations mine mines park parks
    province provinces autonomous administrative special economic development
    chinese china party government department bureau committee inspection supervision
    environmental ecological environment ecology protection treatment pollution sewage
    rectification construction management comprehensive"""
)

# Words that say what kind of zone or park a place is, never which one: "Technological
# Development Zone" alone names no place.
ZONE_WORDS: Final[frozenset[str]] = _words(
    """technological technology high-tech hi-tech science scientific agricultural tourism
    tourist cultural bonded modern energy chemical"""
)

# Words that make a "Group" or "Office" a body of the Party or the state, not a firm.
NOT_FIRM_WORDS: Final[frozenset[str]] = _words(
    """party inspection inspector inspectors inspectorate supervision supervisory leading
    working expert study center centre theoretical guidance task team office committee
    commission department bureau ministry government administration people's discipline
    steering coordination investigation research special work fund eighth ninth tenth
    eco-environmental central learning democratic"""
)

# Capitalised words that open a sentence before a name, never part of it.
LEAD_WORDS: Final[frozenset[str]] = _words(
    """the a an in at on for from by with when while as since although after before during
    under to all each every this that these those its their our some other such first
    second third fourth fifth sixth one two three four five six seven eight nine ten
    promote build start complete later then meanwhile also besides moreover however
    finally now today currently recently previously earlier subsequently furthermore
    therefore thus hence"""
)

# Water-body head words (lower case) -> subtype. "Basin"/"basin" after a river makes the
# phrase an alias of the river, not a new thing.
WATER_HEADS: Final[dict[str, str]] = {
    "river": "river", "rivers": "river", "lake": "lake", "lakes": "lake", "sea": "sea",
    "bay": "bay", "reservoir": "reservoir", "ditch": "ditch", "gully": "ditch",
    "creek": "river", "stream": "river", "canal": "canal", "wetland": "wetland",
    "spring": "spring", "pond": "pond", "estuary": "estuary",
}  # fmt: skip

# The English head of a canonical water-body name, by subtype.
WATER_HEAD_NAMES: Final[dict[str, str]] = {
    "river": "River", "lake": "Lake", "sea": "Sea", "bay": "Bay", "reservoir": "Reservoir",
    "ditch": "Ditch", "canal": "Canal", "wetland": "Wetland", "spring": "Spring",
    "pond": "Pond", "estuary": "Estuary",
}  # fmt: skip

# Words after "<Name> River" that make the phrase a region, a project or an office rather
# than the water body: "Yangtze River Economic Belt", "Bing'an Reservoir Project".
NOT_WATER_AFTER: Final[frozenset[str]] = _words(
    """economic delta project dam hydropower power station chief company group bridge
    road street protection-law district county city area"""
)

# Canonical names of water bodies known under several English names (keys are the
# lower-cased canonical form ducha would otherwise build).
WATER_CANONICAL: Final[dict[str, str]] = {
    "changjiang river": "Yangtze River", "chang river": "Yangtze River",
    "huang river": "Yellow River", "zhu river": "Pearl River", "lake tai": "Tai Lake",
    "lake taihu": "Tai Lake", "dianchi lake": "Dian Lake", "dianchi": "Dian Lake",
    "erhai lake": "Erhai Lake", "er lake": "Erhai Lake", "bo sea": "Bohai Sea",
    "bohai": "Bohai Sea",
}  # fmt: skip

# Romanised suffixes that make one word a water body: Chinese 河/湖/沟/湾 (domain.md §4).
WATER_SUFFIXES: Final[dict[str, str]] = {"gou": "ditch", "he": "river", "hu": "lake", "wan": "bay"}

# Enterprise and project name endings -> subtype; matched case-sensitively, longest first.
ENTERPRISE_HEADS: Final[tuple[tuple[str, str], ...]] = (
    (r"Co\.,? ?Ltd\.?", "company"),
    (r"Company Limited", "company"),
    (r"Corporation of China", "group"),
    (r"Group Co\b\.?", "group"),
    (r"Group Corporation", "group"),
    (r"Corporation", "company"),
    (r"Corp\.", "company"),
    (r"Group", "group"),
    (r"Company", "company"),
    (r"Plant", "plant"),
    (r"Factory", "plant"),
    (r"Hydropower Station", "plant"),
    (r"Power Station", "plant"),
    (r"Mines?", "mine"),
    (r"Project", "project"),
    (r"(?:real estate |construction )?project", "project"),
    (r"Facility", "project"),
    (r"Dam", "project"),
)

_INITIALS = "zh|ch|sh|b|p|m|f|d|t|n|l|g|k|h|j|q|x|r|z|c|s|y|w"
_FINALS = (
    "iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|"
    "ia|ie|iu|ua|uo|ui|ue|ve|vn|a|o|e|i|u|v"
)
_SYLLABLE = rf"(?:{_INITIALS})?(?:{_FINALS})"
_PINYIN_WORD = re.compile(rf"(?:{_SYLLABLE})+", re.IGNORECASE)
_SYLLABLES = re.compile(_SYLLABLE, re.IGNORECASE)
_ENGLISH_LOOKALIKES: Final[frozenset[str]] = _words(
    """the she he we me be an in on a i go so no to do ban bang hang long sun
    man men pan pen ten den hen one gone bone tone zone lone shone shin thin
    chin tan bin din fan fin gin kin pin sin tin win yen wan"""
)


def is_pinyin(word: str) -> bool:
    """True when ``word`` (apostrophes allowed) splits wholly into Hanyu Pinyin syllables.

    >>> is_pinyin("Yangjiahegou"), is_pinyin("Bing'an"), is_pinyin("Moon")
    (True, True, False)
    """
    plain = word.replace("'", "").replace("’", "")
    if len(plain) < 2 or plain.lower() in _ENGLISH_LOOKALIKES:
        return False
    return all(_PINYIN_WORD.fullmatch(part) for part in re.split("['’]", word) if part)


def pinyin_syllables(word: str) -> list[str]:
    """A greedy split of a pinyin word into syllables ("Shahu" -> ["Sha", "hu"]).

    Greedy left-to-right matching can take a syllable too long ("Xian" is "Xi'an" or
    "Xian"); callers use it only to find a suffix syllable, where that does not matter.
    """
    return _SYLLABLES.findall(word.replace("'", "").replace("’", ""))


_NON_KEY = re.compile(r"[^0-9a-z]+")


def name_key(name: str) -> str:
    """The stable key (slug) of a canonical English name.

    Apostrophes vanish inside romanised names so "Bing'an" and "Bingan" share a key.

    >>> name_key("Bing'an Reservoir"), name_key("Guangxi Yinyi New Materials Co., Ltd.")
    ('bingan-reservoir', 'guangxi-yinyi-new-materials-co-ltd')
    """
    plain = name.lower().replace("'", "").replace("’", "")
    return _NON_KEY.sub("-", plain).strip("-")
