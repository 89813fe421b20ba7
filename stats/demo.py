"""Months of demo dossiers, so that the statistics of a new portal show something real on ``make run``;
and a demo upgrade plan.

:func:`seed_history` takes dossiers of four demo agencies (the Departments of Justice, of Transport and
of Planning and Investment, and Hồng Gai ward) through the services the officers' and the citizens'
clicks go through, at moments in the past, in office hours on the province's working days:

* online dossiers are started, filled in, given their scans and submitted by demo citizens
  (``dossiers.submission``), then received, or not accepted, at the counter;
* walk-in and postal dossiers are received at the counter (``receive_at_counter``), half of them with
  their components scanned (digitized);
* every later step is ``perform(..., now=moment)``: assignment, the steps of the internal process, the
  leader's approval, the result (with its document when it goes online, and for some others), its
  return at the counter, online or by post.

So each dossier has its code, appointment, steps, log, receipt and documents, and ``stats.tally`` counts
it as it counts the real ones. Each dossier's course is drawn from a seeded random generator, so that the
same ``now`` gives the same history: most are resolved early or on time, some late; some are rejected (at
the counter, an online one not accepted, or by the leader), withdrawn, or stopped after a supplement
request left unanswered; some have a supplement requested and answered, some pay their fees online. A
course is followed only up to ``now``: the recent dossiers are still in progress, some of them past their
deadline, a few stalled for good.

Counter applicants leave no phone or e-mail, so that the history queues no message for them; the online
applicants' accounts (``nguoidan01`` …, which cannot sign in) have an e-mail, which online submission
requires, so their dossiers' notifications are queued like any others (written to ``var/mail/`` in
development).

Cost: every action is a transaction of a dozen queries plus the statistics' update (about 13 ms on a
small machine, half of it the ORM's query building); a dossier takes about ten of them.
"""

from __future__ import annotations

import contextlib
import enum
import io
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image

from catalog.demo.agencies import BAI_CHAY, CAO_XANH, COMMUNES, DEPARTMENTS, HA_LONG, HONG_GAI, PROVINCE_CODE
from catalog.demo.form_files import form_pdf
from catalog.demo.users import USERS
from catalog.models import Agency, Procedure
from core.addresses import format_address
from core.roles import DOSSIER_ROLES, Role
from dossiers import submission
from dossiers.constants import Channel, ResultDelivery
from dossiers.domain.calendar import WorkingCalendar, to_local
from dossiers.domain.lifecycle import Action, State, is_approval_step
from dossiers.models import Dossier
from dossiers.services import (
    Applicant,
    ComponentReceived,
    Reception,
    perform,
    province_calendar,
    receive_at_counter,
)

from .models import UpgradePlan, UpgradePlanItem

#: Dossiers received per working day, on average, over the four agencies: about 180 in six months, which
#: take some 25 s of CPU to make (``make run`` on a small machine).
PER_WORKING_DAY = Decimal("1.4")
SEED = 14

#: Agency key (``catalog.demo.agencies``) → its procedures in the history, with their relative volumes.
PROCEDURES = {
    "STP": {"2.000488": 6, "1.002153": 1, "1.008723": 1},
    "SGTVT": {"1.002809": 6, "1.002859": 2, "1.002861": 2, "1.003658": 1},
    "SKHDT": {"2.002040": 3, "1.010027": 2, "1.009645": 1},
    "HONGGAI": {"2.000815": 5, "1.001193": 4, "2.000884": 2, "1.001612": 2, "1.009994": 1},
}
#: The share of dossiers submitted online, by service level (none below level 3), and sent by post.
ONLINE_SHARE = {3: 0.3, 4: 0.45}
POSTAL_SHARE = 0.07


