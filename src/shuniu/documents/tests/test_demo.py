"""The demo seeder: documents in every state, drafted from the shared data, and idempotent."""

import pytest

from shuniu.documents import demo
from shuniu.documents.states import IN_STATES, OUT_STATES
from shuniu.matters.models import Entry, Matter

pytestmark = pytest.mark.skipif(not demo.POLICY_DOCS.exists(), reason="shared/data/policy_docs 不在本机")


def test_demo_documents_cover_every_state_and_seeding_twice_changes_nothing(office):
    demo.seed(password="Shuniu@2026")
    outgoing = set(Matter.objects.filter(kind="doc_out").values_list("status", flat=True))
    incoming = set(Matter.objects.filter(kind="doc_in").values_list("status", flat=True))
    assert outgoing == set(OUT_STATES)
    assert incoming == set(IN_STATES)
    joint = Matter.objects.get(kind="doc_out", title="市政府办公室、市发展改革委关于加强个人所得税纳税信用建设的通知")
    assert joint.outgoing.co_issuers.get().code == "fgw" and joint.outgoing.doc_number
    reference = Matter.objects.get(kind="doc_in", incoming__doc_number="发改办财金规〔2019〕860号")
    assert "个人所得税纳税信用" in reference.content
    numbers = sorted(Matter.objects.filter(kind="doc_out", outgoing__number_year=2026)
                     .values_list("outgoing__number_seq", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))  # gapless
    counts = (Matter.objects.count(), Entry.objects.count())
    demo.seed(password="Shuniu@2026")
    assert (Matter.objects.count(), Entry.objects.count()) == counts
