"""Wallet documents for tests: a signed result of an earlier dossier, a component digitized at the counter.

The signer is not involved: the result is marked signed by its record (``signed_at`` and the signer),
which is what puts it in the holder's wallet.
"""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from documents.storage import sha256_of as content_sha256
from documents.tests.samples import MINIMAL_PDF
from dossiers.domain.lifecycle import State
from dossiers.models import Dossier, DossierFile
from dossiers.services import Applicant, ComponentReceived, Reception, receive_at_counter

from .factories import OfficerFactory, received_dossier

RESULT_PDF = MINIMAL_PDF.replace(b"%%EOF", b"% giay phep lai xe\n%%EOF")


def issued_result(
    holder: str, procedure, *, officer=None, state=State.RETURNED, signed=True, name="gplx.pdf"
):
    """A dossier of ``holder`` for ``procedure``, at ``state``, with its result file (signed or not)."""
    officer = officer or OfficerFactory(agency=procedure.agencies.first())
    dossier = received_dossier(officer, procedure, id_number=holder, name="Nguyễn Thị Lan")
    Dossier.objects.filter(pk=dossier.pk).update(state=str(state), step_index=None)
    result = DossierFile(
        dossier=dossier,
        kind=DossierFile.Kind.RESULT,
        original_name=name,
        content_type="application/pdf",
        size=len(RESULT_PDF),
        sha256=content_sha256(RESULT_PDF),
        signed_at=timezone.now() if signed else None,
        signer_name="Trần Văn Sáng" if signed else "",
        signer_title="Giám đốc" if signed else "",
        uploaded_by=officer,
    )
    result.file.save("ket-qua.pdf", ContentFile(RESULT_PDF), save=False)
    result.save()
    return result


def digitized_component(holder: str, component, *, officer=None, content=MINIMAL_PDF) -> DossierFile:
    """``component`` of a dossier of ``holder``, scanned at the counter."""
    procedure = component.procedure
    officer = officer or OfficerFactory(agency=procedure.agencies.first())
    required = [c for c in procedure.components.all() if c.required and c.pk != component.pk]
    scan = SimpleUploadedFile("ban-quet.pdf", content)
    dossier = receive_at_counter(
        officer,
        Reception(
            procedure=procedure,
            applicant=Applicant(name="Nguyễn Thị Lan", id_number=holder),
            components=[ComponentReceived(component, [scan]), *(ComponentReceived(c) for c in required)],
        ),
    )
    return dossier.files.get(kind=DossierFile.Kind.COMPONENT)