class Course(enum.Enum):
    """How a dossier's processing goes, if it has the time to."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    REJECTED_AT_RECEPTION = "rejected_at_reception"  # an online one: not accepted
    REJECTED_BY_LEADER = "rejected_by_leader"
    WITHDRAWN = "withdrawn"
    STALLED = "stalled"  # stops at a step and stays there, past its deadline
    SUPPLEMENT_UNANSWERED = "supplement_unanswered"  # then stopped, or withdrawn


COURSES = {
    Course.EARLY: 60,
    Course.ON_TIME: 25,
    Course.LATE: 5,
    Course.REJECTED_AT_RECEPTION: 2,
    Course.REJECTED_BY_LEADER: 1,
    Course.WITHDRAWN: 3,
    Course.STALLED: 2,
    Course.SUPPLEMENT_UNANSWERED: 2,
}
#: The share of the dossiers that get to a decision which are asked for a supplement on the way. (The
#: notices of supplement requests, rejections and stops cost a third of a second each to render.)
SUPPLEMENT_SHARE = 0.07
#: The share of the online level-4 dossiers with fees that are asked for them and pay online.
ONLINE_PAYMENT_SHARE = 0.7
#: The share of counter dossiers whose components are scanned at reception.
DIGITIZED_SHARE = 0.5
#: The share of results not delivered online that are kept as a file all the same.
RESULT_FILE_SHARE = 0.5
CITIZENS = 24

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Phan", "Đinh"]
_MIDDLE = {
    False: ["Văn", "Đức", "Minh", "Quang", "Thành", "Xuân", "Hữu"],
    True: ["Thị", "Thu", "Ngọc", "Thanh"],
}
_GIVEN = {
    False: ["An", "Bình", "Cường", "Dũng", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Phong", "Sơn",
            "Tuấn"],
    True: ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân",
           "Trang"],
}  # fmt: skip
_STREETS = ["phố Cao Thắng", "đường Hạ Long", "phố Hải Phúc", "đường Nguyễn Văn Cừ", "phố Bến Đoan"]
_WARDS = [HONG_GAI, HA_LONG, CAO_XANH, BAI_CHAY]
_REASONS = {
    Action.REJECT: "Hồ sơ không đủ điều kiện giải quyết theo quy định.",
    Action.WITHDRAW: "Người nộp đề nghị rút hồ sơ để bổ sung giấy tờ khác.",
    Action.STOP_PROCESSING: "Quá thời hạn mà người nộp không bổ sung hồ sơ theo yêu cầu.",
}
_TEXT_ANSWERS = {
    "quoc_tich": "Việt Nam",
    "noi_sinh": "Quảng Ninh",
    "noi_sinh_tre": "Bệnh viện Sản Nhi Quảng Ninh",
    "muc_dich": "Bổ sung hồ sơ xin việc",
}
_MISSING = "Giấy tờ kèm theo chưa đủ thông tin, đề nghị nộp bản chụp rõ nét."


@dataclass(frozen=True)
class History:
    """What :func:`seed_history` made: dossiers per ``Channel`` and per ``State``."""

    channels: Counter = field(default_factory=Counter)
    states: Counter = field(default_factory=Counter)

    @property
    def dossiers(self) -> int:
        return sum(self.states.values())


@dataclass(frozen=True)
class _Person:
    last_name: str
    first_name: str
    female: bool
    birth: date
    personal_id: str

    @property
    def name(self) -> str:
        return f"{self.last_name} {self.first_name}"


@dataclass
class _Desk:
    """One agency of the history: its officers by role and its procedures with their weights."""

    agency: Agency
    officers: dict[str, object]
    procedures: list[Procedure]
    weights: list[int]


def seed_history(
    now: datetime | None = None, months: int = 6, per_working_day: Decimal | float = PER_WORKING_DAY
) -> History:
    """Create ``months`` of dossiers up to ``now``, about ``per_working_day`` a working day (see the
    module's docstring), in one transaction. Agencies whose demo officers or procedures are missing are
    left out. Returns what it made."""
    now = now or timezone.now()
    desks = _desks()
    history = History()
    if not desks or months <= 0:
        return history
    rng = random.Random(SEED)
    calendar = province_calendar()
    first = (to_local(now) - timedelta(days=round(months * 30.44))).date()
    with transaction.atomic():
        walker = _Walker(rng, calendar, now, _citizens(rng))
        for day in _working_days(calendar, first, to_local(now).date()):
            for _number in range(_how_many(rng, Decimal(str(per_working_day)))):
                desk = rng.choices(desks, weights=[sum(d.weights) for d in desks])[0]
                procedure = rng.choices(desk.procedures, weights=desk.weights)[0]
                dossier = walker.dossier(desk, procedure, day)
                if dossier is not None:
                    history.channels[Channel(dossier.channel)] += 1
                    history.states[State(dossier.state)] += 1
    return history


def _desks() -> list[_Desk]:
    codes = {data["key"]: data["code"] for data in (*DEPARTMENTS, *COMMUNES)}
    agencies = {agency.code: agency for agency in Agency.objects.filter(code__in=codes.values())}
    staff = {user.username: user for user in get_user_model().objects.filter(role__in=DOSSIER_ROLES)}
    wanted = {code for weights in PROCEDURES.values() for code in weights}
    procedures = {
        procedure.code: procedure
        for procedure in Procedure.objects.published()
        .filter(code__in=wanted)
        .prefetch_related("steps", "components", "fees", "agencies", "form_fields")
    }
    desks = []
    for key, weights in PROCEDURES.items():
        agency = agencies.get(codes[key])
        officers = {
            str(data["role"]): staff[data["username"]]
            for data in USERS
            if data["agency"] == key and data["username"] in staff
        }
        if agency is None or set(officers) != {str(role) for role in DOSSIER_ROLES}:
            continue
        performed = [
            (procedures[code], weight)
            for code, weight in weights.items()
            if code in procedures and agency in procedures[code].agencies.all()
        ]
        if performed:
            desks.append(_Desk(agency, officers, [p for p, _w in performed], [w for _p, w in performed]))
    return desks


def _working_days(calendar: WorkingCalendar, first: date, last: date):
    day = first
    while day <= last:
        if calendar.is_working_day(day):
            yield day
        day += timedelta(days=1)


def _how_many(rng: random.Random, average: Decimal) -> int:
    """A day's number of dossiers: the average's whole part, one more by its fraction, ±1 now and then."""
    whole = int(average)
    count = whole + (1 if rng.random() < float(average - whole) else 0)
    return max(0, count + rng.choice((-1, 0, 0, 0, 1)))


def _person(rng: random.Random, serial: int | None = None) -> _Person:
    female = rng.random() < 0.5
    birth = date(rng.randint(1955, 2004), rng.randint(1, 12), rng.randint(1, 28))
    digit = (2 if birth.year >= 2000 else 0) + (1 if female else 0)
    number = serial if serial is not None else rng.randrange(1_000_000)
    return _Person(
        last_name=f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE[female])}",
        first_name=rng.choice(_GIVEN[female]),
        female=female,
        birth=birth,
        personal_id=f"{PROVINCE_CODE:03d}{digit}{birth.year % 100:02d}{number:06d}",
    )


def _citizens(rng: random.Random) -> list:
    """The online applicants' accounts: confirmed e-mail, no usable password (drawn whether they exist
    already or not, so that the draws that follow are the same)."""
    users = get_user_model()
    password = make_password(None)
    accounts = []
    for number in range(1, CITIZENS + 1):
        person = _person(rng, serial=880_000 + number)
        username = f"nguoidan{number:02d}"
        values = {
            "password": password,
            "role": Role.CITIZEN,
            "last_name": person.last_name,
            "first_name": person.first_name,
            "email": f"{username}@example.com",
            "personal_id": person.personal_id,
            "province_code": PROVINCE_CODE,
            "ward_code": rng.choice(_WARDS),
            "street": f"Số {rng.randint(1, 200)} {rng.choice(_STREETS)}",
        }
        account, _created = users.objects.get_or_create(username=username, defaults=values)
        accounts.append((account, person))
    return accounts


def _png_scan(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _png_bytes(), content_type="image/png")


@cache
def _png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (62, 88), 235).save(buffer, "PNG")  # a blank A4-shaped page
    return buffer.getvalue()


class _Clock:
    """A dossier's working time from its start, with the time its clock stood still left out."""

    def __init__(self, calendar: WorkingCalendar, start: datetime):
        self.calendar = calendar
        self.anchor = start
        self.spent = timedelta(0)

    def at(self, elapsed: timedelta) -> datetime:
        return self.calendar.add_working_time(self.anchor, elapsed - self.spent)

    def resume(self, elapsed: timedelta, moment: datetime) -> None:
        """The clock stood still at ``elapsed`` until ``moment``."""
        self.anchor, self.spent = moment, elapsed


