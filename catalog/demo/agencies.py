"""The demo province's agencies: the People's Committee, its departments and some communes.

Agency codes follow the national standard for electronic document exchange
(``catalog.rules.AGENCY_CODE_RE``: ``AAA.BB.CC.Lnn``). The demo uses one consistent scheme, all under the
province's level-1 identifier ``H22`` (today's province code 22, Quảng Ninh):

* ``000.00.00.H22`` — the province People's Committee (UBND tỉnh);
* ``000.00.NN.H22`` — a department or board directly under the province, NN = 01…29
  (01 Sở Thông tin và Truyền thông … 16 Ban Quản lý các khu kinh tế, 17 Công an tỉnh);
* ``000.NN.30.H22`` — a commune-level People's Committee (ward, commune or special zone), NN = 01…99;
  the block ``30`` is reserved for communes so their codes can never collide with a department's.

The codes are demo values in the national format, not a copy of the national register.
Communes are named after real wards of Quảng Ninh: the loader takes each name from vietnam-provinces
by its ward code. Contact e-mails use the reserved ``.example`` top-level domain (RFC 2606) so that a
demo installation never mails a real government inbox.
"""

PROVINCE_CODE = 22
PROVINCE_NAME = "Quảng Ninh"
EMAIL_DOMAIN = "quangninh.example"

# Ward codes (vietnam-provinces, province 22) used for addresses.
HONG_GAI = 6685
HA_LONG = 6688
CAO_XANH = 6658
BAI_CHAY = 6673

PEOPLES_COMMITTEE = {
    "key": "UBND",
    "code": "000.00.00.H22",
    "name": "Ủy ban nhân dân tỉnh Quảng Ninh",
    "short_name": "UBND tỉnh",
    "street_address": "Số 1 đường Nguyễn Văn Cừ",
    "ward_code": HONG_GAI,
    "phone": "0203 3835 516",
    "email": f"vpubnd@{EMAIL_DOMAIN}",
}

# key, NN, name, short name, street address, ward code, phone, e-mail local part
_DEPARTMENTS = [
    ("STTTT", 1, "Sở Thông tin và Truyền thông", "Sở TT&TT", "Liên cơ quan số 3, phố Hải Phúc", HONG_GAI,
     "0203 3628 999", "stttt"),
    ("SGTVT", 2, "Sở Giao thông vận tải", "Sở GTVT", "Liên cơ quan số 2, phố Hải Phúc", HONG_GAI,
     "0203 3835 649", "sgtvt"),
    ("SLDTBXH", 3, "Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH", "Liên cơ quan số 4, phố Hải Phúc",
     HONG_GAI, "0203 3835 674", "sldtbxh"),
    ("STC", 4, "Sở Tài chính", "Sở Tài chính", "Liên cơ quan số 1, phố Hải Phúc", HONG_GAI,
     "0203 3835 347", "stc"),
    ("SGDDT", 5, "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "Số 2 đường Nguyễn Văn Cừ", HA_LONG,
     "0203 3835 563", "sgddt"),
    ("SNGV", 6, "Sở Ngoại vụ", "Sở Ngoại vụ", "Liên cơ quan số 1, phố Hải Phúc", HONG_GAI,
     "0203 3825 366", "sngv"),
    ("SCT", 7, "Sở Công Thương", "Sở Công Thương", "Liên cơ quan số 3, phố Hải Phúc", HONG_GAI,
     "0203 3835 466", "sct"),
    ("SYT", 8, "Sở Y tế", "Sở Y tế", "Số 651 đường Lê Thánh Tông", HA_LONG, "0203 3825 488", "syt"),
    ("SNNPTNT", 9, "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "Liên cơ quan số 4, phố Hải Phúc",
     HONG_GAI, "0203 3835 531", "snnptnt"),
    ("STP", 10, "Sở Tư pháp", "Sở Tư pháp", "Liên cơ quan số 3, phố Hải Phúc", HONG_GAI,
     "0203 3835 474", "stp"),
    ("STNMT", 11, "Sở Tài nguyên và Môi trường", "Sở TN&MT", "Liên cơ quan số 2, phố Hải Phúc", HONG_GAI,
     "0203 3835 580", "stnmt"),
    ("SKHCN", 12, "Sở Khoa học và Công nghệ", "Sở KH&CN", "Số 85 đường Nguyễn Văn Cừ", CAO_XANH,
     "0203 3835 582", "skhcn"),
    ("SXD", 13, "Sở Xây dựng", "Sở Xây dựng", "Liên cơ quan số 2, phố Hải Phúc", HONG_GAI,
     "0203 3835 589", "sxd"),
    ("SKHDT", 14, "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "Liên cơ quan số 1, phố Hải Phúc", HONG_GAI,
     "0203 3835 639", "skhdt"),
    ("SVHTTDL", 15, "Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT&DL", "Số 6 đường Hạ Long", BAI_CHAY,
     "0203 3846 301", "svhttdl"),
    ("BQLKKT", 16, "Ban Quản lý các khu kinh tế", "Ban QL các KKT", "Liên cơ quan số 4, phố Hải Phúc",
     HONG_GAI, "0203 3511 988", "bqlkkt"),
]  # fmt: skip

