#!/usr/bin/env bash
# Bring up a local Docker engine on this machine (idempotent, non-interactive).
#
# The machine ships only a Docker *client* (/usr/local/bin/docker) and no
# engine, and no Docker registry is reachable. This script:
#   1. installs Debian's docker.io (dockerd + containerd + runc) if dockerd is missing,
#   2. does nothing more if `docker info` already works,
#   3. otherwise starts dockerd in the background, waits for it, and records its
#      PID in $DBTEST_DOCKERD_PID_FILE so that docker-down.sh can stop it.
#
# The PID file is written ONLY when this script started dockerd: an engine that
# was already running (systemd, another tool) is never stopped by docker-down.sh.
#
# Env knobs (all optional):
#   DBTEST_DOCKERD_LOG       dockerd log file      (default /tmp/dbtest-dockerd.log)
#   DBTEST_DOCKERD_PID_FILE  PID file              (default /tmp/dbtest-dockerd.pid)
#   DBTEST_DOCKERD_WAIT      seconds to wait       (default 60)
set -euo pipefail

LOG=${DBTEST_DOCKERD_LOG:-/tmp/dbtest-dockerd.log}
PID_FILE=${DBTEST_DOCKERD_PID_FILE:-/tmp/dbtest-dockerd.pid}
WAIT_SECS=${DBTEST_DOCKERD_WAIT:-60}
SOCK=/var/run/docker.sock

# Talk to the local engine explicitly: a DOCKER_HOST or docker context left in
# the environment must not make us probe (or start) the wrong thing.
export DOCKER_HOST="unix://${SOCK}"
unset DOCKER_CONTEXT || true

log() { echo "[docker-up] $*"; }

# Keep the client that was on PATH before docker.io got installed: Debian's
# docker.io adds /usr/bin/docker (20.10), but /usr/local/bin/docker (newer,
# negotiates the API version down) comes first on PATH and keeps working.
docker_cli() {
  if command -v docker >/dev/null 2>&1; then command -v docker; else echo /usr/bin/docker; fi
}

engine_ok() { "$(docker_cli)" info >/dev/null 2>&1; }

dockerd_bin() {
  command -v dockerd 2>/dev/null || { [ -x /usr/sbin/dockerd ] && echo /usr/sbin/dockerd; } || true
}

# --- 1. install the engine if missing ------------------------------------
if [ -z "$(dockerd_bin)" ]; then
  log "dockerd not found: installing Debian's docker.io (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d / no systemd: postinst cannot start the service, which is fine.
  # --no-install-recommends: skip needrestart (an apt hook that may try to
  # restart host services such as the host's PostgreSQL), apparmor, git, ...;
  # dockerd only needs containerd, runc, tini and iptables (hard Depends).
  apt-get install -y -qq --no-install-recommends docker.io >/tmp/dbtest-apt-docker.log 2>&1 \
    || { tail -n 30 /tmp/dbtest-apt-docker.log; exit 1; }
  log "installed: $("$(dockerd_bin)" --version)"
fi
DOCKERD=$(dockerd_bin)
[ -n "$DOCKERD" ] || { log "ERROR: dockerd still not found after install"; exit 1; }

# --- 2. already running? ---------------------------------------------------
if engine_ok; then
  log "engine already up ($("$(docker_cli)" version --format '{{.Server.Version}}' 2>/dev/null)); nothing to do"
  exit 0
fi

# A dockerd may be starting right now (e.g. launched by a parallel caller):
# wait for it rather than starting a second one on the same socket.
if pgrep -x dockerd >/dev/null 2>&1; then
  log "a dockerd process exists but is not answering yet; waiting up to ${WAIT_SECS}s"
  for _ in $(seq 1 "$WAIT_SECS"); do
    engine_ok && { log "engine up"; exit 0; }
    sleep 1
  done
  log "ERROR: existing dockerd (pid $(pgrep -x dockerd | tr '\n' ' ')) never answered on ${SOCK}"
  exit 1
fi

# /var/run is on the persistent root fs here (not tmpfs), so a dockerd that
# died without cleanup leaves a pid file behind; dockerd refuses to start if
# that stale pid happens to belong to some other live process now.
for stale in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
  if [ -f "$stale" ]; then
    spid=$(cat "$stale" 2>/dev/null || true)
    if [ -z "$spid" ] || ! kill -0 "$spid" 2>/dev/null \
       || ! grep -qE '^(dockerd|containerd)$' "/proc/$spid/comm" 2>/dev/null; then
      rm -f "$stale"
    fi
  fi
done
[ -S "$SOCK" ] && rm -f "$SOCK"   # no live dockerd owns it (checked above)

# --- 3. start dockerd --------------------------------------------------------
# Attempts, in order. On this machine (Firecracker VM, kernel 6.x, cgroup v1,
# ext4 root) the plain default works: overlay2 + iptables + docker0 bridge,
# and `-p 127.0.0.1::5432` is reachable from the host. The fallbacks are for
# kernels/filesystems without overlay support or without netfilter NAT; with
# --iptables=false, published ports still work through docker-proxy.
ATTEMPTS=(
  ""
  "--storage-driver=vfs"
  "--storage-driver=vfs --iptables=false --ip-masq=false"
)

: >"$LOG"
for flags in "${ATTEMPTS[@]}"; do
  log "starting dockerd ${flags:-(default flags)}; log: $LOG"
  echo "=== $(date -Is) dockerd ${flags}" >>"$LOG"
  # setsid: own session, so the engine outlives the calling shell and a
  # Ctrl-C in the caller's terminal does not reach it.
  # shellcheck disable=SC2086  # $flags is a deliberate word list
  setsid "$DOCKERD" $flags >>"$LOG" 2>&1 </dev/null &
  pid=$!
  for i in $(seq 1 "$WAIT_SECS"); do
    if engine_ok; then
      echo "$pid" >"$PID_FILE"
      log "engine up after ${i}s (pid $pid, $("$(docker_cli)" info --format 'storage={{.Driver}} server={{.ServerVersion}}' 2>/dev/null))"
      exit 0
    fi
    kill -0 "$pid" 2>/dev/null || break   # died: try the next set of flags
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "dockerd did not answer within ${WAIT_SECS}s; stopping it"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  log "attempt failed; last log lines:"
  tail -n 5 "$LOG" | sed 's/^/    /'
  rm -f /var/run/docker.pid "$SOCK"
done

log "ERROR: could not start dockerd; see $LOG"
exit 1
