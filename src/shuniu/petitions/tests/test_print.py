"""A petition printed as the 信访事项登记交办单 (/matters/<id>/print/)."""


def test_a_petition_prints_as_the_registration_form(register, client_for):
    matter = register()
    html = client_for("xinfang").get(f"/matters/{matter.pk}/print/").content.decode()
    assert "信访事项登记交办单" in html and 'id="petition-sheet"' in html
    assert matter.serial in html and matter.petition.petitioner_name in html
