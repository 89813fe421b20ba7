"""The published shape of the catalog, declared once for export and import.

Each sheet lists its columns; a column knows its key (the header, a stable English snake_case name), its
Vietnamese description (for the "Hướng dẫn" instructions sheet), how to read the value from the model
(export) and how to turn a cell back into a value (import). Export writes ``column.to_cell(value)``;
import reads ``column.parse(cell)``; ``parse(to_cell(value))`` gives the value back, which is what makes
export → import → export lossless.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from catalog import rules
from catalog.constants import AdministrativeLevel, PublicationState
from catalog.models import DossierComponent, Fee, FormTemplate, Procedure, ProcessStep, Sector
from core.roles import StepRole
from core.text import fold
from core.time_units import TimeUnit

INSTRUCTIONS_SHEET = "Hướng dẫn"
INSTRUCTIONS_FILE = "huong_dan.csv"


class Kind(StrEnum):
    TEXT = "text"
    CODE = "code"  # a single-line identifier, kept as text in Excel
    INTEGER = "integer"
    DURATION = "duration"  # working time: positive, two decimals, "0,5" or "0.5"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    CODES = "codes"  # several codes separated by semicolons


_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\u2028\u2029]")
_GROUPED_DIGITS = re.compile(r"^\d{1,3}([.,\s])\d{3}(?:\1\d{3})*$")
_CODE_SEPARATORS = re.compile(r"[;\n]")
_TRUE_WORDS = frozenset({"1", "true", "yes", "y", "x", "co", "c", "dung"})
_FALSE_WORDS = frozenset({"0", "false", "no", "n", "khong", "k", "sai"})
_MAX_DURATION = Decimal("99999.99")  # max_digits=7, decimal_places=2


def number_text(number: int | float | Decimal) -> str:
    """A number as plain text without exponent or useless zeros: 5, 0.5, 1250000."""
    if isinstance(number, float):
        number = Decimal(repr(round(number, 10)))
    number = Decimal(number)
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def clean_text(raw: Any, *, multiline: bool = False) -> str:
    """The canonical form of a text cell: NFC, ``\\n`` line breaks, no control characters, trimmed.

    Single-line values have every run of whitespace (line breaks included) collapsed to one space.
    The function is idempotent, so exporting what was imported gives the same text.
    """
    if raw is None:
        return ""
    if isinstance(raw, bool):
        text = "1" if raw else "0"
    elif isinstance(raw, int | float | Decimal):
        text = number_text(raw)
    else:
        text = str(raw)
    text = unicodedata.normalize("NFC", text)
    text = ILLEGAL_CHARACTERS_RE.sub("", _LINE_BREAKS.sub("\n", text))
    if multiline:
        return "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return " ".join(text.split())


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _required_error() -> ValueError:
    return ValueError(_("This column is required."))


def _not_a_number(raw: Any) -> ValueError:
    return ValueError(_("“%(value)s” is not a number.") % {"value": clean_text(raw)})


def parse_integer(raw: Any, *, grouping: bool = False) -> int:
    """A whole number from a cell; with ``grouping``, "135.000", "135,000" and "135 000" are 135000."""
    if isinstance(raw, bool):
        raise _not_a_number(raw)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float | Decimal):
        number = Decimal(repr(raw)) if isinstance(raw, float) else raw
    else:
        text = clean_text(raw)
        if grouping and _GROUPED_DIGITS.match(text):
            text = re.sub(r"[.,\s]", "", text)
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise _not_a_number(raw) from None
    if not number.is_finite():
        raise _not_a_number(raw)
    if number != number.to_integral_value():
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": clean_text(raw)})
    return int(number)


def parse_duration(raw: Any) -> Decimal:
    """Working time from a cell, through :func:`catalog.rules.parse_duration` ("0,5" and "0.5" alike)."""
    if isinstance(raw, bool):
        raise _not_a_number(raw)
    if isinstance(raw, float):
        # Excel stores numbers as binary floats: 0.1 + 0.2 comes back as 0.30000000000000004.
        raw = Decimal(repr(round(raw, 10)))
    elif isinstance(raw, str):
        raw = clean_text(raw)
    amount = rules.parse_duration(raw)
    if amount > _MAX_DURATION:
        raise ValueError(_("Must be at most %(maximum)s.") % {"maximum": number_text(_MAX_DURATION)})
    return amount


def parse_boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    word = fold(clean_text(raw))
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise ValueError(
        _("“%(value)s” is not yes or no: write 1 for yes or 0 for no.") % {"value": clean_text(raw)}
    )


def parse_choice(raw: Any, choices: type[models.TextChoices]) -> str:
    """A choice by its key ("province"), any case, or by its label in the current language."""
    text = clean_text(raw)
    folded = fold(text)
    for value, label in choices.choices:
        if text.casefold() == value.casefold() or (folded and folded == fold(str(label))):
            return value
    raise ValueError(
        _("“%(value)s” is not one of: %(choices)s.") % {"value": text, "choices": ", ".join(choices.values)}
    )


@dataclass(frozen=True)
class Column:
    key: str
    kind: Kind
    help: str  # Vietnamese, for the instructions sheet
    required: bool = False
    get: Callable[[Any], Any] | None = None  # the export value; None means the model attribute ``key``
    max_length: int | None = None
    multiline: bool = False
    choices: type[models.TextChoices] | None = None
    default: Any = None
    minimum: int | None = None
    maximum: int | None = None
    grouping: bool = False  # integers may be written with thousands separators
    pattern: re.Pattern | None = None
    pattern_error: Any = None  # a message with %(value)s
    upper: bool = False
    number_decimals: int | None = None  # a code that Excel may have turned into a number: 2.00012

    @property
    def model_attribute(self) -> str | None:
        """The model attribute import sets directly, or None for a derived column."""
        return None if self.get else self.key

    def value(self, obj: Any) -> Any:
        return self.get(obj) if self.get else getattr(obj, self.key)

    # Export ---------------------------------------------------------------------------------------------
    def to_cell(self, value: Any) -> Any:
        """The canonical cell value: ``str`` (``""`` when empty), ``int``, ``Decimal`` or ``None``."""
        if self.kind in (Kind.TEXT, Kind.CODE):
            return clean_text(value, multiline=self.multiline)
        if self.kind is Kind.CODES:
            return "; ".join(sorted({clean_text(code) for code in value or ()}))
        if self.kind is Kind.BOOLEAN:
            return 1 if value else 0
        if value is None or value == "":
            return None
        if self.kind is Kind.INTEGER:
            return int(value)
        if self.kind is Kind.DURATION:
            return Decimal(value)
        return str(value)  # Kind.CHOICE

    # Import ---------------------------------------------------------------------------------------------
    def parse(self, raw: Any) -> Any:
        """The value of a cell; raises ``ValueError`` with a translated reason."""
        if self.kind in (Kind.TEXT, Kind.CODE):
            return self._parse_text(raw)
        if self.kind is Kind.CODES:
            return self._parse_codes(raw)
        if is_blank(raw):
            if self.required:
                raise _required_error()
            return self.default
        if self.kind is Kind.INTEGER:
            return self._check_range(parse_integer(raw, grouping=self.grouping))
        if self.kind is Kind.DURATION:
            return parse_duration(raw)
        if self.kind is Kind.BOOLEAN:
            return parse_boolean(raw)
        return parse_choice(raw, self.choices)

    def _parse_text(self, raw: Any) -> str:
        if self.number_decimals is not None and isinstance(raw, int | float) and not isinstance(raw, bool):
            raw = f"{raw:.{self.number_decimals}f}"
        text = clean_text(raw, multiline=self.multiline)
        if self.upper:
            text = text.upper()
        if not text:
            if self.required:
                raise _required_error()
            return ""
        if self.max_length and len(text) > self.max_length:
            raise ValueError(
                _("At most %(maximum)d characters (this one has %(length)d).")
                % {"maximum": self.max_length, "length": len(text)}
            )
        if self.pattern and not self.pattern.match(text):
            raise ValueError(str(self.pattern_error) % {"value": text})
        return text

    def _parse_codes(self, raw: Any) -> tuple[str, ...]:
        text = clean_text(raw, multiline=True)
        codes = [" ".join(part.split()) for part in _CODE_SEPARATORS.split(text)]
        codes = [code.upper() if self.upper else code for code in codes if code]
        if not codes:
            if self.required:
                raise _required_error()
            return ()
        wrong = [code for code in codes if self.pattern and not self.pattern.match(code)]
        if wrong:
            raise ValueError(" ".join(str(self.pattern_error) % {"value": code} for code in wrong))
        return tuple(sorted(set(codes)))

    def _check_range(self, number: int) -> int:
        too_low = self.minimum is not None and number < self.minimum
        too_high = self.maximum is not None and number > self.maximum
        if too_low or too_high:
            raise ValueError(
                _("%(value)d is out of range: use a whole number from %(minimum)d to %(maximum)d.")
                % {"value": number, "minimum": self.minimum or 0, "maximum": self.maximum}
            )
        return number


@dataclass(frozen=True)
class Sheet:
    key: str
    help: str  # Vietnamese
    columns: tuple[Column, ...]
    items: Callable[[Procedure], Iterable[Any]]  # the objects of one procedure on this sheet, in order

    @property
    def headers(self) -> list[str]:
        return [column.key for column in self.columns]

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def row(self, obj: Any) -> list[Any]:
        """The exported cells of one object."""
        return [column.to_cell(column.value(obj)) for column in self.columns]


# Form references --------------------------------------------------------------------------------------
def _match_key(text: Any) -> str:
    return clean_text(text).casefold()


def resolve_form(reference: str, forms: Sequence[tuple[str, str]]) -> list[int]:
    """The indexes of the forms (code, name) a component's ``form_template_code`` points to.

    A form code wins over a name: the forms whose code matches, or else those whose name matches.
    """
    key = _match_key(reference)
    if not key:
        return []
    by_code = [index for index, (code, _name) in enumerate(forms) if code and _match_key(code) == key]
    if by_code:
        return by_code
    return [index for index, (_code, name) in enumerate(forms) if _match_key(name) == key]


def form_reference(index: int, forms: Sequence[tuple[str, str]]) -> str:
    """What to write so that :func:`resolve_form` finds exactly form ``index``: its code, else its name."""
    code, name = forms[index]
    for candidate in (code, name):
        if candidate and resolve_form(candidate, forms) == [index]:
            return clean_text(candidate)
    return clean_text(code or name)


def _component_form(component: DossierComponent) -> str:
    if component.form_template_id is None:
        return ""
    forms = list(component.procedure.form_templates.all())
    ids = [form.pk for form in forms]
    if component.form_template_id not in ids:
        return ""
    return form_reference(ids.index(component.form_template_id), [(form.code, form.name) for form in forms])


# Declarations -----------------------------------------------------------------------------------------
def _max_length(model: type[models.Model], field: str) -> int:
    return model._meta.get_field(field).max_length


_PROCEDURE_CODE_ERROR = gettext_lazy(
    "“%(value)s” is not a procedure code: use the national format, for example 1.001234."
)
_AGENCY_CODE_ERROR = gettext_lazy(
    "“%(value)s” is not an agency code: use the national format, for example 000.00.04.G18."
)
_SECTOR_CODE_ERROR = gettext_lazy(
    "“%(value)s” is not a sector code: use letters, digits, dots, dashes or underscores (at most 32)."
)


def _procedure_code(help_text: str, *, parent: bool = True) -> Column:
    """The procedure's own code (``code``) or, on the detail sheets, its parent's (``procedure_code``)."""
    return Column(
        "procedure_code" if parent else "code",
        Kind.CODE,
        help_text,
        required=True,
        get=(lambda obj: obj.procedure.code) if parent else None,
        max_length=_max_length(Procedure, "code"),
        pattern=rules.PROCEDURE_CODE_RE,
        pattern_error=_PROCEDURE_CODE_ERROR,
        number_decimals=6,
    )


_PARENT_CODE_HELP = "Mã thủ tục; thủ tục phải có trong trang procedures hoặc đã có trong hệ thống."
_POSITION_HELP = "Số thứ tự trong thủ tục (số nguyên từ 0); để trống = theo thứ tự các dòng của thủ tục."
_SMALL_INT_MAX = 32767

PROCEDURES = Sheet(
    "procedures",
    "Mỗi dòng một thủ tục hành chính.",
    (
        _procedure_code(
            "Mã thủ tục theo Cơ sở dữ liệu quốc gia, ví dụ 1.001234 hoặc 2.000635; không trùng. "
            "Thủ tục đã có cùng mã được cập nhật.",
            parent=False,
        ),
        Column("name", Kind.TEXT, "Tên thủ tục.", required=True, max_length=_max_length(Procedure, "name")),
        Column(
            "subtitle",
            Kind.TEXT,
            "Giải thích ngắn bằng lời thường, hiện dưới tên thủ tục.",
            max_length=_max_length(Procedure, "subtitle"),
        ),
        Column(
            "sector_code",
            Kind.CODE,
            "Mã lĩnh vực (chữ, số, dấu chấm, gạch ngang, gạch dưới; tối đa 32 ký tự). "
            "Lĩnh vực chưa có được tạo mới.",
            required=True,
            get=lambda procedure: procedure.sector.code,
            max_length=_max_length(Sector, "code"),
            pattern=rules.SECTOR_CODE_RE,
            pattern_error=_SECTOR_CODE_ERROR,
        ),
        Column(
            "sector_name",
            Kind.TEXT,
            "Tên lĩnh vực; bắt buộc khi lĩnh vực chưa có. Tên của lĩnh vực đã có không bị thay đổi.",
            get=lambda procedure: procedure.sector.name,
            max_length=_max_length(Sector, "name"),
        ),
        Column(
            "agency_codes",
            Kind.CODES,
            "Mã định danh các cơ quan thực hiện (ví dụ 000.00.04.G18), cách nhau bằng dấu chấm phẩy (;). "
            "Cơ quan phải có sẵn trong hệ thống.",
            required=True,
            get=lambda procedure: [agency.code for agency in procedure.agencies.all()],
            pattern=rules.AGENCY_CODE_RE,
            pattern_error=_AGENCY_CODE_ERROR,
            upper=True,
        ),
        Column(
            "administrative_level",
            Kind.CHOICE,
            "Cấp thực hiện: central (trung ương), province (cấp tỉnh), district (cấp huyện, dữ liệu cũ), "
            "commune (cấp xã).",
            required=True,
            choices=AdministrativeLevel,
        ),
        Column(
            "service_level",
            Kind.INTEGER,
            "Mức độ dịch vụ công trực tuyến: 1, 2, 3 hoặc 4.",
            required=True,
            minimum=1,
            maximum=4,
        ),
        Column(
            "processing_time",
            Kind.DURATION,
            "Thời hạn giải quyết: số dương, tối đa hai chữ số thập phân, viết bằng dấu phẩy hoặc dấu chấm "
            "(0,5 hay 0.5 là nửa ngày). Phải bằng tổng thời gian các bước trong trang steps (nếu có).",
            required=True,
        ),
        Column(
            "processing_time_unit",
            Kind.CHOICE,
            "Đơn vị của thời hạn: day (ngày làm việc) hoặc hour (giờ làm việc); để trống = day.",
            choices=TimeUnit,
            default=TimeUnit.DAY.value,
        ),
        Column(
            "for_citizens",
            Kind.BOOLEAN,
            "Đối tượng là cá nhân: 1 (có) hoặc 0 (không); để trống = 1.",
            default=True,
        ),
        Column(
            "for_organizations",
            Kind.BOOLEAN,
            "Đối tượng là tổ chức: 1 (có) hoặc 0 (không); để trống = 0.",
            default=False,
        ),
        Column(
            "requirements", Kind.TEXT, "Yêu cầu, điều kiện thực hiện (có thể nhiều dòng).", multiline=True
        ),
        Column("how_to_apply", Kind.TEXT, "Cách thức thực hiện (có thể nhiều dòng).", multiline=True),
        Column("legal_basis", Kind.TEXT, "Căn cứ pháp lý (có thể nhiều dòng).", multiline=True),
        Column(
            "result_name",
            Kind.TEXT,
            "Kết quả thực hiện, ví dụ Giấy chứng nhận.",
            max_length=_max_length(Procedure, "result_name"),
        ),
        Column(
            "publication_state",
            Kind.CHOICE,
            "Trạng thái công bố: draft (nháp), published (đã công bố), suspended (tạm ngừng); "
            "để trống = draft.",
            choices=PublicationState,
            default=PublicationState.DRAFT.value,
        ),
    ),
    lambda procedure: [procedure],
)

COMPONENTS = Sheet(
    "components",
    "Thành phần hồ sơ: mỗi dòng một giấy tờ của một thủ tục.",
    (
        _procedure_code(_PARENT_CODE_HELP),
        Column("position", Kind.INTEGER, _POSITION_HELP, minimum=0, maximum=_SMALL_INT_MAX),
        Column(
            "name",
            Kind.TEXT,
            "Tên thành phần hồ sơ.",
            required=True,
            max_length=_max_length(DossierComponent, "name"),
        ),
        Column(
            "originals",
            Kind.INTEGER,
            "Số bản chính; để trống = 1.",
            default=1,
            minimum=0,
            maximum=_SMALL_INT_MAX,
        ),
        Column(
            "copies",
            Kind.INTEGER,
            "Số bản sao; để trống = 0.",
            default=0,
            minimum=0,
            maximum=_SMALL_INT_MAX,
        ),
        Column(
            "required",
            Kind.BOOLEAN,
            "Bắt buộc: 1 (có) hoặc 0 (không); để trống = 1.",
            default=True,
        ),
        Column(
            "form_template_code",
            Kind.TEXT,
            "Mẫu đơn, tờ khai kèm theo: mã của mẫu (hoặc tên, khi mẫu không có mã) ở trang forms "
            "của cùng thủ tục; để trống nếu không có.",
            get=_component_form,
        ),
        Column(
            "accepts_results_of",
            Kind.CODES,
            "Kết quả của các thủ tục mà người nộp được dùng lại từ kho dữ liệu điện tử thay cho giấy tờ "
            "này: mã thủ tục, cách nhau bằng dấu chấm phẩy (;), ví dụ 1.002809; để trống nếu không có. "
            "Thủ tục phải có trong hệ thống hoặc ở trang procedures.",
            get=lambda component: [procedure.code for procedure in component.accepts_results_of.all()],
            pattern=rules.PROCEDURE_CODE_RE,
            pattern_error=_PROCEDURE_CODE_ERROR,
        ),
    ),
    lambda procedure: procedure.components.all(),
)

FEES = Sheet(
    "fees",
    "Phí, lệ phí: mỗi dòng một khoản của một thủ tục.",
    (
        _procedure_code(_PARENT_CODE_HELP),
        Column("position", Kind.INTEGER, _POSITION_HELP, minimum=0, maximum=_SMALL_INT_MAX),
        Column(
            "name", Kind.TEXT, "Tên khoản phí, lệ phí.", required=True, max_length=_max_length(Fee, "name")
        ),
        Column(
            "amount",
            Kind.INTEGER,
            "Số tiền (đồng), số nguyên không âm; viết 135000 hoặc 135.000.",
            required=True,
            minimum=0,
            maximum=10**15,
            grouping=True,
        ),
        Column(
            "applies_when",
            Kind.TEXT,
            "Trường hợp áp dụng, ví dụ Cấp mới.",
            max_length=_max_length(Fee, "applies_when"),
        ),
    ),
    lambda procedure: procedure.fees.all(),
)

STEPS = Sheet(
    "steps",
    "Quy trình nội bộ: mỗi dòng một bước của một thủ tục. Tổng thời gian các bước phải bằng thời hạn "
    "giải quyết của thủ tục.",
    (
        _procedure_code(_PARENT_CODE_HELP),
        Column(
            "position",
            Kind.INTEGER,
            "Số thứ tự bước, không trùng trong một thủ tục; để trống = theo thứ tự các dòng của thủ tục.",
            minimum=0,
            maximum=_SMALL_INT_MAX,
        ),
        Column(
            "name",
            Kind.TEXT,
            "Tên bước, ví dụ Tiếp nhận hồ sơ.",
            required=True,
            max_length=_max_length(ProcessStep, "name"),
        ),
        Column(
            "role",
            Kind.CHOICE,
            "Vai trò thực hiện: counter_officer (cán bộ một cửa), specialist (chuyên viên), "
            "leader (lãnh đạo), manager (quản lý).",
            required=True,
            choices=StepRole,
        ),
        Column(
            "handling_unit",
            Kind.TEXT,
            "Đơn vị, bộ phận thực hiện.",
            required=True,
            max_length=_max_length(ProcessStep, "handling_unit"),
        ),
        Column(
            "budget",
            Kind.DURATION,
            "Thời gian của bước, cùng đơn vị với thời hạn của thủ tục (0,5 hay 0.5 là nửa ngày).",
            required=True,
        ),
    ),
    lambda procedure: procedure.steps.all(),
)

FORMS = Sheet(
    "forms",
    "Mẫu đơn, tờ khai: mỗi dòng một mẫu của một thủ tục. Nội dung tệp mẫu không nằm trong tệp này.",
    (
        _procedure_code(_PARENT_CODE_HELP),
        Column("position", Kind.INTEGER, _POSITION_HELP, minimum=0, maximum=_SMALL_INT_MAX),
        Column(
            "code",
            Kind.TEXT,
            "Số hiệu mẫu, ví dụ Mẫu số 03/2020/TT-BCA.",
            max_length=_max_length(FormTemplate, "code"),
        ),
        Column(
            "name",
            Kind.TEXT,
            "Tên mẫu đơn, tờ khai.",
            required=True,
            max_length=_max_length(FormTemplate, "name"),
        ),
        Column(
            "file",
            Kind.TEXT,
            "Tên tệp đã lưu trên hệ thống, ví dụ catalog/forms/1.001234/to-khai.pdf. Nội dung tệp không "
            "được xuất; khi nhập chỉ ghi lại tên tệp, còn tệp phải có sẵn trong kho lưu trữ.",
            get=lambda form: form.file.name or "",
            max_length=_max_length(FormTemplate, "file"),
        ),
    ),
    lambda procedure: procedure.form_templates.all(),
)

SHEETS: tuple[Sheet, ...] = (PROCEDURES, COMPONENTS, FEES, STEPS, FORMS)
SHEETS_BY_KEY = {sheet.key: sheet for sheet in SHEETS}
CHILD_SHEETS: tuple[Sheet, ...] = (COMPONENTS, FEES, STEPS, FORMS)

GENERAL_NOTES = (
    "Dòng đầu tiên của mỗi trang là tên cột: giữ nguyên các tên cột (tiếng Anh), không dịch, không xóa.",
    "Tệp được kiểm tra toàn bộ trước khi ghi: chỉ cần một dòng sai thì không có gì được nhập, "
    "và mọi lỗi được liệt kê kèm trang, số dòng và cột.",
    "Thủ tục đã có (cùng mã) được cập nhật; thành phần hồ sơ, phí, quy trình và mẫu đơn của nó được thay "
    "bằng đúng các dòng trong tệp.",
    "Số thập phân viết bằng dấu phẩy hoặc dấu chấm đều được (0,5 hay 0.5).",
    "Bản CSV: một tệp .zip chứa procedures.csv, components.csv, fees.csv, steps.csv, forms.csv "
    "(mã hóa UTF-8, dòng đầu là tên cột).",
    "Nội dung các tệp mẫu đơn không nằm trong tệp xuất: cột file của trang forms chỉ ghi tên tệp đã lưu.",
)
INSTRUCTION_HEADERS = ("Trang", "Cột", "Bắt buộc", "Mô tả")


def instruction_rows() -> list[list[str]]:
    """The instructions table: one row per sheet, then one per column."""
    rows = []
    for sheet in SHEETS:
        rows.append([sheet.key, "", "", sheet.help])
        for column in sheet.columns:
            rows.append([sheet.key, column.key, "có" if column.required else "", column.help])
    return rows
