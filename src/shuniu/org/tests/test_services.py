"""The organisation's services: delegation in time, account administration, validation messages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shuniu.core.models import AuditEvent
from shuniu.org import services
from shuniu.org.models import Delegation, Membership, Role, Unit


def test_delegate_acts_for_the_principal_only_between_the_dates(demo_office):
    start = timezone.localdate() + datetime.timedelta(days=10)
    end = start + datetime.timedelta(days=2)
    vmayor2, vmayor4 = demo_office["vmayor2"], demo_office["vmayor4"]
    Delegation.objects.create(principal=vmayor2, delegate=vmayor4, start_date=start, end_date=end)
    jtj = Unit.objects.get(code="jtj").pk
    assert jtj not in vmayor4.portfolio_unit_ids(on=start - datetime.timedelta(days=1))
    assert jtj in vmayor4.portfolio_unit_ids(on=start)
    assert jtj in vmayor4.portfolio_unit_ids(on=end)
    assert jtj not in vmayor4.portfolio_unit_ids(on=end + datetime.timedelta(days=1))
    # The principal keeps their own portfolio meanwhile.
    assert jtj in vmayor2.portfolio_unit_ids(on=start)


def test_demo_delegation_is_the_mayor_to_the_executive_deputy_next_week(demo_office):
    delegation = Delegation.objects.get()
    today = timezone.localdate()
    assert (delegation.principal.username, delegation.delegate.username) == ("mayor", "vmayor1")
    assert delegation.start_date > today and delegation.start_date.weekday() == 0
    assert (delegation.end_date - delegation.start_date).days == 4


def test_revoking_a_delegation_is_recorded_once(demo_office):
    delegation = Delegation.objects.get()
    assert services.revoke_delegation(delegation, by=demo_office["secadmin"]) is True
    assert services.revoke_delegation(delegation, by=demo_office["secadmin"]) is False
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ADMIN_CHANGE, detail="撤销授权").count() == 1


def test_deactivated_account_can_be_activated_again_and_each_step_is_audited(demo_office):
    staff, admin = demo_office["jtj_staff"], demo_office["admin"]
    assert services.deactivate_account(staff, by=admin) is True
    assert services.deactivate_account(staff, by=admin) is False
    assert services.activate_account(staff, by=admin) is True
    details = list(AuditEvent.objects.filter(action=AuditEvent.Action.ADMIN_CHANGE).values_list("detail", flat=True))
    assert sorted(details) == ["停用账户", "启用账户"]


def test_lock_state_counts_only_failures_within_the_cool_off(demo_office, client):
    from axes.models import AccessAttempt

    staff = demo_office["jtj_staff"]
    for _ in range(5):
        client.post("/login/", {"username": "jtj_staff", "password": "Wrong#Password1"})
    annotated = services.with_login_failures(type(staff).objects.filter(pk=staff.pk)).get()
    assert annotated.login_failures == 5 and services.is_locked(annotated) and services.is_locked(staff)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    assert not services.is_locked(staff)


def test_a_unit_may_move_anywhere_but_under_itself(demo_office):
    office, section = Unit.objects.get(code="szfb"), Unit.objects.get(code="mc1")
    services.validate_unit_parent(section, Unit.objects.get(code="szf"))
    for parent in (office, section):
        with pytest.raises(ValidationError) as caught:
            services.validate_unit_parent(office, parent)
        assert caught.value.message_dict == {"parent": ["上级单位不能是本单位或其下级单位。"]}


def test_a_secretary_cannot_serve_themself(demo_office):
    mishu = demo_office["mishu"]
    with pytest.raises(ValidationError) as caught:
        services.validate_membership(mishu, Role.SECRETARY, mishu)
    assert caught.value.message_dict == {"serves": ["服务领导不能是本人。"]}
    services.validate_membership(mishu, Role.SECRETARY, demo_office["mayor"])


def test_portfolio_leader_must_hold_an_active_leader_post(demo_office):
    services.validate_portfolio(demo_office["vmayor1"])
    services.validate_portfolio(demo_office["director"])
    Membership.objects.filter(person=demo_office["vmayor1"]).update(is_active=False)
    for username in ("vmayor1", "jtj_head", "admin"):
        with pytest.raises(ValidationError):
            services.validate_portfolio(demo_office[username])


def test_search_people_by_name_username_and_unit(demo_office):
    assert [p.username for p in services.search_people("吴建平")] == ["vmayor2"]
    assert [p.username for p in services.search_people("vmayor2")] == ["vmayor2"]
    assert [p.username for p in services.search_people(unit_code="jtj")] == ["jtj_head", "jtj_liaison", "jtj_staff"]
    demo_office["jtj_liaison"].is_active = False
    demo_office["jtj_liaison"].save()
    assert [p.username for p in services.search_people(unit_code="jtj")] == ["jtj_head", "jtj_staff"]
