#!/usr/bin/env bash
# A project-local PostgreSQL server for the advisor's live checks.
#
#   services/postgres.sh install   install the server binaries and HypoPG for the same major
#                                  version (Debian packages, needs root)
#   services/postgres.sh start     create the cluster if needed, start it, create role/db
#   services/postgres.sh check     exit 0 and print one line if it accepts connections
#   services/postgres.sh stop      fast shutdown
#   services/postgres.sh env       print export lines: eval "$(services/postgres.sh env)"
#
# Environment: ADVISOR_STATE_DIR (default <repo>/.services), ADVISOR_PG_PORT
# (default 54329), ADVISOR_PG_BINDIR (server bin dir; default: newest
# /usr/lib/postgresql/<ver>/bin).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=postgres

PG_PORT="${ADVISOR_PG_PORT:-54329}"
PG_STATE="$(abspath "$STATE_ROOT/postgres")"
PG_DATA="$PG_STATE/data"
PG_SOCKDIR="$PG_STATE/run"
PG_LOG="$PG_STATE/log/postgres.log"
# The cluster's bootstrap superuser; reachable only over the unix socket (trust).
PG_SUPERUSER=postgres
ADVISOR_ROLE=advisor
ADVISOR_PASSWORD=advisor
ADVISOR_DB=advisor_demo
START_TIMEOUT=60

# initdb/postgres refuse to run as root: as root use the "postgres" system
# user that Debian's package creates; otherwise run as ourselves.
if is_root; then RUN_USER=postgres; else RUN_USER="$(id -un)"; fi

find_bindir() {
  if [[ -n "${ADVISOR_PG_BINDIR:-}" ]]; then
    printf '%s\n' "$ADVISOR_PG_BINDIR"
    return 0
  fi
  local d best=""
  # Debian keeps each major version under /usr/lib/postgresql/<ver>/bin.
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && best="$d"
  done
  if [[ -z "$best" ]] && command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    best="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
  fi
  [[ -n "$best" ]] && printf '%s\n' "$best"
}

require_bindir() {
  BINDIR="$(find_bindir || true)"
  [[ -n "$BINDIR" && -x "$BINDIR/initdb" && -x "$BINDIR/pg_ctl" ]] ||
    die "PostgreSQL server binaries not found; run: services/postgres.sh install (or set ADVISOR_PG_BINDIR)"
  # psql/pg_isready of the same version sit next to the server on Debian.
  PSQL="$BINDIR/psql"; [[ -x "$PSQL" ]] || PSQL="$(command -v psql)" || die "psql not found"
  PG_ISREADY="$BINDIR/pg_isready"; [[ -x "$PG_ISREADY" ]] || PG_ISREADY="$(command -v pg_isready)" || die "pg_isready not found"
}

cmd_install() {
  if [[ -n "$(find_bindir || true)" ]]; then
    log "server binaries present in $(find_bindir)"
  else
    is_root || die "PostgreSQL server is not installed and we are not root. Install it yourself, e.g. 'sudo apt-get install -y postgresql postgresql-contrib', or set ADVISOR_PG_BINDIR."
    log "installing Debian packages postgresql postgresql-contrib"
    # The package may create and start its own 'main' cluster on 5432; we do
    # not use it, and our port (54329) does not collide with it.
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q postgresql postgresql-contrib
    [[ -n "$(find_bindir || true)" ]] || die "installed postgresql but found no initdb/pg_ctl under /usr/lib/postgresql"
    log "installed: $(find_bindir)"
  fi
  install_hypopg
}

# The server's major version, from Debian's /usr/lib/postgresql/<major>/bin layout
# (empty for a server elsewhere, e.g. ADVISOR_PG_BINDIR pointing at a build of one's own).
server_major() {
  local bindir
  bindir="$(find_bindir || true)"
  [[ "$bindir" =~ ^/usr/lib/postgresql/([0-9]+)/bin/?$ ]] && printf '%s\n' "${BASH_REMATCH[1]}"
}

# HypoPG (hypothetical indexes, for `advisor analyze --verify-fixes`) for the server's major
# version: Debian's postgresql-<major>-hypopg. Installing it only adds the extension's files;
# the running server needs no restart, and no database gets the extension until a
# verification session creates it (and rolls it back). Its absence is a warning, not an error:
# the advisor then says that it could not check its index advice.
install_hypopg() {
  local major package
  major="$(server_major || true)"
  if [[ -z "$major" ]]; then
    log "HypoPG: server not from Debian's packages; install HypoPG for it yourself to use --verify-fixes"
    return 0
  fi
  package="postgresql-$major-hypopg"
  if [[ -f "/usr/share/postgresql/$major/extension/hypopg.control" ]]; then
    log "HypoPG present for PostgreSQL $major"
    return 0
  fi
  if ! is_root; then
    log "WARNING: HypoPG is not installed for PostgreSQL $major; as root run: apt-get install -y $package"
    return 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-cache show "$package" >/dev/null 2>&1; then
    apt-get update -q
  fi
  log "installing Debian package $package"
  # --no-upgrade: never replace the server binaries of a running server on the way.
  if ! apt-get install -y -q --no-upgrade "$package"; then
    log "WARNING: could not install $package; --verify-fixes will say that hypopg is unavailable"
    return 0
  fi
  [[ -f "/usr/share/postgresql/$major/extension/hypopg.control" ]] ||
    log "WARNING: installed $package but found no hypopg.control for PostgreSQL $major"
}

# True if our cluster's postmaster is running (by its pid file).
cluster_running() {
  [[ -f "$PG_DATA/PG_VERSION" ]] && run_as "$RUN_USER" "$BINDIR/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1
}

