"""What each online service level allows (Decision 766/QĐ-TTg words and Decree 42/2022 words).

Plain module: the portal, the API and the dossier rules ask it instead of comparing numbers.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

LEVELS = (1, 2, 3, 4)


@dataclass(frozen=True)
class ServiceLevel:
    number: int
    label: str
    online_kind: str  # "full_process", "partial" or "" (not an online service in the Decree 42 sense)
    online_kind_label: str
    description: str

    @property
    def allows_online_submission(self) -> bool:
        return self.number >= 3

    @property
    def allows_online_payment(self) -> bool:
        return self.number >= 4

    @property
    def offers_forms(self) -> bool:
        return self.number >= 2


_LEVELS = {
    1: ServiceLevel(
        1,
        _("Level 1"),
        "",
        _("Information only"),
        _("Full information about the procedure and its legal documents is published online."),
    ),
    2: ServiceLevel(
        2,
        _("Level 2"),
        "",
        _("Information and forms"),
        _("You can download the forms, fill them in and bring the dossier to the counter."),
    ),
    3: ServiceLevel(
        3,
        _("Level 3"),
        "partial",
        _("Partial online service"),
        _(
            "You can fill in and submit the dossier online; you pay the fees and receive the result "
            "at the counter."
        ),
    ),
    4: ServiceLevel(
        4,
        _("Level 4"),
        "full_process",
        _("Full-process online service"),
        _(
            "Everything is online: submit the dossier, pay the fees online, and receive the result "
            "online or by post."
        ),
    ),
}


def service_level(number: int) -> ServiceLevel:
    try:
        return _LEVELS[int(number)]
    except (KeyError, ValueError, TypeError) as exc:
        raise ValueError(f"Service level must be one of 1, 2, 3, 4; got {number!r}") from exc


def online_kind(number: int) -> str:
    return service_level(number).online_kind
