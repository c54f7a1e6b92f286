"""审核流程 configured by the office replace a kind's built-in chain, per kind and per unit."""

from shuniu.matters import services
from shuniu.matters.models import ReviewChain, ReviewChainStep
from shuniu.org.models import Unit, User


def _chain(kind, unit=None, steps=()):
    chain = ReviewChain.objects.create(kind=kind, name="测试流程", unit=unit)
    for seq, name, role, person in steps:
        ReviewChainStep.objects.create(chain=chain, seq=seq, name=name, role=role,
                                       person=User.objects.get(username=person) if person else None)
    return chain


def test_without_configuration_the_kinds_default_chain_runs(review_kind, demo_office):
    matter = services.perform(review_kind(), "submit", demo_office["duban"], {})
    assert list(matter.review_steps.values_list("name", flat=True)) == ["核稿", "会签", "会签", "签发"]


def test_a_kind_wide_chain_replaces_the_default(review_kind, demo_office):
    _chain("review_test", steps=[(1, "科室审核", "head", None), (2, "领导签发", "", "vmayor2")])
    matter = services.perform(review_kind(), "submit", demo_office["duban"], {})
    steps = list(matter.review_steps.order_by("seq").values_list("name", "unit__code", "role", "person__username"))
    assert steps == [("科室审核", "jtj", "head", None), ("领导签发", None, "", "vmayor2")]
    services.perform(matter, "approve", demo_office["jtj_head"], {})
    matter = services.perform(matter, "approve", demo_office["vmayor2"], {})
    assert matter.status == "approved"


def test_a_units_own_chain_wins_over_the_kind_wide_one(review_kind, demo_office):
    _chain("review_test", steps=[(1, "通用审核", "head", None)])
    _chain("review_test", unit=Unit.objects.get(code="jtj"), steps=[(1, "交通局专用审核", "", "director")])
    matter = services.perform(review_kind(), "submit", demo_office["duban"], {})
    assert list(matter.review_steps.values_list("name", flat=True)) == ["交通局专用审核"]


def test_an_inactive_chain_is_ignored(review_kind, demo_office):
    chain = _chain("review_test", steps=[(1, "通用审核", "head", None)])
    chain.is_active = False
    chain.save()
    matter = services.perform(review_kind(), "submit", demo_office["duban"], {})
    assert matter.review_steps.count() == 4


def test_only_the_system_administrator_configures_chains(client_for):
    assert client_for("admin").get("/admin/matters/reviewchain/").status_code == 200
    for username in ("secadmin", "auditor", "director", "duban"):
        assert client_for(username).get("/admin/matters/reviewchain/").status_code in (302, 403), username


def test_a_step_needs_a_role_or_a_person(client_for):
    response = client_for("admin").post("/admin/matters/reviewchain/add/", {
        "kind": "supervision", "name": "督办审核", "is_active": "on",
        "steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "0", "steps-MIN_NUM_FORMS": "0", "steps-MAX_NUM_FORMS": "1000",
        "steps-0-seq": "1", "steps-0-name": "审核", "steps-0-role": "", "steps-0-unit": "", "steps-0-person": "",
    })
    assert response.status_code == 200 and "每个环节须指定审核角色或审核人员" in response.content.decode()
    assert not ReviewChain.objects.exists()
