"""The signers: ``pkcs12`` (a key file per agency) and ``remote`` (an HTTP signing service).

``remote`` speaks the small protocol below, the shape of a USB-token bridge, an HSM or a government CA's
remote-signing service; ``documents.signing.devserver`` implements it for development and tests. Every
request carries ``Authorization: Bearer <MOTCUA_REMOTE_SIGNER_TOKEN>``; the key id is the agency code.

``GET <MOTCUA_REMOTE_SIGNER_URL>/certificates/<key id>``
    200, ``application/pem-certificate-chain``: the signing certificate first, then its issuers.
``POST <MOTCUA_REMOTE_SIGNER_URL>/sign`` with JSON ``{"key_id", "digest_algorithm", "digest"}``
    (``digest``: base64 of the document's ``/ByteRange`` digest, ``digest_algorithm``: ``"sha256"``)
    200, JSON ``{"cms": base64 DER}``: a detached CMS SignedData over that digest, with the PAdES signed
    attributes (content type, message digest, signing-certificate-v2), signed by that key.
Errors: any other status, with JSON ``{"error": "..."}`` when the service can say why.

The document never leaves the portal: only its digest does. The timestamp (B-T) is added here, to the
returned signature, so the service need not reach the timestamp authority.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

from asn1crypto import cms, pem
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers as pyhanko_signers
from pyhanko.sign.attributes import TSTProvider
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko_certvalidator.registry import SimpleCertificateStore

from .base import Signer, SigningJob, SigningParty, SigningUnavailable, signers
from .pki import create_dev_pki, p12_name


def password_for(agency_code: str) -> str:
    """The agency's own password (MOTCUA_SIGNING_PKCS12_PASSWORD_<CODE>, the code in capitals with every
    other character as "_"), else the common one."""
    key = re.sub(r"[^0-9A-Z]", "_", agency_code.upper())
    return settings.MOTCUA_SIGNING_PKCS12_AGENCY_PASSWORDS.get(key, settings.MOTCUA_SIGNING_PKCS12_PASSWORD)


def _pdf_signer(job: SigningJob, cms_signer) -> pyhanko_signers.PdfSigner:
    return pyhanko_signers.PdfSigner(
        job.signature_meta,
        signer=cms_signer,
        timestamper=job.timestamper,
        stamp_style=job.stamp_style,
        new_field_spec=job.field_spec,
    )


def _writer(job: SigningJob) -> IncrementalPdfFileWriter:
    return IncrementalPdfFileWriter(io.BytesIO(job.pdf), strict=False)


class _KeptKeySigner(pyhanko_signers.SimpleSigner):
    """pyHanko's SimpleSigner parses its RSA key again for every signature, which costs more than the
    signature (OpenSSL validates the key each time): this one keeps the parsed key."""

    _parsed_key = None

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        try:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        except ValueError:
            mechanism = ""
        if mechanism != "rsassa_pkcs1v15":
            return super().sign_raw(data, digest_algorithm)
        if self._parsed_key is None:
            self._parsed_key = serialization.load_der_private_key(self.signing_key.dump(), password=None)
        return self._parsed_key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))


#: The agencies' signers opened by this process, by (file, its version, the password's hash).
_LOADED: dict[tuple, pyhanko_signers.SimpleSigner] = {}


@signers.register("pkcs12")
class Pkcs12Signer(Signer):
    """Each agency's key and certificate in ``<MOTCUA_SIGNING_PKCS12_DIR>/<agency code>.p12``."""

    label = "PKCS#12 file per agency"

    def load(self, party: SigningParty) -> pyhanko_signers.SimpleSigner:
        path = Path(settings.MOTCUA_SIGNING_PKCS12_DIR) / p12_name(party.agency_code)
        try:
            stat = path.stat()
        except OSError as error:
            raise SigningUnavailable(
                _(
                    "%(agency)s has no signing certificate yet (%(file)s): "
                    "ask the administrator to install it."
                )
                % {"agency": party.agency_name, "file": path.name}
            ) from error
        password = password_for(party.agency_code)
        # Opening a key file costs more than the signature itself (OpenSSL checks the RSA key): each
        # process keeps what it opened, until the file or its password changes.
        key = (str(path), stat.st_mtime_ns, stat.st_size, hashlib.sha256(password.encode()).hexdigest())
        signer = _LOADED.get(key)
        if signer is None:
            signer = self._open(party, path, password)
            _LOADED[key] = signer
        return signer

    @staticmethod
    def _open(party: SigningParty, path: Path, password: str) -> pyhanko_signers.SimpleSigner:
        try:
            signer = pyhanko_signers.SimpleSigner.load_pkcs12_data(
                path.read_bytes(), other_certs=[], passphrase=password.encode()
            )
        except (OSError, ValueError) as error:
            raise SigningUnavailable(
                _(
                    "The signing certificate of %(agency)s cannot be opened: its password is wrong or the "
                    "file is damaged. Ask the administrator to check it."
                )
                % {"agency": party.agency_name}
            ) from error
        signer.__class__ = _KeptKeySigner  # the loader builds a SimpleSigner; same state, kept key
        return signer

    def sign(self, job: SigningJob) -> bytes:
        output = _pdf_signer(job, self.load(job.party)).sign_pdf(
            _writer(job), appearance_text_params=job.appearance_text_params
        )
        return output.getvalue()


