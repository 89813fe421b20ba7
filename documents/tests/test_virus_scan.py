"""The virus scan of every upload, against a real ClamAV daemon started for these tests.

clamd runs with a database of one signature, EICAR's (the harmless test file every antivirus detects),
since the real databases are not downloadable here: an ``.hdb`` line, the MD5 of the file, its size and
a name (ClamAV's "Creating signatures" documentation).
"""

import hashlib
import io
import shutil
import socket
import subprocess
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.scanners import ScannerUnavailable, virus_scanners
from documents.scanners.clamd import CHUNK, instream, verdict
from documents.tests.samples import MINIMAL_PDF
from documents.uploads import PDF, check_document, check_scan

# Split, so that this source file is not itself detected as EICAR by a scanner on a developer's machine.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
SIGNATURE = "Eicar-Test-Signature"
# A body signature (.ndb: found at any offset) for the chunking test.
MARKER = b"motcua chunked stream marker"
MARKER_SIGNATURE = "Motcua-Chunk-Marker"
START_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(address) -> bool:
    try:
        family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
        with socket.socket(family) as connection:
            connection.settimeout(1)
            connection.connect(address)
            connection.sendall(b"zPING\0")
            return connection.recv(16).startswith(b"PONG")
    except OSError:
        return False


@pytest.fixture(scope="module")
def clamd(tmp_path_factory):
    """A clamd on a free loopback port and a unix socket, knowing only EICAR and a marker; stopped
    after the module."""
    binary = shutil.which("clamd") or shutil.which("clamd", path="/usr/sbin:/usr/local/sbin")
    if binary is None:
        pytest.skip("clamd is not installed (apt-get install clamav-daemon)")
    folder = tmp_path_factory.mktemp("clamd")
    (folder / "db").mkdir()
    (folder / "db" / "eicar.hdb").write_text(f"{hashlib.md5(EICAR).hexdigest()}:{len(EICAR)}:{SIGNATURE}\n")
    (folder / "db" / "marker.ndb").write_text(f"{MARKER_SIGNATURE}:0:*:{MARKER.hex()}\n")
    port, unix_socket = _free_port(), str(folder / "clamd.sock")
    (folder / "clamd.conf").write_text(
        "\n".join(
            [
                "Foreground yes",
                f"DatabaseDirectory {folder / 'db'}",
                "TCPAddr 127.0.0.1",
                f"TCPSocket {port}",
                f"LocalSocket {unix_socket}",
                f"LogFile {folder / 'clamd.log'}",
                "StreamMaxLength 20M",
                "",
            ]
        )
    )
    process = subprocess.Popen(
        [binary, "-c", str(folder / "clamd.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + START_SECONDS
    while not (_answers(("127.0.0.1", port)) and _answers(unix_socket)):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log = (folder / "clamd.log").read_text() if (folder / "clamd.log").exists() else ""
            pytest.fail(f"clamd did not start: {process.stderr.read().decode()} {log}")
        time.sleep(0.02)  # polling its start, typically a few tens of milliseconds with one signature
    yield {"port": port, "socket": unix_socket}
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def over_tcp(settings, clamd):
    settings.MOTCUA_VIRUS_SCANNER = "clamd"
    settings.MOTCUA_CLAMD_HOST, settings.MOTCUA_CLAMD_PORT = "127.0.0.1", clamd["port"]
    settings.MOTCUA_CLAMD_SOCKET = ""
    settings.MOTCUA_CLAMD_TIMEOUT_SECONDS = 10


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


@pytest.mark.usefixtures("over_tcp", "english")
def test_an_infected_upload_is_refused_naming_the_file_and_what_was_found():
    with pytest.raises(ValidationError) as refused:
        check_scan(SimpleUploadedFile("giay-to.pdf", EICAR))
    assert refused.value.code == "infected"
    assert _messages(refused.value) == (
        f"“giay-to.pdf” contains a virus ({SIGNATURE}.UNOFFICIAL) and was not accepted."
    )
    with pytest.raises(ValidationError) as refused:  # a catalog officer's document too
        check_document(SimpleUploadedFile("mau.docx", EICAR))
    assert refused.value.code == "infected"


@pytest.mark.usefixtures("over_tcp")
def test_a_clean_file_passes_over_tcp_and_the_unix_socket(settings, clamd):
    upload = SimpleUploadedFile("to-khai.pdf", MINIMAL_PDF)
    assert check_scan(upload).content_type == PDF
    assert upload.tell() == 0
    settings.MOTCUA_CLAMD_SOCKET = clamd["socket"]
    assert check_scan(SimpleUploadedFile("to-khai.pdf", MINIMAL_PDF)).content_type == PDF
    with pytest.raises(ValidationError, match="UNOFFICIAL"):
        check_scan(SimpleUploadedFile("giay-to.pdf", EICAR))


def test_the_file_is_streamed_in_chunks(clamd):
    """A marker after the first chunks is found only if every chunk reached clamd."""
    padding = b"\0" * (3 * CHUNK + 17)
    address = ("127.0.0.1", clamd["port"])
    assert instream(io.BytesIO(padding), address, timeout=10) is None
    assert instream(io.BytesIO(padding + MARKER), address, timeout=10) == f"{MARKER_SIGNATURE}.UNOFFICIAL"


@pytest.mark.usefixtures("english")
def test_a_configured_scanner_that_cannot_be_reached_refuses_the_upload(settings):
    settings.MOTCUA_VIRUS_SCANNER = "clamd"
    settings.MOTCUA_CLAMD_SOCKET = ""
    settings.MOTCUA_CLAMD_HOST, settings.MOTCUA_CLAMD_PORT = "127.0.0.1", _free_port()  # nobody listens
    settings.MOTCUA_CLAMD_TIMEOUT_SECONDS = 5
    with pytest.raises(ValidationError) as refused:
        check_scan(SimpleUploadedFile("to-khai.pdf", MINIMAL_PDF))
    assert refused.value.code == "scan_unavailable"
    assert _messages(refused.value) == (
        "“to-khai.pdf” could not be checked for viruses at the moment and was not accepted. "
        "Try again in a few minutes."
    )
    settings.MOTCUA_CLAMD_SOCKET = "/nonexistent/clamd.sock"
    with pytest.raises(ValidationError, match="Try again"):
        check_scan(SimpleUploadedFile("to-khai.pdf", MINIMAL_PDF))


def test_a_scanner_that_does_not_answer_in_time_refuses_the_upload(settings):
    """A server that accepts the connection and says nothing: the timeout ends the wait."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        accepted = []
        thread = threading.Thread(target=lambda: accepted.append(silent.accept()[0]), daemon=True)
        thread.start()
        settings.MOTCUA_VIRUS_SCANNER = "clamd"
        settings.MOTCUA_CLAMD_SOCKET = ""
        settings.MOTCUA_CLAMD_HOST, settings.MOTCUA_CLAMD_PORT = silent.getsockname()
        settings.MOTCUA_CLAMD_TIMEOUT_SECONDS = 0.3
        started = time.monotonic()
        with pytest.raises(ValidationError) as refused:
            check_scan(SimpleUploadedFile("to-khai.pdf", MINIMAL_PDF))
        assert refused.value.code == "scan_unavailable"
        assert time.monotonic() - started < 3
        thread.join(timeout=5)
        for connection in accepted:
            connection.close()


def test_clamd_replies_are_read_strictly():
    assert verdict("stream: OK") is None
    assert verdict("stream: Win.Test.EICAR_HDB-1 FOUND") == "Win.Test.EICAR_HDB-1"
    for reply in ("INSTREAM size limit exceeded. ERROR", "", "stream: something else"):
        with pytest.raises(ScannerUnavailable):
            verdict(reply)


def test_no_scanner_by_default_and_the_registry_knows_clamd(settings):
    assert settings.MOTCUA_VIRUS_SCANNER == "none"
    assert virus_scanners.ids() == ["clamd", "none"]
    assert virus_scanners.configured().scan(SimpleUploadedFile("x.pdf", EICAR)) is None


@pytest.mark.django_db
def test_the_upload_page_says_why_never_a_500(client, settings, clamd):
    """In the applicant's language (Vietnamese: the page shows the message's translation)."""
    from django.urls import reverse
    from django.utils import translation
    from django.utils.html import escape

    from catalog.tests.factories import procedure_with_details
    from documents import uploads
    from dossiers import submission
    from dossiers.tests.test_submission import citizen

    applicant = citizen()
    draft = submission.start_draft(applicant, procedure_with_details(service_level=4))
    component = draft.procedure.components.get(required=True)
    client.force_login(applicant)
    url = reverse("portal:draft_files", kwargs={"pk": draft.pk})
    settings.MOTCUA_VIRUS_SCANNER, settings.MOTCUA_CLAMD_SOCKET = "clamd", clamd["socket"]
    with translation.override("vi"):
        infected = str(uploads._INFECTED) % {"name": "giay-to.pdf", "found": f"{SIGNATURE}.UNOFFICIAL"}
        unavailable = str(uploads._SCAN_UNAVAILABLE) % {"name": "to-khai.pdf"}

    response = client.post(
        url, {"component": component.pk, "files": [SimpleUploadedFile("giay-to.pdf", EICAR)]}
    )
    assert response.status_code == 400
    assert escape(infected) in response.content.decode()

    settings.MOTCUA_CLAMD_SOCKET = clamd["socket"] + ".missing"
    response = client.post(
        url, {"component": component.pk, "files": [SimpleUploadedFile("to-khai.pdf", MINIMAL_PDF)]}
    )
    assert response.status_code == 400
    assert escape(unavailable) in response.content.decode()
    assert not draft.files.exists()
