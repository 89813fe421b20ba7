"""Catalog search benchmark: the public API v1 over a province-sized catalog, on PostgreSQL, as deployed.

    DATABASE_URL=postgres://…/motcua_bench .venv/bin/python bench/catalog_search.py [--explain] [--regenerate]

The catalog is the demo province's real procedures (catalog/demo/catalog/, loaded by the demo loader,
idempotent) and, generated once (skipped when already there), filler procedures up to 20,000 in all:
realistic Vietnamese names (an action, a subject, a qualifier: "Gia hạn giấy phép lái xe đối với trường
hợp hết hạn") in 30 sectors and about 190 agencies, each with fees, dossier components and a three-step
process. Filler names that say no more than a demo procedure's ("Đổi giấy phép lái xe" beside "Cấp,
đổi giấy phép lái xe") are left out: the filler are distractors, other procedures with similar words.

How much each procedure is used (``Procedure.popularity``, its dossiers of the last 12 months, which a
real installation counts nightly) decides between names that match a query alike. The catalog has no
dossiers, so the use is simulated (USE_MODELS) and the recall measured three times: with no use at all
(text alone), with a use unrelated to the queries (noise), and as in a province, whose own procedures
(the demo's, its priority list) are its most used while most of the national catalog's others are
seldom or never asked for; the target is checked with no use (the text alone must find what people
mean) and as in a province, whose use the latency runs keep.

The API is served by gunicorn (bench.common.serve) and measured over HTTP:

* recall: each query of bench/search_queries.json (written as people type them: without accents, with
  a typo, abbreviations, partial names, colloquial phrasing) is sent to ``GET /api/v1/procedures``;
  recall@1 is the share of queries whose expected procedure comes first, recall@5 in the first five.
  The misses are printed with what came first. Target: recall@1 ≥ 90 %. The recall of
  bench/search_queries_more.json (more such queries, written while the ranking was reworked) and of
  bench/search_queries_heldout.json (written before the action-word ranking, not tuned on; some of
  its expected procedures are generated ones) is printed too.
* latency: wrk sends a mix of those searches, broad one-word searches, searches with a filter,
  filtered pages, code look-ups and detail pages; p50/p95/p99 and requests per second, with one
  connection per server worker (no request waits for a free worker; target p99 < 10 ms), for the whole
  mix and for its searches alone, then saturated (twice as many), then each kind of request on its own.

BENCH_BASELINE=<another checkout> and BENCH_BASELINE_DATABASE_URL=<its database> (a copy of this one
made before migrating it, e.g. ``CREATE DATABASE … TEMPLATE …``) serve that code as well and measure
both in the same run, alternately ("before" and "after"): on a shared machine only figures of the same
run compare.

Use a database reserved for benchmarks: the generated catalog stays there for the next run.
BENCH_SECONDS sets the duration of the main measurements (default 15; each kind gets a third).
--explain prints, in-process, EXPLAIN ANALYZE of the slowest SQL of the slowest request of each kind;
--regenerate deletes the generated catalog and creates it again (after changing the generator).
BENCH_STRICT=1 makes a missed target exit with status 1.
"""

import contextlib
import json
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import fetch_json, print_figures, run_wrk, serve, server_workers, setup_django, strict  # noqa: E402

PROCEDURES = 20_000
MIX_SIZE = 4_000
SECONDS = int(os.environ.get("BENCH_SECONDS", 15))
TARGET_P99_MS = 10.0
TARGET_RECALL_AT_1 = 0.90
SEED = 20250701
# Sectors of the generated procedures; "bench-" was an older generator's (with other agencies' codes).
SECTOR_PREFIX = "bench2-"
OLD_SECTOR_PREFIXES = ("bench-",)
QUERIES = Path(__file__).with_name("search_queries.json")
# More queries, written while the ranking was reworked: their recall is printed, the target is QUERIES'.
MORE_QUERIES = Path(__file__).with_name("search_queries_more.json")
# Written before the action-word ranking and not tuned on; expects some generated procedures too.
HELDOUT_QUERIES = Path(__file__).with_name("search_queries_heldout.json")

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

BROAD_SEARCHES = ["cap", "giay phep", "dang ky", "cấp lại", "giay chung nhan", "thu tuc"]


