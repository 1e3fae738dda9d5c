#!/usr/bin/env bash
# Stop both servers; tries both even if one fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

rc=0
"$here/opensearch.sh" stop || rc=1
"$here/postgres.sh" stop || rc=1
exit "$rc"