@signers.register("dev")
class DevelopmentSigner(Pkcs12Signer):
    """The ``pkcs12`` signer over the development PKI, which issues an agency its certificate the first
    time it signs (an agency added in the demo's admin, every agency a test makes). Never in production:
    its root is made on this machine and trusted by nobody else."""

    label = "PKCS#12 files of the development PKI, issued on first use (development and tests)"
    fake = True

    def load(self, party: SigningParty) -> pyhanko_signers.SimpleSigner:
        directory = Path(settings.MOTCUA_SIGNING_PKCS12_DIR)
        if not (directory / p12_name(party.agency_code)).exists():
            issued = [(party.agency_code, party.agency_name)]
            create_dev_pki(directory, issued, password_for(party.agency_code))
        return super().load(party)


class RemoteSignerError(SigningUnavailable):
    """The signing service refused, answered something unexpected, or could not be reached."""


# Room for the returned CMS (hex-encoded, hence twice its size) beyond the certificates it carries.
CMS_OVERHEAD = 4096
TIMESTAMP_ROOM = 8192


@signers.register("remote")
class RemoteSigner(Signer):
    """Signs through the HTTP service at MOTCUA_REMOTE_SIGNER_URL (the protocol is in the module's doc)."""

    label = "Remote signing service (USB token, HSM, CA)"

    def sign(self, job: SigningJob) -> bytes:
        return asyncio.run(self._sign(job))

    async def _sign(self, job: SigningJob) -> bytes:
        key_id = job.party.agency_code
        chain = self.certificates(job.party)
        registry = SimpleCertificateStore()
        registry.register_multiple(chain[1:])
        # A stand-in for the service's signature: the CMS is laid out, sized and digested around it.
        placeholder = pyhanko_signers.ExternalSigner(chain[0], registry, signature_value=bytes(512))
        reserved = 2 * (sum(len(cert.dump()) for cert in chain) + CMS_OVERHEAD)
        if job.timestamper is not None:
            reserved += 2 * TIMESTAMP_ROOM
        pdf_signer = pyhanko_signers.PdfSigner(
            job.signature_meta, signer=placeholder, stamp_style=job.stamp_style, new_field_spec=job.field_spec
        )
        prepared, tbs, output = await pdf_signer.async_digest_doc_for_signing(
            _writer(job), bytes_reserved=reserved, appearance_text_params=job.appearance_text_params
        )
        answer = self._request(
            job.party,
            "POST",
            "/sign",
            {
                "key_id": key_id,
                "digest_algorithm": tbs.md_algorithm,
                "digest": base64.b64encode(prepared.document_digest).decode(),
            },
        )
        try:
            signature = cms.ContentInfo.load(base64.b64decode(json.loads(answer)["cms"]))
            signature["content"]["signer_infos"][0]  # noqa: B018 - the shape is checked here, not later
        except (ValueError, KeyError, TypeError, IndexError) as error:
            raise self._error(job.party, _("the signing service's answer is not a signature")) from error
        if job.timestamper is not None:
            await _add_signature_timestamp(signature, job.timestamper, tbs.md_algorithm)
        if len(signature.dump()) * 2 > reserved:
            raise self._error(job.party, _("the signature is larger than the room reserved for it"))
        await PdfTBSDocument.async_finish_signing(
            output,
            prepared,
            signature,
            post_sign_instr=tbs.post_sign_instructions,
            validation_context=tbs.validation_context,
        )
        return output.getvalue()

    def certificates(self, party: SigningParty) -> list[asn1_x509.Certificate]:
        data = self._request(party, "GET", f"/certificates/{party.agency_code}")
        try:
            chain = [asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
            if not chain:
                raise ValueError("no certificate")
        except ValueError as error:
            raise self._error(party, _("the signing service sent no certificate")) from error
        return chain

    def _request(self, party: SigningParty, method: str, path: str, body: dict | None = None) -> bytes:
        base = settings.MOTCUA_REMOTE_SIGNER_URL.rstrip("/")
        if not base.startswith(("https://", "http://")):
            raise self._error(party, _("MOTCUA_REMOTE_SIGNER_URL is not a web address"))
        headers = {"Accept": "application/json, application/pem-certificate-chain"}
        if settings.MOTCUA_REMOTE_SIGNER_TOKEN:
            headers["Authorization"] = f"Bearer {settings.MOTCUA_REMOTE_SIGNER_TOKEN}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(  # noqa: S310 -- the address is the setting, checked above
            base + path, data=data, headers=headers, method=method
        )
        try:
            timeout = settings.MOTCUA_SIGNING_TIMEOUT_SECONDS
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.read()
        except urllib.error.HTTPError as error:
            raise self._error(party, _service_said(error)) from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise self._error(party, _("the signing service cannot be reached")) from error

    @staticmethod
    def _error(party: SigningParty, reason) -> RemoteSignerError:
        return RemoteSignerError(
            _("The signing service could not sign for %(agency)s: %(reason)s.")
            % {"agency": party.agency_name, "reason": reason}
        )


def _service_said(error: urllib.error.HTTPError) -> str:
    try:
        said = json.loads(error.read())["error"]
    except (ValueError, KeyError, TypeError, OSError):
        said = error.reason
    return f"HTTP {error.code} ({said})"


async def _add_signature_timestamp(signature: cms.ContentInfo, timestamper, md_algorithm: str) -> None:
    """PAdES B-T: a timestamp over the signature value, as an unsigned attribute of its signer info."""
    signer_info = signature["content"]["signer_infos"][0]
    token = await TSTProvider(md_algorithm, signer_info["signature"].native, timestamper).get_attribute()
    existing = list(signer_info["unsigned_attrs"]) if signer_info["unsigned_attrs"].native else []
    signer_info["unsigned_attrs"] = cms.CMSAttributes([*existing, token])
