import factory

from accounts.models import User
from catalog.tests.factories import AgencyFactory, procedure_with_details
from core.roles import Role
from dossiers.services import Applicant, Reception, receive_at_counter


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"officer{n}")
    role = Role.COUNTER_OFFICER
    agency = factory.SubFactory(AgencyFactory)
    password = factory.django.Password("secret-pass-123")


def received_dossier(officer=None, procedure=None, now=None, **applicant):
    """A dossier received at the counter of ``officer``'s agency (a procedure with 3 steps, 5 days)."""
    officer = officer or OfficerFactory()
    procedure = procedure or procedure_with_details(agencies=[officer.agency])
    details = {"name": "Nguyễn Thị Hồng Nhung", "id_number": "022301004567", "phone": "0912345678"}
    details.update(applicant)
    return receive_at_counter(
        officer, Reception(procedure=procedure, applicant=Applicant(**details)), now=now
    )
