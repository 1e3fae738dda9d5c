#!/usr/bin/env bash
# A project-local, real OpenSearch 2.19 node (no Docker) for the advisor's live checks.
#
#   services/opensearch.sh install   fetch the distribution and modules from Maven Central (cached)
#   services/opensearch.sh start     start a single node in the background, wait until it answers
#   services/opensearch.sh check     exit 0 and print one line if it answers
#   services/opensearch.sh stop      stop the node started by `start`
#   services/opensearch.sh env       print export lines: eval "$(services/opensearch.sh env)"
#
# What gets installed: the "integ-test-zip" distribution
# (org.opensearch.distribution.integ-test-zip:opensearch:<ver>:zip): the real
# bin/opensearch, server jars and the transport-netty4 module, no security
# plugin, no bundled JDK. It lacks the other standard modules, so the ones the
# advisor needs are assembled from their Maven jars into modules/<name>/ with a
# plugin-descriptor.properties written here (the jars do not carry one).
#
# Environment: ADVISOR_STATE_DIR (default <repo>/.services), ADVISOR_OS_PORT
# (default 9200), ADVISOR_OS_VERSION (default 2.19.6), ADVISOR_OS_JAVA_OPTS
# (default "-Xms512m -Xmx1g"), OPENSEARCH_JAVA_HOME or JAVA_HOME (default: the
# JDK of `java` on PATH; Java 17 or newer).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=opensearch

OS_VERSION="${ADVISOR_OS_VERSION:-2.19.6}"
OS_PORT="${ADVISOR_OS_PORT:-9200}"
OS_JAVA_OPTS="${ADVISOR_OS_JAVA_OPTS:--Xms512m -Xmx1g}"
OS_STATE="$(abspath "$STATE_ROOT/opensearch")"
OS_HOME="$OS_STATE/opensearch-$OS_VERSION"
OS_CONF="$OS_STATE/config"
OS_DATA="$OS_STATE/data"
OS_LOGS="$OS_STATE/logs"
OS_PIDFILE="$OS_STATE/opensearch.pid"
OS_STDOUT="$OS_LOGS/stdout.log"
OS_URL="http://127.0.0.1:$OS_PORT"
INSTALL_MARKER="$OS_HOME/.advisor-install-complete"
START_TIMEOUT=120
MVN_DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

# OpenSearch refuses to run as root: as root run it as this system user.
OS_SYSTEM_USER=advisor-os
if is_root; then RUN_USER="$OS_SYSTEM_USER"; else RUN_USER="$(id -un)"; fi

# Modules added to the distribution: name|plugin class|extended plugins|Maven artifacts.
# Painless's own dependencies are those listed in its POM for the 2.19 line.
# analysis-common extends lang-painless (it adds analysis functions to painless).
MODULES=(
  "lang-painless|org.opensearch.painless.PainlessPlugin||org.opensearch.plugin:lang-painless:$OS_VERSION org.opensearch.plugin:opensearch-scripting-painless-spi:$OS_VERSION org.antlr:antlr4-runtime:4.13.1 org.ow2.asm:asm:9.7 org.ow2.asm:asm-util:9.7 org.ow2.asm:asm-tree:9.7 org.ow2.asm:asm-commons:9.7 org.ow2.asm:asm-analysis:9.7"
  "analysis-common|org.opensearch.analysis.common.CommonAnalysisPlugin|lang-painless|org.opensearch.plugin:analysis-common:$OS_VERSION"
  "parent-join|org.opensearch.join.ParentJoinPlugin||org.opensearch.plugin:parent-join-client:$OS_VERSION"
  "mapper-extras|org.opensearch.index.mapper.MapperExtrasPlugin||org.opensearch.plugin:mapper-extras-client:$OS_VERSION"
)

java_home() {
  local jh="${OPENSEARCH_JAVA_HOME:-${JAVA_HOME:-}}"
  if [[ -z "$jh" ]]; then
    command -v java >/dev/null 2>&1 || return 1
    jh="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  [[ -x "$jh/bin/java" ]] && printf '%s\n' "$jh"
}

# Install a Debian package when a tool is missing (root only).
need_tool() {
  local tool="$1" pkg="$2"
  command -v "$tool" >/dev/null 2>&1 && return 0
  is_root || die "'$tool' is missing; install it (Debian package: $pkg)"
  log "installing Debian package $pkg (for $tool)"
  DEBIAN_FRONTEND=noninteractive apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg"
}

