"""The guard's answers reach the effect explicitly (`check_guard` → `ctx.assignment`): the
签收 transition asks the database no more than it did with the per-instance memo, and no answer
outlives the call."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuniu.matters import rules as matter_rules
from shuniu.matters import services
from shuniu.matters.models import Assignment

# The number of statements a 签收 took when the memo was replaced (it must not grow).
ACCEPT_QUERIES = 12


def test_accept_takes_no_more_queries_than_before(make_item, demo_office):
    item = make_item(lead="jtj")
    head = demo_office["jtj_head"]
    head.unit_ids(), head.acting_ids(), head.posts()  # the caller's own posts are cached per request
    with CaptureQueriesContext(connection) as queries:
        services.perform(item.pk, "accept", head, {})
    assert item.assignments.get(unit__code="jtj").status == Assignment.Status.ACCEPTED
    assert len(queries) <= ACCEPT_QUERIES, "\n".join(q["sql"] for q in queries.captured_queries)


def test_the_guard_hands_the_assignment_it_accepted_and_keeps_nothing_on_the_matter(make_item, demo_office):
    item = make_item(lead="jtj", assist=["cgj"])
    guard = item.workflow.transition("accept").guard
    answers = matter_rules.check_guard(guard, demo_office["cgj_staff"], item)
    found = answers.own_assignment((Assignment.Status.PENDING,))
    assert (found.unit.code, found.role) == ("cgj", "assist")
    assert "_own_assignments" not in item.__dict__
    assert matter_rules.check_guard(guard, demo_office["hbj_staff"], item) is None
