"""The citizen's document wallet ("Kho dữ liệu điện tử"): the list, a document's download, and taking a
document from it for a component of a draft instead of an upload.

Thin views over ``dossiers.wallet`` and ``dossiers.submission``. The wallet opened is always the one of
the signed-in account's own identity (``wallet.holder_of``); no identifier comes from the request.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from dossiers import signing, submission, wallet
from dossiers.documents import file_download
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import State
from dossiers.services import DossierNotFound
from dossiers.submission import SubmissionInvalid


@login_required
@require_safe
def my_wallet(request):
    holder = wallet.holder_of(request.user)
    documents = wallet.titled(wallet.wallet_documents(holder))
    for document in documents:
        # The holder's own link carries the token: the verification page then offers the content too.
        document.verify_url = signing.verification_path(document)
    return render(request, "portal/my_wallet.html", {"holder": holder, "documents": documents})


@login_required
@require_safe
def wallet_file(request, file_id):
    """Download one document of the account's own wallet; anyone else's is a 404."""
    document = wallet.holder_document(wallet.holder_of(request.user), file_id)
    if document is None:
        raise Http404(_("There is no such document in your wallet."))
    return file_download(document, inline=request.GET.get("xem") == "1")


@login_required
@require_POST
def reuse_from_wallet(request, pk):
    """Attach a wallet document to a component ("Dùng giấy tờ này"): of the draft, or of the answer to
    a supplement request; then back to that page."""
    try:
        dossier = submission.own_dossier(request.user, pk)
    except DossierNotFound as error:
        raise Http404(error.message) from error
    component = get_object_or_404(dossier.procedure.components, pk=_number(request.POST.get("component")))
    key = submission.component_key(component)
    try:
        reused = submission.attach_from_wallet(dossier, request.user, component, request.POST.get("document"))
    except SubmissionInvalid as error:
        for message in error.errors.get(key, []) or sum(error.errors.values(), []):
            messages.error(request, message)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("“%(document)s” from your document wallet is attached to “%(name)s”.")
            % {"document": reused.original_name, "name": component.name},
        )
    if dossier.state != State.DRAFT:
        return redirect(reverse("portal:my_dossier", kwargs={"pk": dossier.pk}) + "#bo-sung")
    back = "?back=summary" if request.GET.get("back") == "summary" else ""
    return redirect(reverse("portal:draft_files", kwargs={"pk": dossier.pk}) + f"{back}#{key}")


def _number(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
