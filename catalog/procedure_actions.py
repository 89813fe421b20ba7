"""What a procedure does to its subject, read from its name, and how well that fits what a query asks.

Vietnamese procedure names begin with their action, then the thing acted on: "Cấp giấy phép môi
trường", "Gia hạn giấy phép môi trường", "Đăng ký thành lập hộ kinh doanh", "Cấp, đổi giấy phép lái
xe" (two actions: a comma lists them; "Cấp đổi" is one, an exchange). Names that differ only by their
action are different procedures, and their other words match a query alike, so the action decides:

* a query naming a change to something it already has (``cap lai``, ``doi``, ``gia han``, ``dieu
  chinh``, ``thu hoi``, ``tam ngung`` …, the :data:`CHANGES`) wants a name with exactly that action;
* a query naming none ("giay phep moi truong", "ho kinh doanh", or naming only ``cap`` / ``dang ky``)
  wants the thing first obtained: for a document (a licence, certificate, card, badge, passport …)
  its issue, "Cấp"; for anything else its registration, "Đăng ký", or a name with no known action
  ("Chứng thực …", "Giao đất …"). Another action ("Xác nhận", "Thẩm định" …) fits less, a change least.

:func:`action_penalty` says how much a name's action lowers its score for a query's actions; the search
reads names through :func:`name_actions` once, when it builds its index.
"""

from dataclasses import dataclass
from functools import lru_cache

from core.text import fold

# Folded action phrases at the start of a name or query → the action they name (the longest phrase wins:
# "dang ky thay doi" is a change, "dang ky" a registration).
ACTIONS = {
    "cap": "cap",
    "cap moi": "cap",
    "dang ky": "dang ky",
    "dang ky moi": "dang ky",
    "cap lai": "cap lai",
    "cap doi": "doi",
    "doi": "doi",
    "chuyen doi": "doi",
    "gia han": "gia han",
    "dieu chinh": "dieu chinh",
    "sua doi": "dieu chinh",
    "dang ky thay doi": "thay doi",
    "dang ky bien dong": "thay doi",
    "thay doi": "thay doi",
    "bo sung": "bo sung",
    "cap bo sung": "bo sung",
    "thu hoi": "thu hoi",
    "huy": "huy",
    "huy bo": "huy",
    "xoa dang ky": "xoa",
    "tam ngung": "tam ngung",
    "tam dung": "tam ngung",
    "cham dut": "cham dut",
    "cham dut hoat dong": "cham dut",
    "giai the": "giai the",
    "xac nhan": "xac nhan",
    "tham dinh": "tham dinh",
    "phe duyet": "phe duyet",
    "cong nhan": "cong nhan",
    "thong bao": "thong bao",
}
# Actions on something already obtained: a query naming one wants exactly it.
CHANGES = frozenset(
    {
        "cap lai",
        "doi",
        "gia han",
        "dieu chinh",
        "thay doi",
        "bo sung",
        "thu hoi",
        "huy",
        "xoa",
        "tam ngung",
        "cham dut",
        "giai the",
    }
)
ISSUE, REGISTRATION = "cap", "dang ky"
# How a name's subject begins when it is a document, which one is issued ("Cấp"), not registered.
DOCUMENTS = (
    "giay",
    "chung chi",
    "chung nhan",
    "the",
    "phu hieu",
    "ho chieu",
    "phieu",
    "van bang",
    "bang",
    "bien hieu",
    "trich luc",
)
# Words before the action in a query that ask for the procedure without being its subject.
QUERY_OPENINGS = ("xin", "lam", "thu tuc", "muon", "can")
# Changes that name themselves anywhere in a query ("giay phep lai xe gia han"); a lone "doi" or "huy"
# only at its start ("doi" is as often part of "chuyen doi", "doi tuong").
CHANGES_ANYWHERE = ("cap lai", "cap doi", "gia han", "dieu chinh", "thu hoi", "tam ngung", "cham dut")
LONGEST = max(len(phrase.split()) for phrase in ACTIONS)
# The action and its subject's first words are at the start of a name: only that much of it is read.
NAME_START = 80

# What a name's action costs it, as a share of ACTION_MISMATCH (see action_penalty).
FITS, LESS_LIKELY, MISMATCH = 0, 1, 2


@dataclass(frozen=True)
class NameAction:
    """A name's actions (none when it begins with no known one) and whether its subject is a document."""

    actions: frozenset[str]
    document: bool


def leading_action(words: list[str]) -> tuple[str | None, int]:
    """The action the longest action phrase at the start of ``words`` names, and its length in words."""
    for length in range(min(LONGEST, len(words)), 0, -1):
        action = ACTIONS.get(" ".join(words[:length]))
        if action:
            return action, length
    return None, 0


def name_actions(name: str, folded_words: list[str] | None = None) -> NameAction:
    """The actions a procedure's name begins with ("Cấp, cấp lại giấy phép" → cap, cap lai) and
    whether what they act on is a document; ``folded_words``: the folded name's words, when known."""
    start = name[:NAME_START]
    words = folded_words if folded_words is not None else fold(start).split()
    actions: set[str] = set()
    at = 0
    for piece in start.split(","):  # a comma lists actions: "Cấp, đổi giấy phép"
        piece_length = len(piece.split())
        action, length = leading_action(words[at : at + piece_length])
        if action is None:
            break
        actions.add(action)
        at += length
        if length < piece_length:  # the subject follows the last action of the list
            break
    subject = " ".join(words[at : at + 3]) + " "
    document = any(subject.startswith(head + " ") for head in DOCUMENTS)
    return NameAction(frozenset(actions), document)


def query_actions(words: list[str]) -> frozenset[str]:
    """The actions a query names: the one it begins with (after "xin", "lam", …) and the changes
    named anywhere in it."""
    start = 0
    for opening in QUERY_OPENINGS:
        opening_words = opening.split()
        if words[: len(opening_words)] == opening_words:
            start = len(opening_words)
            break
    action, _length = leading_action(words[start:])
    found = {action} if action else set()
    text = f" {' '.join(words)} "
    found.update(ACTIONS[phrase] for phrase in CHANGES_ANYWHERE if f" {phrase} " in text)
    return frozenset(found)


@lru_cache(maxsize=4096)  # the kinds of names' actions are a few dozen, the queries' a few more
def action_penalty(asked: frozenset[str], name: NameAction) -> int:
    """How badly a name's action fits a query naming the actions ``asked``: FITS, LESS_LIKELY or
    MISMATCH (see the module's docstring)."""
    changes = asked & CHANGES
    if changes:
        return FITS if changes <= name.actions else MISMATCH
    if not name.actions:
        return FITS
    first_obtained = ISSUE if name.document else REGISTRATION
    if first_obtained in name.actions or name.actions & asked:
        return FITS
    # A document is issued or changed: another action on it ("Đăng ký giấy phép", "Xác nhận giấy …")
    # is as unlikely as a change; on anything else ("Cấp hộ kinh doanh", "Thẩm định thiết kế") it is
    # less likely than a registration, a change least.
    if name.document or name.actions <= CHANGES:
        return MISMATCH
    return LESS_LIKELY