class _Stop(Exception):
    """The dossier's next action would come after ``now``: it stays where it is."""


_MINUTE = timedelta(minutes=1)


@dataclass
class _Case:
    """One dossier on its way: who handles it, its course, and its working time so far."""

    desk: _Desk
    procedure: Procedure
    dossier: Dossier
    citizen: object | None  # the applicant's account, for an online dossier
    course: Course
    start: datetime  # its submission, or its reception at the counter
    clock: _Clock
    elapsed: timedelta = timedelta(0)

    def officer(self, role: str):
        return self.desk.officers[role]


class _Walker:
    def __init__(self, rng: random.Random, calendar: WorkingCalendar, now: datetime, citizens: list):
        self.rng, self.calendar, self.now, self.citizens = rng, calendar, now, citizens
        self._results: dict[int, bytes] = {}

    # ── helpers ─────────────────────────────────────────────────────────────────────────────────
    def minutes(self, low: float, high: float) -> timedelta:
        return timedelta(minutes=self.rng.uniform(low, high))

    def working_days(self, low: float, high: float) -> timedelta:
        return self.calendar.office_hours.day_length * self.rng.uniform(low, high)

    def office_moment(self, day: date) -> datetime:
        sessions = self.calendar.sessions_on(day)
        start, end = self.rng.choices(sessions, weights=[(e - s).total_seconds() for s, e in sessions])[0]
        return start + (end - start) * self.rng.uniform(0.02, 0.9)

    def act(self, case: _Case, role: str, action: Action, moment: datetime | None = None, **options):
        """``role`` takes ``action`` at ``moment`` (by default when the case's clock says), unless that is
        after ``now``."""
        moment = moment or case.clock.at(case.elapsed)
        if moment > self.now:
            raise _Stop
        user = case.citizen if role == Role.CITIZEN else case.officer(role)
        case.dossier = perform(case.dossier, user, action, now=moment, **options)
        return case.dossier

    def result_document(self, case: _Case) -> SimpleUploadedFile:
        procedure = case.procedure
        if procedure.pk not in self._results:
            self._results[procedure.pk] = form_pdf(
                title=procedure.result_name or procedure.name,
                form_code="",
                procedure_name=procedure.name,
                procedure_code=procedure.code,
                agency_name=case.desk.agency.name,
            )
        return SimpleUploadedFile("ket-qua.pdf", self._results[procedure.pk], content_type="application/pdf")

    # ── one dossier ───────────────────────────────────────────────────────────────────────────────
    def dossier(self, desk: _Desk, procedure: Procedure, day: date) -> Dossier | None:
        """A dossier of ``procedure`` arriving at ``desk`` on ``day``, taken along its course up to now."""
        rng = self.rng
        course = rng.choices(list(COURSES), weights=list(COURSES.values()))[0]
        if rng.random() < ONLINE_SHARE.get(procedure.service_level, 0):
            start = datetime.combine(day, time(6), to_local(self.now).tzinfo) + self.minutes(0, 17 * 60)
            if start > self.now:
                return None
            dossier, citizen = self.submit_online(desk, procedure, start)
        else:
            start = self.office_moment(day)
            if start > self.now:
                return None
            dossier, citizen = self.receive_at_counter(desk, procedure, start), None
        case = _Case(desk, procedure, dossier, citizen, course, start, _Clock(self.calendar, start))
        with contextlib.suppress(_Stop):
            if self.receive(case) and self.process(case):
                self.deliver(case)
        return Dossier.objects.get(pk=dossier.pk)

    def submit_online(self, desk: _Desk, procedure: Procedure, submitted_at: datetime):
        rng = self.rng
        citizen, person = rng.choice(self.citizens)
        draft = submission.start_draft(citizen, procedure, agency=desk.agency)
        delivery = ResultDelivery.COUNTER
        if procedure.level.allows_online_payment:
            choices = [ResultDelivery.ONLINE, ResultDelivery.POST, ResultDelivery.COUNTER]
            delivery = rng.choices(choices, weights=[5, 2, 3])[0]
        elif rng.random() < 0.25:
            delivery = ResultDelivery.POST
        address = None
        if delivery == ResultDelivery.POST:
            address = {
                "province_code": citizen.province_code,
                "ward_code": citizen.ward_code,
                "street": citizen.street,
            }
        submission.save_draft(
            draft,
            citizen,
            form_data=_answers(procedure, person, submitted_at.date(), rng),
            result_delivery=delivery,
            delivery_address=address,
        )
        for component in procedure.components.all():
            if component.required:
                submission.attach_file(draft, citizen, component, _png_scan("trang-1.png"))
        return submission.submit(draft, citizen, now=submitted_at), citizen

    def receive_at_counter(self, desk: _Desk, procedure: Procedure, received_at: datetime) -> Dossier:
        rng = self.rng
        person = _person(rng)
        postal = rng.random() < POSTAL_SHARE
        by_post = rng.random() < (0.85 if postal else 0.15)
        components = None
        if rng.random() < DIGITIZED_SHARE:
            required = [c for c in procedure.components.all() if c.required]
            components = [
                ComponentReceived(c, [_png_scan("ban-chup.png")] if index == 0 else [])
                for index, c in enumerate(required)
            ]
        street = f"Số {rng.randint(1, 200)} {rng.choice(_STREETS)}"
        reception = Reception(
            procedure=procedure,
            applicant=Applicant(name=person.name, id_number=person.personal_id),
            channel=Channel.POSTAL if postal else Channel.DIRECT,
            result_delivery=ResultDelivery.POST if by_post else ResultDelivery.COUNTER,
            delivery_address=format_address(street, PROVINCE_CODE, rng.choice(_WARDS)) if by_post else "",
            components=components,
        )
        return receive_at_counter(desk.officers[Role.COUNTER_OFFICER], reception, now=received_at)

    def receive(self, case: _Case) -> bool:
        """The counter accepts an online dossier within hours (or does not), rejects the dossier it
        should not have taken, or has the fees paid online; then assigns it. False: it ended there."""
        rejected = case.course is Course.REJECTED_AT_RECEPTION
        start = case.start
        if case.dossier.state == State.SUBMITTED:
            moment = self.calendar.add_working_time(start, self.minutes(10, 240))
            if rejected:  # not accepted
                self.act(case, Role.COUNTER_OFFICER, Action.REJECT, moment, comment=_REASONS[Action.REJECT])
                return False
            self.act(case, Role.COUNTER_OFFICER, Action.RECEIVE, moment)
        elif rejected:
            moment = self.calendar.add_working_time(start, self.minutes(5, 40))
            self.act(case, Role.COUNTER_OFFICER, Action.REJECT, moment, comment=_REASONS[Action.REJECT])
            return False
        case.elapsed = self.calendar.working_time_between(start, case.dossier.received_at)
        if case.citizen is not None and self.pays_online(case.procedure):
            case.elapsed += self.minutes(3, 20)
            self.act(case, Role.COUNTER_OFFICER, Action.REQUEST_FEES)
            budget = self.calendar.working_time_between(start, case.dossier.appointment_at)
            case.elapsed += min(self.minutes(20, 480), budget / 5)
            self.act(case, Role.CITIZEN, Action.PAY_FEES)
        case.elapsed += self.minutes(10, 60)
        self.act(case, Role.COUNTER_OFFICER, Action.ASSIGN)
        return True

    def pays_online(self, procedure: Procedure) -> bool:
        if not procedure.level.allows_online_payment or not any(fee.amount for fee in procedure.fees.all()):
            return False
        return self.rng.random() < ONLINE_PAYMENT_SHARE

    def process(self, case: _Case) -> bool:
        """The steps of the internal process up to the leader's approval, evenly spread until the
        decision the course calls for; on the way, a supplement request, or the course's end (stalled,
        withdrawn, rejected by the leader). False: no result follows."""
        rng, course = self.rng, case.course
        roles = [step.role for step in case.procedure.steps.all()]
        approval = next(i for i in range(len(roles)) if is_approval_step(i, len(roles), roles))
        budget = self.calendar.working_time_between(case.start, case.dossier.appointment_at)
        decision = max(self.decision_time(course, budget), case.elapsed + (approval + 1) * 10 * _MINUTE)
        stall_at = rng.randrange(approval) if course is Course.STALLED and approval else None
        withdraw_at = None
        if course is Course.WITHDRAWN:
            withdraw_at = case.elapsed + (decision - case.elapsed) * rng.uniform(0.1, 0.8)
        supplement = course is Course.SUPPLEMENT_UNANSWERED or rng.random() < SUPPLEMENT_SHARE
        specialist_steps = [i for i in range(approval) if roles[i] == Role.SPECIALIST]
        asked_at = specialist_steps[0] if supplement and specialist_steps else None
        step_length = (decision - case.elapsed) / (approval + 1)
        for index in range(approval + 1):
            if index == stall_at:
                return False
            if index == asked_at and not self.supplement(case, case.elapsed + step_length / 3):
                return False
            case.elapsed += step_length
            if withdraw_at is not None and case.elapsed >= withdraw_at:
                self.withdraw(case)
                return False
            if index < approval:
                self.act(case, roles[index], Action.FORWARD)
        if course is Course.REJECTED_BY_LEADER:
            self.act(case, Role.LEADER, Action.REJECT, comment=_REASONS[Action.REJECT])
            return False
        self.act(case, Role.LEADER, Action.APPROVE)
        return True

    def decision_time(self, course: Course, budget: timedelta) -> timedelta:
        """When, in working time from the start, the leader decides."""
        if course is Course.LATE:
            return budget * self.rng.uniform(1.08, 1.6) + self.minutes(30, 240)
        if course is Course.ON_TIME:
            return budget - min(self.minutes(5, 120), budget * 0.15)
        return budget * self.rng.uniform(0.25, 0.75)

    def supplement(self, case: _Case, elapsed: timedelta) -> bool:
        """At ``elapsed``, the specialist asks for a supplement; the applicant answers within days (the
        clock stands still meanwhile), or never: then the dossier is stopped, or withdrawn. False: it
        ended."""
        component = next(c for c in case.procedure.components.all() if c.required)
        asked = case.clock.at(elapsed)
        items = [{"name": component.name, "reason": _MISSING}]
        self.act(case, Role.SPECIALIST, Action.REQUEST_SUPPLEMENT, asked, supplement_items=items)
        if case.course is Course.SUPPLEMENT_UNANSWERED:
            ended = self.calendar.add_working_time(asked, self.working_days(12, 25))
            if self.rng.random() < 0.5:
                comment = _REASONS[Action.STOP_PROCESSING]
                self.act(case, Role.LEADER, Action.STOP_PROCESSING, ended, comment=comment)
            else:
                self.withdraw(case, ended)
            return False
        answered = self.calendar.add_working_time(asked, self.working_days(0.5, 6))
        if answered > self.now:
            raise _Stop
        if case.citizen is not None:
            submission.attach_file(case.dossier, case.citizen, component, _png_scan("bo-sung.png"))
            comment = "Tôi đã nộp bổ sung bản chụp rõ nét."
            case.dossier = submission.answer_supplement(
                case.dossier, case.citizen, comment=comment, now=answered
            )
        else:
            comment = "Người nộp bổ sung tại Bộ phận Một cửa."
            self.act(case, Role.COUNTER_OFFICER, Action.SUPPLEMENT, answered, comment=comment)
        case.clock.resume(elapsed, answered)
        return True

    def withdraw(self, case: _Case, moment: datetime | None = None):
        """The applicant withdraws: online themselves, or at the counter."""
        moment = moment or case.clock.at(case.elapsed)
        if moment > self.now:
            raise _Stop
        if case.citizen is not None:
            submission.withdraw(case.dossier, case.citizen, reason=_REASONS[Action.WITHDRAW], now=moment)
        else:
            self.act(case, Role.COUNTER_OFFICER, Action.WITHDRAW, moment, comment=_REASONS[Action.WITHDRAW])

    def deliver(self, case: _Case):
        """The result is issued (kept as a file when it goes online, and for some others) and returned:
        online within the hour, by post within days, at the counter when the applicant comes."""
        case.elapsed += self.minutes(15, 120)
        online = case.dossier.result_delivery == ResultDelivery.ONLINE
        document = self.result_document(case) if online or self.rng.random() < RESULT_FILE_SHARE else None
        self.act(case, Role.SPECIALIST, Action.ISSUE_RESULT, result_document=document)
        case.elapsed += {
            ResultDelivery.ONLINE: self.minutes(10, 60),
            ResultDelivery.POST: self.working_days(1, 3),
            ResultDelivery.COUNTER: self.working_days(0.3, 4),
        }[ResultDelivery(case.dossier.result_delivery)]
        self.act(case, Role.COUNTER_OFFICER, Action.RETURN_RESULT)


