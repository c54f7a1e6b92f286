"""Office files → PDF through LibreOffice (headless), when the server has it.

The one converter: the 公文 kind makes its GB/T 9704 PDFs with it, and the engine's attachment
preview shows a .docx as PDF with it, so neither imports the other to convert."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class ConversionError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def libreoffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def to_pdf(content: bytes, suffix: str = ".docx", binary: str | None = None, timeout: int = 180) -> bytes:
    """Convert one office file (`suffix` tells LibreOffice what it is) to PDF bytes."""
    binary = binary or libreoffice()
    if binary is None:
        raise ConversionError("pdf_unavailable", "生成PDF需要在服务器上安装LibreOffice")
    with tempfile.TemporaryDirectory(prefix="shuniu-pdf-") as folder:
        source = Path(folder) / f"document{suffix}"
        source.write_bytes(content)
        # A private profile folder: two conversions at once must not share LibreOffice's lock.
        command = [binary, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                   "--outdir", folder, str(source)]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
            raise ConversionError("pdf_failed", f"LibreOffice转换PDF失败：{type(error).__name__}") from error
        target = Path(folder) / "document.pdf"
        if not target.exists():
            raise ConversionError("pdf_failed", "LibreOffice未生成PDF文件")
        return target.read_bytes()
