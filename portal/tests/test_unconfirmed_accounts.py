"""An account whose phone or e-mail is not confirmed browses, but cannot start or submit online."""

import re
from urllib.parse import quote

import pytest
from django.urls import reverse

from accounts.models import User
from dossiers import submission
from dossiers.models import Dossier
from dossiers.submission import ContactNotConfirmed
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.test_submission import citizen, complete
from dossiers.tests.test_submission import procedure as procedure  # noqa: F401, PLC0414  (a fixture)
from portal.tests.test_me_api import BASE, bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def unconfirmed():
    return citizen(contact_confirmed_at=None)


def confirm_url(next_url):
    return f"{reverse('accounts:confirm_contact')}?next={quote(next_url, safe='')}"


def test_the_service_refuses_to_start_or_submit(unconfirmed, procedure, english):
    with pytest.raises(ContactNotConfirmed, match="Confirm your phone number or e-mail"):
        submission.start_draft(unconfirmed, procedure)
    assert not Dossier.objects.exists()
    # A draft made while confirmed (say, before the phone changed) cannot be sent either.
    User.objects.filter(pk=unconfirmed.pk).update(contact_confirmed_at="2026-01-01T00:00:00Z")
    unconfirmed.refresh_from_db()
    draft = complete(submission.start_draft(unconfirmed, procedure), unconfirmed)
    unconfirmed.contact_confirmed_at = None
    with pytest.raises(ContactNotConfirmed):
        submission.submit(draft, unconfirmed)
    draft.refresh_from_db()
    assert draft.code is None


def test_the_start_page_sends_to_the_confirmation_page_and_back(client, unconfirmed, procedure):
    client.force_login(unconfirmed)
    start = reverse("portal:submit_start", args=[procedure.code])
    for response in (client.get(start), client.post(start)):
        assert response.status_code == 302 and response["Location"] == confirm_url(start)
    assert not Dossier.objects.exists()
    # Browsing and the account stay open.
    assert client.get(reverse("portal:procedure", args=[procedure.code])).status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.get(reverse("portal:my_dossiers")).status_code == 200


def test_the_summary_page_does_not_submit(client, unconfirmed, procedure):
    User.objects.filter(pk=unconfirmed.pk).update(contact_confirmed_at="2026-01-01T00:00:00Z")
    unconfirmed.refresh_from_db()
    draft = complete(submission.start_draft(unconfirmed, procedure), unconfirmed)
    User.objects.filter(pk=unconfirmed.pk).update(contact_confirmed_at=None)
    client.force_login(unconfirmed)
    summary = reverse("portal:draft_summary", kwargs={"pk": draft.pk})
    response = client.post(summary)
    assert response.status_code == 302 and response["Location"] == confirm_url(summary)
    draft.refresh_from_db()
    assert draft.code is None


def test_the_api_answers_403_in_the_error_shape(client, unconfirmed, procedure):
    response = client.post(
        BASE, {"procedure": procedure.code}, content_type="application/json", **bearer(unconfirmed)
    )
    assert response.status_code == 403
    body = response.json()
    assert body["errors"] == [] and "Hãy xác nhận số điện thoại hoặc e-mail" in body["message"]
    assert not Dossier.objects.exists()


def test_confirming_unlocks(client, unconfirmed, procedure):
    from accounts import confirmation
    from notifications.sms.backends import MemorySender

    MemorySender.outbox.clear()
    client.force_login(unconfirmed)
    start = reverse("portal:submit_start", args=[procedure.code])
    sent = confirmation.send_code(unconfirmed)
    assert sent.channel == confirmation.SMS
    code = re.search(r"\b(\d{6})\b", MemorySender.outbox[-1]["text"]).group(1)
    MemorySender.outbox.clear()
    response = client.post(reverse("accounts:confirm_contact"), {"code": code, "next": start})
    assert response.status_code == 302 and response["Location"] == start
    assert client.get(start).status_code == 200
    response = client.post(start)
    assert response.status_code == 302 and Dossier.objects.filter(applicant_user=unconfirmed).exists()


def test_officers_are_unaffected(client, procedure):
    officer = OfficerFactory()
    assert officer.contact_confirmed
    body = {"procedure": procedure.code}
    response = client.post(BASE, body, content_type="application/json", **bearer(officer))
    assert response.status_code == 409  # refused as before: not a citizen account