# fetch GROUP:ARTIFACT:VERSION[:TYPE] DIR: copy one artifact from Maven
# Central (through the local Maven repository) into DIR, without its dependencies.
fetch() {
  local artifact="$1" dir="$2"
  mkdir -p "$dir"
  # Run outside the repository so that no pom.xml in the cwd gets involved.
  local out
  if ! out="$(cd "$dir" && mvn -B -q "$MVN_DEP_PLUGIN:copy" -Dartifact="$artifact" -DoutputDirectory="$dir" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "could not fetch $artifact from Maven Central"
  fi
}

unzip_to() {
  local zip="$1" dest="$2"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$zip" -d "$dest"
  else
    python3 -m zipfile -e "$zip" "$dest"   # loses exec bits; fixed by the caller
  fi
}

add_module() {
  local name="$1" class="$2" extended="$3" artifacts="$4" dir a
  dir="$OS_HOME.partial/modules/$name"
  mkdir -p "$dir"
  for a in $artifacts; do fetch "$a" "$dir"; done
  cat >"$dir/plugin-descriptor.properties" <<EOF
description=$name module (assembled from its Maven artifacts)
version=$OS_VERSION
name=$name
classname=$class
java.version=11
opensearch.version=$OS_VERSION
custom.foldername=
extended.plugins=$extended
has.native.controller=false
EOF
  if [[ "$name" == lang-painless ]]; then
    # Painless compiles scripts to classes at run time; same grant as its upstream policy.
    cat >"$dir/plugin-security.policy" <<'EOF'
grant {
  permission java.lang.RuntimePermission "createClassLoader";
  permission java.lang.RuntimePermission "getClassLoader";
};
EOF
  fi
}

