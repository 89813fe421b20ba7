"""The national post's item numbers (UPU S10): format and check digit."""

import pytest

from core.tracking_numbers import check_digit, normalized, tracking_number_error

# The messages are read in English (the source strings).
pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("serial", "digit"),
    # Written out: 1·8 + 2·6 + 3·4 + 4·2 + 5·3 + 6·5 + 7·9 + 8·7 = 204; 11 − 204 mod 11 = 5. The UPU's
    # own example is AA 47312482 9 GB; 11 − 12 mod 11 = 10 is printed 0, 11 − 0 is printed 5.
    [("12345678", 5), ("47312482", 9), ("00060000", 0), ("00000000", 5), ("10000000", 3)],
)
def test_the_check_digit_is_the_s10_one(serial, digit):
    assert check_digit(serial) == digit


def test_spaces_hyphens_and_lower_case_are_forgiven():
    assert normalized(" ee 123-456-785 vn ") == "EE123456785VN"
    assert tracking_number_error(normalized(" ee 123-456-785 vn ")) is None


@pytest.mark.parametrize(
    "value", ["", "EE12345678VN", "EE1234567850VN", "E1123456785VN", "EE123456785US", "12EE3456785VN"]
)
def test_other_shapes_are_refused_with_the_expected_format(value):
    assert tracking_number_error(value) == (
        "Write the post's item number: two letters, nine digits and VN, e.g. EE123456785VN."
    )


def test_a_mistyped_digit_is_caught_by_the_check_digit():
    assert tracking_number_error("EE123456786VN") == (
        "The last digit of EE123456786VN does not match: check the item number on the envelope."
    )
