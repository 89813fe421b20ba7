"""`manage.py create_dev_pki`: a development root CA and one signing certificate per agency."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from catalog.models import Agency
from documents.signing.pki import ROOT_CERT, create_dev_pki, p12_name


class Command(BaseCommand):
    help = (
        "Make a local root CA and one PKCS#12 certificate per agency in MOTCUA_SIGNING_PKCS12_DIR "
        "(password MOTCUA_SIGNING_PKCS12_PASSWORD), so that development results are signed. "
        "Existing files are kept; agencies without a certificate get one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Say nothing and change nothing when every agency has its certificate (make run).",
        )
        parser.add_argument(
            "--crl-url", default="", help="CRL distribution point written into new certificates."
        )

    def handle(self, *args, if_missing=False, crl_url="", **options):
        directory = Path(settings.MOTCUA_SIGNING_PKCS12_DIR)
        agencies = list(Agency.objects.order_by("code").values_list("code", "name"))
        complete = (directory / ROOT_CERT).exists() and all(
            (directory / p12_name(code)).exists() for code, _ in agencies
        )
        if if_missing and complete:
            return
        pki = create_dev_pki(directory, agencies, settings.MOTCUA_SIGNING_PKCS12_PASSWORD, crl_url=crl_url)
        self.stdout.write(
            f"Development PKI in {directory}: {len(pki.created)} certificate(s) made, {len(pki.kept)} kept."
        )
