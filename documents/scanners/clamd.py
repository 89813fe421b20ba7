"""The clamd protocol's INSTREAM command: the file's bytes sent in chunks, one verdict back.

``zINSTREAM\\0``, then chunks each preceded by its length (4 bytes, big-endian), then a zero length;
clamd answers ``stream: OK``, ``stream: <signature> FOUND`` or ``<reason> ERROR`` (e.g. the file is
longer than its StreamMaxLength), ended by a NUL byte.
"""

import socket

from . import ScannerUnavailable

CHUNK = 64 * 1024
_MAX_REPLY = 4096


def instream(stream, address, *, timeout: float) -> str | None:
    """Scan ``stream`` with the clamd at ``address`` (a unix socket path, or a (host, port) pair):
    the signature found, or None when clean. Raises :class:`ScannerUnavailable`."""
    try:
        with _connect(address, timeout) as connection:
            connection.sendall(b"zINSTREAM\0")
            stream.seek(0)
            while chunk := stream.read(CHUNK):
                connection.sendall(len(chunk).to_bytes(4, "big") + chunk)
            connection.sendall(b"\0\0\0\0")
            reply = _read_reply(connection)
    except OSError as error:  # refused, reset, timed out, no such socket
        raise ScannerUnavailable(f"clamd at {address!r}: {error}") from error
    finally:
        stream.seek(0)
    return verdict(reply)


def verdict(reply: str) -> str | None:
    """The signature in clamd's ``reply``, None for a clean file; raises on an error reply."""
    if reply == "stream: OK":
        return None
    if reply.startswith("stream: ") and reply.endswith(" FOUND"):
        return reply.removeprefix("stream: ").removesuffix(" FOUND").strip() or "?"
    raise ScannerUnavailable(f"clamd answered {reply!r}")


def _connect(address, timeout: float) -> socket.socket:
    if isinstance(address, str):
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(timeout)
        try:
            connection.connect(address)
        except OSError:
            connection.close()
            raise
        return connection
    connection = socket.create_connection(address, timeout=timeout)
    connection.settimeout(timeout)
    return connection


def _read_reply(connection: socket.socket) -> str:
    reply = b""
    while b"\0" not in reply and len(reply) < _MAX_REPLY:
        received = connection.recv(_MAX_REPLY)
        if not received:
            break
        reply += received
    return reply.split(b"\0", 1)[0].decode("utf-8", "replace").strip()
