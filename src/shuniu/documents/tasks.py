"""Background work of the documents module (eager without a broker, Celery workers in production)."""

from celery import shared_task


@shared_task(name="documents.render_pdf")
def render_pdf(matter_id: int) -> str:
    """Convert a document's current version to PDF with LibreOffice and keep it (see rendering.pdf_path)."""
    from .rendering import write_pdf

    return write_pdf(matter_id)
