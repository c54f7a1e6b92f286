"""Staff uploads are checked by content, not by name: an .exe renamed .pdf and Office files with
macros are refused, and a refused multi-file upload leaves no file on disk."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shuniu.matters import services
from shuniu.matters.models import Attachment, Entry

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX_PARTS = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
GOOD = [
    ("情况说明.pdf", b"%PDF-1.7\n1 0 obj\n"),
    ("现场.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
    ("照片.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
    ("方案.docx", _zip(DOCX_PARTS)),
    ("台账.xlsx", _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})),
    ("旧版.doc", OLE + b"\x00" * 100 + "WordDocument".encode("utf-16-le")),
    ("说明.txt", "办理情况说明".encode("gb18030")),
    ("材料.zip", _zip({"说明.pdf": b"%PDF-1.4"})),
]
BAD = [
    ("通知.pdf", b"MZ\x90\x00" + b"\x00" * 60, "内容与文件类型不符"),
    ("方案.docx", _zip({**DOCX_PARTS, "word/vbaProject.bin": b"\x00" * 10}), "含有宏代码"),
    ("台账.xlsx", _zip({"[Content_Types].xml": b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                        "xl/workbook.xml": b"<workbook/>"}), "含有宏代码"),
    ("旧版.doc", OLE + b"\x00" * 100 + "_VBA_PROJECT".encode("utf-16-le"), "含有宏代码"),
    ("假文档.docx", b"PK\x03\x04" + b"0" * 50, "内容已损坏或与文件类型不符"),
    ("图片.png", b"GIF89a" + b"\x00" * 20, "内容与文件类型不符"),
    ("打包.zip", _zip({"setup.exe": b"MZ"}), "内含可执行文件"),
]


def _files(*uploads):
    return {"attachments": [SimpleUploadedFile(name, data) for name, data in uploads]}


@pytest.mark.parametrize(("name", "data"), GOOD, ids=[g[0] for g in GOOD])
def test_genuine_files_are_kept(make_item, demo_office, name, data):
    item = make_item()
    services.perform(item, "accept", demo_office["jtj_staff"], {}, _files((name, data)))
    assert item.attachments.get().name == name


@pytest.mark.parametrize(("name", "data", "message"), BAD, ids=[b[0] + b[2] for b in BAD])
def test_disguised_or_macro_files_are_refused(make_item, demo_office, name, data, message):
    item = make_item()
    with pytest.raises(services.Invalid) as error:
        services.perform(item, "accept", demo_office["jtj_staff"], {}, _files((name, data)))
    assert message in error.value.message
    assert not item.attachments.exists()


def test_a_refused_multi_file_upload_leaves_nothing_on_disk(make_item, demo_office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = make_item()
    before = Entry.objects.count()
    with pytest.raises(services.Invalid) as error:
        services.perform(item, "accept", demo_office["jtj_staff"], {},
                         _files(("good.pdf", b"%PDF-1.4 ok"), ("bad.pdf", b"MZ\x90\x00")))
    assert "bad.pdf" in error.value.message
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    assert Attachment.objects.count() == 0 and Entry.objects.count() == before


def test_the_web_form_refuses_a_renamed_executable(make_item, client_for):
    item = make_item()
    response = client_for("jtj_staff").post(
        f"/matters/{item.pk}/do/accept/", {"attachments": SimpleUploadedFile("通知.pdf", b"MZ\x90\x00" + b"\x00" * 60)},
    )
    assert response.status_code == 400
    assert "内容与文件类型不符" in response.content.decode()
    assert not item.attachments.exists()
