from decimal import Decimal

import factory

from catalog.constants import AdministrativeLevel, PublicationState
from catalog.models import Agency, DossierComponent, Fee, FormTemplate, Procedure, ProcessStep, Sector
from core.roles import StepRole


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"000.{n // 100 % 100:02d}.{n % 100:02d}.H{n % 90 + 10:02d}")
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    level = AdministrativeLevel.PROVINCE


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"S{n:03d}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"1.{n + 100000:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm số {n}")
    sector = factory.SubFactory(SectorFactory)
    administrative_level = AdministrativeLevel.PROVINCE
    service_level = 4
    processing_time = Decimal("5")
    publication_state = PublicationState.PUBLISHED
    legal_basis = "Nghị định 118/2025/NĐ-CP"
    result_name = "Giấy chứng nhận"

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if not create:
            return
        self.agencies.set(extracted if extracted is not None else [AgencyFactory()])


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fee

    procedure = factory.SubFactory(ProcedureFactory)
    name = "Lệ phí"
    amount = 100000


class FormTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FormTemplate

    procedure = factory.SubFactory(ProcedureFactory)
    name = "Tờ khai"


class DossierComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DossierComponent

    procedure = factory.SubFactory(ProcedureFactory)
    name = "Đơn đề nghị"


class ProcessStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessStep

    procedure = factory.SubFactory(ProcedureFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = "Thẩm định"
    role = StepRole.SPECIALIST
    handling_unit = "Phòng chuyên môn"
    budget = Decimal("1")


def procedure_with_details(**kwargs) -> Procedure:
    """A published procedure with two fees, two components, a form and a three-step process (5 days)."""
    procedure = ProcedureFactory(processing_time=Decimal("5"), **kwargs)
    form = FormTemplateFactory(procedure=procedure, name="Tờ khai đề nghị", code="Mẫu 01")
    DossierComponentFactory(procedure=procedure, name="Tờ khai đề nghị", form_template=form, position=1)
    DossierComponentFactory(
        procedure=procedure,
        name="Bản sao giấy tờ tùy thân",
        originals=0,
        copies=1,
        required=False,
        position=2,
    )
    FeeFactory(procedure=procedure, name="Lệ phí cấp", amount=135000, applies_when="Cấp mới")
    FeeFactory(procedure=procedure, name="Phí thẩm định", amount=1250000)
    for position, (name, role, budget) in enumerate(
        [
            ("Tiếp nhận hồ sơ", StepRole.COUNTER_OFFICER, "0.5"),
            ("Thẩm định", StepRole.SPECIALIST, "4"),
            ("Phê duyệt", StepRole.LEADER, "0.5"),
        ],
        start=1,
    ):
        ProcessStepFactory(
            procedure=procedure, position=position, name=name, role=role, budget=Decimal(budget)
        )
    return procedure