def generate() -> None:
    """Create the benchmark catalog in one transaction (an interrupted run leaves nothing)."""
    from django.db import connection, transaction

    from catalog.constants import AdministrativeLevel, PublicationState
    from catalog.demo.agencies import PEOPLES_COMMITTEE
    from catalog.demo.loader import agencies_codes
    from catalog.models import Agency, DossierComponent, Fee, Procedure, ProcessStep, Sector, searchable
    from catalog.search_index import rebuild_vocabulary, refresh_search_extra
    from core.roles import StepRole
    from core.text import fold

    def words(name: str) -> list[str]:
        return fold(name).replace(",", " ").split()

    rng = random.Random(SEED)
    with transaction.atomic():
        sectors = Sector.objects.bulk_create(
            [
                Sector(code=f"{SECTOR_PREFIX}{n:02d}", name=name, name_folded=fold(name))
                for n, name in enumerate(SECTORS, start=1)
            ]
        )
        # The demo's departments (agencies at province level) perform the province-level procedures.
        departments = list(
            Agency.objects.filter(code__in=agencies_codes(), level=AdministrativeLevel.PROVINCE).order_by(
                "code"
            )
        )
        province = Agency.objects.get(code=PEOPLES_COMMITTEE["code"])
        commune_names = [f"UBND xã {a} {b}" for a in COMMUNE_WORDS for b in COMMUNE_WORDS if a != b]
        communes = Agency.objects.bulk_create(
            [
                Agency(
                    code=f"{100 + n // 100:03d}.{n % 100:02d}.01.H22",
                    name=name,
                    name_folded=fold(name),
                    level=AdministrativeLevel.COMMUNE,
                    parent=province,
                )
                for n, name in enumerate(rng.sample(commune_names, COMMUNES))
            ]
        )

        # No filler says no more than a demo procedure: "Đổi giấy phép lái xe" would be the demo's "Cấp,
        # đổi giấy phép lái xe" again; "Gia hạn giấy phép lái xe" is another procedure, a distractor.
        demo_words = [set(words(name)) for name in Procedure.objects.values_list("name", flat=True)]
        combos = sorted(
            {
                (sector_index, f"{action} {thing}{qualifier}")
                for sector_index, things in enumerate(SECTORS.values())
                for thing in things
                for action in ACTIONS
                if not any(set(words(f"{action} {thing}")) <= demo for demo in demo_words)
                for qualifier in QUALIFIERS
            }
        )
        rng.shuffle(combos)
        combos = combos[: PROCEDURES - len(demo_words)]
        procedures = []
        for n, (sector_index, name) in enumerate(combos):
            code = f"{1 + n % 2}.{100000 + n:06d}"
            subtitle = rng.choice(SUBTITLES)
            commune_level = "cấp xã" in name or rng.random() < 0.25
            roll = rng.random()
            state = (
                PublicationState.PUBLISHED
                if roll < 0.9
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


# How much each procedure is used (Procedure.popularity, its dossiers of the last 12 months), which the
# ranking reads among names that match alike. The benchmark's catalog has no dossiers, so the use is
# simulated, in three ways the recall is measured with:
USE_MODELS = {
    "none": "no use counted (text alone)",
    "uncorrelated": "use unrelated to the query set (40 % of all procedures used, 1–5,000 a year)",
    "province": "the real procedures used most (each 100–5,000 a year), 30 % of the generated 1–200",
}


def simulate_use(model: str) -> None:
    """Give every procedure a simulated use by ``model`` (USE_MODELS); the servers' search indexes
    follow at their next search, as after the nightly count of a real installation."""
    from math import exp, log

    from catalog.models import Procedure
    from catalog.search_index import update_popularity

    rng = random.Random(f"{SEED}-{model}")

    def drawn(share_used: float, low: int, high: int) -> int:
        used = rng.random() < share_used
        return round(exp(rng.uniform(log(low), log(high)))) if used else 0

    use = {}
    for pk, sector_code in Procedure.objects.order_by("pk").values_list("pk", "sector__code"):
        generated = sector_code.startswith(SECTOR_PREFIX)
        if model == "none":
            use[pk] = 0
        elif model == "uncorrelated":
            use[pk] = drawn(0.4, 1, 5000)
        else:
            use[pk] = drawn(0.3, 1, 200) if generated else drawn(1.0, 100, 5000)
    update_popularity(use)


def load_queries(path: Path = QUERIES) -> list[dict]:
    """A query set: [{"query", "expected" (a procedure code), "kind"}]."""
    return json.loads(path.read_text(encoding="utf-8"))["queries"]


def requests_mix(rng: random.Random, count: int, queries: list[str], published_codes: list[str]) -> list:
    """``count`` (kind, path) pairs: what visitors and partner systems ask the API."""
    from catalog.constants import AdministrativeLevel
    from catalog.demo.agencies import DEPARTMENTS as DEMO_DEPARTMENTS

    sector_codes = [f"{SECTOR_PREFIX}{n:02d}" for n in range(1, len(SECTORS) + 1)]
    department_codes = [department["code"] for department in DEMO_DEPARTMENTS]
    kinds = ["search", "broad search", "search + filter", "browse", "code", "detail"]
    weights = [40, 10, 10, 20, 5, 15]
    mix = []
    for kind in rng.choices(kinds, weights=weights, k=count):
        params: dict[str, object] = {}
        if kind == "search":
            params["search"] = rng.choice(queries)
        elif kind == "broad search":
            params["search"] = rng.choice(BROAD_SEARCHES)
        elif kind == "search + filter":
            params["search"] = rng.choice(queries)
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


def measure_recall(
    base: str, queries: list[dict], title: str, *, misses_shown: bool = True, target: bool = True
) -> float:
    """Send every query to the API; print recall@1, recall@5 (and the misses); return recall@1."""
    names = {}
    first, in_five, misses = 0, 0, []
    for entry in queries:
        page = fetch_json(base, "/api/v1/procedures?" + urlencode({"search": entry["query"], "page_size": 5}))
        codes = [item["code"] for item in page["items"]]
        names.update((item["code"], item["name"]) for item in page["items"])
        first += bool(codes) and codes[0] == entry["expected"]
        in_five += entry["expected"] in codes
        if not codes or codes[0] != entry["expected"]:
            misses.append((entry, codes, page["count"]))
    if misses and misses_shown:
        print(f"\nMisses ({len(misses)}): query [how typed] → expected; what came first (rank of expected)")
    for entry, codes, count in misses if misses_shown else ():
        expected = entry["expected"]
        rank = f"#{codes.index(expected) + 1}" if expected in codes else f"not in first 5 of {count}"
        top = f"{codes[0]} {names[codes[0]]}" if codes else "nothing"
        print(f"  {entry['query']!r} [{entry['kind']}] → {expected} {EXPECTED_NAMES.get(expected, '?')}")
        print(f"      first: {top[:110]} ({rank})")
    total = len(queries)
    recall_1, recall_5 = first / total, in_five / total
    verdict = f"  target recall@1 ≥ {TARGET_RECALL_AT_1:.0%}: " + (
        "met" if recall_1 >= TARGET_RECALL_AT_1 else "MISSED"
    )
    print(
        f"{title:<44} recall@1 {recall_1:6.1%} ({first}/{total})  "
        f"recall@5 {recall_5:6.1%} ({in_five}/{total}){verdict if target else ''}",
        flush=True,
    )
    return recall_1


EXPECTED_NAMES: dict[str, str] = {}


def explain_slowest(mix: list[tuple[str, str]]) -> None:
    """In-process (django.test.Client): time each distinct request once, EXPLAIN the slowest per kind."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    slowest: dict[str, tuple[float, str]] = {}
    for kind, path in dict.fromkeys(mix):
        client.get(path)  # warm
        before = time.perf_counter()
        client.get(path)
        seconds = time.perf_counter() - before
        if seconds > slowest.get(kind, (0.0, ""))[0]:
            slowest[kind] = (seconds, path)
    for kind, (seconds, path) in sorted(slowest.items()):
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        print(f"\n--- {kind}: slowest request in-process {seconds * 1000:.2f} ms: {path}")
        if not captured.captured_queries:  # a search answered from the search index
            print("    no query")
            continue
        query = max(captured.captured_queries, key=lambda q: float(q["time"]))
        print(
            f"    {len(captured)} queries; slowest {float(query['time']) * 1000:.2f} ms:\n    {query['sql']}"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            for (line,) in cursor.fetchall():
                print(f"    {line}")


def delete_generated(prefixes: tuple[str, ...] = (SECTOR_PREFIX, *OLD_SECTOR_PREFIXES)) -> None:
    """Delete the generated procedures, sectors and communes (and an older generator's departments)."""
    from django.db import transaction
    from django.db.models import Q

    from catalog.demo.loader import agencies_codes
    from catalog.models import Agency, Procedure, Sector

    in_generated = Q()
    for prefix in prefixes:
        in_generated |= Q(code__startswith=prefix)
    with transaction.atomic():
        Procedure.objects.filter(sector__in=Sector.objects.filter(in_generated)).delete()
        Sector.objects.filter(in_generated).delete()
        Agency.objects.filter(code__endswith=".01.H22", level="commune").delete()
        # The older generator's departments took codes 000.00.NN.H22; the demo's are kept.
        old = Agency.objects.filter(code__startswith="000.00.", code__endswith=".H22", procedures=None)
        old.exclude(code__in=agencies_codes()).delete()


def main(argv: list[str]) -> int:
    # The demo loader writes the procedures' form files: into a throwaway folder.
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="motcua-bench-media-"))
    setup_django()
    from django.db import connections

    from catalog.constants import PublicationState
    from catalog.demo.loader import load_demo
    from catalog.models import Procedure, Sector
    from catalog.search_index import TOKEN_CHECK_SECONDS

    started = time.perf_counter()
    load_demo()
    old = Sector.objects.filter(code__startswith=OLD_SECTOR_PREFIXES[0]).exists()
    if "--regenerate" in argv or old:
        print("Deleting the generated catalog…", flush=True)
        delete_generated()
    if Sector.objects.filter(code__startswith=SECTOR_PREFIX).exists():
        print(f"Catalog already generated ({Procedure.objects.count():,} procedures): skipping generation.")
    else:
        print(f"Generating {PROCEDURES:,} procedures…", flush=True)
        generate()
        print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    published = list(
        Procedure.objects.filter(publication_state=PublicationState.PUBLISHED)
        .order_by("code")
        .values_list("code", flat=True)
    )
    queries, more, heldout = load_queries(), load_queries(MORE_QUERIES), load_queries(HELDOUT_QUERIES)
    expected = {q["expected"] for q in queries + more + heldout}
    EXPECTED_NAMES.update(Procedure.objects.published().filter(code__in=expected).values_list("code", "name"))
    absent = sorted(expected - EXPECTED_NAMES.keys())
    if absent:
        print(f"Expected procedures not published in the catalog: {', '.join(absent)}", file=sys.stderr)
        return 1
    print(
        f"{Procedure.objects.count():,} procedures ({len(published):,} published); "
        f"{len(queries)} queries in {QUERIES.name}, {len(more)} in {MORE_QUERIES.name}, "
        f"{len(heldout)} in {HELDOUT_QUERIES.name}.",
        flush=True,
    )
    mix = requests_mix(random.Random(SEED), MIX_SIZE, [q["query"] for q in queries], published)
    if "--explain" in argv:
        explain_slowest(mix)
    connections.close_all()

    baseline = os.environ.get("BENCH_BASELINE", "")
    ok = True
    with contextlib.ExitStack() as servers:
        base = servers.enter_context(serve())
        before = None
        if baseline:
            # Another checkout (the code before a change) on its own copy of the database: both are
            # measured in the same run, on the same machine, alternately.
            url = os.environ["BENCH_BASELINE_DATABASE_URL"]
            before = servers.enter_context(serve(env={"DATABASE_URL": url}, root=Path(baseline)))
        print(
            f"\nRecall over {QUERIES.name} (the target's), then {MORE_QUERIES.name}, {HELDOUT_QUERIES.name}:",
            flush=True,
        )
        if before:
            measure_recall(before, queries, "before (BENCH_BASELINE)", misses_shown=False)
            measure_recall(before, more, "  more queries", misses_shown=False, target=False)
            measure_recall(before, heldout, "  held-out queries", misses_shown=False, target=False)
        for model in USE_MODELS:  # "none" and "province" are the target's; the last the latency's
            simulate_use(model)
            time.sleep(TOKEN_CHECK_SECONDS + 0.5)  # every worker sees the new token at its next search
            for _ in range(2 * server_workers()):  # … and rebuilds its index: not part of the recall
                fetch_json(base, "/api/v1/procedures?search=giay")
            targeted = model in ("none", "province")
            recall = measure_recall(
                base, queries, f"after, use: {model}", misses_shown=targeted, target=targeted
            )
            measure_recall(base, more, "  more queries", misses_shown=False, target=False)
            measure_recall(base, heldout, "  held-out queries", misses_shown=False, target=False)
            if targeted:
                ok &= recall >= TARGET_RECALL_AT_1

        requests = [(path, {}) for _kind, path in mix]
        searches = [(path, {}) for kind, path in mix if "search=" in path]
        targets = [("after", base)] + ([("before", before)] if before else [])
        for _label, url in targets:
            run_wrk(url, requests, seconds=3, quiet=True)  # warm-up: connections, indexes, caches
        print(
            f"\nwrk, {server_workers()} connections (one per server worker), {SECONDS} s each, alternately:"
        )
        for round_ in (1, 2):
            for label, url in reversed(targets):
                figures = run_wrk(url, requests, seconds=SECONDS, connections=server_workers(), quiet=True)
                met = print_figures(f"{label} #{round_}: all requests", figures, TARGET_P99_MS)
                if label == "after":
                    ok &= met
                figures = run_wrk(url, searches, seconds=SECONDS, connections=server_workers(), quiet=True)
                print_figures(f"{label} #{round_}: searches only", figures, TARGET_P99_MS)
        print(f"\nwrk saturated ({2 * server_workers()} connections), then each kind on its own:")
        for label, url in reversed(targets):
            figures = run_wrk(url, requests, seconds=SECONDS, quiet=True)
            print_figures(f"{label}: all, saturated", figures)
        for kind in dict.fromkeys(kind for kind, _path in mix):
            only = [(path, {}) for k, path in mix if k == kind]
            for label, url in reversed(targets):
                seconds = max(2, SECONDS // 3)
                figures = run_wrk(url, only, seconds=seconds, connections=server_workers(), quiet=True)
                print_figures(f"{label}: {kind}", figures)
    return 1 if (strict() and not ok) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
