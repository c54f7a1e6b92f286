"""The PostgreSQL database the suite runs on sorts Chinese text with a UTF-8 collation.

A test database created from a cluster default such as SQL_ASCII or a Latin locale would
make ordering and trigram indexes on Chinese titles differ from production; CI creates the
template with C.UTF-8 (or zh_CN.UTF-8) and settings copy it through SHUNIU_TEST_DB_TEMPLATE.
"""

import pytest
from django.db import connection

UTF8_COLLATIONS = {"c.utf-8", "c.utf8", "zh_cn.utf-8", "zh_cn.utf8"}


@pytest.mark.django_db
def test_postgresql_test_database_uses_a_utf8_collation_for_chinese():
    if connection.vendor != "postgresql":
        pytest.skip("只在 PostgreSQL 上检查数据库排序规则（SQLite 无此设置）")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT datcollate, pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()"
        )
        collate, encoding = cursor.fetchone()
    assert encoding == "UTF8"
    assert collate.lower() in UTF8_COLLATIONS, f"测试数据库排序规则为 {collate}，应为 C.UTF-8 或 zh_CN.UTF-8"
