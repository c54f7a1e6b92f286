"""`shuniu seed_demo` loads DEMO.md's office, and a second run changes nothing."""

from io import StringIO

from django.core.management import call_command

from shuniu.org.models import AdminRole, Delegation, Membership, Portfolio, Role, Unit, User

UNITS = {
    "szf": "市人民政府", "szfb": "市政府办公室",
    "mc1": "秘书一科", "mc2": "秘书二科", "zhk": "综合科", "dck": "督查科", "xxk": "信息科", "jys": "机要室",
    "xfk": "信访科", "rxb": "市长公开电话办公室", "gkk": "政务公开科", "zbs": "总值班室", "das": "档案室",
    "fgw": "发展和改革委员会", "jyj": "教育局", "gaj": "公安局", "mzj": "民政局", "czj": "财政局",
    "rsj": "人力资源和社会保障局", "zrj": "自然资源和规划局", "hbj": "生态环境局", "zjj": "住房和城乡建设局",
    "jtj": "交通运输局", "swj": "水务局", "nyj": "农业农村局", "sww": "商务局", "wlj": "文化和旅游局",
    "wjw": "卫生健康委员会", "scj": "市场监督管理局", "cgj": "城市管理局",
    "qx1": "东城区", "qx2": "西城区", "qx3": "临江县",
}
DEPARTMENTS_AND_COUNTIES = [
    "fgw", "jyj", "gaj", "mzj", "czj", "rsj", "zrj", "hbj", "zjj", "jtj", "swj", "nyj", "sww", "wlj", "wjw", "scj",
    "cgj", "qx1", "qx2", "qx3",
]
NAMED_USERS = [
    "admin", "secadmin", "auditor",
    "mayor", "vmayor1", "vmayor2", "vmayor3", "vmayor4", "director", "deputy_director",
    "mishu", "duban", "xinxi", "jiyao", "xinfang", "rexian", "gongkai", "zhiban", "dangan",
]
USERNAMES = NAMED_USERS + [f"{code}_{suffix}" for code in DEPARTMENTS_AND_COUNTIES for suffix in ("head", "staff", "liaison")]


def counts() -> dict:
    return {
        "users": User.objects.count(),
        "units": Unit.objects.count(),
        "memberships": Membership.objects.count(),
        "portfolios": Portfolio.objects.count(),
        "delegations": Delegation.objects.count(),
    }


def test_seed_demo_twice_changes_nothing(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = counts()
    first_hashes = dict(User.objects.values_list("username", "password"))
    call_command("seed_demo", stdout=StringIO())
    assert counts() == first
    assert dict(User.objects.values_list("username", "password")) == first_hashes
    assert "演示数据已就绪" in out.getvalue()


def test_every_demo_md_username_exists(demo_office):
    assert len(USERNAMES) == 79
    missing = [name for name in USERNAMES if name not in demo_office]
    assert missing == []


def test_every_demo_md_unit_exists_with_its_name(demo_office):
    assert dict(Unit.objects.values_list("code", "name")) == UNITS
    assert Unit.objects.get(code="mc1").parent.code == "szfb"
    assert Unit.objects.get(code="jtj").parent.code == "szf"
    assert Unit.objects.get(code="qx3").kind == Unit.Kind.COUNTY


def test_demo_users_hold_the_posts_demo_md_gives_them(demo_office):
    assert demo_office["mayor"].has_role(Role.PRINCIPAL_LEADER, unit_code="szf")
    assert demo_office["director"].has_role(Role.OFFICE_DIRECTOR, unit_code="szfb")
    assert demo_office["jtj_head"].has_role(Role.HEAD, unit_code="jtj")
    assert demo_office["jtj_staff"].has_role(Role.HANDLER, unit_code="jtj")
    assert demo_office["jtj_liaison"].has_role(Role.LIAISON, unit_code="jtj")
    assert Membership.objects.get(person__username="mishu").serves.username == "mayor"
    for number in range(1, 5):
        vmayor = demo_office[f"vmayor{number}"]
        assert vmayor.has_role(Role.DEPUTY_LEADER, unit_code="szf")
        assert vmayor.portfolio.exists()


def test_demo_has_the_three_separate_administrators_without_posts(demo_office):
    expected = {"admin": AdminRole.SYSTEM, "secadmin": AdminRole.SECURITY, "auditor": AdminRole.AUDIT}
    for username, role in expected.items():
        assert demo_office[username].admin_role == role
        assert not demo_office[username].memberships.exists()
    assert not any(user.is_superuser for user in demo_office.values())


def test_demo_passwords_are_hashed_with_argon2(demo_office):
    assert all(user.password.startswith("argon2") for user in demo_office.values())
