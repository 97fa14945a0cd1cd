"""The ducha ontology's terms as Python names, and where the ontology file is.

:class:`DUCHA` is a closed namespace in the manner of rdflib's ``ORG``: one typed attribute
per term of ``ontology/ducha.ttl``, so a misspelt term fails at once instead of minting a
wrong IRI. A test checks that this list and the Turtle file declare exactly the same terms;
add a term to both (and to ``ontology/CHANGELOG.md``).

>>> str(DUCHA.ReportedFigure)
'https://w3id.org/ducha/ontology#ReportedFigure'
>>> DUCHA.Reportedfigure
Traceback (most recent call last):
...
AttributeError: term 'Reportedfigure' not in namespace 'https://w3id.org/ducha/ontology#'
>>> str(DR["report/0123456789abcdef"])
'https://w3id.org/ducha/id/report/0123456789abcdef'
"""

from __future__ import annotations

import importlib.resources
import pathlib
from functools import cache

import rdflib
from ducha.loaders.errors import SchemaError
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = [
    "DR",
    "DUCHA",
    "ONTOLOGY_IRI",
    "VERSION_IRI",
    "load_ontology",
    "ontology_path",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/ducha/ontology")
VERSION_IRI = URIRef("https://w3id.org/ducha/ontology/0.3.0")

# Data IRIs (reports, figures, canonical entities) default to this base; see docs/data-model.md.
DR = Namespace("https://w3id.org/ducha/id/")


class DUCHA(DefinedNamespace):
    """The ducha ontology: eco-environmental inspection and rectification reports.

    Generated from ontology/ducha.ttl (labels in English / Chinese), grouped as declared.
    """

    _NS = Namespace("https://w3id.org/ducha/ontology#")
    _fail = True

    # owl:Class
    Report: URIRef  # Report / 报告
    Section: URIRef  # Section / 章节
    Part: URIRef  # Part / 部分
    Aspect: URIRef  # Aspect / 方面
    Problem: URIRef  # Problem / 问题
    Measure: URIRef  # Measure / 整改措施
    ItemList: URIRef  # Item list / 条目清单
    Mention: URIRef  # Mention / 提及
    StatedNumber: URIRef  # Stated number / 文中数字
    ReportedFigure: URIRef  # Reported figure / 报告数据
    UnreadableNumber: URIRef  # Unreadable number / 无法识读的数字
    Quantity: URIRef  # Counted thing / 统计对象
    Breakdown: URIRef  # Breakdown / 分项构成
    Inspection: URIRef  # Inspection / 督察
    InspectionGroup: URIRef  # Inspection group / 督察组
    PartyBody: URIRef  # Party body / 党组织
    GovernmentBody: URIRef  # Government body / 政府机构
    Enterprise: URIRef  # Enterprise / 企业
    Person: URIRef  # Person / 人员
    Regulation: URIRef  # Regulation or named document / 法规文件
    RegulationVersion: URIRef  # Regulation version / 法规版本
    Legislation: URIRef  # Legislation / 法律法规
    WaterBody: URIRef  # Water body / 水体
    River: URIRef  # River / 河流
    Lake: URIRef  # Lake / 湖泊
    Sea: URIRef  # Sea / 海
    Bay: URIRef  # Bay / 海湾
    Estuary: URIRef  # Estuary / 河口
    Reservoir: URIRef  # Reservoir / 水库
    Ditch: URIRef  # Ditch / 沟渠
    Canal: URIRef  # Canal / 运河
    Pond: URIRef  # Pond / 池塘
    Wetland: URIRef  # Wetland / 湿地
    Spring: URIRef  # Spring / 泉
    Place: URIRef  # Place / 地点
    AdministrativeDivision: URIRef  # Administrative division / 行政区划
    Province: URIRef  # Province / 省级行政区
    Prefecture: URIRef  # Prefecture or city / 地级行政区
    County: URIRef  # County / 县
    District: URIRef  # District / 市辖区
    Township: URIRef  # Township / 乡级行政区
    Village: URIRef  # Village / 村
    Park: URIRef  # Park / 园区
    ScenicSpot: URIRef  # Scenic spot / 风景名胜区
    NatureReserve: URIRef  # Nature reserve / 自然保护区

    # owl:ObjectProperty
    inReport: URIRef  # in report / 所属报告
    inPart: URIRef  # in part / 所属部分
    inAspect: URIRef  # in aspect / 所属方面
    addresses: URIRef  # addresses / 针对问题
    subMeasureOf: URIRef  # sub-measure of / 所属措施
    hasItem: URIRef  # has item / 包含条目
    unit: URIRef  # unit / 计量单位
    qualifier: URIRef  # qualifier / 限定词
    status: URIRef  # status / 完成状态
    quantity: URIRef  # quantity / 统计对象
    partOf: URIRef  # part of / 部分于
    breakdownOf: URIRef  # breakdown of / 分项对象
    hasPart: URIRef  # has part / 包含分项
    rateOf: URIRef  # rate of / 比率分子
    rateOver: URIRef  # rate over / 比率分母
    statedCount: URIRef  # stated count of / 所述数量
    changeOf: URIRef  # change of / 变化后数值
    changeFrom: URIRef  # change from / 变化前数值
    direction: URIRef  # direction / 变化方向
    mentionOf: URIRef  # mention of / 提及对象
    mentions: URIRef  # mentions / 提及
    issues: URIRef  # issues / 印发
    violates: URIRef  # violates / 违反
    citedIn: URIRef  # cited in / 被引用于
    implements: URIRef  # implements / 贯彻落实
    issuedBy: URIRef  # issued by / 发布机关
    documentType: URIRef  # document type / 文件类型
    level: URIRef  # level / 效力级别
    locatedIn: URIRef  # located in / 位于
    region: URIRef  # region / 地区
    mainProvince: URIRef  # main province / 主要省份
    answers: URIRef  # answers / 回应督察
    conductedBy: URIRef  # conducted by / 实施单位
    inspected: URIRef  # inspected / 被督察对象
    inspectionType: URIRef  # inspection type / 督察类型
    involves: URIRef  # involves / 涉及

    # owl:DatatypeProperty
    entryIntoForce: URIRef  # entry into force / 施行日期
    versionEvent: URIRef  # version event / 版本事件
    resolutionMethod: URIRef  # resolution method / 解析方法
    resolutionScore: URIRef  # resolution score / 解析得分
    number: URIRef  # number / 编号
    ordinal: URIRef  # ordinal / 序号
    value: URIRef  # value / 数值
    counts: URIRef  # counts / 计数内容
    accountabilityLevel: URIRef  # accountability level / 问责层级
    asOf: URIRef  # as of / 截至日期
    printedPrecision: URIRef  # printed precision / 小数位数
    cumulative: URIRef  # cumulative / 累计
    role: URIRef  # role / 提及角色
    adcode: URIRef  # administrative division code / 行政区划代码
    text: URIRef  # text / 正文
    language: URIRef  # language / 语言
    releaseTime: URIRef  # release time / 发布时间
    contact: URIRef  # contact / 联系方式
    signatory: URIRef  # signatory / 落款
    truncatedStart: URIRef  # truncated at start / 开头缺失
    truncatedEnd: URIRef  # truncated at end / 结尾缺失
    fileName: URIRef  # file name / 文件名
    round: URIRef  # round / 轮次
    batch: URIRef  # batch / 批次
    startDate: URIRef  # start date / 进驻日期
    endDate: URIRef  # end date / 结束日期
    feedbackDate: URIRef  # feedback date / 反馈日期
    check: URIRef  # check / 核查项
    expected: URIRef  # expected / 应为
    reported: URIRef  # reported / 报告值

    # owl:AnnotationProperty
    itemKind: URIRef  # item kind / 条目类型

    # skos:ConceptScheme
    statusScheme: URIRef  # Statuses / 完成状态
    qualifierScheme: URIRef  # Figure qualifiers / 数据限定词
    directionScheme: URIRef  # Directions of change / 变化方向
    unitScheme: URIRef  # Units / 计量单位
    documentTypeScheme: URIRef  # Document types / 文件类型
    levelScheme: URIRef  # Regulation levels / 效力级别
    inspectionTypeScheme: URIRef  # Inspection types / 督察类型

    # skos:Concept in ducha:statusScheme
    completed: URIRef  # completed / 已完成
    basicallyCompleted: URIRef  # basically completed / 基本完成
    inProgress: URIRef  # in progress / 正在推进
    completedInStages: URIRef  # completed in stages / 阶段性完成
    rectified: URIRef  # rectified / 已整改
    closed: URIRef  # closed after acceptance / 已销号
    onSchedule: URIRef  # on schedule / 序时推进
    longTerm: URIRef  # long-term / 长期坚持

    # skos:Concept in ducha:qualifierScheme
    exact: URIRef  # exact / 确数
    atLeast: URIRef  # at least / 以上
    approximately: URIRef  # approximately / 约
    atMost: URIRef  # at most / 以内

    # skos:Concept in ducha:directionScheme
    increase: URIRef  # increase / 增加
    decrease: URIRef  # decrease / 减少

    # skos:Concept in ducha:unitScheme
    count: URIRef  # count / 个
    yuan: URIRef  # yuan / 元
    usDollar: URIRef  # US dollar / 美元
    yuanPerTon: URIRef  # yuan per ton / 元/吨
    kilometre: URIRef  # kilometre / 公里
    metre: URIRef  # metre / 米
    squareKilometre: URIRef  # square kilometre / 平方公里
    squareMetre: URIRef  # square metre / 平方米
    hectare: URIRef  # hectare / 公顷
    mu: URIRef  # mu / 亩
    ton: URIRef  # ton / 吨
    tonPerDay: URIRef  # tons per day / 吨/日
    tonPerHour: URIRef  # tons per hour / 吨/小时
    tonPerYear: URIRef  # tons per year / 吨/年
    cubicMetre: URIRef  # cubic metre / 立方米
    cubicMetrePerDay: URIRef  # cubic metres per day / 立方米/日
    percent: URIRef  # percent / 百分比
    percentagePoint: URIRef  # percentage point / 百分点
    person: URIRef  # person / 人
    personTime: URIRef  # person-time / 人次
    year: URIRef  # year / 年
    day: URIRef  # day / 天
    kilogram: URIRef  # kilogram / 千克
    megawatt: URIRef  # megawatt / 兆瓦
    kilowatt: URIRef  # kilowatt / 千瓦
    kilowattHour: URIRef  # kilowatt-hour / 千瓦时
    milligramPerLitre: URIRef  # milligrams per litre / 毫克/升
    microgramPerCubicMetre: URIRef  # micrograms per cubic metre / 微克/立方米

    # skos:Concept in ducha:documentTypeScheme
    docLaw: URIRef  # law / 法
    docRegulation: URIRef  # regulations / 条例
    docPartyRegulation: URIRef  # Party regulation / 党内法规
    docRules: URIRef  # rules / 规定
    docMeasures: URIRef  # measures / 办法
    docPlan: URIRef  # plan / 规划
    docNotice: URIRef  # notice / 通知
    docOpinions: URIRef  # opinions / 意见
    docLetter: URIRef  # letter / 函
    docKeyPoints: URIRef  # key points / 要点
    docGuidelines: URIRef  # guidelines / 指南
    docProgramme: URIRef  # programme / 方案
    docScheme: URIRef  # scheme / 方案（体制）
    docStandard: URIRef  # standard / 标准
    docSystem: URIRef  # system / 制度
    docDecision: URIRef  # decision / 决定
    docOther: URIRef  # other document / 其他文件

    # skos:Concept in ducha:levelScheme
    levelLaw: URIRef  # law / 法律
    levelAdministrativeRegulation: URIRef  # administrative regulation / 行政法规
    levelPartyRegulation: URIRef  # Party regulation / 党内法规
    levelDepartmentalRule: URIRef  # departmental rule / 部门规章
    levelNormativeDocument: URIRef  # normative document / 规范性文件
    levelPlan: URIRef  # plan / 规划
    levelLocalRegulation: URIRef  # local regulation / 地方性法规
    levelLocalDocument: URIRef  # local document / 地方文件

    # skos:Concept in ducha:inspectionTypeScheme
    centralInspection: URIRef  # central eco-environmental inspection / 中央生态环境保护督察
    lookBack: URIRef  # look-back / 回头看
    specialInspection: URIRef  # special inspection / 专项督察
    provincialInspection: URIRef  # provincial inspection / 省级生态环境保护督察
    partyTour: URIRef  # Party inspection tour / 巡视
    meeCampaign: URIRef  # Ministry of Ecology and Environment supervision campaign / 督查


def ontology_path() -> pathlib.Path:
    """The installed ``ducha.ttl`` (OWL 2 in Turtle)."""
    resource = importlib.resources.files("ducha.ontology").joinpath("ducha.ttl")
    return pathlib.Path(str(resource))


@cache
def _parsed() -> rdflib.Graph:
    path = ontology_path()
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as error:
        raise SchemaError(
            f"cannot read the ontology {path}: {error}; reinstall ducha or fix the file"
        ) from error


def load_ontology() -> rdflib.Graph:
    """The ontology as a new rdflib graph (a copy: callers may add to it).

    Raises :class:`~ducha.loaders.errors.SchemaError` when the file is missing or broken.
    """
    graph = rdflib.Graph()
    for prefix, namespace in _parsed().namespaces():
        graph.bind(prefix, namespace)
    for triple in _parsed():
        graph.add(triple)
    return graph
