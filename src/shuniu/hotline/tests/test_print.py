"""A 12345 ticket printed as the 工单 (/matters/<id>/print/)."""


def test_a_ticket_prints_as_the_work_order_with_its_units(dispatched, client_for):
    ticket = dispatched(lead="hbj")
    html = client_for("rexian").get(f"/matters/{ticket.pk}/print/").content.decode()
    assert "12345政务服务便民热线工单" in html and 'id="ticket-sheet"' in html
    assert ticket.serial in html and ticket.ticket.phone in html
    assert "生态环境局（主办）" in html