# Run SQL over the unix socket as the bootstrap superuser.
superuser_psql() {
  run_as "$RUN_USER" PGOPTIONS='-c client_min_messages=warning' "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKDIR" -p "$PG_PORT" -U "$PG_SUPERUSER" "$@"
}

write_config() {
  # Regenerated at every start so that a changed port takes effect.
  cat >"$PG_DATA/advisor.conf" <<EOF
# Written by services/postgres.sh at each start; edits here are overwritten.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKDIR'
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
track_io_timing = on
EOF
  chown "$RUN_USER" "$PG_DATA/advisor.conf"
  grep -q "^include_if_exists = 'advisor.conf'" "$PG_DATA/postgresql.conf" ||
    printf "\ninclude_if_exists = 'advisor.conf'\n" >>"$PG_DATA/postgresql.conf"
}

init_cluster() {
  log "creating cluster in $PG_DATA"
  run_as "$RUN_USER" "$BINDIR/initdb" -D "$PG_DATA" -U "$PG_SUPERUSER" \
    --encoding=UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >"$PG_STATE/log/initdb.log" 2>&1 ||
    { tail_log "$PG_STATE/log/initdb.log"; die "initdb failed"; }
}

ensure_role_and_db() {
  superuser_psql -d postgres <<EOF
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ADVISOR_ROLE') THEN
    CREATE ROLE $ADVISOR_ROLE;
  END IF;
END
\$\$;
-- Superuser so the advisor can read every statistic and reset pg_stat_statements.
ALTER ROLE $ADVISOR_ROLE WITH LOGIN SUPERUSER PASSWORD '$ADVISOR_PASSWORD';
SELECT 'CREATE DATABASE $ADVISOR_DB OWNER $ADVISOR_ROLE'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$ADVISOR_DB')\gexec
EOF
  superuser_psql -d "$ADVISOR_DB" -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements'
}

cmd_start() {
  require_bindir
  # Unix socket paths are limited to ~107 bytes.
  (( ${#PG_SOCKDIR} + 20 < 107 )) || die "socket dir path too long ($PG_SOCKDIR); set ADVISOR_STATE_DIR to a shorter path"
  mkdir -p "$PG_STATE/log" "$PG_SOCKDIR"
  if is_root; then
    id -u "$RUN_USER" >/dev/null 2>&1 || die "system user '$RUN_USER' missing (it comes with Debian's postgresql package)"
    mkdir -p "$PG_DATA"
    chown -R "$RUN_USER" "$PG_STATE"
    ensure_reachable "$RUN_USER" "$PG_STATE"
  fi
  chmod 700 "$PG_STATE/log" "$PG_SOCKDIR"
  if [[ -d "$PG_DATA" ]]; then chmod 700 "$PG_DATA"; fi

  if cluster_running; then
    log "already running (data $PG_DATA)"
  else
    [[ -f "$PG_DATA/PG_VERSION" ]] || init_cluster
    write_config
    log "starting on 127.0.0.1:$PG_PORT; log: $PG_LOG"
    # pg_ctl detaches the postmaster (own session), so it outlives this script.
    if ! run_as "$RUN_USER" "$BINDIR/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" \
        -w -t "$START_TIMEOUT" >/dev/null; then
      tail_log "$PG_LOG"
      die "PostgreSQL did not start within ${START_TIMEOUT}s"
    fi
  fi

  local waited=0
  until "$PG_ISREADY" -q -h 127.0.0.1 -p "$PG_PORT"; do
    if (( waited >= START_TIMEOUT )); then
      tail_log "$PG_LOG"
      die "PostgreSQL not accepting TCP connections on 127.0.0.1:$PG_PORT after ${START_TIMEOUT}s"
    fi
    sleep 1; waited=$((waited + 1))
  done
  ensure_role_and_db
  log "ready: postgresql://$ADVISOR_ROLE@127.0.0.1:$PG_PORT/$ADVISOR_DB ; log: $PG_LOG"
  cmd_check
}

cmd_check() {
  require_bindir
  local line
  if line="$(PGPASSWORD="$ADVISOR_PASSWORD" PGCONNECT_TIMEOUT=5 "$PSQL" -X -A -t \
      -h 127.0.0.1 -p "$PG_PORT" -U "$ADVISOR_ROLE" -d "$ADVISOR_DB" \
      -c "SELECT current_setting('server_version') || ', pg_stat_statements ' ||
                 COALESCE((SELECT extversion FROM pg_extension WHERE extname = 'pg_stat_statements'), 'MISSING') ||
                 ', hypopg ' || COALESCE((SELECT default_version FROM pg_available_extensions WHERE name = 'hypopg') || ' available', 'MISSING')" 2>/dev/null)"; then
    echo "postgres: up on 127.0.0.1:$PG_PORT (PostgreSQL $line), db $ADVISOR_DB"
  else
    echo "postgres: not accepting connections on 127.0.0.1:$PG_PORT as $ADVISOR_ROLE/$ADVISOR_DB"
    return 1
  fi
}

cmd_stop() {
  if [[ -z "$(find_bindir || true)" ]]; then
    log "server not installed; nothing to stop"
    return 0
  fi
  require_bindir
  if cluster_running; then
    log "stopping (fast)"
    run_as "$RUN_USER" "$BINDIR/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 >/dev/null
    log "stopped"
  else
    log "not running"
  fi
}

cmd_env() {
  echo "export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=$ADVISOR_ROLE PGPASSWORD=$ADVISOR_PASSWORD PGDATABASE=$ADVISOR_DB"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  check) cmd_check ;;
  stop) cmd_stop ;;
  env) cmd_env ;;
  *) echo "usage: $0 {install|start|check|stop|env}" >&2; exit 2 ;;
esac