DEPARTMENTS = [
    {
        "key": key,
        "code": f"000.00.{number:02d}.H22",
        "name": name,
        "short_name": short_name,
        "street_address": street,
        "ward_code": ward_code,
        "phone": phone,
        "email": f"{mailbox}@{EMAIL_DOMAIN}",
    }
    for key, number, name, short_name, street, ward_code, phone, mailbox in _DEPARTMENTS
]

# The Provincial Police is a province-level agency but answers to the Ministry of Public Security, so it
# has no parent here; it performs the ordinary passport procedure.
POLICE = {
    "key": "CAT",
    "code": "000.00.17.H22",
    "name": "Công an tỉnh Quảng Ninh",
    "short_name": "Công an tỉnh",
    "street_address": "Số 90 đường Lê Thánh Tông",
    "ward_code": HONG_GAI,
    "phone": "0203 3825 566",
    "email": f"congan@{EMAIL_DOMAIN}",
}

# key, NN, ward code (name from vietnam-provinces), street address, phone, e-mail local part
_COMMUNES = [
    ("HONGGAI", 1, HONG_GAI, "Số 2 phố Cao Thắng", "0203 3825 237", "honggai"),
    ("BAICHAY", 2, BAI_CHAY, "Số 21 đường Hạ Long", "0203 3846 279", "baichay"),
    ("CAMPHA", 3, 6793, "Số 369 đường Trần Phú", "0203 3862 006", "campha"),
    ("UONGBI", 4, 6811, "Số 2 đường Hòa Bình", "0203 3854 361", "uongbi"),
    ("MONGCAI1", 5, 6712, "Số 6 đường Hữu Nghị", "0203 3881 382", "mongcai1"),
    ("DONGTRIEU", 6, 7093, "Số 1 đường Hoàng Hoa Thám", "0203 3871 264", "dongtrieu"),
    ("TIENYEN", 7, 6862, "Phố Lý Thường Kiệt, khu Hồng Tiến", "0203 3876 104", "tienyen"),
    ("VANDON", 8, 6994, "Khu 3, đường Trần Khánh Dư", "0203 3874 102", "vandon"),
]

COMMUNES = [
    {
        "key": key,
        "code": f"000.{number:02d}.30.H22",
        "ward_code": ward_code,
        "street_address": street,
        "phone": phone,
        "email": f"{mailbox}@{EMAIL_DOMAIN}",
    }
    for key, number, ward_code, street, phone, mailbox in _COMMUNES
]

COMMUNE_KEYS = [commune["key"] for commune in COMMUNES]


def commune_names(ward_name: str) -> tuple[str, str]:
    """The People's Committee's full and short name for a ward named as in vietnam-provinces.

    "Phường Hồng Gai" → ("Ủy ban nhân dân phường Hồng Gai", "UBND phường Hồng Gai").
    """
    unit = ward_name[:1].lower() + ward_name[1:]
    return f"Ủy ban nhân dân {unit}", f"UBND {unit}"
