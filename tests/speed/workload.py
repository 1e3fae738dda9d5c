"""A small SQL project for the speed tests: DDL in some files, queries over it in others."""

from __future__ import annotations

from pathlib import Path

DDL = {
    "ddl/orders.sql": (
        "CREATE TABLE sales.orders (order_id BIGINT, customer_id BIGINT, status VARCHAR(16), "
        "total DECIMAL(12,2));\n"
    ),
    "ddl/customers.sql": (
        "CREATE TABLE sales.customers (customer_id BIGINT, name VARCHAR(256), region CHAR(2));\n"
    ),
}
QUERIES = {
    "reports/orders.sql": "SELECT * FROM sales.orders WHERE status = 'open';\n",
    "reports/customers.sql": "SELECT * FROM sales.customers;\n",
    "reports/plain.sql": "SELECT 1;\nDELETE FROM staging.load_log; -- noqa: RS-Q99\n",
}


def write_project(root: Path, jobs: int = 12) -> list[Path]:
    """The DDL and queries above, plus `jobs` generated ETL files; the paths written."""
    written = []
    for name, text in {**DDL, **QUERIES}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    etl = root / "etl"
    etl.mkdir(exist_ok=True)
    for n in range(jobs):
        lines = [
            f"-- job {n}",
            "BEGIN;",
            f"CREATE TABLE IF NOT EXISTS stage.load_{n} (id BIGINT, sold_at TIMESTAMP, "
            f"amount DECIMAL(12,2)) DISTKEY(id) SORTKEY(sold_at);",
            f"INSERT INTO stage.load_{n} SELECT o.order_id, GETDATE(), o.total "
            "FROM sales.orders o JOIN sales.customers c ON c.customer_id = o.customer_id;",
            f"SELECT * FROM stage.load_{n} l, sales.orders o WHERE l.id = o.order_id;",
            "COMMIT;",
            f"VACUUM stage.load_{n};" if n % 3 == 0 else f"ANALYZE stage.load_{n};",
            "SELEC broken" if n == 5 else "SELECT COUNT(*) FROM sales.orders;",
        ]
        path = etl / f"job_{n:02d}.sql"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    (root / "etl" / "binary.sql").write_bytes(b"SELECT \xff\xfe;\n")
    (root / "search.json").write_text(
        '{"query": {"wildcard": {"message": "*error*"}}}\n', encoding="utf-8"
    )
    return written
