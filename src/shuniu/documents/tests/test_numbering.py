"""发文字号: per series and year, gapless, taken only at 编号, never twice for one document."""

import os
import threading

import pytest
from django.db import connection, transaction

from shuniu.documents import numbering
from shuniu.documents.models import NumberCounter, NumberSeries
from shuniu.matters import services as engine


def test_number_format_is_agency_hexagonal_year_sequence_hao_without_di_or_padding():
    assert numbering.format_number("市政办发", 2026, 12) == "市政办发〔2026〕12号"
    assert numbering.format_number("市政办函", 2026, 3) == "市政办函〔2026〕3号"


def test_a_draft_has_no_number_until_the_number_step(make_draft, advance):
    draft = advance(make_draft(), "numbering")
    assert draft.outgoing.doc_number == ""
    assert not NumberCounter.objects.exists()
    numbered = advance(draft, "printing")
    assert numbered.outgoing.doc_number.startswith("市政办发〔")
    assert numbered.outgoing.number_seq == 1


def test_going_back_and_forth_never_consumes_a_second_number(make_draft, advance, act, office):
    first = advance(make_draft(), "printing")
    number = first.outgoing.doc_number
    # A fault found at printing goes back to 复核; the text is changed, so it goes back to the signer.
    act(first, "send_back", "mishu", {"comment": "第二段表述需调整"})
    from shuniu.documents.services import edit_outgoing

    edit_outgoing(first.pk, office["mishu"], {"body": first.content + "\n三、其他事项\n请各单位于1月10日前报送联系人。"})
    act(first, "recheck", "mishu", {})
    first.refresh_from_db()
    assert first.status == "signing"
    act(first, "sign_off", "vmayor2", {"comment": "同意。"})
    act(first, "recheck", "mishu", {})
    act(first, "number", "mishu", {})
    first.refresh_from_db()
    assert first.outgoing.doc_number == number
    second = advance(make_draft(title="市政府办公室关于做好2026年元旦期间安全生产工作的通知"), "printing")
    assert second.outgoing.number_seq == first.outgoing.number_seq + 1
    assert NumberCounter.objects.get().last == 2


def test_each_series_counts_on_its_own(make_draft, advance):
    notice = advance(make_draft(), "printing")
    letter = advance(make_draft(doc_type="letter", title="市政府办公室关于商请支持春运保障工作的函",
                                main_to="市交通运输局", sponsor_unit="jtj"), "printing")
    assert notice.outgoing.doc_number.startswith("市政办发〔")
    assert letter.outgoing.doc_number.startswith("市政办函〔")
    assert notice.outgoing.number_seq == letter.outgoing.number_seq == 1


def test_a_number_taken_in_a_failed_transaction_is_given_back(office):
    series = NumberSeries.objects.get(code="市政办发")
    with pytest.raises(RuntimeError), transaction.atomic():
        assert numbering.allocate(series, 2026) == 1
        raise RuntimeError("the step failed after allocating")
    assert numbering.allocate(series, 2026) == 1


def test_years_count_separately(office):
    series = NumberSeries.objects.get(code="市政办发")
    assert [numbering.allocate(series, 2025), numbering.allocate(series, 2025), numbering.allocate(series, 2026)] == [1, 2, 1]


def test_a_withdrawn_draft_never_held_a_number(make_draft, act):
    draft = make_draft()
    act(draft, "withdraw", "mishu", {"comment": "内容已并入其他文件"})
    draft.refresh_from_db()
    assert draft.status == "withdrawn" and draft.outgoing.doc_number == ""
    with pytest.raises(engine.Conflict):
        act(draft, "number", "mishu", {})


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
                    reason="并发取号测试只在 PostgreSQL 上运行（DATABASE_URL）")
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_allocations_give_twenty_distinct_consecutive_numbers(office):
    series = NumberSeries.objects.get(code="市政办发")
    barrier = threading.Barrier(20)
    taken, errors = [], []

    def take():
        try:
            barrier.wait()
            with transaction.atomic():
                taken.append(numbering.allocate(series, 2026))
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(taken) == list(range(1, 21))
    assert NumberCounter.objects.get(series=series, year=2026).last == 20
