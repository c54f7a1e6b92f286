"""Chinese text for generated matters: titles, contents, replies and journal comments that read like
a city government's work, routed to the unit that would really handle them."""

from __future__ import annotations

import random

DISTRICTS = ["东城区", "西城区", "临江县", "高新区", "经开区"]
STREETS = ["人民路", "解放路", "建设大道", "中山路", "滨江路", "长青街", "文化路", "光明街", "胜利路", "和平路",
           "振兴大道", "新华街", "迎宾路", "青年路", "东风路", "幸福路", "朝阳街", "育才路", "民主路", "工业大道"]
ESTATES = ["阳光小区", "锦绣花园", "幸福家园", "翠湖苑", "金色港湾", "书香门第", "滨江一号", "和谐家园", "紫荆花园",
           "明珠花苑", "世纪新城", "丽景湾", "康乐小区", "北苑新村", "南湖雅居", "东方名城"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"

# (problem, the unit that handles it, a sentence of detail)
HOTLINE_PROBLEMS = [
    ("路灯不亮", "cgj", "夜间路段漆黑，行人和电动车通行存在安全隐患"),
    ("占道经营", "cgj", "流动摊贩长期占用人行道经营，早晚高峰行人只能走机动车道"),
    ("垃圾清运不及时", "cgj", "生活垃圾堆放多日无人清运，气味难闻，蚊蝇滋生"),
    ("违章搭建", "cgj", "楼顶私自加盖彩钢板房，存在安全隐患，影响邻居采光"),
    ("餐饮油烟扰民", "hbj", "临街餐馆未安装油烟净化设施，油烟直排居民楼"),
    ("夜间施工噪音", "hbj", "工地晚上十点以后仍在施工，噪音严重影响周边居民休息"),
    ("河道水体发黑发臭", "hbj", "河道水体发黑，夏季异味明显，疑有污水直排"),
    ("物业服务不到位", "zjj", "物业公司收费后不履行维修职责，电梯多次故障无人处理"),
    ("房屋漏水", "zjj", "新交付住房外墙渗水，多次联系开发商未予维修"),
    ("老旧小区改造进度慢", "zjj", "改造工程开工后长期停工，道路开挖未恢复，居民出行不便"),
    ("公交线路调整", "jtj", "公交线路调整后小区周边无站点，老人和学生出行困难"),
    ("出租车拒载", "jtj", "火车站出租车司机挑客拒载，议价现象突出"),
    ("道路破损", "jtj", "路面坑洼积水，多辆电动车在此摔倒"),
    ("自来水水压低", "swj", "高峰时段高层住户停水，已持续一周"),
    ("雨后道路积水", "swj", "每逢降雨路口积水严重，排水管网疑似堵塞"),
    ("拖欠工资", "rsj", "施工单位拖欠农民工工资三个月，多次讨要未果"),
    ("社保转移接续", "rsj", "养老保险关系转移手续办理时间过长，窗口答复不一致"),
    ("医保报销", "wjw", "异地就医费用报销流程不清楚，材料多次被退回"),
    ("医院排队时间长", "wjw", "门诊挂号排队时间过长，自助设备经常故障"),
    ("学位申请", "jyj", "按片区应入学的学校告知学位已满，家长要求说明划片依据"),
    ("校外培训收费", "jyj", "培训机构预收一年学费后关门，家长要求退费"),
    ("食品安全", "scj", "在超市购买的食品已过保质期，商家拒绝退换"),
    ("预付卡退费", "scj", "健身房突然停业，会员预付卡余额无法退还"),
    ("价格欺诈", "scj", "商铺标价与结算价格不一致，消费者要求查处"),
    ("养老服务补贴", "mzj", "高龄老人服务补贴申请后迟迟未发放"),
    ("低保申请", "mzj", "家庭困难申请最低生活保障，社区告知材料不全但未一次性告知"),
    ("交通信号灯设置不合理", "gaj", "路口绿灯时间过短，行人过街困难"),
    ("违法停车", "gaj", "小区出入口长期被违法停放车辆堵塞，消防通道不畅"),
    ("农村饮水安全", "nyj", "村里自来水浑浊，夏季多次停水"),
    ("土地承包纠纷", "nyj", "承包地被村集体收回后补偿标准不明确"),
    ("景区服务", "wlj", "景区门票价格与公示不一致，游客投诉服务态度差"),
    ("营业执照办理", "scj", "个体户营业执照变更登记需往返多次，要求一次办结"),
    ("招商引资政策兑现", "sww", "企业按协议落户后扶持资金至今未兑现"),
    ("项目审批", "fgw", "投资项目备案材料提交后长时间未答复"),
    ("规划调整", "zrj", "小区旁绿地被调整为商业用地，居民对规划调整有异议"),
    ("不动产登记", "zrj", "购房多年仍未办理不动产权证"),
    ("财政补助资金", "czj", "惠农补贴资金发放名单与实际不符"),
]

HOTLINE_OPENINGS = ["市民来电反映：", "市民通过市长信箱反映：", "网民留言反映：", "来电人反映：", "企业来电反映："]
HOTLINE_WISHES = ["希望有关部门尽快处理。", "请求相关部门核实并给予答复。", "要求尽快解决并回复处理结果。",
                  "希望加强日常监管，杜绝此类问题反复发生。", "请相关部门依法查处。"]

PETITION_PROBLEMS = [
    ("征地补偿款未足额发放", "zrj"), ("房屋征收安置房逾期未交付", "zjj"), ("劳动争议仲裁裁决未执行", "rsj"),
    ("拖欠工程款", "zjj"), ("企业改制职工安置", "rsj"), ("养老保险待遇核定", "rsj"), ("环境污染影响生产生活", "hbj"),
    ("城中村改造补偿", "zjj"), ("农村宅基地确权", "zrj"), ("医疗纠纷处理", "wjw"), ("集资房产权办理", "zjj"),
    ("退役军人待遇落实", "mzj"), ("民办学校退费", "jyj"), ("村务公开", "nyj"), ("交通事故赔偿", "gaj"),
]

TOPICS = [
    ("优化营商环境", "fgw"), ("城市更新行动", "zjj"), ("老旧小区改造", "zjj"), ("公交线网优化", "jtj"),
    ("黑臭水体治理", "swj"), ("大气污染防治", "hbj"), ("安全生产大检查", "scj"), ("根治欠薪", "rsj"),
    ("义务教育学位保障", "jyj"), ("养老服务体系建设", "mzj"), ("食品安全城市创建", "scj"), ("文明城市创建", "cgj"),
    ("乡村振兴重点项目", "nyj"), ("高标准农田建设", "nyj"), ("重点项目建设", "fgw"), ("财政资金直达", "czj"),
    ("就业创业扶持", "rsj"), ("背街小巷整治", "cgj"), ("防汛备汛", "swj"), ("智慧交通建设", "jtj"),
    ("全域旅游发展", "wlj"), ("基层医疗能力提升", "wjw"), ("社会治安综合治理", "gaj"), ("招商引资", "sww"),
    ("国土空间规划编制", "zrj"), ("消费品以旧换新", "sww"), ("一网通办", "fgw"), ("冬季供暖保障", "zjj"),
]
ISSUERS = ["省人民政府办公厅", "省发展和改革委员会", "省财政厅", "省生态环境厅", "省住房和城乡建设厅", "省交通运输厅",
           "省应急管理厅", "省人力资源和社会保障厅", "市委办公室", "市人大常委会办公室", "市政协办公室"]
DOC_TYPES = ["通知", "请示", "函", "意见", "报告", "批复", "通报", "纪要"]
SOURCES = ["市政府常务会议", "市长办公会议", "专题会议", "政府工作报告", "领导批示", "省政府督查"]


class Text:
    """Deterministic text from one random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.parts: tuple[str, ...] = ()  # the pieces the last title was made of (for per-piece caches)

    def place(self) -> str:
        r = self.rng
        return f"{r.choice(DISTRICTS)}{r.choice(STREETS)}{r.choice(ESTATES)}"

    def person(self) -> str:
        return f"{self.rng.choice(SURNAMES)}某某"

    def hotline(self) -> tuple[str, str, str]:
        r = self.rng
        problem, unit, detail = r.choice(HOTLINE_PROBLEMS)
        place = self.place()
        title = f"关于{place}{problem}的反映"
        self.parts = (place, f"{problem}。{detail}")
        content = (f"{r.choice(HOTLINE_OPENINGS)}{place}{problem}，{detail}，已持续{r.randint(2, 60)}天。"
                   f"{r.choice(HOTLINE_WISHES)}来电人{self.person()}，联系电话1{r.randint(3000000000, 9999999999)}。")
        return title, content, unit

    def petition(self) -> tuple[str, str, str]:
        r = self.rng
        problem, unit = r.choice(PETITION_PROBLEMS)
        title = f"{self.person()}等{r.randint(1, 12)}人反映{problem}问题"
        content = (f"信访人反映：{r.choice(DISTRICTS)}{r.choice(ESTATES)}{problem}，"
                   f"曾于{r.randint(2019, 2025)}年向有关部门反映，至今未得到解决。请求依法依规予以处理，"
                   f"并书面告知处理意见。信访人表示如不解决将继续上访。")
        return title, content, unit

    def supervision(self) -> tuple[str, str, str]:
        r = self.rng
        topic, unit = r.choice(TOPICS)
        source = r.choice(SOURCES)
        title = f"落实{source}关于{topic}的议定事项" if source.endswith("会议") else f"{source}：推进{topic}工作"
        content = (f"按照{source}部署，请{'牵头单位' if r.random() < 0.5 else '主办单位'}于规定时限内完成{topic}"
                   f"相关工作，明确时间表、路线图和责任人，每月底前报送进展情况，确保按期办结、取得实效。")
        return title, content, unit

    def document(self, incoming: bool) -> tuple[str, str, str]:
        r = self.rng
        topic, unit = r.choice(TOPICS)
        doc_type = r.choice(DOC_TYPES)
        issuer = r.choice(ISSUERS) if incoming else "市人民政府办公室"
        title = f"{issuer}关于{'做好' if r.random() < 0.5 else '进一步加强'}{topic}工作的{doc_type}"
        content = (f"各县（区）人民政府，市政府各部门：为深入贯彻落实党中央、国务院决策部署，推动{topic}工作"
                   f"取得新成效，经研究，现就有关事项{doc_type if doc_type == '通知' else '提出如下意见'}。"
                   f"一、提高思想认识。二、明确工作任务。三、强化组织保障。请结合实际认真贯彻执行。")
        return title, content, unit

    def generic(self, label: str) -> tuple[str, str, str]:
        r = self.rng
        topic, unit = r.choice(TOPICS)
        title = f"关于{topic}的{label}事项"
        content = f"请按照职责分工办理{topic}有关事项，在规定时限内将办理结果报送{label}主管科室。"
        return title, content, unit

    def for_kind(self, kind: str, label: str) -> tuple[str, str, str]:
        if kind == "hotline":
            return self.hotline()
        if kind == "petition":
            return self.petition()
        if kind == "supervision":
            return self.supervision()
        if kind in ("doc_in", "doc_out"):
            return self.document(incoming=kind == "doc_in")
        return self.generic(label)

    @staticmethod
    def hotline_parts():
        """Every piece a hotline title and text is made of, for caching per-piece work."""
        for district in DISTRICTS:
            for street in STREETS:
                for estate in ESTATES:
                    yield f"{district}{street}{estate}"
        for problem, _unit, detail in HOTLINE_PROBLEMS:
            yield f"{problem}。{detail}"

    def reply(self) -> str:
        r = self.rng
        return r.choice([
            "经现场核查，反映情况属实，已责成责任单位限期整改，目前已整改到位，并已电话告知诉求人。",
            "经核实，该问题已列入年度计划，预计年底前完成，已向诉求人做好解释说明。",
            "已组织执法人员现场处置，对相关责任主体依法立案查处，后续将加强日常巡查。",
            "经调查，反映问题部分属实，已协调有关方面落实解决，诉求人表示认可。",
            "已按照有关政策规定办理完毕，相关款项已于近日发放到位。",
            "已会同属地街道召开协调会，明确了责任分工和整改时限，将持续跟踪督办。",
        ])

    def progress(self) -> str:
        return self.rng.choice([
            "已制定工作方案，明确责任人和时间节点，正在按计划推进。",
            "已完成前期调查摸底，正在会同相关单位研究解决办法。",
            "已召开专题会议部署，相关整改工作完成约六成。",
            "受天气影响施工进度有所滞后，已增加人员力量，确保按期完成。",
        ])

    def comment(self) -> str:
        return self.rng.choice(["", "", "", "请按时限办理。", "请抓紧办理并及时反馈。", "同意。", "请主办单位牵头，协办单位积极配合。"])

    def reason(self) -> str:
        return self.rng.choice(["该事项不属于本单位职责范围，建议转交属地政府办理。",
                                "经核实，该问题涉及多个部门，建议明确牵头单位后再行交办。"])
