"""Form templates and other catalog uploads are checked by content and served as attachments
(security finding 5: a catalog officer could publish ``mau-don.html``, served as text/html)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import FormTemplate
from catalog.tests.factories import FormTemplateFactory, ProcedureFactory
from documents.tests.samples import MINIMAL_PDF
from documents.uploads import DOCX, ODT, PDF, XLSX, check_document

pytestmark = pytest.mark.django_db


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX_BYTES = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX_BYTES = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT_BYTES = _zip({"mimetype": ODT.encode(), "content.xml": b"<office:document-content/>"})
DOC_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("to-khai.pdf", MINIMAL_PDF, PDF),
        ("to-khai.docx", DOCX_BYTES, DOCX),
        ("bang-ke.xlsx", XLSX_BYTES, XLSX),
        ("to-khai.odt", ODT_BYTES, ODT),
        ("to-khai.doc", DOC_BYTES, "application/msword"),
        ("bang-ke.xls", DOC_BYTES, "application/vnd.ms-excel"),
    ],
)
def test_office_documents_and_pdfs_are_accepted(name, content, expected):
    assert check_document(SimpleUploadedFile(name, content)).content_type == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("mau-don.html", b"<!doctype html><script>alert(document.cookie)</script>"),
        ("mau-don.pdf", MINIMAL_PDF.replace(b"\n", b"\n<html><script>alert(1)</script>\n", 1)),
        ("mau-don.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        (
            "mau-don.docm",
            _zip({"[Content_Types].xml": b"", "word/document.xml": b"", "word/vbaProject.bin": b""}),
        ),
        ("mau-don.zip", _zip({"index.html": b"<html></html>"})),
        ("mau-don.exe", DOC_BYTES),  # a compound file named neither .doc nor .xls
    ],
)
def test_active_or_unknown_content_is_refused(name, content):
    with pytest.raises(ValidationError):
        check_document(SimpleUploadedFile(name, content))
    form = FormTemplate(procedure=ProcedureFactory(), name="Tờ khai", file=SimpleUploadedFile(name, content))
    with pytest.raises(ValidationError) as caught:
        form.full_clean()
    assert "file" in caught.value.message_dict


def _add_form_in_admin(admin_client, procedure, upload):
    """Post the procedure's admin page unchanged, with one form template added inline."""
    url = f"/admin/catalog/procedure/{procedure.pk}/change/"
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["agencies"] = [a.pk for a in procedure.agencies.all()]
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
        if inline.formset.model is FormTemplate:
            data.update(
                {f"{prefix}-TOTAL_FORMS": 1, f"{prefix}-0-name": "Mẫu đơn", f"{prefix}-0-position": 0}
            )
            data[f"{prefix}-0-file"] = upload
    return admin_client.post(url, data)


def test_the_admin_takes_a_pdf_form_template_and_refuses_an_html_one(admin_client):
    procedure = ProcedureFactory()
    refused = _add_form_in_admin(
        admin_client, procedure, SimpleUploadedFile("mau-don.html", b"<html><script>alert(1)</script></html>")
    )
    assert refused.status_code == 200  # the page again, with the file's error
    assert not FormTemplate.objects.filter(procedure=procedure).exists()
    accepted = _add_form_in_admin(admin_client, procedure, SimpleUploadedFile("mau-don.pdf", MINIMAL_PDF))
    assert accepted.status_code == 302, accepted.context["adminform"].form.errors
    assert FormTemplate.objects.get(procedure=procedure).file.name.endswith(".pdf")


def test_a_published_form_is_an_attachment_named_by_its_checked_type(client):
    form = FormTemplateFactory(code="Mẫu số 03/2020/TT-BCA", name="Tờ khai")
    # Uploaded as .html but a real Word file: the download is named .docx, never .html.
    form.file.save("to-khai.html", ContentFile(DOCX_BYTES), save=True)
    response = client.get(form.download_url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".docx" in disposition and ".html" not in disposition
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_stored_file_that_fails_the_check_or_lies_outside_the_forms_folder_is_not_served(client):
    bad = FormTemplateFactory()
    bad.file.save("x.pdf", ContentFile(b"<html><script>alert(1)</script></html>"), save=True)
    assert client.get(bad.download_url).status_code == 404
    elsewhere = FormTemplateFactory()
    elsewhere.file.storage.save("dossiers/secret.pdf", ContentFile(MINIMAL_PDF))
    FormTemplate.objects.filter(pk=elsewhere.pk).update(file="dossiers/secret.pdf")
    assert client.get(elsewhere.download_url).status_code == 404
