"""What a staff upload may be: its type is read from its content, not taken from its name.

An .exe renamed .pdf, a .docx whose body is not a Word document, and any Office file carrying
macros (vbaProject.bin, an OLE `_VBA_PROJECT`/`Macros` storage, a macroEnabled content type) are
refused with a Chinese message. `check(upload)` answers the message or "" for an acceptable file;
it reads the file and leaves it at position 0.
"""

from __future__ import annotations

import os
import zipfile

ALLOWED_TYPES = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".ofd", ".jpg", ".jpeg", ".png", ".txt", ".zip"}
MAX_BYTES = 20 * 1024 * 1024
ALLOWED_MESSAGE = "仅支持PDF、Word、Excel、OFD、图片、文本和ZIP文件"

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
EXECUTABLE = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
# The stream every VBA project has (Word: Macros/VBA/_VBA_PROJECT, Excel: _VBA_PROJECT_CUR/VBA/_VBA_PROJECT),
# as its name is stored in the OLE directory (UTF-16LE).
OLE_MACRO_MARKERS = ("_VBA_PROJECT".encode("utf-16-le"),)
RISKY_MEMBERS = (".exe", ".dll", ".com", ".bat", ".cmd", ".scr", ".msi", ".ps1", ".vbs", ".vbe", ".js", ".jse",
                 ".wsf", ".hta", ".lnk", ".jar", ".docm", ".xlsm", ".pptm", ".dotm", ".xltm")
OOXML_PART = {".docx": "word/", ".xlsx": "xl/"}


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _zip_problem(data: bytes, name: str, ext: str) -> str:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.namelist()
            content_types = ""
            if "[Content_Types].xml" in members:
                content_types = archive.read("[Content_Types].xml")[:200_000].decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return f"附件“{name}”内容已损坏或与文件类型不符"
    lowered = [m.lower() for m in members]
    if any(m.endswith("vbaproject.bin") or "vbadata" in m for m in lowered) or "macroenabled" in content_types.lower():
        return f"附件“{name}”含有宏代码，为安全起见不予接收，请另存为不含宏的文件后再上传"
    if ext in OOXML_PART and (not content_types or not any(m.startswith(OOXML_PART[ext]) for m in lowered)):
        return f"附件“{name}”内容与文件类型不符"
    if ext == ".ofd" and "ofd.xml" not in lowered:
        return f"附件“{name}”内容与文件类型不符"
    if ext == ".zip" and any(m.endswith(RISKY_MEMBERS) for m in lowered):
        return f"压缩包“{name}”内含可执行文件或带宏文件，不予接收"
    return ""


def check(upload) -> str:
    """"" if the upload may be kept; otherwise why not, in Chinese."""
    name = upload.name or ""
    ext = os.path.splitext(name)[1].lower()
    if ext not in ALLOWED_TYPES:
        return f"不支持的附件类型：{ext or '无扩展名'}"
    if upload.size > MAX_BYTES:
        return "单个附件不能超过20MB"
    data = _read(upload)
    mismatch = f"附件“{name}”内容与文件类型不符"
    if data.startswith(EXECUTABLE):
        return mismatch
    if ext == ".pdf":
        return "" if b"%PDF-" in data[:1024] else mismatch
    if ext in (".jpg", ".jpeg"):
        return "" if data.startswith(b"\xff\xd8\xff") else mismatch
    if ext == ".png":
        return "" if data.startswith(b"\x89PNG\r\n\x1a\n") else mismatch
    if ext in (".doc", ".xls", ".wps"):
        if data.startswith(ZIP):  # a .docx saved under the old extension is still read as OOXML
            return _zip_problem(data, name, ".zip")
        if not data.startswith(OLE):
            return mismatch
        if any(marker in data for marker in OLE_MACRO_MARKERS):
            return f"附件“{name}”含有宏代码，为安全起见不予接收，请另存为不含宏的文件后再上传"
        return ""
    if ext in (".docx", ".xlsx", ".ofd", ".zip"):
        if not data.startswith(ZIP):
            return mismatch
        return _zip_problem(data, name, ext)
    if ext == ".txt":
        if b"\x00" in data[:8192]:
            return mismatch
        for encoding in ("utf-8", "gb18030"):
            try:
                data.decode(encoding)
                return ""
            except UnicodeDecodeError:
                continue
        return mismatch
    return mismatch


def check_all(uploads) -> list[str]:
    """Every problem of a multi-file upload, so nothing is written unless all of it may be."""
    return [problem for problem in (check(upload) for upload in uploads) if problem]
