"""热线办理规则 in 系统管理: the system administrator edits them; nobody else."""

from shuniu.hotline.models import Policy


def test_the_shipped_defaults_are_those_of_domain_md(db):
    policy = Policy.current()
    assert (policy.handle_days, policy.urgent_hours, policy.very_urgent_hours) == (5, 24, 2)
    assert (policy.return_window_days, policy.max_extensions, policy.extension_max_days) == (2, 1, 10)
    assert (policy.duplicate_window_days, policy.reopen_rule, policy.max_reopens) == (7, "dissatisfied", 1)


def test_the_system_administrator_changes_the_rules(client_for):
    client = client_for("admin")
    response = client.get("/admin/hotline/policy/")
    assert response.status_code == 302 and response["Location"] == "/admin/hotline/policy/1/change/"
    data = {"handle_days": 7, "urgent_hours": 12, "very_urgent_hours": 2, "return_window_days": 3,
            "max_extensions": 1, "extension_max_days": 15, "duplicate_window_days": 7, "duplicate_similarity": 0.6,
            "reopen_rule": "not_satisfied", "max_reopens": 2}
    assert client.post("/admin/hotline/policy/1/change/", data).status_code == 302
    policy = Policy.current()
    assert (policy.handle_days, policy.extension_max_days, policy.reopen_rule) == (7, 15, "not_satisfied")


def test_a_value_out_of_range_is_refused(client_for):
    client = client_for("admin")
    client.get("/admin/hotline/policy/")
    data = {"handle_days": 0, "urgent_hours": 12, "very_urgent_hours": 2, "return_window_days": 3, "max_extensions": 1,
            "extension_max_days": 15, "duplicate_window_days": 7, "duplicate_similarity": 0.6,
            "reopen_rule": "dissatisfied", "max_reopens": 1}
    response = client.post("/admin/hotline/policy/1/change/", data)
    assert response.status_code == 200 and Policy.current().handle_days == 5


def test_the_hotline_office_and_the_other_administrators_cannot_change_the_rules(client_for):
    data = {"handle_days": 30, "urgent_hours": 12, "very_urgent_hours": 2, "return_window_days": 3,
            "max_extensions": 1, "extension_max_days": 15, "duplicate_window_days": 7, "duplicate_similarity": 0.6,
            "reopen_rule": "dissatisfied", "max_reopens": 1}
    for username in ("rexian", "director", "secadmin", "auditor"):
        client = client_for(username)
        assert client.get("/admin/hotline/policy/1/change/").status_code != 200
        assert client.post("/admin/hotline/policy/1/change/", data).status_code != 200
    assert Policy.current().handle_days == 5
