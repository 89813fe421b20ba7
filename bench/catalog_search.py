"""Catalog search benchmark: the public API v1 over a province-sized catalog, on PostgreSQL.

    DATABASE_URL=postgres://…/motcua_bench .venv/bin/python bench/catalog_search.py [--explain] [--regenerate]

Generates once (skipped when the data is already there) 20,000 procedures with realistic Vietnamese
names, 30 sectors and 190 agencies, each procedure with fees, dossier components and a three-step
process; then sends a fixed mix of realistic requests (searches with and without accents, filters,
pages, code look-ups, detail pages) in-process through django.test.Client, and prints requests per
second and p50/p95/p99 latency, overall and per kind of request. Target: p99 < 10 ms.

Use a database reserved for benchmarks: the generated catalog stays there for the next run.
--explain prints EXPLAIN ANALYZE of the slowest SQL of the slowest request of each kind;
--regenerate deletes the generated catalog and creates it again (after changing the generator).
BENCH_STRICT=1 makes a missed target exit with status 1.
"""

import random
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figures, print_figures, setup_django, strict, time_requests  # noqa: E402

PROCEDURES = 20_000
REQUESTS = 2_000
WARMUP = 200
TARGET_P99_MS = 10.0
SEED = 20250701
SECTOR_PREFIX = "bench-"
DRIVING_LICENCE = "Cấp, đổi giấy phép lái xe"

