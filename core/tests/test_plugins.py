"""The plugin registry: registration by id, the provider chosen by settings, the start-up check."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from core.plugins import Plugin, Registry, UnknownProvider, check_configured_providers
from notifications.sms import SmsSender, sms_senders
from notifications.sms.backends import FileSender, MemorySender


class Greeter(Plugin):
    def greet(self) -> str:  # the kind's interface
        raise NotImplementedError


def test_providers_register_by_id_and_the_settings_choose(settings):
    greeters = Registry("greeter", Greeter, setting="MOTCUA_TEST_GREETER", providers="core.plugins")
    try:

        @greeters.register("hello")
        class Hello(Greeter):
            fake = True

            def greet(self):
                return "xin chào"

        settings.MOTCUA_TEST_GREETER = "hello"
        assert greeters.ids() == ["hello"] and Hello.id == "hello"
        assert greeters.configured().greet() == "xin chào"
        settings.MOTCUA_TEST_GREETER = "core.tests.test_plugins.Greeter"  # a dotted path to a subclass
        assert isinstance(greeters.configured(), Greeter)
        with pytest.raises(TypeError):
            greeters.register("wrong")(FileSender)  # not a Greeter
        with pytest.raises(ValueError):

            @greeters.register("hello")
            class Twin(Greeter):
                pass

        settings.MOTCUA_TEST_GREETER = "nobody"
        with pytest.raises(UnknownProvider, match="known: hello"):
            greeters.configured()
        errors = [e for e in check_configured_providers() if "MOTCUA_TEST_GREETER" in e.msg]
        assert len(errors) == 1 and errors[0].id == "motcua.E001" and "hello" in errors[0].hint
    finally:
        from core import plugins

        plugins.REGISTRIES.remove(greeters)


def test_sms_senders_are_the_registrys_first_users(settings):
    assert {"console", "file", "memory", "failing"} <= set(sms_senders.ids())
    assert all(issubclass(provider, SmsSender) and provider.fake for provider in sms_senders)
    settings.MOTCUA_SMS_BACKEND = "memory"
    assert isinstance(sms_senders.configured(), MemorySender)


@pytest.mark.parametrize(
    "value", ["carrier-pigeon", "notifications.sms.nowhere.Sender", "core.plugins.Plugin"]
)
def test_a_configured_provider_that_does_not_exist_stops_start_up(settings, value):
    settings.MOTCUA_SMS_BACKEND = value
    with pytest.raises(SystemCheckError, match="MOTCUA_SMS_BACKEND"):
        call_command("check")