def _answers(procedure: Procedure, person: _Person, today: date, rng: random.Random) -> dict:
    """Answers to the procedure's e-form, by the kind of each field."""
    answers = {}
    for form_field in procedure.form_fields.all():
        if not form_field.required:
            continue
        kind, key = form_field.kind, form_field.key
        if kind == "choice":
            options = form_field.choices
            if key.startswith("gioi_tinh"):
                answers[key] = "Nữ" if person.female and "Nữ" in options else options[0]
            else:
                answers[key] = rng.choice(options)
        elif kind == "date":
            born = today - timedelta(days=rng.randint(3, 40)) if key.endswith("_tre") else person.birth
            answers[key] = f"{born:%d/%m/%Y}"
        elif kind == "number":
            answers[key] = 1
        elif kind == "personal_id":
            answers[key] = _person(rng).personal_id
        elif kind == "address":
            ward = rng.choice(_WARDS)
            answers[key] = {"province_code": PROVINCE_CODE, "ward_code": ward, "street": rng.choice(_STREETS)}
        elif key.startswith("so_"):
            answers[key] = f"22{rng.randrange(10**10):010d}"
        elif key.startswith("ho_ten"):
            answers[key] = _person(rng).name
        else:
            answers[key] = _TEXT_ANSWERS.get(key, "Theo giấy tờ kèm theo")
    return answers