# sector name -> the things its procedures are about
SECTORS = {
    "Đường bộ": [
        "giấy phép lái xe",
        "giấy phép kinh doanh vận tải bằng xe ô tô",
        "phù hiệu xe taxi, xe hợp đồng",
        "giấy phép lưu hành xe quá tải trọng",
        "biển hiệu xe vận chuyển khách du lịch",
        "giấy chứng nhận đăng ký xe máy chuyên dùng",
    ],
    "Đường thủy nội địa": ["giấy chứng nhận khả năng chuyên môn thuyền trưởng", "bến thủy nội địa"],
    "Đất đai": [
        "giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất",
        "quyết định giao đất, cho thuê đất",
        "chuyển mục đích sử dụng đất",
        "biến động đất đai",
        "thu hồi đất",
    ],
    "Xây dựng": [
        "giấy phép xây dựng nhà ở riêng lẻ",
        "giấy phép xây dựng công trình",
        "chứng chỉ hành nghề hoạt động xây dựng",
        "thiết kế xây dựng triển khai sau thiết kế cơ sở",
    ],
    "Nhà ở": ["nhà ở xã hội", "giấy phép sửa chữa, cải tạo nhà ở"],
    "Hộ tịch": [
        "giấy khai sinh",
        "đăng ký kết hôn",
        "đăng ký khai tử",
        "giấy xác nhận tình trạng hôn nhân",
        "đăng ký nhận cha, mẹ, con",
        "trích lục hộ tịch",
    ],
    "Chứng thực": [
        "bản sao từ bản chính giấy tờ, văn bản",
        "chữ ký trong các giấy tờ, văn bản",
        "hợp đồng, giao dịch liên quan đến tài sản là động sản",
    ],
    "Lý lịch tư pháp": ["phiếu lý lịch tư pháp"],
    "Thành lập và hoạt động của hộ kinh doanh": ["hộ kinh doanh", "địa điểm kinh doanh của hộ kinh doanh"],
    "Thành lập và hoạt động doanh nghiệp": [
        "doanh nghiệp tư nhân",
        "công ty trách nhiệm hữu hạn một thành viên",
        "công ty cổ phần",
        "chi nhánh, văn phòng đại diện",
    ],
    "An toàn thực phẩm": ["giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"],
    "Khám bệnh, chữa bệnh": ["giấy phép hành nghề khám bệnh, chữa bệnh", "giấy phép hoạt động phòng khám"],
    "Dược phẩm": ["chứng chỉ hành nghề dược", "giấy chứng nhận đủ điều kiện kinh doanh dược"],
    "Giáo dục và Đào tạo": [
        "văn bằng, chứng chỉ",
        "trường mầm non tư thục",
        "trung tâm ngoại ngữ, tin học",
        "học bổng chính sách",
    ],
    "Việc làm": ["giấy phép lao động cho người lao động nước ngoài", "trợ cấp thất nghiệp"],
    "Bảo trợ xã hội": ["trợ cấp xã hội hằng tháng", "hỗ trợ chi phí mai táng", "cơ sở trợ giúp xã hội"],
    "Người có công": ["trợ cấp ưu đãi người có công với cách mạng", "giấy chứng nhận thương binh"],
    "Văn hóa": ["giấy phép tổ chức lễ hội", "giấy phép kinh doanh dịch vụ karaoke", "di tích lịch sử"],
    "Du lịch": ["thẻ hướng dẫn viên du lịch", "giấy phép kinh doanh dịch vụ lữ hành nội địa"],
    "Thương mại": ["giấy phép bán lẻ rượu", "giấy phép kinh doanh sản phẩm thuốc lá", "cửa hàng xăng dầu"],
    "Công nghiệp": ["giấy phép hoạt động điện lực", "giấy chứng nhận huấn luyện kỹ thuật an toàn hóa chất"],
    "Trồng trọt": ["giấy chứng nhận cây đầu dòng", "phân bón"],
    "Thú y": ["giấy chứng nhận kiểm dịch động vật", "cơ sở an toàn dịch bệnh động vật"],
    "Thủy sản": ["giấy phép khai thác thủy sản", "tàu cá"],
    "Môi trường": ["giấy phép môi trường", "báo cáo đánh giá tác động môi trường"],
    "Tài nguyên nước": ["giấy phép khai thác nước dưới đất", "giấy phép xả nước thải vào nguồn nước"],
    "Khoáng sản": ["giấy phép thăm dò khoáng sản", "giấy phép khai thác khoáng sản"],
    "Thông tin điện tử": [
        "giấy phép thiết lập trang thông tin điện tử tổng hợp",
        "điểm cung cấp dịch vụ trò chơi",
    ],
    "Tôn giáo": ["sinh hoạt tôn giáo tập trung", "hội đoàn tôn giáo"],
    "Thi đua, khen thưởng": ["bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "danh hiệu Chiến sĩ thi đua"],
}
ACTIONS = [
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Gia hạn",
    "Điều chỉnh",
    "Đăng ký",
    "Đăng ký thay đổi",
    "Thu hồi",
    "Xác nhận",
    "Thẩm định",
    "Phê duyệt",
    "Công nhận",
    "Chấm dứt hoạt động",
    "Tạm ngừng",
    "Thông báo",
    "Đổi",
]
QUALIFIERS = [
    "",
    "",
    "",
    " do bị mất, hư hỏng",
    " do thay đổi thông tin",
    " cho người nước ngoài",
    " có yếu tố nước ngoài",
    " đối với trường hợp hết hạn",
    " cấp tỉnh",
    " cấp xã",
    " trên địa bàn tỉnh",
    " do ngành Giao thông vận tải cấp",
    " đối với tổ chức",
    " đối với cá nhân",
    " theo thủ tục rút gọn",
    " lần đầu",
    " trong khu công nghiệp",
    " đối với công trình cấp III",
    " liên thông",
]
SUBTITLES = [
    "",
    "",
    "",
    "Dành cho công dân",
    "Nộp trực tuyến, nhận kết quả qua bưu chính",
    "Áp dụng cho doanh nghiệp",
    "Thủ tục liên thông nhiều cơ quan",
]
DEPARTMENTS = [
    "Sở Giao thông vận tải",
    "Sở Tài nguyên và Môi trường",
    "Sở Xây dựng",
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Thông tin và Truyền thông",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Khoa học và Công nghệ",
    "Ban Quản lý các khu công nghiệp",
    "Công an tỉnh",
    "Cục Thuế tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Trung tâm Phục vụ hành chính công tỉnh",
]
COMMUNE_WORDS = [
    "An",
    "Bình",
    "Phú",
    "Hòa",
    "Tân",
    "Thạnh",
    "Lộc",
    "Phước",
    "Long",
    "Hưng",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Mỹ",
    "Quang",
    "Trung",
    "Thuận",
]
COMMUNES = 170

# What people type: folded or accented, specific or broad.
SPECIFIC_SEARCHES = [
    "giay phep lai xe",
    "giấy phép lái xe",
    "doi giay phep lai xe",
    "cap lai giay khai sinh",
    "khai sinh",
    "dang ky ket hon",
    "đăng ký kết hôn",
    "giay phep xay dung",
    "xay dung nha o rieng le",
    "quyen su dung dat",
    "giấy chứng nhận quyền sử dụng đất",
    "ho kinh doanh",
    "dang ky ho kinh doanh",
    "an toan thuc pham",
    "chung thuc ban sao",
    "ly lich tu phap",
    "phieu ly lich tu phap",
    "tro cap xa hoi",
    "nguoi co cong",
    "kinh doanh van tai",
    "thu hoi dat",
    "giay phep moi truong",
    "khai thac khoang san",
    "hướng dẫn viên du lịch",
    "giay phep lao dong nguoi nuoc ngoai",
    "ban le ruou",
    "karaoke",
    "phu hieu xe taxi",
    "tinh trang hon nhan",
    "so do",
]
BROAD_SEARCHES = ["cap", "giay phep", "dang ky", "cấp lại", "giay chung nhan", "thu tuc"]


def generate() -> None:
    """Create the benchmark catalog in one transaction (an interrupted run leaves nothing)."""
    from django.db import connection, transaction

    from catalog.constants import AdministrativeLevel, PublicationState
    from catalog.models import Agency, DossierComponent, Fee, Procedure, ProcessStep, Sector, searchable
    from catalog.search_index import rebuild_vocabulary, refresh_search_extra
    from core.roles import StepRole
    from core.text import fold

    rng = random.Random(SEED)
    with transaction.atomic():
        sectors = Sector.objects.bulk_create(
            [
                Sector(code=f"{SECTOR_PREFIX}{n:02d}", name=name, name_folded=fold(name))
                for n, name in enumerate(SECTORS, start=1)
            ]
        )
        departments = Agency.objects.bulk_create(
            [
                Agency(
                    code=f"000.00.{n:02d}.H22",
                    name=name,
                    name_folded=fold(name),
                    level=AdministrativeLevel.PROVINCE,
                    street_address=f"{n} Trần Hưng Đạo",
                )
                for n, name in enumerate(DEPARTMENTS, start=1)
            ]
        )
        commune_names = [f"UBND xã {a} {b}" for a in COMMUNE_WORDS for b in COMMUNE_WORDS if a != b]
        communes = Agency.objects.bulk_create(
            [
                Agency(
                    code=f"{100 + n // 100:03d}.{n % 100:02d}.01.H22",
                    name=name,
                    name_folded=fold(name),
                    level=AdministrativeLevel.COMMUNE,
                    parent=departments[-1],
                )
                for n, name in enumerate(rng.sample(commune_names, COMMUNES))
            ]
        )

        combos = sorted(
            {
                (sector_index, f"{action} {thing}{qualifier}")
                for sector_index, things in enumerate(SECTORS.values())
                for thing in things
                for action in ACTIONS
                for qualifier in QUALIFIERS
                if f"{action} {thing}" != "Cấp giấy phép lái xe" or qualifier
            }
        )
        rng.shuffle(combos)
        combos = combos[: PROCEDURES - 1] + [(0, DRIVING_LICENCE)]
        procedures = []
        for n, (sector_index, name) in enumerate(combos):
            code = f"{1 + n % 2}.{100000 + n:06d}"
            subtitle = rng.choice(SUBTITLES)
            commune_level = "cấp xã" in name or rng.random() < 0.25
            roll = rng.random()
            state = (
                PublicationState.PUBLISHED
                if roll < 0.9 or name == DRIVING_LICENCE
                else PublicationState.DRAFT
                if roll < 0.96
                else PublicationState.SUSPENDED
            )
            procedures.append(
                Procedure(
                    code=code,
                    name=name,
                    subtitle=subtitle,
                    sector=sectors[sector_index],
                    administrative_level=(
                        AdministrativeLevel.COMMUNE if commune_level else AdministrativeLevel.PROVINCE
                    ),
                    service_level=rng.choices((1, 2, 3, 4), weights=(5, 20, 35, 40))[0],
                    processing_time=Decimal("5"),
                    for_organizations=rng.random() < 0.4,
                    requirements="Không" if rng.random() < 0.5 else "Người nộp đủ 18 tuổi trở lên.",
                    how_to_apply="Nộp trực tiếp, qua bưu chính hoặc trực tuyến.",
                    legal_basis="Nghị định 118/2025/NĐ-CP; Thông tư 03/2025/TT-VPCP.",
                    result_name="Giấy chứng nhận",
                    publication_state=state,
                    name_folded=searchable(name),
                    search_text=searchable(code, name, subtitle),
                    name_length=len(name),
                )
            )
        procedures = Procedure.objects.bulk_create(procedures, batch_size=2000)

        Through = Procedure.agencies.through
        links, fees, components, steps = [], [], [], []
        for procedure in procedures:
            if procedure.administrative_level == AdministrativeLevel.COMMUNE:
                agencies = rng.sample(communes, rng.randint(1, 4))
            else:
                agencies = rng.sample(departments, rng.randint(1, 2))
            links += [Through(procedure_id=procedure.pk, agency_id=agency.pk) for agency in agencies]
            fees.append(Fee(procedure=procedure, name="Lệ phí", amount=rng.choice((0, 50000, 135000))))
            if rng.random() < 0.3:
                fees.append(Fee(procedure=procedure, position=1, name="Phí thẩm định", amount=500000))
            for position in range(rng.randint(2, 4)):
                components.append(
                    DossierComponent(
                        procedure=procedure,
                        position=position,
                        name=rng.choice(("Tờ khai", "Bản sao giấy tờ tùy thân", "Ảnh 3x4", "Giấy ủy quyền")),
                        copies=position % 2,
                    )
                )
            for position, (step, role, budget) in enumerate(
                (
                    ("Tiếp nhận hồ sơ", StepRole.COUNTER_OFFICER, "0.5"),
                    ("Thẩm định", StepRole.SPECIALIST, "4"),
                    ("Phê duyệt", StepRole.LEADER, "0.5"),
                ),
                start=1,
            ):
                steps.append(
                    ProcessStep(
                        procedure=procedure,
                        position=position,
                        name=step,
                        role=role,
                        handling_unit="Phòng chuyên môn",
                        budget=Decimal(budget),
                    )
                )
        Through.objects.bulk_create(links, batch_size=5000)
        Fee.objects.bulk_create(fees, batch_size=5000)
        DossierComponent.objects.bulk_create(components, batch_size=5000)
        ProcessStep.objects.bulk_create(steps, batch_size=5000)
        refresh_search_extra(procedure.pk for procedure in procedures)
        rebuild_vocabulary()
    # What autovacuum does soon after a bulk load: planner statistics and the visibility map (which
    # lets counts per sector or level read the indexes only).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def requests_mix(rng: random.Random, count: int, published_codes: list[str]) -> list[tuple[str, str]]:
    """``count`` (kind, path) pairs: what visitors and partner systems ask the API."""
    from urllib.parse import urlencode

    from catalog.constants import AdministrativeLevel

    sector_codes = [f"{SECTOR_PREFIX}{n:02d}" for n in range(1, len(SECTORS) + 1)]
    department_codes = [f"000.00.{n:02d}.H22" for n in range(1, len(DEPARTMENTS) + 1)]
    kinds = ["search", "broad search", "search + filter", "browse", "code", "detail"]
    weights = [40, 10, 10, 20, 5, 15]
    mix = []
    for kind in rng.choices(kinds, weights=weights, k=count):
        params: dict[str, object] = {}
        if kind == "search":
            params["search"] = rng.choice(SPECIFIC_SEARCHES)
        elif kind == "broad search":
            params["search"] = rng.choice(BROAD_SEARCHES)
        elif kind == "search + filter":
            params["search"] = rng.choice(SPECIFIC_SEARCHES)
            params[rng.choice(("level", "administrative_level", "sector"))] = None
        elif kind == "browse":
            params[rng.choice(("level", "administrative_level", "sector", "agency"))] = None
            params["page"] = rng.choice((1, 1, 1, 2, 3, 5))
        elif kind == "code":
            params["search"] = rng.choice(published_codes)
        elif kind == "detail":
            mix.append((kind, f"/api/v1/procedures/{rng.choice(published_codes)}"))
            continue
        for key in [k for k, v in params.items() if v is None]:
            params[key] = {
                "level": lambda: rng.choice((3, 4)),
                "administrative_level": lambda: rng.choice(
                    (AdministrativeLevel.PROVINCE.value, AdministrativeLevel.COMMUNE.value)
                ),
                "sector": lambda: rng.choice(sector_codes),
                "agency": lambda: rng.choice(department_codes),
            }[key]()
        mix.append((kind, f"/api/v1/procedures?{urlencode(params)}"))
    return mix


def explain_slowest(client, slowest: dict[str, tuple[float, str]]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for kind, (seconds, path) in sorted(slowest.items()):
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        query = max(captured.captured_queries, key=lambda q: float(q["time"]))
        print(f"\n--- {kind}: slowest request {seconds * 1000:.2f} ms: {path}")
        print(
            f"    {len(captured)} queries; slowest {float(query['time']) * 1000:.2f} ms:\n    {query['sql']}"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            for (line,) in cursor.fetchall():
                print(f"    {line}")


def delete_generated() -> None:
    from django.db import transaction

    from catalog.models import Agency, Procedure, Sector

    with transaction.atomic():
        Procedure.objects.filter(sector__code__startswith=SECTOR_PREFIX).delete()
        Sector.objects.filter(code__startswith=SECTOR_PREFIX).delete()
        Agency.objects.filter(code__endswith=".01.H22", level="commune").delete()
        Agency.objects.filter(code__startswith="000.00.", code__endswith=".H22").delete()


def main(argv: list[str]) -> int:
    setup_django()
    from django.test import Client

    from catalog.constants import PublicationState
    from catalog.models import Procedure, Sector

    if "--regenerate" in argv:
        print("Deleting the generated catalog…", flush=True)
        delete_generated()
    if Sector.objects.filter(code__startswith=SECTOR_PREFIX).exists():
        print(f"Catalog already generated ({Procedure.objects.count():,} procedures): skipping generation.")
    else:
        print(f"Generating {PROCEDURES:,} procedures…", flush=True)
        generate()
    published = list(
        Procedure.objects.filter(publication_state=PublicationState.PUBLISHED)
        .order_by("code")
        .values_list("code", flat=True)
    )
    rng = random.Random(SEED)
    mix = requests_mix(rng, WARMUP + REQUESTS, published)
    client = Client()
    timings: dict[str, list[float]] = defaultdict(list)
    slowest: dict[str, tuple[float, str]] = {}

    def call(request: tuple[str, str]) -> None:
        response = client.get(request[1])
        if response.status_code != 200:
            raise RuntimeError(f"{request[1]} answered {response.status_code}: {response.content[:200]!r}")

    # Check the headline case before timing anything (the generated names include close rivals such
    # as "Cấp giấy phép lái xe", which may rightly come first).
    top = [
        i["name"] for i in client.get("/api/v1/procedures", {"search": "giay phep lai xe"}).json()["items"]
    ]
    print("'giay phep lai xe' →", "; ".join(top[:5]), "…")
    if DRIVING_LICENCE not in top:
        print(f"Search ranking is wrong: {DRIVING_LICENCE!r} is not on the first page.", file=sys.stderr)
        return 1

    durations, elapsed = time_requests(call, mix[WARMUP:], warmup=mix[:WARMUP])
    for (kind, path), seconds in zip(mix[WARMUP:], durations, strict=True):
        timings[kind].append(seconds)
        if seconds > slowest.get(kind, (0.0, ""))[0]:
            slowest[kind] = (seconds, path)

    print(f"\n{len(published):,} published procedures; {REQUESTS:,} requests after {WARMUP} warm-up ones.")
    for kind in sorted(timings, key=lambda k: -len(timings[k])):
        print_figures(f"  {kind}", Figures.from_durations(timings[kind]))
    met = print_figures("all requests", Figures.from_durations(durations, elapsed), TARGET_P99_MS)
    if "--explain" in argv:
        explain_slowest(client, slowest)
    return 1 if (strict() and not met) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
