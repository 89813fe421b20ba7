"""A dossier whose result is issued and goes back to its applicant by post, and the officers around it."""

from datetime import UTC, datetime

import pytest

from core.roles import Role
from dossiers.constants import ResultDelivery
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.test_submission import citizen

NOW = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)  # 09:00 in Việt Nam, a Thursday
ISSUED_AT = datetime(2026, 3, 9, 3, 0, tzinfo=UTC)
RECEIVER = "Nguyễn Thị Hồng Nhung"
DELIVERY_ADDRESS = "Số 12 ngõ 34 phố Hàng Bài, Phường Hoàn Kiếm, Thành phố Hà Nội"


def issued_dossier(counter, delivery=ResultDelivery.POST, owner=None, *, through_the_steps=True) -> Dossier:
    """A dossier of ``counter``'s agency taken through its three steps; its result issued.

    ``through_the_steps=False`` sets the state directly (every step done), for the many tests that only
    need a result waiting to be returned: the suite stays fast on PostgreSQL.
    """
    dossier = received_dossier(
        officer=counter, now=NOW, name=RECEIVER, phone="0912345678", province_code=1, ward_code=70, user=owner
    )
    Dossier.objects.filter(pk=dossier.pk).update(
        result_delivery=delivery, delivery_address=DELIVERY_ADDRESS if delivery == ResultDelivery.POST else ""
    )
    if not through_the_steps:
        dossier.steps.update(started_at=NOW, done_at=NOW)
        Dossier.objects.filter(pk=dossier.pk).update(
            state=State.RESULT_ISSUED, step_index=None, step_due_at=None, decided_at=NOW
        )
        dossier.refresh_from_db()
        return dossier
    specialist = OfficerFactory(role=Role.SPECIALIST, agency=counter.agency)
    leader = OfficerFactory(role=Role.LEADER, agency=counter.agency)
    for user, action in (
        (counter, Action.ASSIGN),
        (counter, Action.FORWARD),
        (specialist, Action.FORWARD),
        (leader, Action.APPROVE),
        (specialist, Action.ISSUE_RESULT),
    ):
        perform(dossier, user, action, now=NOW)
    dossier.refresh_from_db()
    assert dossier.state == State.RESULT_ISSUED
    return dossier


@pytest.fixture
def counter():
    officer = OfficerFactory(role=Role.COUNTER_OFFICER, first_name="Tiếp nhận")
    agency = officer.agency
    agency.name, agency.phone, agency.street_address = "UBND phường Ba Đình", "02438221234", "1 Hoàng Diệu"
    agency.province_code, agency.ward_code = 1, 70
    agency.save()
    return officer


@pytest.fixture
def owner(db):
    return citizen()


@pytest.fixture
def by_post(counter, owner):
    """A result issued, to be returned by post (its state set directly: see :func:`issued_dossier`)."""
    return issued_dossier(counter, owner=owner, through_the_steps=False)


@pytest.fixture
def by_post_through_the_steps(counter, owner):
    return issued_dossier(counter, owner=owner)


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    settings.MOTCUA_POSTAL_WEBHOOK_SECRET = "bi-mat-chung-cua-buu-dien"
    settings.MOTCUA_POSTAL_CARRIER = "file"
