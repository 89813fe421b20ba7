"""Virus scanners: a kind of outside party behind the plugin registry (``core.plugins``).

Every upload is scanned by the upload check (``documents.uploads``) before it is accepted. The scanner
is chosen by MOTCUA_VIRUS_SCANNER: ``none`` (the default: nothing is scanned), ``clamd`` (a ClamAV
daemon, reached over TCP or a unix socket: :mod:`documents.scanners.clamd`), or the dotted path of a
province's own :class:`VirusScanner` subclass. A scanner that is configured but cannot answer refuses
the upload: a file is never accepted unscanned.
"""

from core.plugins import Plugin, Registry


class ScannerUnavailable(Exception):
    """The scanner could not be reached or did not give a verdict; the upload is refused for now."""


class VirusScanner(Plugin):
    """Scans one file's bytes."""

    def scan(self, stream) -> str | None:  # pragma: no cover - interface
        """What was found in ``stream`` (a binary file object, read from its start), e.g.
        ``"Eicar-Test-Signature"``; None when it is clean. Raises :class:`ScannerUnavailable`."""
        raise NotImplementedError


virus_scanners: Registry[VirusScanner] = Registry(
    "virus scanner", VirusScanner, setting="MOTCUA_VIRUS_SCANNER", providers="documents.scanners.providers"
)
