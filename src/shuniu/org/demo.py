"""The demo office of DEMO.md: its units, people, posts, portfolios and delegations."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .models import AdminRole, Delegation, Membership, OfficeRole, Portfolio, Role, Secrecy, Unit, User

GOVERNMENT = [("szf", "市人民政府", "市政府", Unit.Kind.GOVERNMENT, None)]
OFFICE = [("szfb", "市政府办公室", "市政府办", Unit.Kind.OFFICE, "szf")]
SECTIONS = [
    ("mc1", "秘书一科"),
    ("mc2", "秘书二科"),
    ("zhk", "综合科"),
    ("dck", "督查科"),
    ("xxk", "信息科"),
    ("jys", "机要室"),
    ("xfk", "信访科"),
    ("rxb", "市长公开电话办公室"),
    ("gkk", "政务公开科"),
    ("zbs", "总值班室"),
    ("das", "档案室"),
]
DEPARTMENTS = [
    ("fgw", "发展和改革委员会", "市发展改革委", "主任"),
    ("jyj", "教育局", "市教育局", "局长"),
    ("gaj", "公安局", "市公安局", "局长"),
    ("mzj", "民政局", "市民政局", "局长"),
    ("czj", "财政局", "市财政局", "局长"),
    ("rsj", "人力资源和社会保障局", "市人社局", "局长"),
    ("zrj", "自然资源和规划局", "市自然资源规划局", "局长"),
    ("hbj", "生态环境局", "市生态环境局", "局长"),
    ("zjj", "住房和城乡建设局", "市住房城乡建设局", "局长"),
    ("jtj", "交通运输局", "市交通运输局", "局长"),
    ("swj", "水务局", "市水务局", "局长"),
    ("nyj", "农业农村局", "市农业农村局", "局长"),
    ("sww", "商务局", "市商务局", "局长"),
    ("wlj", "文化和旅游局", "市文化旅游局", "局长"),
    ("wjw", "卫生健康委员会", "市卫生健康委", "主任"),
    ("scj", "市场监督管理局", "市市场监管局", "局长"),
    ("cgj", "城市管理局", "市城管局", "局长"),
]
COUNTIES = [("qx1", "东城区", "区长"), ("qx2", "西城区", "区长"), ("qx3", "临江县", "县长")]

PORTFOLIOS = {
    "vmayor1": ("常务副市长", "发展改革、财政、人力资源社会保障、商务、市场监管", ["fgw", "czj", "rsj", "sww", "scj"]),
    "vmayor2": ("副市长", "自然资源规划、住房城乡建设、交通运输、城市管理、水务", ["zrj", "zjj", "jtj", "cgj", "swj"]),
    "vmayor3": ("副市长", "教育、卫生健康、文化旅游、民政", ["jyj", "wjw", "wlj", "mzj"]),
    "vmayor4": ("副市长", "公安、生态环境、农业农村", ["gaj", "hbj", "nyj"]),
}

# Fixed, realistic names so screenshots and tests read the same every time.
NAMED = {
    "admin": ("赵建国", None),
    "secadmin": ("钱立新", None),
    "auditor": ("孙慧敏", None),
    "mayor": ("李正华", ("szf", Role.PRINCIPAL_LEADER, "市长")),
    "vmayor1": ("周国强", ("szf", Role.DEPUTY_LEADER, "常务副市长")),
    "vmayor2": ("吴建平", ("szf", Role.DEPUTY_LEADER, "副市长")),
    "vmayor3": ("郑丽娟", ("szf", Role.DEPUTY_LEADER, "副市长")),
    "vmayor4": ("王志刚", ("szf", Role.DEPUTY_LEADER, "副市长")),
    "director": ("冯德明", ("szfb", Role.OFFICE_DIRECTOR, "市政府办公室主任")),
    "deputy_director": ("陈晓燕", ("szfb", Role.OFFICE_DEPUTY_DIRECTOR, "市政府办公室副主任")),
    "mishu": ("褚文博", ("mc1", Role.SECRETARY, "秘书")),
    "duban": ("卫明辉", ("dck", Role.HANDLER, "督查专员")),
    "xinxi": ("蒋雪梅", ("xxk", Role.HANDLER, "信息员")),
    "jiyao": ("沈国华", ("jys", Role.HANDLER, "机要员")),
    "xinfang": ("韩春生", ("xfk", Role.HANDLER, "信访接待员")),
    "rexian": ("杨丽萍", ("rxb", Role.HANDLER, "话务受理员")),
    "gongkai": ("朱海涛", ("gkk", Role.HANDLER, "政务公开专员")),
    "zhiban": ("秦晓峰", ("zbs", Role.DUTY_OFFICER, "值班员")),
    "dangan": ("尤玉兰", ("das", Role.HANDLER, "档案员")),
}
ADMIN_ROLES = {"admin": AdminRole.SYSTEM, "secadmin": AdminRole.SECURITY, "auditor": AdminRole.AUDIT}
CLEARANCE = {
    "mayor": Secrecy.CONFIDENTIAL,
    "vmayor1": Secrecy.CONFIDENTIAL,
    "vmayor2": Secrecy.CONFIDENTIAL,
    "vmayor3": Secrecy.CONFIDENTIAL,
    "vmayor4": Secrecy.CONFIDENTIAL,
    "director": Secrecy.CONFIDENTIAL,
    "deputy_director": Secrecy.CONFIDENTIAL,
    "jiyao": Secrecy.TOP_SECRET,
    "mishu": Secrecy.SECRET,
}

SURNAMES = "许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳鲍史唐费廉岑薛雷贺倪汤"
GIVEN = ["志远", "海燕", "建军", "秀英", "伟东", "丽华", "永刚", "晓红", "文杰", "桂芳", "德胜", "春燕", "国平", "淑珍",
         "俊峰", "玉梅", "宏伟", "静怡", "长青", "素芬", "振华", "红霞", "立军", "美玲", "学文", "慧娟", "卫东", "雅琴"]


def _generated_name(index: int) -> str:
    return SURNAMES[index % len(SURNAMES)] + GIVEN[(index * 7) % len(GIVEN)]


def _unit(code, name, short, kind, parent_code, order) -> Unit:
    parent = Unit.objects.get(code=parent_code) if parent_code else None
    unit, _ = Unit.objects.get_or_create(
        code=code, defaults={"name": name, "short_name": short, "kind": kind, "parent": parent, "sort_order": order}
    )
    return unit


def _person(username: str, name: str, password: str, **extra) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"name": name, **extra})
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _post(user: User, unit_code: str, role: str, title: str, serves: User | None = None) -> None:
    Membership.objects.get_or_create(
        person=user,
        unit=Unit.objects.get(code=unit_code),
        role=role,
        defaults={"title": title, "serves": serves},
    )


def seed(password: str, stdout=None) -> None:
    order = 0
    for code, name, short, kind, parent in GOVERNMENT + OFFICE:
        _unit(code, name, short, kind, parent, order := order + 1)
    for code, name in SECTIONS:
        _unit(code, name, "", Unit.Kind.SECTION, "szfb", order := order + 1)
    for code, name, short, _title in DEPARTMENTS:
        _unit(code, name, short, Unit.Kind.DEPARTMENT, "szf", order := order + 1)
    for code, name, _title in COUNTIES:
        _unit(code, name, "", Unit.Kind.COUNTY, "szf", order := order + 1)

    people: dict[str, User] = {}
    for username, (name, post) in NAMED.items():
        admin_role = ADMIN_ROLES.get(username, "")
        people[username] = _person(
            username,
            name,
            password,
            admin_role=admin_role,
            is_staff=bool(admin_role),
            clearance=CLEARANCE.get(username, Secrecy.NONE),
            email=f"{username}@shuniu.gov.demo",
        )
        if post:
            unit_code, role, title = post
            serves = people.get("mayor") if username == "mishu" else None
            _post(people[username], unit_code, role, title, serves)

    index = 0
    unit_titles = [(code, title) for code, _n, _s, title in DEPARTMENTS] + [(code, title) for code, _n, title in COUNTIES]
    for code, head_title in unit_titles:
        for suffix, role, title in (
            ("head", Role.HEAD, head_title),
            ("staff", Role.HANDLER, "科员"),
            ("liaison", Role.LIAISON, "联络员"),
        ):
            username = f"{code}_{suffix}"
            user = _person(
                username,
                _generated_name(index),
                password,
                clearance=Secrecy.SECRET if suffix == "head" else Secrecy.NONE,
                email=f"{username}@shuniu.gov.demo",
            )
            index += 1
            _post(user, code, role, title)

    for username, (_title, area, units) in PORTFOLIOS.items():
        for unit_code in units:
            Portfolio.objects.get_or_create(
                leader=people[username], unit=Unit.objects.get(code=unit_code), defaults={"area": area}
            )

    # A standing delegation example: while the mayor is away next week, the executive deputy acts.
    today = timezone.localdate()
    start = today + datetime.timedelta(days=7 - today.weekday())
    if not Delegation.objects.filter(principal=people["mayor"], delegate=people["vmayor1"]).exists():
        Delegation.objects.create(
            principal=people["mayor"],
            delegate=people["vmayor1"],
            start_date=start,
            end_date=start + datetime.timedelta(days=4),
            reason="赴省参加全省经济工作会议期间，由常务副市长代为签批",
        )
    Unit.objects.filter(code="szfb", office_role="").update(office_role=OfficeRole.GENERAL_OFFICE)
    Unit.objects.filter(code="dck", office_role="").update(office_role=OfficeRole.SUPERVISING)
    if stdout:
        stdout.write(f"组织机构：{Unit.objects.count()} 个单位，{User.objects.count()} 个账户。")