# ── the demo upgrade plan ─────────────────────────────────────────────────────────────────────────────

PLAN_TITLE = "Kế hoạch nâng cấp dịch vụ công trực tuyến toàn trình"
#: The demo catalog has 45 of its 60 procedures at level 4 (75 %): the plan's six level-3 procedures
#: would bring it to 85 %, past the target.
PLAN_TARGET_SHARE = Decimal("80")
#: Procedure code → (target level, due date in days from today): two overdue, the rest to come; the
#: level-2 one is raised to level 3 only, which does not count towards the share at level 4.
PLAN_ITEMS = {
    "1.003658": (4, -20),
    "1.004628": (4, -6),
    "1.012790": (4, 30),
    "1.001865": (4, 60),
    "1.003706": (4, 90),
    "1.004493": (4, 110),
    "1.006019": (3, 75),
}
PLAN_DAYS = 120


def seed_upgrade_plan(today: date | None = None) -> UpgradePlan | None:
    """The demo's province-wide plan to raise procedures to level 4, unless a plan exists already."""
    if UpgradePlan.objects.exists():
        return None
    today = today or timezone.localdate()
    procedures = {p.code: p for p in Procedure.objects.filter(code__in=PLAN_ITEMS)}
    author = get_user_model().objects.filter(role=Role.CATALOG_OFFICER).order_by("pk").first()
    with transaction.atomic():
        plan = UpgradePlan.objects.create(
            title=f"{PLAN_TITLE} năm {(today + timedelta(days=PLAN_DAYS)).year}",
            agency=None,
            target_level=4,
            target_share=PLAN_TARGET_SHARE,
            deadline=today + timedelta(days=PLAN_DAYS),
            created_by=author,
        )
        UpgradePlanItem.objects.bulk_create(
            UpgradePlanItem(
                plan=plan,
                procedure=procedures[code],
                target_level=level,
                due_date=today + timedelta(days=days),
            )
            for code, (level, days) in PLAN_ITEMS.items()
            if code in procedures and procedures[code].service_level < level
        )
    return plan
