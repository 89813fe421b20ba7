"""A small signing service for development and tests: the ``remote`` signer's protocol (see
``documents.signing.providers``) over the development PKI, plus what a real deployment gets from its CA:

``GET  /certificates/<key id>``  the agency's certificate chain (PEM)
``POST /sign``                   a PAdES CMS signature over a digest (JSON in, JSON out)
``POST /tsa``                    RFC 3161 timestamps (``application/timestamp-query``), by the dev TSA
``GET  /crl``                    the dev root's revocation list (DER), the agencies' CRL distribution point

Run it on a loopback port beside ``make run``::

    python -m documents.signing.devserver --pki-dir var/pki --port 8765

(the password from MOTCUA_SIGNING_PKCS12_PASSWORD, default "motcua-dev"; a bearer token, if any, from
MOTCUA_REMOTE_SIGNER_TOKEN). Tests start it in a thread with :class:`DevSigningServer`. It is no HSM: the
keys are the PKCS#12 files, read with the password it was given.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hmac
import json
import os
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from asn1crypto import keys, pem, tsp
from asn1crypto import x509 as asn1_x509
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from .pki import ROOT_CERT, ROOT_CRL, ensure_tsa, p12_name

MAX_BODY = 64 * 1024
DIGEST_SIZES = {"sha256": 32, "sha384": 48, "sha512": 64}


class DevSigningServer:
    """The service on ``host``:``port`` (0: any free port) in a background thread; ``url`` is its base."""

    def __init__(self, pki_dir: Path | str, password: str, *, token: str = "", host="127.0.0.1", port=0):
        self.pki_dir = Path(pki_dir)
        self.password = password
        self.token = token
        self._httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self._thread: threading.Thread | None = None
        self._tsa: DummyTimeStamper | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> DevSigningServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def signer(self, key_id: str) -> SimpleSigner | None:
        path = self.pki_dir / p12_name(key_id)
        if "/" in key_id or not path.is_file():
            return None
        return SimpleSigner.load_pkcs12_data(path.read_bytes(), [], passphrase=self.password.encode())

    def timestamper(self) -> DummyTimeStamper:
        with self._lock:
            if self._tsa is None:
                cert_path, key_path = ensure_tsa(self.pki_dir)
                cert = asn1_x509.Certificate.load(pem.unarmor(cert_path.read_bytes())[2])
                key = keys.PrivateKeyInfo.load(pem.unarmor(key_path.read_bytes())[2])
                root = asn1_x509.Certificate.load(pem.unarmor((self.pki_dir / ROOT_CERT).read_bytes())[2])
                self._tsa = DummyTimeStamper(cert, key, certs_to_embed=[root])
            return self._tsa


def _handler_for(server: DevSigningServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # quiet in tests; the CLI prints its address
            pass

        def do_GET(self):
            if self.path == "/crl":
                return self._send(
                    HTTPStatus.OK, (server.pki_dir / ROOT_CRL).read_bytes(), "application/pkix-crl"
                )
            if not self._authorized():
                return None
            if self.path.startswith("/certificates/"):
                return self._certificates(self.path.removeprefix("/certificates/"))
            return self._error(HTTPStatus.NOT_FOUND, "no such resource")

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large")
            body = self.rfile.read(length)
            if self.path == "/tsa":
                return self._timestamp(body)
            if not self._authorized():
                return None
            if self.path == "/sign":
                return self._sign(body)
            return self._error(HTTPStatus.NOT_FOUND, "no such resource")

        def _certificates(self, key_id):
            signer = server.signer(key_id)
            if signer is None:
                return self._error(HTTPStatus.NOT_FOUND, f"unknown key {key_id}")
            chain = [signer.signing_cert, *signer.cert_registry]
            data = b"".join(pem.armor("CERTIFICATE", cert.dump()) for cert in chain)
            return self._send(HTTPStatus.OK, data, "application/pem-certificate-chain")

        def _sign(self, body):
            try:
                request = json.loads(body)
                key_id, algorithm = request["key_id"], request["digest_algorithm"]
                digest = base64.b64decode(request["digest"], validate=True)
            except (ValueError, KeyError, TypeError):
                return self._error(HTTPStatus.BAD_REQUEST, "expected key_id, digest_algorithm, digest")
            if DIGEST_SIZES.get(algorithm) != len(digest):
                return self._error(HTTPStatus.BAD_REQUEST, "digest does not match digest_algorithm")
            signer = server.signer(str(key_id))
            if signer is None:
                return self._error(HTTPStatus.NOT_FOUND, f"unknown key {key_id}")
            signature = asyncio.run(signer.async_sign(digest, algorithm, use_pades=True))
            answer = json.dumps({"cms": base64.b64encode(signature.dump()).decode()}).encode()
            return self._send(HTTPStatus.OK, answer, "application/json")

        def _timestamp(self, body):
            try:
                request = tsp.TimeStampReq.load(body)
                request.native  # noqa: B018 - parse it all now, not while answering
            except ValueError:
                return self._error(HTTPStatus.BAD_REQUEST, "not a timestamp request")
            response = server.timestamper().request_tsa_response(request)
            return self._send(HTTPStatus.OK, response.dump(), "application/timestamp-reply")

        def _authorized(self) -> bool:
            if not server.token:
                return True
            given = self.headers.get("Authorization", "")
            if hmac.compare_digest(given.encode(), f"Bearer {server.token}".encode()):
                return True
            self._error(HTTPStatus.UNAUTHORIZED, "missing or wrong bearer token")
            return False

        def _error(self, status, message):
            self._send(status, json.dumps({"error": message}).encode(), "application/json")

        def _send(self, status, data: bytes, content_type: str):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pki-dir", default="var/pki")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    server = DevSigningServer(
        args.pki_dir,
        os.environ.get("MOTCUA_SIGNING_PKCS12_PASSWORD", "motcua-dev"),
        token=os.environ.get("MOTCUA_REMOTE_SIGNER_TOKEN", ""),
        host=args.host,
        port=args.port,
    )
    print(f"Signing service on {server.url} (keys in {args.pki_dir}); Ctrl-C stops it.", flush=True)
    try:
        server._httpd.serve_forever()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
