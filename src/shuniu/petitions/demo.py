"""Demo petitions (信访) over the last 12 months, in every state: letters, visits, a 集体访 of 12
people, repeated visits, items in 复查 and 复核, one refused after 复核, some overdue, many closed.

Every petition is registered and moved through the real services and transitions, each step at
its own time in the past, so journals, clocks, documents and statistics agree. To act "in the
past" the seeder sets the clock the services read (django.utils.timezone.now) for the duration of
each step — only here, never in the services. Idempotent: a petition whose title exists is skipped.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from shuniu.core.history import clock_at
from shuniu.matters import services as engine
from shuniu.matters.models import Matter
from shuniu.org.models import User
from shuniu.workdays.services import is_workday

from .forms import ID_CHECK, ID_WEIGHTS
from .services import register_petition
from .workflow import KIND


def _moment(days_ago: float, hour: int = 10) -> datetime.datetime:
    """A working day's office hour about `days_ago` days back (never in the future)."""
    now = timezone.now()
    day = timezone.localdate(now) - datetime.timedelta(days=int(days_ago))
    while not is_workday(day) and day < timezone.localdate(now):
        day += datetime.timedelta(days=1)
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
    return min(moment, now - datetime.timedelta(minutes=5))


def id_number(region: str, birth: str, seq: str) -> str:
    body = f"{region}{birth}{seq}"
    return body + ID_CHECK[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


@dataclass
class Step:
    days_ago: float
    action: str
    user: str
    data: dict = field(default_factory=dict)
    hour: int = 15


@dataclass
class Case:
    days_ago: float
    channel: str
    category: str
    name: str
    phone: str
    title: str
    content: str
    steps: list[Step] = field(default_factory=list)
    people: int = 1
    id_number: str = ""
    address: str = ""
    new_facts: bool = False


def _dispatch(days_ago, unit, mode="assign", assist=()):
    units = [{"unit": unit, "role": "lead"}] + [{"unit": a, "role": "assist"} for a in assist]
    return Step(days_ago, "dispatch", "xinfang", {"units": units, "mode": mode,
                                                   "comment": "请依法依规办理，按期书面答复信访人。"})


def _accept(days_ago, unit, comment=""):
    return Step(days_ago, "accept", f"{unit}_staff", {"comment": comment})


def _reply(days_ago, unit, outcome, text):
    return Step(days_ago, "reply", f"{unit}_staff", {"outcome": outcome, "reply": text})


def _handled(start, unit, outcome, text, took=25, mode="assign"):
    """Forwarded the day after registration, accepted within a week, answered `took` days later."""
    return [_dispatch(start - 1, unit, mode), _accept(start - 4, unit), _reply(start - 4 - took, unit, outcome, text)]


CHEMICAL = ("本人居住在城东新村小区，小区北侧的化工厂近一年来夜间排放刺鼻气体，门窗紧闭仍能闻到，居民夜不能寐，"
            "老人和孩子出现咳嗽、头晕等症状。曾多次向厂方反映未果，请求生态环境部门查处并责令限期整改。")

CASES = [
    Case(345, "letter", "suggestion", "周明远", "13512340001", "建议开通城北新区至高铁站直达公交线路",
         "城北新区入住居民已超过三万人，前往高铁站需换乘两次、耗时一个多小时。建议开通直达公交线路，早晚高峰加密班次。",
         _handled(345, "jtj", "support", "经客流调查，我局已将城北新区至高铁站直达线路纳入年度线网优化计划，"
                  "新线路（K28路）已于近期开通试运行，早晚高峰发车间隔10分钟。感谢你对城市公共交通的关心。")),
    Case(318, "visit", "claim", "陈国栋", "13612340002", "临江县滨江花园项目拖欠农民工工资",
         "我们12人在临江县滨江花园项目从事木工、钢筋工作业，工程主体完工已半年，劳务分包人拖欠工资共计36.8万元，"
         "多次讨要无果，春节临近，请求政府帮助追讨。",
         [_dispatch(317, "rsj", "assign", assist=("qx3", "zjj")), _accept(315, "rsj"), _accept(315, "qx3"),
          Step(265, "request_extension", "rsj_staff", {"days": 30, "reason": "涉及总承包单位、劳务分包人和建设单位三方责任认定，"
                                                                               "需调取工程款拨付凭证并组织三方对账，无法在60日内办结。"}),
          Step(264, "approve_extension", "rsj_head", {"comment": "同意延期30日，请加快对账进度。"}),
          _reply(240, "rsj", "support", "经市人社局劳动保障监察支队会同临江县、市住建局调查，劳务分包人拖欠工资属实。"
                 "已责令总承包单位先行垫付，36.8万元工资已于本月全额发放到位，对劳务分包人依法立案查处。")],
         people=12, id_number=id_number("532331", "19780512", "201"), address="临江县河口镇河口村三组"),
    Case(290, "online", "accusation", "杜晓红", "13712340003", "举报老城区某餐馆使用过期食材",
         "老城区解放路某川菜馆后厨长期使用过期调料和变质肉类，本人曾在该店打工，掌握具体情况，请求市场监管部门查处。",
         _handled(290, "scj", "support", "经市市场监管局执法人员突击检查，该餐馆后厨查获过期调料12批次、过期冻肉23公斤，"
                  "已依法立案处罚并责令停业整顿。对你的举报予以支持，并依规给予举报奖励。")),
    Case(262, "online", "claim", "王建华", "13912345678", "反映城东化工厂夜间排放刺鼻气体问题", CHEMICAL,
         [_dispatch(261, "hbj"), _accept(258, "hbj"),
          _reply(215, "hbj", "not_support", "经我局执法人员三次现场检查，并委托第三方检测机构对厂界废气开展监测，"
                 "各项污染物排放浓度均符合《大气污染物综合排放标准》，未发现超标排放行为。"),
          Step(200, "request_review", "xinfang", {"reason": "监测均在白天进行，不能反映夜间排放情况，请求复查。"}),
          Step(178, "decide_review", "xinfang", {"decision": "uphold", "opinion": "经复查，市生态环境局组织开展了夜间连续72小时"
                                                                                 "自动监测，排放浓度均达标，原处理意见事实清楚、依据充分。"}),
          Step(165, "request_recheck", "xinfang", {"reason": "对复查意见不服，请求复核。"}),
          Step(140, "decide_recheck", "xinfang", {"decision": "uphold", "opinion": "经复核，复查意见认定事实清楚，适用依据正确，"
                                                                                  "维持复查意见。"})],
         id_number=id_number("330102", "19650318", "113"), address="城东新村8栋302室"),
    Case(40, "visit", "claim", "王建华", "13912345678", "再次反映城东化工厂夜间排放刺鼻气体问题", CHEMICAL,
         id_number=id_number("330102", "19650318", "113"), address="城东新村8栋302室"),
    Case(236, "phone", "claim", "刘桂兰", "13812340005", "小区冬季供暖室温不达标",
         "阳光小区5栋今冬室温长期在14度左右，低于18度的标准，供热公司多次上门未解决，请求督促供热企业整改。",
         _handled(236, "zjj", "explain", "经市住建局会同供热企业入户测温，5栋室温偏低系楼内管网老化、水力失衡所致。"
                  "供热企业已完成管网平衡调节，复测室温19度，并按规定减免部分采暖费。", took=12)),
    Case(214, "letter", "claim", "孙德海", "13312340006", "征地补偿款未足额发放",
         "我村土地于前年被征收，村民反映补偿款与公告标准不一致，每亩少发约八千元，请求核查补发。",
         [_dispatch(213, "zrj", "forward"),
          Step(206, "decline", "zrj_head", {"reason": "你反映的征地补偿标准争议，已于今年向市人民政府申请行政复议并已受理，"
                                                      "依照《信访工作条例》规定，应当依照行政复议程序处理，本机关不予受理。"})],
         address="西城区石桥街道石桥村"),
    Case(196, "visit", "claim", "赵雅琴", "13412340007", "孩子就近入园难",
         "我家孩子今年满三岁，户籍和住房均在东城区幸福里社区，附近两所公办幼儿园均称学位已满，请求协调解决入园问题。",
         [_dispatch(195, "jtj"), Step(193, "return", "jtj_staff", {"reason": "学前教育学位安排属于教育部门职责，非本单位职责范围。"}),
          _dispatch(192, "jyj"), _accept(190, "jyj"),
          _reply(170, "jyj", "explain", "经市教育局协调东城区教育局，已为你的孩子安排东城区第三幼儿园学位。"
                 "我市今年新增公办学位1200个，后续将继续扩大普惠性学前教育资源。")]),
    Case(152, "visit", "claim", "钱永刚", "13212340008", "安置房逾期两年未交付",
         "我家房屋于三年前因旧城改造拆迁，协议约定18个月内交付安置房，至今已逾期两年仍未交付，过渡费也停发了，请求尽快交房。",
         [_dispatch(151, "zjj", "assign", assist=("qx1",)), _accept(148, "zjj"), _accept(147, "qx1"),
          _reply(96, "zjj", "support", "经核查，安置房项目因施工单位资金问题停工属实。市住建局已督促东城区政府更换施工单位，"
                 "项目已复工，预计明年6月交付；停发的过渡费已恢复发放并补发拖欠部分。"),
          Step(84, "request_review", "xinfang", {"reason": "交付时间仍不确定，请求明确具体交房日期并赔偿损失。"}),
          Step(60, "decide_review", "xinfang", {"decision": "uphold", "opinion": "经复查，原处理意见已明确复工安排和过渡费补发，"
                                                                                "对逾期交付的违约责任可依协议主张，维持原处理意见。"})],
         address="东城区幸福里12号"),
    Case(130, "visit", "claim", "钱永刚", "13212340008", "安置房逾期未交付再次来访",
         "安置房至今未交付，过渡费停发，再次来访要求尽快交房。",
         [Step(130, "close_as_repeat", "xinfang", {"comment": "你反映的安置房逾期交付问题已由市住建局受理，正在办理期限内，"
                                                               "请等待书面处理意见。"})], address="东城区幸福里12号"),
    Case(110, "visit", "claim", "钱永刚", "13212340008", "安置房逾期交付问题第三次来访",
         "第三次来访，要求尽快交付安置房，补发过渡费。",
         [Step(110, "close_as_repeat", "xinfang", {"comment": "该事项正在办理期限内，已向你告知办理进度，请等待书面处理意见。"})],
         address="东城区幸福里12号"),
    Case(75, "letter", "claim", "李淑珍", "13112340010", "医保报销申请被拒",
         "我母亲在省城三甲医院住院治疗，已按规定办理异地就医备案，但报销时被告知部分费用不予报销，请求重新核定。",
         [_dispatch(74, "rsj"), _accept(72, "rsj"),
          _reply(40, "rsj", "not_support", "经核查，不予报销的费用属于医保目录外自费药品和特需服务项目，"
                 "按照我市基本医疗保险规定不予支付。"),
          Step(20, "request_review", "xinfang", {"reason": "部分药品属于治疗必需，请求复查。"})]),
    Case(120, "online", "claim", "吴德胜", "15012340011", "养老保险待遇核定有误",
         "本人去年退休，养老金核定时未计入1990年至1995年在国有企业的工龄，每月少发约600元，请求重新核定。",
         [_dispatch(119, "rsj"), _accept(117, "rsj"),
          _reply(80, "rsj", "not_support", "经查阅档案，1990年至1995年期间无劳动合同、工资发放和缴费记录，"
                 "暂不能认定为视同缴费年限。"),
          Step(65, "request_review", "xinfang", {"reason": "可提供当年同事证明和工作证。"}),
          Step(45, "decide_review", "xinfang", {"decision": "uphold", "opinion": "经复查，同事证明和工作证不能替代档案记载，维持原处理意见。"}),
          Step(25, "request_recheck", "xinfang", {"reason": "对复查意见不服，请求复核。"})]),
    Case(95, "letter", "claim", "郑玉梅", "15112340012", "低保资格被取消",
         "我家因丈夫重病丧失劳动能力，一直享受低保，今年复核时被取消，请求恢复低保待遇。",
         [_dispatch(94, "mzj"), _accept(91, "mzj"),
          _reply(60, "mzj", "not_support", "经入户核查，你家庭成员名下有登记车辆一辆、商铺一间，家庭财产超过低保认定标准。"),
          Step(45, "request_review", "xinfang", {"reason": "车辆已报废，商铺为租赁，请求复查。"}),
          Step(22, "decide_review", "xinfang", {"decision": "change", "outcome": "support",
                                                "opinion": "经复查，涉案车辆已办理报废注销，商铺为租赁经营，原认定事实有误。"
                                                           "责成市民政局恢复你家低保待遇并补发停发期间低保金。"})]),
    Case(20, "visit", "claim", "冯海燕", "15212340013", "小区旁建筑工地夜间违规施工",
         "锦绣华庭小区南侧建筑工地每天晚上十点后仍在打桩施工，噪声扰民严重，向城管热线反映后仍未停止。",
         address="东城区锦绣华庭3栋"),
    Case(26, "phone", "claim", "褚文涛", "15312340014", "医院检查收费不合理",
         "在市第二人民医院就诊时，同一项检查被重复收费两次，与医院交涉未果，请求卫生健康部门核查退费。",
         [_dispatch(25, "wjw")]),
    Case(80, "fax", "claim", "临江县宏达机械有限公司", "07561234567", "企业技改补贴资金逾期未拨付",
         "我公司去年技术改造项目已通过验收并列入补贴名单，补贴资金120万元至今未拨付，影响企业资金周转，请求尽快拨付。",
         [_dispatch(79, "czj", "assign", assist=("fgw",)), _accept(77, "czj")]),
    Case(12, "visit", "claim", "卫东升", "15512340016", "出租车份子钱过高",
         "我们是城区出租车驾驶员，公司收取的承包费（份子钱）每月高达6500元，加上油价上涨，收入难以维持生活，"
         "请求主管部门规范承包费标准。",
         [_dispatch(11, "jtj"), _accept(8, "jtj")], people=6, address="西城区客运公司家属院"),
    Case(55, "online", "claim", "蒋雪芬", "15612340017", "老旧小区加装电梯审批慢",
         "我们幸福小区2栋已有三分之二以上业主同意加装电梯并筹齐资金，申请材料提交四个月仍未审批，请求加快办理。",
         [_dispatch(54, "zjj"), _accept(52, "zjj"),
          Step(3, "request_extension", "zjj_staff", {"days": 20, "reason": "低层业主对采光影响提出异议，需组织听证协商，"
                                                                           "无法在原定期限内办结。"})]),
    Case(2, "visit", "claim", "韩立军", "15712340018", "农村宅基地确权登记遗漏",
         "我家宅基地在确权登记时被遗漏，导致无法办理不动产权证，请求补办。", people=3, address="临江县河口镇河口村五组"),
    Case(160, "online", "suggestion", "许静怡", "15812340019", "建议滨江公园增设公共厕所",
         "滨江公园晨练和散步的市民很多，但公园内只有一处公厕，且距离健身广场较远，建议增设公共厕所。",
         _handled(160, "cgj", "support", "市城管局已将滨江公园公厕建设纳入今年城市公厕提升工程，"
                  "健身广场旁新建公厕已投入使用。", took=65)),
    Case(185, "letter", "accusation", "何志远", "15912340020", "举报村干部侵占集体土地流转收益",
         "临江县河口村村委会主任将村集体土地流转收益约45万元以个人名义存入银行，长期不公开账目，请求查处。",
         _handled(185, "qx3", "support", "经临江县纪委监委和农业农村部门调查，举报反映问题基本属实，"
                  "已责令退回集体收益并在村务公开栏公示，相关责任人已被立案审查。", took=45, mode="forward")),
    Case(100, "phone", "suggestion", "吕春燕", "18812340021", "建议在学校周边增设限速标志和减速带",
         "实验小学门口道路车速快，上下学时段学生过马路存在安全隐患，建议增设限速标志、减速带和护学岗。",
         _handled(100, "jtj", "support", "市交通运输局会同公安交警部门已在实验小学周边增设限速30公里标志、"
                  "减速带两处，并在上下学时段安排护学岗。", took=18)),
    Case(175, "visit", "claim", "施国平", "18912340022", "小区物业擅自提高物业费",
         "金色家园物业公司未经业主大会同意，将物业费从每平方米1.2元提高到1.8元，请求主管部门纠正。",
         _handled(175, "zjj", "explain", "经核查，物业合同约定收费标准调整须经业主大会表决，物业公司的调价行为不符合约定，"
                  "已责令其暂停执行新标准，并指导业主委员会依法协商。", took=20), people=5,
         address="西城区金色家园"),
    Case(68, "online", "claim", "曹丽华", "17712340023", "失业保险金申领被拒",
         "本人因公司裁员失业，申领失业保险金时被告知缴费不满一年，但本人在前一单位已缴费三年，请求核实。",
         _handled(68, "rsj", "support", "经核查，你在前一单位的缴费记录因单位转移未合并，现已完成合并，"
                  "失业保险金已核定并按月发放。", took=15)),
    Case(83, "visit", "claim", "严振华", "17812340024", "城中村改造补偿标准不一",
         "同一村组、同类房屋，补偿标准相差较大，请求公开补偿标准并重新评估。",
         [_dispatch(82, "zrj", "assign", assist=("qx2",)), _accept(79, "zrj")], people=8,
         address="西城区石桥街道东村"),
]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _register(case: Case) -> Matter:
    data = {
        "channel": case.channel, "category": case.category, "petitioner_name": case.name,
        "petitioner_phone": case.phone, "petitioner_id_number": case.id_number,
        "petitioner_address": case.address, "people_count": case.people, "title": case.title,
        "content": case.content, "new_facts": case.new_facts,
    }
    moment = _moment(case.days_ago, hour=9)
    with clock_at(moment):
        return register_petition(_user("xinfang"), data, received_at=moment)


def seed(password: str, stdout=None) -> None:
    made = 0
    for case in sorted(CASES, key=lambda c: -c.days_ago):
        if Matter.objects.filter(kind=KIND, title=case.title).exists():
            continue
        matter = _register(case)
        for step in case.steps:
            with clock_at(_moment(step.days_ago, step.hour)):
                engine.perform(matter, step.action, _user(step.user), step.data)
        made += 1
    if stdout:
        total = Matter.objects.filter(kind=KIND).count()
        stdout.write(f"信访：新增 {made} 件，共 {total} 件。")
