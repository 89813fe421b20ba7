"""The search index moves into each process's memory (catalog.search_index): the vocabulary table goes
(the index counts the words itself), a token tells every process when the catalog changed, the
procedures get their use (dossiers of the last 12 months, ranking equals), the trigram indexes of the
folded columns go (no query reads them any more), and more of the abbreviations and popular names
people type are seeded as synonyms.

Self-contained: the folding is core.text.fold, which the application keeps stable.
"""

import uuid

from django.db import migrations, models

from core.text import fold

# What people type → the words the catalog's names use (added to 0006's; catalog officers keep the list).
SYNONYMS = [
    ("THPT", "trung học phổ thông"),
    ("THCS", "trung học cơ sở"),
    ("TNHH", "trách nhiệm hữu hạn"),
    ("BĐS", "bất động sản"),
    ("HTX", "hợp tác xã"),
    ("DNTN", "doanh nghiệp tư nhân"),
    ("CTCP", "công ty cổ phần"),
    ("HKD", "hộ kinh doanh"),
    ("hộ cá thể", "hộ kinh doanh"),
    ("kinh doanh cá thể", "hộ kinh doanh"),
    ("CCHN", "chứng chỉ hành nghề"),
    ("PCCC", "phòng cháy chữa cháy"),
    ("xe hơi", "ô tô"),
    ("CMT", "thẻ căn cước"),
    ("chứng minh thư", "thẻ căn cước"),
    ("bìa đỏ", "giấy chứng nhận quyền sử dụng đất"),
    ("GCNQSDĐ", "giấy chứng nhận quyền sử dụng đất"),
    ("đất thổ cư", "đất ở"),
    ("thổ cư", "đất ở"),
    ("chứng tử", "khai tử"),
    ("giấy chứng tử", "khai tử"),
    ("giấy báo tử", "khai tử"),
    ("KT3", "đăng ký tạm trú"),
    ("GPLĐ", "giấy phép lao động"),
    ("HĐLĐ", "hợp đồng lao động"),
    ("BHTN", "bảo hiểm thất nghiệp"),
    ("NVQS", "nghĩa vụ quân sự"),
    ("KCN", "khu công nghiệp"),
    ("ĐTM", "đánh giá tác động môi trường"),
    ("GPMT", "giấy phép môi trường"),
    ("BVTV", "bảo vệ thực vật"),
    ("vệ sinh an toàn thực phẩm", "an toàn thực phẩm"),
    ("GTVT", "giao thông vận tải"),
    ("TNMT", "tài nguyên và môi trường"),
    ("GD&ĐT", "giáo dục và đào tạo"),
    ("LĐTBXH", "lao động thương binh và xã hội"),
    ("trường cấp 1", "trường tiểu học"),
    ("trường cấp 2", "trường trung học cơ sở"),
    ("trường cấp 3", "trường trung học phổ thông"),
    ("bằng lái xe máy", "giấy phép lái xe mô tô"),
    ("cây xăng", "cửa hàng xăng dầu"),
    ("môi giới nhà đất", "môi giới bất động sản"),
    ("quán ăn", "dịch vụ ăn uống"),
    ("đánh bắt cá", "khai thác thủy sản"),
    ("đánh cá", "khai thác thủy sản"),
    ("chuyển phát", "bưu chính"),
]

TRIGRAM_INDEXES = {
    "procedure_search_trgm": "search_text",
    "procedure_search_extra_trgm": "search_extra",
}


def create_token(apps, schema_editor):
    SearchIndexVersion = apps.get_model("catalog", "SearchIndexVersion")
    SearchIndexVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


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


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in TRIGRAM_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, column in TRIGRAM_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON catalog_procedure USING gin ({column} gin_trgm_ops)"
            )


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0006_search_data'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchIndexVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(max_length=32)),
            ],
        ),
        migrations.DeleteModel(
            name='SearchWord',
        ),
        migrations.AddField(
            model_name='procedure',
            name='popularity',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='dossiers in the last 12 months'),
        ),
        migrations.RunPython(create_token, migrations.RunPython.noop),
        migrations.RunPython(seed_synonyms, unseed_synonyms),
        migrations.RunPython(drop_trigram_indexes, create_trigram_indexes),
    ]
