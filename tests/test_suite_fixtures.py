"""The suite's own arrangement (conftest.py, shuniu.testing): the demo office is in every test's
database, a test's changes are gone for the next test, and passwords are still real Argon2."""

import pytest
from django.contrib.auth.hashers import get_hasher

from shuniu.org.models import Role, Unit, User
from shuniu.testing import DEMO_PASSWORD, make_person, make_unit


def test_the_demo_office_is_there_without_asking_for_it(db):
    assert User.objects.filter(username__in=["mayor", "duban", "jtj_staff"]).count() == 3
    assert Unit.objects.get(code="dck").office_role == "supervising"


@pytest.mark.parametrize("attempt", [1, 2])
def test_a_change_made_by_one_test_is_rolled_back_for_the_next(demo_office, attempt):
    assert demo_office["mayor"].name != "改过的名字"
    assert not User.objects.filter(username="visitor").exists()
    User.objects.filter(username="mayor").update(name="改过的名字")
    make_person("visitor")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", [1, 2])
def test_a_transactional_test_finds_the_office_although_the_last_one_emptied_the_database(attempt):
    assert User.objects.filter(username="mayor").exists()
    assert not User.objects.filter(username="visitor").exists()
    make_person("visitor")


def test_passwords_in_tests_are_still_argon2id_and_verify(db):
    person = make_person("newcomer", "新同志", unit=make_unit("tsj", "体育局"), role=Role.HEAD)
    assert get_hasher().algorithm == "argon2"
    assert person.password.startswith("argon2$argon2id$")
    assert person.check_password(DEMO_PASSWORD)
    assert not person.check_password("Wrong@2026")
    assert person.has_role(Role.HEAD, unit_code="tsj")
    assert Unit.objects.get(code="tsj").parent.code == "szf"
