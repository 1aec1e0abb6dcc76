#!/usr/bin/env bash
# Stop the dockerd that docker-up.sh started, and only that one.
#
# docker-up.sh writes $DBTEST_DOCKERD_PID_FILE only when it launched dockerd
# itself; without that file (engine managed by someone else, or never started)
# this script leaves everything alone. Images stay in /var/lib/docker, so the
# next docker-up.sh finds dbtest/postgres:15-local again.
set -euo pipefail

PID_FILE=${DBTEST_DOCKERD_PID_FILE:-/tmp/dbtest-dockerd.pid}
# dockerd stops running containers first (up to its 15 s shutdown timeout).
STOP_WAIT=${DBTEST_DOCKERD_STOP_WAIT:-40}

log() { echo "[docker-down] $*"; }

if [ ! -f "$PID_FILE" ]; then
  log "no $PID_FILE: dockerd was not started by docker-up.sh; leaving it alone"
  exit 0
fi

pid=$(cat "$PID_FILE" 2>/dev/null || true)
# Guard against a recycled PID: only signal it if it still is a dockerd.
if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null \
   || [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != dockerd ]; then
  log "dockerd (pid ${pid:-?}) is not running; removing stale $PID_FILE"
  rm -f "$PID_FILE"
  exit 0
fi

log "stopping dockerd (pid $pid)"
kill -TERM "$pid"
# Not our child process, so `wait` cannot be used: poll until it is gone.
for i in $(seq 1 $((STOP_WAIT * 2))); do
  kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; log "stopped after $((i / 2))s"; exit 0; }
  sleep 0.5
done

log "dockerd did not exit within ${STOP_WAIT}s; sending SIGKILL"
# Its managed containerd is a child process: take it down with it, by PID.
children=$(pgrep -P "$pid" || true)
kill -KILL "$pid" 2>/dev/null || true
for c in $children; do kill -KILL "$c" 2>/dev/null || true; done
for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
rm -f "$PID_FILE" /var/run/docker.pid
log "killed"
