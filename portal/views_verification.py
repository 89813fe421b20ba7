"""The public verification of a signed document (/xac-thuc/<id>): reached from its QR code, or by
anyone who types the address. Metadata and the cryptographic check for all; the content only with the
token the QR code carries. A visitor may bring a copy to compare with our record."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from dossiers import documents
from dossiers.verification import UPLOAD_MAX_BYTES, check, signed_document, token_matches


def _document_or_404(public_id):
    document = signed_document(public_id)
    if document is None:
        raise Http404
    return document


@require_http_methods(["GET", "POST"])
def verify(request, public_id):
    document = _document_or_404(public_id)
    token = request.GET.get("t", "") or request.POST.get("t", "")
    uploaded, error = None, ""
    if request.method == "POST":
        upload = request.FILES.get("tep")
        if upload is None:
            error = _("Choose the PDF file to check.")
        elif upload.size > UPLOAD_MAX_BYTES:
            error = _("The file is larger than %(size)s MB: it cannot be the signed document.") % {
                "size": UPLOAD_MAX_BYTES // (1024 * 1024)
            }
        else:
            uploaded = upload.read()
    result = check(document, token=token, uploaded=uploaded)
    status = 200 if not error else 422
    return render(
        request, "portal/verification.html", {"check": result, "token": token, "error": error}, status=status
    )


def verify_download(request, public_id):
    """The signed document itself, for whoever holds the token of its QR code."""
    document = _document_or_404(public_id)
    if not token_matches(document, request.GET.get("t", "")):
        raise Http404
    return documents.file_download(document)
