"""Load the demo indices (prefix `demo-`) whose settings and data plant the cluster problems.

Run with the project's Python: `python services/demo_opensearch.py` (node from OPENSEARCH_URL,
e.g. `eval "$(services/opensearch.sh env)"`, or `--url`). Idempotent: every `demo-` index is
deleted and recreated. Planted problems, each with a clean twin where the rule is per index:

- demo-tiny-shards: 12 primaries for 200 documents (OS-C01); twin demo-products (1 primary)
- demo-yellow: one replica on a single node, never allocated (OS-C03); twin: 0 replicas elsewhere
- demo-tags: a text field aggregated through `fielddata: true` (OS-C08, OS-M05)
- demo-deep-paging: `index.max_result_window` 50,000 (OS-C05)
- demo-fast-refresh: `refresh_interval` 200ms (OS-C04)
- demo-wide: `index.mapping.total_fields.limit` 5,000 (OS-C18)
- demo-logs-old: write-blocked with 8 unmerged segments (OS-C16); twin demo-products (1 segment)
- demo-empty: no documents (OS-C21)
- slow logs stay off (the default) everywhere but demo-products (OS-C06)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

from opensearchpy import OpenSearch, helpers

PREFIX = "demo-"
WORDS = ("red", "green", "blue", "steel", "oak", "linen", "wool", "glass", "paper", "stone")
CATEGORIES = ("garden", "kitchen", "office", "toys", "tools")
SLOWLOG = {
    "index.search.slowlog.threshold.query.warn": "10s",
    "index.search.slowlog.threshold.query.info": "5s",
    "index.search.slowlog.threshold.fetch.warn": "1s",
}
PRODUCT_MAPPING: dict[str, Any] = {
    "properties": {
        "sku": {"type": "keyword"},
        "name": {"type": "text", "fields": {"keyword": {"type": "keyword"}}},
        "category": {"type": "keyword"},
        "price": {"type": "double"},
        "qty": {"type": "integer"},
        "ts": {"type": "date"},
    }
}


def product(i: int) -> dict[str, Any]:
    return {
        "sku": f"SKU-{i:05d}",
        "name": f"{WORDS[i % 10]} {WORDS[(i * 7) % 10]} item {i}",
        "category": CATEGORIES[i % 5],
        "price": round(1 + (i * 37 % 500) / 3, 2),
        "qty": i % 40,
        "ts": f"2026-0{1 + i % 9}-1{i % 9}T10:00:00Z",
    }


def indices(client: OpenSearch) -> dict[str, dict[str, Any]]:
    """Index name -> creation body; settings are the planted problems."""
    base = {"number_of_shards": 1, "number_of_replicas": 0}
    wide_props = {f"attr_{i:03d}": {"type": "keyword"} for i in range(40)}
    return {
        "demo-products": {"settings": {**base, **SLOWLOG}, "mappings": PRODUCT_MAPPING},
        "demo-tiny-shards": {
            "settings": {"number_of_shards": 12, "number_of_replicas": 0},
            "mappings": PRODUCT_MAPPING,
        },
        "demo-yellow": {
            "settings": {"number_of_shards": 1, "number_of_replicas": 1},
            "mappings": PRODUCT_MAPPING,
        },
        "demo-tags": {
            "settings": base,
            "mappings": {
                "properties": {
                    "sku": {"type": "keyword"},
                    "tags": {"type": "text", "fielddata": True},
                }
            },
        },
        "demo-deep-paging": {
            "settings": {**base, "index.max_result_window": 50000},
            "mappings": PRODUCT_MAPPING,
        },
        "demo-fast-refresh": {
            "settings": {**base, "refresh_interval": "200ms"},
            "mappings": PRODUCT_MAPPING,
        },
        "demo-wide": {
            "settings": {**base, "index.mapping.total_fields.limit": 5000},
            "mappings": {"properties": wide_props},
        },
        "demo-logs-old": {"settings": base, "mappings": PRODUCT_MAPPING},
        "demo-empty": {"settings": base, "mappings": PRODUCT_MAPPING},
    }


def load(url: str) -> float:
    started = time.perf_counter()
    client = OpenSearch(hosts=[url], timeout=30)
    client.indices.delete(index=f"{PREFIX}*", ignore=[404], expand_wildcards="all")
    for name, body in indices(client).items():
        client.indices.create(index=name, body=body)
    products = [product(i) for i in range(200)]
    for name in ("demo-products", "demo-tiny-shards", "demo-yellow", "demo-deep-paging",
                 "demo-fast-refresh"):  # fmt: skip
        helpers.bulk(client, ({"_index": name, "_source": p} for p in products))
    tags = [
        {"sku": f"SKU-{i:05d}", "tags": " ".join(WORDS[(i + k) % 10] for k in range(3))}
        for i in range(2000)
    ]
    helpers.bulk(client, ({"_index": "demo-tags", "_source": t} for t in tags))
    wide = [{f"attr_{k:03d}": f"v{i % 7}" for k in range(40)} for i in range(50)]
    helpers.bulk(client, ({"_index": "demo-wide", "_source": w} for w in wide))
    # Eight small batches, each refreshed: eight segments the merge policy leaves alone. The
    # periodic refresh is off meanwhile (a refresh inside a batch would split it in two) and
    # back to the default afterwards.
    client.indices.put_settings(index="demo-logs-old", body={"index.refresh_interval": "-1"})
    for batch in range(8):
        chunk = products[batch * 25 : (batch + 1) * 25]
        helpers.bulk(client, ({"_index": "demo-logs-old", "_source": p} for p in chunk))
        client.indices.refresh(index="demo-logs-old")
    client.indices.put_settings(index="demo-logs-old", body={"index.refresh_interval": None})
    client.indices.refresh(index=f"{PREFIX}*")
    client.indices.put_settings(index="demo-logs-old", body={"index.blocks.write": True})
    # Aggregate the fielddata field once so its fielddata sits on the heap.
    client.search(
        index="demo-tags",
        body={"size": 0, "aggs": {"tags": {"terms": {"field": "tags", "size": 20}}}},
    )
    client.cluster.health(index=f"{PREFIX}*", wait_for_status="yellow")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--url",
        default=os.environ.get("OPENSEARCH_URL", "http://127.0.0.1:9200"),
        help="OpenSearch URL (default: OPENSEARCH_URL)",
    )
    args = parser.parse_args(argv)
    seconds = load(args.url)
    names = ", ".join(json.dumps(n) for n in indices(OpenSearch(hosts=[args.url])))
    print(f"demo_opensearch: loaded {names} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