cmd_install() {
  if [[ -f "$INSTALL_MARKER" ]]; then
    log "OpenSearch $OS_VERSION already installed in $OS_HOME (nothing downloaded)"
    return 0
  fi
  need_tool java openjdk-17-jre-headless
  need_tool mvn maven
  command -v unzip >/dev/null 2>&1 || command -v python3 >/dev/null 2>&1 || need_tool unzip unzip
  java_home >/dev/null || die "no usable Java; set OPENSEARCH_JAVA_HOME or JAVA_HOME"

  local dl="$OS_STATE/downloads" m name class extended artifacts
  mkdir -p "$dl"
  log "fetching org.opensearch.distribution.integ-test-zip:opensearch:$OS_VERSION:zip"
  fetch "org.opensearch.distribution.integ-test-zip:opensearch:$OS_VERSION:zip" "$dl"

  # Assemble in a side folder, then move into place: an interrupted install
  # leaves no half-made distribution behind.
  rm -rf "$OS_HOME.partial" "$OS_STATE/unpack"
  mkdir -p "$OS_STATE/unpack"
  unzip_to "$dl/opensearch-$OS_VERSION.zip" "$OS_STATE/unpack"
  mv "$OS_STATE/unpack/opensearch-$OS_VERSION" "$OS_HOME.partial"
  rmdir "$OS_STATE/unpack"
  rm -f "$dl/opensearch-$OS_VERSION.zip"   # the local Maven repository keeps a copy
  chmod +x "$OS_HOME.partial"/bin/*

  for m in "${MODULES[@]}"; do
    IFS='|' read -r name class extended artifacts <<<"$m"
    log "adding module $name"
    add_module "$name" "$class" "$extended" "$artifacts"
  done

  rm -rf "$OS_HOME"
  mv "$OS_HOME.partial" "$OS_HOME"
  date -u +%FT%TZ >"$INSTALL_MARKER"
  log "installed OpenSearch $OS_VERSION in $OS_HOME with modules: $(cd "$OS_HOME/modules" && echo *)"
}

# The pid of our node, if it is alive.
node_pid() {
  local pid
  [[ -f "$OS_PIDFILE" ]] || return 1
  pid="$(cat "$OS_PIDFILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && printf '%s\n' "$pid"
}

answers() {
  curl -fsS -m 5 "$OS_URL/_cluster/health" >/dev/null 2>&1
}

write_config() {
  mkdir -p "$OS_CONF/jvm.options.d" "$OS_DATA" "$OS_LOGS" "$OS_STATE/tmp"
  # Logging and base JVM options come from the distribution; ours are added.
  cp "$OS_HOME/config/jvm.options" "$OS_HOME/config/log4j2.properties" "$OS_CONF/"
  cat >"$OS_CONF/opensearch.yml" <<EOF
# Written by services/opensearch.sh at each start; edits here are overwritten.
cluster.name: advisor
node.name: advisor-node-1
path.data: $OS_DATA
path.logs: $OS_LOGS
network.host: 127.0.0.1
http.port: $OS_PORT
discovery.type: single-node
# A developer's disk may be nearly full; never block writes because of it.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
}

ensure_system_user() {
  if ! id -u "$OS_SYSTEM_USER" >/dev/null 2>&1; then
    log "creating system user $OS_SYSTEM_USER"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$OS_SYSTEM_USER"
  fi
}

cmd_start() {
  [[ -f "$INSTALL_MARKER" ]] || die "not installed; run: services/opensearch.sh install"
  local jh
  jh="$(java_home)" || die "no usable Java; set OPENSEARCH_JAVA_HOME or JAVA_HOME"

  if node_pid >/dev/null && answers; then
    log "already running (pid $(node_pid))"
    cmd_check
    return 0
  fi
  if answers; then
    die "something else already answers on $OS_URL; stop it or set ADVISOR_OS_PORT"
  fi
  if node_pid >/dev/null; then
    die "node (pid $(node_pid)) is alive but does not answer on $OS_URL; see $OS_LOGS, or run: services/opensearch.sh stop"
  fi

  write_config
  if is_root; then
    ensure_system_user
    chown -R "$OS_SYSTEM_USER:" "$OS_STATE"
    ensure_reachable "$OS_SYSTEM_USER" "$OS_STATE"
  fi

  log "starting OpenSearch $OS_VERSION on $OS_URL (java: $jh); logs: $OS_LOGS"
  local AS_USER
  as_user "$RUN_USER"
  # setsid: own session, so the node survives this script and its terminal.
  # The launcher execs java, and setsid/setpriv/env exec too, so $! is the JVM.
  setsid nohup "${AS_USER[@]}" \
    JAVA_HOME="$jh" OPENSEARCH_JAVA_HOME="$jh" \
    OPENSEARCH_PATH_CONF="$OS_CONF" OPENSEARCH_TMPDIR="$OS_STATE/tmp" \
    OPENSEARCH_JAVA_OPTS="$OS_JAVA_OPTS" \
    "$OS_HOME/bin/opensearch" >"$OS_STDOUT" 2>&1 </dev/null &
  echo $! >"$OS_PIDFILE"

  local waited=0
  until answers; do
    if ! node_pid >/dev/null; then
      tail_log "$OS_STDOUT" 60
      die "OpenSearch exited during start-up"
    fi
    if (( waited >= START_TIMEOUT )); then
      tail_log "$OS_STDOUT" 60
      die "OpenSearch did not answer on $OS_URL within ${START_TIMEOUT}s (still running as pid $(node_pid); stop it with: services/opensearch.sh stop)"
    fi
    sleep 2; waited=$((waited + 2))
  done
  # A fresh single node is green at once; wait briefly for at least yellow.
  curl -fsS -m 35 "$OS_URL/_cluster/health?wait_for_status=yellow&timeout=30s" >/dev/null ||
    log "warning: cluster not yet yellow"
  log "ready after ~${waited}s; logs: $OS_LOGS/advisor.log (console: $OS_STDOUT)"
  cmd_check
}

cmd_check() {
  local root health version status
  if root="$(curl -fsS -m 5 "$OS_URL/" 2>/dev/null)" &&
     health="$(curl -fsS -m 5 "$OS_URL/_cluster/health" 2>/dev/null)"; then
    version="$(sed -n 's/.*"number" *: *"\([^"]*\)".*/\1/p' <<<"$root" | head -n1)"
    status="$(sed -n 's/.*"status" *: *"\([^"]*\)".*/\1/p' <<<"$health" | head -n1)"
    echo "opensearch: up on $OS_URL (OpenSearch ${version:-?}, cluster ${status:-?}, pid $(node_pid || echo '?'))"
  else
    echo "opensearch: not answering on $OS_URL"
    return 1
  fi
}

cmd_stop() {
  local pid waited=0
  if ! pid="$(node_pid)"; then
    rm -f "$OS_PIDFILE"
    log "not running"
    return 0
  fi
  log "stopping pid $pid"
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if (( waited >= 60 )); then
      log "still alive after 60s; killing"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 1; waited=$((waited + 1))
  done
  rm -f "$OS_PIDFILE"
  log "stopped"
}

cmd_env() {
  echo "export OPENSEARCH_URL=$OS_URL"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  check) cmd_check ;;
  stop) cmd_stop ;;
  env) cmd_env ;;
  *) echo "usage: $0 {install|start|check|stop|env}" >&2; exit 2 ;;
esac
