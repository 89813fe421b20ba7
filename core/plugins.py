"""The one shape of every outside party: a typed base class, a registry of providers by id, the
provider chosen by a setting, and a start-up check that names a configured provider that does not exist.

Each kind of outside party (SMS senders today; payment gateways, postal carriers, signers, the national
portal's connector next) declares::

    class SmsSender(Plugin):               # the typed interface of the kind
        def send(self, phone, text, *, idempotency_key): ...

    sms_senders = Registry("SMS sender", SmsSender, setting="MOTCUA_SMS_BACKEND",
                           providers="notifications.sms.backends")

    @sms_senders.register("file")          # in the providers module, one class per provider
    class FileSender(SmsSender):
        label = "Files under var/sms (development)"
        fake = True                        # behaves like the real one, reaches nobody

and its code asks ``sms_senders.configured()`` for the provider the settings chose. A setting may also
name a class by dotted path (a province's own gateway, kept outside this repository); it must subclass
the kind's base class.
"""

from collections.abc import Callable, Iterator
from importlib import import_module
from typing import ClassVar, Generic, TypeVar

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string


class Plugin:
    """Base of every provider: its registry id, a label for people, and whether it is a fake."""

    id: ClassVar[str] = ""
    label: ClassVar[str] = ""
    #: A fake behaves like the real provider for development and tests, and reaches nobody outside.
    fake: ClassVar[bool] = False


P = TypeVar("P", bound=Plugin)

#: Every registry, for the start-up check.
REGISTRIES: list["Registry"] = []


class UnknownProvider(LookupError):
    """The settings name a provider that no registry has and no dotted path leads to."""


class Registry(Generic[P]):
    def __init__(self, kind: str, base: type[P], *, setting: str, providers: str):
        self.kind = kind
        self.base = base
        self.setting = setting
        self.providers_module = providers
        self._providers: dict[str, type[P]] = {}
        self._loaded = False
        REGISTRIES.append(self)

    def register(self, plugin_id: str) -> Callable[[type[P]], type[P]]:
        """Class decorator: register a provider of this kind under ``plugin_id``."""

        def decorator(cls: type[P]) -> type[P]:
            if not issubclass(cls, self.base):
                raise TypeError(f"{cls.__qualname__} is not a {self.base.__qualname__}")
            if plugin_id in self._providers and self._providers[plugin_id] is not cls:
                raise ValueError(f"Two {self.kind} providers are registered as {plugin_id!r}")
            cls.id = plugin_id
            self._providers[plugin_id] = cls
            return cls

        return decorator

    def _load(self) -> None:
        if not self._loaded:
            import_module(self.providers_module)  # its @register decorators run
            self._loaded = True

    def ids(self) -> list[str]:
        self._load()
        return sorted(self._providers)

    def __iter__(self) -> Iterator[type[P]]:
        self._load()
        return iter(self._providers[plugin_id] for plugin_id in sorted(self._providers))

    def provider_class(self, name: str) -> type[P]:
        """The provider registered as ``name``, or the class at the dotted path ``name``."""
        self._load()
        if name in self._providers:
            return self._providers[name]
        if "." in name:
            try:
                cls = import_string(name)
            except ImportError as error:
                raise UnknownProvider(f"{self.setting}={name!r}: {error}") from error
            if not (isinstance(cls, type) and issubclass(cls, self.base)):
                raise UnknownProvider(f"{self.setting}={name!r} is not a {self.base.__qualname__}")
            return cls
        known = ", ".join(self.ids())
        raise UnknownProvider(f"{self.setting}={name!r}: no {self.kind} has this id (known: {known}).")

    def configured_name(self) -> str:
        return getattr(settings, self.setting)

    def configured(self) -> P:
        """An instance of the provider the settings chose."""
        return self.provider_class(self.configured_name())()


@checks.register()
def check_configured_providers(app_configs=None, **kwargs):
    """At start-up (``manage.py check``, ``runserver``, ``migrate``, the worker): every configured
    provider exists."""
    problems = []
    for registry in REGISTRIES:
        try:
            registry.provider_class(registry.configured_name())
        except UnknownProvider as error:
            problems.append(
                checks.Error(
                    str(error),
                    hint=f"Set {registry.setting} to one of: {', '.join(registry.ids())}, "
                    f"or to the dotted path of a {registry.base.__qualname__} subclass.",
                    id="motcua.E001",
                )
            )
    return problems
