# shellcheck shell=bash
# Helpers shared by services/*.sh. Sourced, never executed.

# Repository root = parent of the folder holding this file.
SERVICES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SERVICES_DIR/.." && pwd)"
# shellcheck disable=SC2034  # used by the scripts that source this file
# Parent of every server's state (data, logs, downloads). Must stay out of git.
STATE_ROOT="${ADVISOR_STATE_DIR:-$REPO_ROOT/.services}"

log() { printf '[%s] %s\n' "${LOG_TAG:-services}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Absolute path, without requiring that it exists yet.
abspath() {
  local p="$1"
  [[ "$p" = /* ]] || p="$PWD/$p"
  printf '%s\n' "$p"
}

# as_user USER: set the array AS_USER to a command prefix that runs a command
# as USER (plain `env` when USER is the current user), so that callers can
# write "${AS_USER[@]}" [VAR=value...] CMD... - also behind setsid/nohup.
# setpriv execs directly (no extra parent process, no PAM session), so pids
# and signals reach the real server process.
as_user() {
  local user="$1"
  if [[ "$user" == "$(id -un)" ]]; then
    AS_USER=(env)
  else
    AS_USER=(setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups
      --reset-env -- /usr/bin/env HOME="$(getent passwd "$user" | cut -d: -f6)"
      PATH="/usr/local/bin:/usr/bin:/bin")
  fi
}

# run_as USER [VAR=value...] CMD...: run CMD as USER; when USER is not the
# current user the environment is reset to the given variables.
run_as() {
  local AS_USER
  as_user "$1"; shift
  "${AS_USER[@]}" "$@"
}

# ensure_reachable USER DIR: the server runs as an unprivileged USER, so every
# parent of DIR must be searchable (x bit) by it. A checkout under a private
# home (mode 700) is not; grant "others may traverse" (o+x, no read) on the
# parents that lack it, and say so.
ensure_reachable() {
  local user="$1" dir="$2" d
  [[ "$user" == "$(id -un)" ]] && return 0
  run_as "$user" test -x "$dir" 2>/dev/null && return 0
  d="$dir"
  while [[ "$d" != "/" ]]; do
    d="$(dirname "$d")"
    if [[ -d "$d" ]] && ! run_as "$user" test -x "$d" 2>/dev/null; then
      log "granting o+x (traverse only) on $d so that user '$user' can reach $dir"
      chmod o+x "$d"
    fi
  done
  run_as "$user" test -x "$dir" || die "user '$user' cannot reach $dir; set ADVISOR_STATE_DIR to a directory it can use"
}

# tail_log FILE: print the end of a log file to stderr, for failure reports.
tail_log() {
  local f="$1"
  if [[ -f "$f" ]]; then
    log "---- last lines of $f ----"
    tail -n "${2:-40}" "$f" >&2 || true
    log "---- end of $f ----"
  else
    log "(no log file at $f)"
  fi
}
