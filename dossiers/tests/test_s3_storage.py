"""Content-addressed dossier files on S3-compatible storage, against a real S3 server (moto's) on a
loopback port, through django-storages' backend: stored, read back, served by the authorized download
view (streamed, or redirected to a signed URL), one object per content, released when unused."""

import hashlib
import urllib.request
import uuid

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from catalog.tests.factories import procedure_with_details
from documents.tests.samples import MINIMAL_PDF
from dossiers import submission
from dossiers.tests.test_submission import citizen

pytestmark = pytest.mark.django_db
BUCKET = "motcua-files"
CREDENTIALS = {"access_key": "motcua-test", "secret_key": "motcua-test-secret", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server on a free loopback port, with an empty private bucket; stopped after the module."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
        region_name=CREDENTIALS["region_name"],
    )
    client.create_bucket(Bucket=BUCKET)
    yield endpoint, client
    server.stop()


@pytest.fixture
def s3(settings, s3_endpoint):
    """The default storage is the S3 bucket for this test only (pytest-django restores the settings,
    and Django's setting_changed signal drops the storage instances built from them)."""
    endpoint, client = s3_endpoint
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "default_acl": "private",
                "querystring_auth": True,
                "signature_version": "s3v4",
                **CREDENTIALS,
            },
        },
    }
    yield client
    for listed in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=listed["Key"])


@pytest.fixture
def scan() -> bytes:
    return MINIMAL_PDF.replace(b"\n", f"\n% {uuid.uuid4().hex}\n".encode(), 1)


@pytest.fixture
def drafts():
    procedure = procedure_with_details(service_level=4)
    lan = citizen("lan", personal_id="022190001234", email="lan@example.com")
    hoa = citizen("hoa", personal_id="022190005678", email="hoa@example.com")
    return [(submission.start_draft(user, procedure), user) for user in (lan, hoa)]


def _attach(draft, user, content):
    component = draft.procedure.components.get(required=True)
    return submission.attach_file(draft, user, component, SimpleUploadedFile("giấy tờ.pdf", content))


def _keys(client) -> list[str]:
    return sorted(listed["Key"] for listed in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_stored_on_s3_under_the_content_hash_once_and_released_when_unused(
    s3, drafts, scan, django_capture_on_commit_callbacks
):
    assert default_storage.__class__.__name__ == "S3Storage"
    (lan_draft, lan), (hoa_draft, hoa) = drafts
    first, second = _attach(lan_draft, lan, scan), _attach(hoa_draft, hoa, scan)
    sha256 = hashlib.sha256(scan).hexdigest()
    name = f"files/{sha256[:2]}/{sha256}.pdf"
    assert (first.file.name, second.file.name, first.sha256) == (name, name, sha256)
    assert _keys(s3) == [name]
    assert s3.get_object(Bucket=BUCKET, Key=name)["Body"].read() == scan
    with default_storage.open(name) as stored:
        assert stored.read() == scan

    with django_capture_on_commit_callbacks(execute=True):
        submission.remove_file(lan_draft, lan, first.pk)
    assert _keys(s3) == [name]  # Hoa's dossier still uses it
    with django_capture_on_commit_callbacks(execute=True):
        submission.remove_file(hoa_draft, hoa, second.pk)
    assert _keys(s3) == []


def test_the_authorized_download_streams_the_object(s3, drafts, scan, client, settings):
    settings.MOTCUA_FILE_TRANSFER = "django"
    (draft, lan), (_other_draft, hoa) = drafts
    stored = _attach(draft, lan, scan)
    url = reverse("portal:my_file", args=[draft.pk, stored.pk])
    client.force_login(hoa)
    assert client.get(url).status_code == 404
    client.force_login(lan)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == scan


def test_the_authorized_download_redirects_to_a_short_lived_signed_url(s3, drafts, scan, client, settings):
    settings.MOTCUA_FILE_TRANSFER = "s3"
    settings.MOTCUA_S3_URL_SECONDS = 30
    (draft, lan), (_other_draft, hoa) = drafts
    stored = _attach(draft, lan, scan)
    url = reverse("portal:my_file", args=[draft.pk, stored.pk])
    client.force_login(hoa)
    assert client.get(url).status_code == 404
    client.force_login(lan)
    response = client.get(url)
    assert response.status_code == 302
    signed = response["Location"]
    assert signed.startswith(s3_endpoint_of(s3) + f"/{BUCKET}/{stored.file.name}?")
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=30" in signed
    assert "no-store" in response["Cache-Control"]
    with urllib.request.urlopen(signed, timeout=10) as answer:  # the browser follows the redirect
        assert answer.read() == scan
        assert answer.headers["Content-Type"] == "application/pdf"
        assert answer.headers["Content-Disposition"].startswith("attachment;")
    unsigned = signed.split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned, timeout=10)
    assert refused.value.code == 403


def s3_endpoint_of(client) -> str:
    return client.meta.endpoint_url


def test_the_other_tests_store_on_disk():
    """No S3 setting outlives the tests that asked for it."""
    assert default_storage.__class__.__name__ == "FileSystemStorage"
