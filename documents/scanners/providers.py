"""The virus scanners that ship with Motcua."""

from django.conf import settings

from . import VirusScanner, clamd, virus_scanners


@virus_scanners.register("none")
class NoScanner(VirusScanner):
    """The default: files are not scanned (the upload check by content still applies)."""

    label = "No virus scan"

    def scan(self, stream):
        return None


@virus_scanners.register("clamd")
class ClamdScanner(VirusScanner):
    """A ClamAV daemon: MOTCUA_CLAMD_SOCKET (a unix socket) when set, otherwise TCP to
    MOTCUA_CLAMD_HOST:MOTCUA_CLAMD_PORT; each exchange within MOTCUA_CLAMD_TIMEOUT_SECONDS."""

    label = "ClamAV daemon (clamd)"

    def scan(self, stream):
        socket_path = settings.MOTCUA_CLAMD_SOCKET
        address = socket_path if socket_path else (settings.MOTCUA_CLAMD_HOST, settings.MOTCUA_CLAMD_PORT)
        return clamd.instream(stream, address, timeout=settings.MOTCUA_CLAMD_TIMEOUT_SECONDS)
