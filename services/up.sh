#!/usr/bin/env bash
# Install (if needed) and start both servers: PostgreSQL and OpenSearch.
# Afterwards: eval "$(services/postgres.sh env)"; eval "$(services/opensearch.sh env)"
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

"$here/postgres.sh" install
"$here/postgres.sh" start
"$here/opensearch.sh" install
"$here/opensearch.sh" start
