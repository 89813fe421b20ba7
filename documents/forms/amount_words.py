"""Amounts of money in Vietnamese words, as a receipt prints them ("số tiền bằng chữ").

``vnd_in_words(1_250_000)`` → "Một triệu hai trăm năm mươi nghìn đồng". The reading follows the usual
rules of Vietnamese financial documents:

* digits are read in groups of three (đơn vị, nghìn, triệu), and every nine digits start again with
  "tỷ" (1.000.000.000.000 is "một nghìn tỷ"); a group of zeros is not read;
* inside a group after the first, a missing hundred is read "không trăm", a missing ten before a unit
  "linh" (1.005.000: "một triệu không trăm linh năm nghìn");
* "mười" for ten, "mươi" after two and more; a final one after twenty and more is "mốt", a final five
  after ten and more "lăm" (21 "hai mươi mốt", 15 "mười lăm", 105 "một trăm linh năm"); four stays
  "bốn" (the written form of receipts, not the spoken "tư").
"""

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
#: The names of the groups of three digits within nine digits, from the lowest.
GROUP_NAMES = ("", "nghìn", "triệu")
BILLION = 10**9


def _group(number: int, *, leading: bool) -> list[str]:
    """The words of a group of three digits (1–999); ``leading`` when nothing is read before it."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if hundreds or not leading:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 5 and tens >= 1:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _below_billion(number: int, *, leading: bool) -> list[str]:
    words: list[str] = []
    for position in range(len(GROUP_NAMES) - 1, -1, -1):
        group = number // 1000**position % 1000
        if group:
            words += _group(group, leading=leading and not words)
            if GROUP_NAMES[position]:
                words.append(GROUP_NAMES[position])
    return words


def _words(number: int, *, leading: bool = True) -> list[str]:
    if number >= BILLION:
        words = [*_words(number // BILLION, leading=leading), "tỷ"]
        return words + _below_billion(number % BILLION, leading=False)
    return _below_billion(number, leading=leading)


def number_in_words(number: int) -> str:
    """A whole number ≥ 0 in Vietnamese words, in lower case: 2_021 → "hai nghìn không trăm hai mươi mốt"."""
    if isinstance(number, bool) or not isinstance(number, int) or number < 0:
        raise ValueError(f"Only whole numbers from zero are read, not {number!r}.")
    return " ".join(_words(number)) if number else DIGITS[0]


def vnd_in_words(amount: int) -> str:
    """An amount of VND in words, capitalized, ending in "đồng".

    135_000 → "Một trăm ba mươi lăm nghìn đồng"."""
    text = f"{number_in_words(amount)} đồng"
    return text[0].upper() + text[1:]
