"""Demo logins: officers of three departments and a commune, a catalog officer, a province manager, an
administrator and citizens.

Every demo login uses the password in ``catalog.demo.DEMO_PASSWORD``. Names follow the Vietnamese order
split into ``last_name`` (family and middle names, "họ và tên đệm") and ``first_name`` (given name, "tên").
Personal IDs follow the national format: 022 (Quảng Ninh), the gender and century digit, two digits of the
birth year, six digits.
"""

from core.roles import Role

CATALOG_OFFICERS_GROUP = "Catalog officers"
PROVINCE_MANAGERS_GROUP = "Province managers"
#: The admin's groups of the roles that work there (``catalog.demo.loader`` grants their permissions).
ADMIN_GROUPS = {Role.CATALOG_OFFICER: CATALOG_OFFICERS_GROUP, Role.PROVINCE_MANAGER: PROVINCE_MANAGERS_GROUP}

# username, last name, first name, role, agency key (catalog.demo.agencies) or None, label for the logins list
_OFFICERS = [
    ("tiepnhan.stp", "Phạm Thị Thu", "Hà", Role.COUNTER_OFFICER, "STP",
     "Cán bộ tiếp nhận một cửa – Sở Tư pháp"),
    ("chuyenvien.stp", "Nguyễn Văn", "Hùng", Role.SPECIALIST, "STP", "Chuyên viên thụ lý – Sở Tư pháp"),
    ("lanhdao.stp", "Trần Đức", "Thắng", Role.LEADER, "STP", "Lãnh đạo ký duyệt – Sở Tư pháp"),
    ("quanly.stp", "Vũ Thị Minh", "Ngọc", Role.MANAGER, "STP", "Quản lý, theo dõi thống kê – Sở Tư pháp"),
    ("tiepnhan.sgtvt", "Đỗ Thị Lan", "Anh", Role.COUNTER_OFFICER, "SGTVT",
     "Cán bộ tiếp nhận một cửa – Sở Giao thông vận tải"),
    ("chuyenvien.sgtvt", "Hoàng Minh", "Tuấn", Role.SPECIALIST, "SGTVT",
     "Chuyên viên thụ lý – Sở Giao thông vận tải"),
    ("lanhdao.sgtvt", "Lê Quang", "Vinh", Role.LEADER, "SGTVT", "Lãnh đạo ký duyệt – Sở Giao thông vận tải"),
    ("quanly.sgtvt", "Bùi Thị Thanh", "Hương", Role.MANAGER, "SGTVT",
     "Quản lý, theo dõi thống kê – Sở Giao thông vận tải"),
    ("tiepnhan.skhdt", "Lương Thị", "Yến", Role.COUNTER_OFFICER, "SKHDT",
     "Cán bộ tiếp nhận một cửa – Sở Kế hoạch và Đầu tư"),
    ("chuyenvien.skhdt", "Trịnh Văn", "Long", Role.SPECIALIST, "SKHDT",
     "Chuyên viên thụ lý – Sở Kế hoạch và Đầu tư"),
    ("lanhdao.skhdt", "Phạm Quốc", "Bảo", Role.LEADER, "SKHDT",
     "Lãnh đạo ký duyệt – Sở Kế hoạch và Đầu tư"),
    ("quanly.skhdt", "Đặng Thị Thu", "Hằng", Role.MANAGER, "SKHDT",
     "Quản lý, theo dõi thống kê – Sở Kế hoạch và Đầu tư"),
    ("tiepnhan.honggai", "Ngô Thị", "Phương", Role.COUNTER_OFFICER, "HONGGAI",
     "Cán bộ tiếp nhận một cửa – UBND phường Hồng Gai"),
    ("chuyenvien.honggai", "Cao Văn", "Sơn", Role.SPECIALIST, "HONGGAI",
     "Công chức tư pháp – hộ tịch – UBND phường Hồng Gai"),
    ("lanhdao.honggai", "Lại Thế", "Dũng", Role.LEADER, "HONGGAI",
     "Lãnh đạo ký duyệt – UBND phường Hồng Gai"),
    ("quanly.honggai", "Mai Thị", "Thảo", Role.MANAGER, "HONGGAI",
     "Quản lý, theo dõi thống kê – UBND phường Hồng Gai"),
    ("canbo.danhmuc", "Đinh Văn", "Khoa", Role.CATALOG_OFFICER, "UBND",
     "Cán bộ quản lý danh mục thủ tục và kế hoạch nâng mức độ (trang quản trị /admin/)"),
    ("thongke.tinh", "Tạ Minh", "Châu", Role.PROVINCE_MANAGER, "UBND",
     "Quản lý thống kê toàn tỉnh – Văn phòng UBND tỉnh (mọi cơ quan; kế hoạch tại /admin/)"),
]  # fmt: skip

USERS = [
    {
        "username": username,
        "last_name": last_name,
        "first_name": first_name,
        "role": role,
        "agency": agency,
        "email": f"{username}@example.com",
        "phone": "",
        "personal_id": "",
        "is_staff": role in ADMIN_GROUPS,
        "is_superuser": False,
        "groups": [ADMIN_GROUPS[role]] if role in ADMIN_GROUPS else [],
        "label": label,
    }
    for username, last_name, first_name, role, agency, label in _OFFICERS
]

USERS += [
    {
        # The administrator manages the whole system; as an officer it belongs to the province.
        "username": "admin",
        "last_name": "Quản trị hệ thống",
        "first_name": "",
        "role": Role.MANAGER,
        "agency": "UBND",
        "email": "admin@example.com",
        "phone": "",
        "personal_id": "",
        "is_staff": True,
        "is_superuser": True,
        "groups": [],
        "label": "Quản trị hệ thống (siêu người dùng, trang quản trị /admin/)",
    },
    {
        "username": "congdan1",
        "last_name": "Nguyễn Văn",
        "first_name": "An",
        "role": Role.CITIZEN,
        "agency": None,
        "email": "congdan1@example.com",
        "phone": "0912345678",
        "personal_id": "022090001234",  # 022 Quảng Ninh, 0 male born 19xx, 90 → 1990
        "is_staff": False,
        "is_superuser": False,
        "groups": [],
        "label": "Công dân (nam, sinh năm 1990)",
    },
    {
        "username": "congdan2",
        "last_name": "Trần Thị",
        "first_name": "Bình",
        "role": Role.CITIZEN,
        "agency": None,
        "email": "congdan2@example.com",
        "phone": "0987654321",
        "personal_id": "022301004567",  # 022 Quảng Ninh, 3 female born 20xx, 01 → 2001
        "is_staff": False,
        "is_superuser": False,
        "groups": [],
        "label": "Công dân (nữ, sinh năm 2001)",
    },
]

DEMO_LOGINS: list[tuple[str, str]] = [(user["username"], user["label"]) for user in USERS]
