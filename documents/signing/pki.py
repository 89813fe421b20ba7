"""A development PKI: a local root CA and one signing certificate per agency (the agency's seal).

The files it writes are what the ``pkcs12`` signer and the verification read::

    <directory>/root.pem          the root's certificate (a trust root of MOTCUA_SIGNING_TRUST_ROOTS)
    <directory>/root-key.pem      the root's private key, so that agencies added later chain to it
    <directory>/root.crl          the root's (empty) certificate revocation list
    <directory>/<agency code>.p12 one agency's key, certificate and the root, under ``password``
    <directory>/tsa.pem, tsa-key.pem  a timestamp authority's certificate and key (``ensure_tsa``), for
                                  the development timestamp server of ``documents.signing.devserver``

It never replaces a file that exists: running it again only adds the agencies that are missing, so the
documents already signed keep validating. Nothing here is meant for production, where each agency's
certificate comes from a licensed certification authority.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

ROOT_NAME = "Motcua Dev Root CA"
ROOT_CERT = "root.pem"
ROOT_KEY = "root-key.pem"
ROOT_CRL = "root.crl"
TSA_CERT = "tsa.pem"
TSA_KEY = "tsa-key.pem"
KEY_BITS = 2048
ROOT_VALIDITY = dt.timedelta(days=20 * 365)
AGENCY_VALIDITY = dt.timedelta(days=10 * 365)
CRL_VALIDITY = dt.timedelta(days=365)
# Issued a little in the past, so that a clock a few minutes behind still accepts a fresh certificate.
BACKDATE = dt.timedelta(days=1)


def p12_name(agency_code: str) -> str:
    """The file of an agency's certificate: its code as is (national codes are dots, digits and capitals)."""
    return f"{agency_code}.p12"


@dataclass(frozen=True)
class DevPki:
    directory: Path
    created: tuple[str, ...]  # agency codes whose certificate this run made
    kept: tuple[str, ...]  # agency codes whose certificate was already there

    @property
    def root_path(self) -> Path:
        return self.directory / ROOT_CERT


def create_dev_pki(
    directory: Path | str,
    agencies: Iterable[tuple[str, str]],
    password: str,
    *,
    crl_url: str = "",
    now: dt.datetime | None = None,
) -> DevPki:
    """Make (or complete) the development PKI in ``directory`` for ``agencies`` (code, name) pairs.

    ``crl_url`` (optional) is written into each new agency certificate as its CRL distribution point,
    where a server (``documents.signing.devserver``) publishes ``root.crl``: with it, revocation
    information is reachable and signatures can embed it (PAdES B-LT).
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    now = now or dt.datetime.now(dt.UTC)
    root_key, root_cert = _root(directory, now)
    created, kept = [], []
    for code, name in agencies:
        path = directory / p12_name(code)
        if path.exists():
            kept.append(code)
            continue
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
        cert = _agency_certificate(key, name, root_key, root_cert, crl_url=crl_url, now=now)
        blob = pkcs12.serialize_key_and_certificates(
            name=code.encode(),
            key=key,
            cert=cert,
            cas=[root_cert],
            encryption_algorithm=serialization.BestAvailableEncryption(password.encode()),
        )
        _write_private(path, blob)
        created.append(code)
    return DevPki(directory=directory, created=tuple(created), kept=tuple(kept))


def ensure_tsa(directory: Path | str, *, now: dt.datetime | None = None) -> tuple[Path, Path]:
    """The development timestamp authority's certificate and key (made once, issued by the dev root,
    which must exist): the paths of tsa.pem and tsa-key.pem."""
    directory = Path(directory)
    cert_path, key_path = directory / TSA_CERT, directory / TSA_KEY
    if not (cert_path.exists() and key_path.exists()):
        now = now or dt.datetime.now(dt.UTC)
        root_key, root_cert = _root(directory, now)
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Motcua (development)"),
                x509.NameAttribute(NameOID.COMMON_NAME, "Motcua Dev Timestamp Authority"),
            ]
        )
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(root_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - BACKDATE)
            .not_valid_after(min(now + AGENCY_VALIDITY, root_cert.not_valid_after_utc))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(signature=True), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(root_cert.public_key()), critical=False
            )
            .sign(root_key, hashes.SHA256())
        )
        _write_private(key_path, key.private_bytes(*_PEM_PKCS8, serialization.NoEncryption()))
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


def _root(directory: Path, now: dt.datetime) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    cert_path, key_path, crl_path = directory / ROOT_CERT, directory / ROOT_KEY, directory / ROOT_CRL
    if cert_path.exists() and key_path.exists():
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Motcua (development)"),
                x509.NameAttribute(NameOID.COMMON_NAME, ROOT_NAME),
            ]
        )
        ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - BACKDATE)
            .not_valid_after(now + ROOT_VALIDITY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_key_usage(cert_sign=True), critical=True)
            .add_extension(ski, critical=False)
            .sign(key, hashes.SHA256())
        )
        _write_private(key_path, key.private_bytes(*_PEM_PKCS8, serialization.NoEncryption()))
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    if not crl_path.exists():
        crl = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(cert.subject)
            .last_update(now - BACKDATE)
            .next_update(now + CRL_VALIDITY)
            .add_extension(x509.CRLNumber(1), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(cert.public_key()), critical=False
            )
            .sign(key, hashes.SHA256())
        )
        crl_path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
    return key, cert


def _agency_certificate(key, name, root_key, root_cert, *, crl_url, now) -> x509.Certificate:
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(root_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(min(now + AGENCY_VALIDITY, root_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signature=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_cert.public_key()), critical=False
        )
    )
    if crl_url:
        point = x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier(crl_url)],
            relative_name=None,
            reasons=None,
            crl_issuer=None,
        )
        builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
    return builder.sign(root_key, hashes.SHA256())


def _key_usage(*, signature: bool = False, cert_sign: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signature,
        content_commitment=signature,  # nonRepudiation: the seal commits the agency to the content
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


_PEM_PKCS8 = (serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8)


def _write_private(path: Path, data: bytes) -> None:
    """A key file readable by its owner only."""
    path.touch(mode=0o600, exist_ok=False)
    path.write_bytes(data)
