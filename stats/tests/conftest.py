"""The hand-built province of the statistics' tests (see test_figures.py for its dossiers)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.models import User
from catalog.constants import AdministrativeLevel
from catalog.tests.factories import SectorFactory
from core.roles import Role
from documents.tests.samples import MINIMAL_PDF
from dossiers.constants import Channel, ResultDelivery
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier
from dossiers.services import Applicant, ComponentReceived, Reception, perform, receive_at_counter
from stats.tests.helpers import at, office


def receive(place, when, channel=Channel.DIRECT, **options):
    applicant = options.pop("applicant", None) or Applicant(
        name="Trần Văn Bình", id_number="022088003456", phone="0903111222"
    )
    reception = Reception(procedure=place.procedure, applicant=applicant, channel=channel, **options)
    return receive_at_counter(place.counter, reception, now=when)


def resolve(place, dossier, when):
    """Through the three steps to the leader's approval at ``when``."""
    perform(dossier, place.counter, Action.ASSIGN, now=when - timedelta(minutes=4))
    perform(dossier, place.counter, Action.FORWARD, now=when - timedelta(minutes=3))
    perform(dossier, place.specialist, Action.FORWARD, proposal="approve", now=when - timedelta(minutes=2))
    perform(dossier, place.leader, Action.APPROVE, now=when)


def result_file():
    return SimpleUploadedFile("ket-qua.pdf", MINIMAL_PDF, content_type="application/pdf")


def build_march():
    """The two agencies and their dossiers of test_figures.py's table, through the real actions."""
    a = office(level=AdministrativeLevel.PROVINCE, name="Sở Tư pháp")
    b = office(level=AdministrativeLevel.COMMUNE, name="UBND xã An Bình")
    a.procedure.sector = SectorFactory(name="Hộ tịch")
    a.procedure.save()
    b.procedure.sector = SectorFactory(name="Chứng thực")
    b.procedure.save()
    citizen = User.objects.create_user("congdan.stats", role=Role.CITIZEN, password="x-secret-123")

    a0 = receive(a, at(2026, 1, 5))
    resolve(a, a0, at(2026, 1, 7, 10))
    a1 = receive(a, at(2026, 2, 23), result_delivery=ResultDelivery.POST, delivery_address="12 Lê Lợi")
    resolve(a, a1, at(2026, 3, 2, 8))
    perform(a1, a.specialist, Action.ISSUE_RESULT, now=at(2026, 3, 2, 14))
    perform(a1, a.counter, Action.RETURN_RESULT, now=at(2026, 3, 3, 9))
    applicant = Applicant(name="Công Dân", id_number="022088003457", phone="0903111223", user=citizen)
    a2 = receive(a, at(2026, 3, 2), Channel.ONLINE, applicant=applicant)
    perform(a2, a.counter, Action.REQUEST_FEES, now=at(2026, 3, 2, 10))
    perform(a2, citizen, Action.PAY_FEES, now=at(2026, 3, 3, 8))
    resolve(a, a2, at(2026, 3, 5, 10))
    perform(a2, a.specialist, Action.ISSUE_RESULT, result_document=result_file(), now=at(2026, 3, 5, 14))
    perform(a2, a.counter, Action.RETURN_RESULT, now=at(2026, 3, 6, 9))
    components = [
        ComponentReceived(component, [SimpleUploadedFile("scan.pdf", MINIMAL_PDF, "application/pdf")])
        for component in a.procedure.components.all()
    ]
    a3 = receive(a, at(2026, 3, 3), Channel.POSTAL, components=components)
    perform(a3, a.counter, Action.ASSIGN, now=at(2026, 3, 3, 10))
    perform(a3, a.counter, Action.FORWARD, now=at(2026, 3, 3, 11))
    a4 = receive(a, at(2026, 3, 4))
    perform(a4, a.counter, Action.REJECT, comment="Không thuộc thẩm quyền.", now=at(2026, 3, 4, 10))
    receive(a, at(2026, 4, 1))

    b1 = receive(b, at(2026, 3, 16), Channel.ONLINE)
    items = [{"name": "Bản sao căn cước", "reason": "Ảnh bị mờ."}]
    perform(b1, b.counter, Action.REQUEST_SUPPLEMENT, supplement_items=items, now=at(2026, 3, 17))
    perform(b1, b.counter, Action.SUPPLEMENT, now=at(2026, 3, 18))
    resolve(b, b1, at(2026, 3, 31, 16))
    receive(b, at(2026, 3, 30))
    b3 = receive(b, at(2026, 3, 20))
    perform(b3, b.counter, Action.WITHDRAW, comment="Người nộp xin rút.", now=at(2026, 3, 20, 10))
    b4 = receive(b, at(2026, 3, 10))
    perform(b4, b.counter, Action.ASSIGN, now=at(2026, 3, 10, 10))
    perform(b4, b.leader, Action.STOP_PROCESSING, comment="Người nộp không bổ sung.", now=at(2026, 3, 11))
    b5 = Dossier.objects.create(
        code=f"{b.agency.code}-260312-0009",
        procedure=b.procedure,
        agency=b.agency,
        channel=Channel.ONLINE,
        state=State.SUBMITTED,
        applicant_name="Trần Văn An",
        applicant_id_number="001085123456",
        submitted_at=at(2026, 3, 12, 8),
    )
    perform(b5, b.counter, Action.REJECT, comment="Sai thủ tục.", now=at(2026, 3, 12, 10))
    return a, b


@pytest.fixture(scope="module")
def province(django_db_setup, django_db_blocker):
    """Built once per module, rolled back after it (each test's own rows are rolled back after it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_march()
        transaction.set_rollback(True)
