"""Search data: the folded columns with their leading space and the new ``search_extra``, the vocabulary,
the common Vietnamese abbreviations and popular names as synonyms, and (PostgreSQL only) a trigram GIN
index on ``search_extra``.

Self-contained (it does not import the app's code, which may change): the folding is core.text.fold,
the columns and the vocabulary as catalog.models and catalog.search_index compute them.
"""

from collections import Counter

from django.db import migrations

from core.text import fold

# What people type → the words the catalog's names use. Catalog officers keep the list in the admin.
SYNONYMS = [
    ("GPLX", "giấy phép lái xe"),
    ("bằng lái", "giấy phép lái xe"),
    ("bằng lái xe", "giấy phép lái xe"),
    ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất"),
    ("sổ hồng", "giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản gắn liền với đất"),
    ("QSDĐ", "quyền sử dụng đất"),
    ("GCN", "giấy chứng nhận"),
    ("CCCD", "thẻ căn cước"),
    ("căn cước công dân", "thẻ căn cước"),
    ("căn cước", "thẻ căn cước"),
    ("CMND", "thẻ căn cước"),
    ("chứng minh nhân dân", "thẻ căn cước"),
    ("ĐKKD", "đăng ký kinh doanh"),
    ("giấy phép kinh doanh hộ", "đăng ký hộ kinh doanh"),
    ("mở quán", "đăng ký thành lập hộ kinh doanh"),
    ("mở công ty", "đăng ký thành lập doanh nghiệp"),
    ("thành lập công ty", "thành lập doanh nghiệp"),
    ("MST", "mã số thuế"),
    ("khai sinh", "đăng ký khai sinh"),
    ("giấy khai sinh", "đăng ký khai sinh"),
    ("làm giấy khai sinh", "đăng ký khai sinh"),
    ("giấy chứng nhận độc thân", "xác nhận tình trạng hôn nhân"),
    ("xác nhận độc thân", "xác nhận tình trạng hôn nhân"),
    ("hộ khẩu", "đăng ký thường trú"),
    ("sổ hộ khẩu", "đăng ký thường trú"),
    ("nhập hộ khẩu", "đăng ký thường trú"),
    ("lý lịch tư pháp", "phiếu lý lịch tư pháp"),
    ("LLTP", "phiếu lý lịch tư pháp"),
    ("công chứng bản sao", "chứng thực bản sao từ bản chính"),
    ("photo công chứng", "chứng thực bản sao từ bản chính"),
    ("GPXD", "giấy phép xây dựng"),
    ("xin phép xây nhà", "giấy phép xây dựng nhà ở riêng lẻ"),
    ("biển quảng cáo", "bảng quảng cáo"),
    ("VSATTP", "an toàn thực phẩm"),
    ("ATTP", "an toàn thực phẩm"),
    ("BHXH", "bảo hiểm xã hội"),
    ("BHYT", "bảo hiểm y tế"),
    ("passport", "hộ chiếu"),
    ("work permit", "giấy phép lao động"),
    ("UBND", "ủy ban nhân dân"),
    ("TTHC", "thủ tục hành chính"),
]


def searchable(*texts):
    folded = fold(" ".join(texts))
    return f" {folded}" if folded else ""


def words_of(*columns):
    found = set()
    for column in columns:
        words = column.split()
        found.update(words)
        found.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return found


def index_procedures(apps, schema_editor):
    Procedure = apps.get_model("catalog", "Procedure")
    DossierComponent = apps.get_model("catalog", "DossierComponent")
    SearchWord = apps.get_model("catalog", "SearchWord")
    components = {}
    for procedure_id, name in DossierComponent.objects.order_by("procedure_id", "position", "id").values_list(
        "procedure_id", "name"
    ):
        components.setdefault(procedure_id, []).append(name)
    procedures = list(Procedure.objects.select_related("sector"))
    counts = Counter()
    for procedure in procedures:
        procedure.name_folded = searchable(procedure.name)
        procedure.search_text = searchable(procedure.code, procedure.name, procedure.subtitle)
        procedure.search_extra = searchable(
            procedure.result_name, procedure.sector.name, *components.get(procedure.pk, [])
        )
        if procedure.publication_state == "published":
            counts.update(words_of(procedure.search_text, procedure.search_extra))
    Procedure.objects.bulk_update(procedures, ["name_folded", "search_text", "search_extra"], batch_size=500)
    SearchWord.objects.all().delete()
    SearchWord.objects.bulk_create(
        [SearchWord(word=word[:100], procedures=count) for word, count in sorted(counts.items())],
        batch_size=2000,
        ignore_conflicts=True,
    )


def seed_synonyms(apps, schema_editor):
    Synonym = apps.get_model("catalog", "Synonym")
    existing = set(Synonym.objects.values_list("phrase_folded", flat=True))
    Synonym.objects.bulk_create(
        [
            Synonym(phrase=phrase, expansion=expansion, phrase_folded=fold(phrase), expansion_folded=fold(expansion))
            for phrase, expansion in SYNONYMS
            if fold(phrase) not in existing
        ]
    )


def unseed_synonyms(apps, schema_editor):
    Synonym = apps.get_model("catalog", "Synonym")
    Synonym.objects.filter(phrase_folded__in=[fold(phrase) for phrase, _ in SYNONYMS]).delete()


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS procedure_search_extra_trgm ON catalog_procedure "
            "USING gin (search_extra gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS procedure_search_extra_trgm")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_search_synonyms_misses_vocabulary")]
    operations = [
        migrations.RunPython(add_trigram_index, drop_trigram_index),
        migrations.RunPython(index_procedures, migrations.RunPython.noop),
        migrations.RunPython(seed_synonyms, unseed_synonyms),
    ]
