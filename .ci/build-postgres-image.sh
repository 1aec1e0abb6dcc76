#!/usr/bin/env bash
# Build a PostgreSQL 15 image WITHOUT any Docker registry.
#
#   .ci/build-postgres-image.sh [TAG]        (default TAG: dbtest/postgres:15-local)
#
# No registry is reachable from this machine, so there is no base image to
# `docker build` FROM. Instead we assemble a minimal root filesystem from what
# Debian already installed on the host (postgresql-15 and the shared libraries
# it links against) plus a static busybox as /bin/sh, and feed it as a tar to
# `docker import`. The image behaves like the official `postgres` image for
# Testcontainers' PostgreSQLContainer (POSTGRES_USER / POSTGRES_PASSWORD /
# POSTGRES_DB, "ready to accept connections" logged twice, CMD `postgres ...`).
#
# Rebuilds are skipped when the image exists and its label dbtest.build-hash
# matches this script's content + the host's postgresql-15 version.
# Set DBTEST_FORCE_BUILD=1 to rebuild anyway. Needs a running engine
# (.ci/docker-up.sh) and root (apt-get, chown to the image's postgres uid).
set -euo pipefail

TAG=${1:-dbtest/postgres:15-local}
PG_MAJOR=15
PG_HOME=/usr/lib/postgresql/$PG_MAJOR
PG_SHARE=/usr/share/postgresql/$PG_MAJOR
PG_UID=999            # same uid/gid as the official image's postgres user
PG_GID=999
LABEL_KEY=dbtest.build-hash

export DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock}

log() { echo "[build-postgres-image] $*"; }
die() { echo "[build-postgres-image] ERROR: $*" >&2; exit 1; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  # Refresh package lists once per run (a fresh machine may have none).
  if [ -z "${_APT_UPDATED:-}" ]; then apt-get update -qq; _APT_UPDATED=1; fi
  apt-get install -y -qq "$@" >/tmp/dbtest-apt-build.log 2>&1 \
    || { tail -n 30 /tmp/dbtest-apt-build.log >&2; die "apt-get install $* failed"; }
}

is_static() {
  # `file` is not on every machine; ldd refuses static binaries ("not a dynamic executable").
  if command -v file >/dev/null 2>&1; then
    file -L "$1" | grep -q 'statically linked'
  else
    LC_ALL=C ldd "$1" 2>&1 | grep -q 'not a dynamic executable'
  fi
}

docker info >/dev/null 2>&1 || die "no Docker engine answering on $DOCKER_HOST (run .ci/docker-up.sh first)"

# --- inputs on the host ---------------------------------------------------
if [ ! -x "$PG_HOME/bin/postgres" ]; then
  log "$PG_HOME missing: installing postgresql-$PG_MAJOR (apt)"
  apt_install "postgresql-$PG_MAJOR"
fi
PG_VERSION=$(dpkg-query -W -f='${Version}' "postgresql-$PG_MAJOR" 2>/dev/null || "$PG_HOME/bin/postgres" --version)

SELF=$(readlink -f "${BASH_SOURCE[0]}")
HASH=$( { cat "$SELF"; echo "$PG_VERSION"; } | sha256sum | cut -c1-16)

if [ -z "${DBTEST_FORCE_BUILD:-}" ] \
   && [ "$(docker image inspect -f "{{ index .Config.Labels \"$LABEL_KEY\" }}" "$TAG" 2>/dev/null || true)" = "$HASH" ]; then
  log "$TAG is up to date (hash $HASH); skipping build"
  exit 0
fi

# busybox must be STATIC: it is the only shell/coreutils in the image and must
# not depend on libraries we may not have copied. Debian's busybox-static
# provides /bin/busybox. If the dynamic `busybox` package owns /bin/busybox,
# don't replace it (other packages may rely on it): unpack busybox-static
# into a scratch dir instead.
BUSYBOX=/bin/busybox
WORK=$(mktemp -d /tmp/dbtest-pgimage.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
if [ ! -x "$BUSYBOX" ]; then
  log "installing busybox-static (apt)"
  apt_install busybox-static
fi
if ! is_static "$BUSYBOX"; then
  log "/bin/busybox is dynamic; unpacking busybox-static into a scratch dir"
  [ -n "${_APT_UPDATED:-}" ] || { apt-get update -qq; _APT_UPDATED=1; }
  (cd "$WORK" && apt-get download -qq busybox-static && dpkg-deb -x busybox-static_*.deb bb)
  BUSYBOX=$WORK/bb/bin/busybox
  is_static "$BUSYBOX" || die "no static busybox available"
fi

log "building $TAG from host postgresql-$PG_MAJOR $PG_VERSION (hash $HASH)"
START=$(date +%s)
ROOT=$WORK/rootfs
mkdir -p "$ROOT"

# --- filesystem layout (usrmerge, like Debian 12) ---------------------------
# /bin, /lib, /lib64 are symlinks into /usr so that every path `ldd` prints on
# the host (/lib/x86_64-linux-gnu/..., /lib64/ld-linux-x86-64.so.2) is valid.
mkdir -p "$ROOT"/usr/{bin,lib,lib64,share} "$ROOT"/etc "$ROOT"/root \
         "$ROOT"/docker-entrypoint-initdb.d
ln -s usr/bin "$ROOT/bin"
ln -s usr/lib "$ROOT/lib"
ln -s usr/lib64 "$ROOT/lib64"
install -d -m 1777 "$ROOT/tmp"
install -d -m 0755 -o "$PG_UID" -g "$PG_GID" "$ROOT/var/lib/postgresql"
install -d -m 0700 -o "$PG_UID" -g "$PG_GID" "$ROOT/var/lib/postgresql/data"
install -d -m 2775 -o "$PG_UID" -g "$PG_GID" "$ROOT/var/run/postgresql"

# --- PostgreSQL itself ------------------------------------------------------
# llvmjit (+ bitcode) would drag in libLLVM (~100 MB); without the provider
# file PostgreSQL silently runs with JIT unavailable. pgxs is build-only.
mkdir -p "$ROOT/usr/lib/postgresql" "$ROOT/usr/share/postgresql"
tar -C / -cf - --exclude='lib/llvmjit*' --exclude='lib/bitcode' --exclude='lib/pgxs' \
    "${PG_HOME#/}" | tar -C "$ROOT" -xf -
cp -a "$PG_SHARE" "$ROOT/usr/share/postgresql/"
cp -a /usr/share/zoneinfo "$ROOT/usr/share/"   # Debian builds --with-system-tzdata
# C.UTF-8 is not compiled into glibc 2.36; its locale data is 400 KB.
if [ -d /usr/lib/locale/C.utf8 ]; then
  mkdir -p "$ROOT/usr/lib/locale" && cp -a /usr/lib/locale/C.utf8 "$ROOT/usr/lib/locale/"
fi

# initdb runs `locale -a` to import the OS locales into pg_collation; without
# the command it warns "no usable system locales were found". glibc's tool is
# tiny and needs only libc (picked up by the ldd scan below).
cp /usr/bin/locale "$ROOT/usr/bin/locale"

# --- shared libraries -------------------------------------------------------
# Every library ldd names for the ELF files we ship (executables and the
# extension .so files), copied as real files under the exact path ldd prints
# (that is the soname path the loader will look up), plus the loader itself.
libs=$WORK/libs.txt
: >"$libs"
while IFS= read -r -d '' f; do
  head -c4 "$f" | grep -q 'ELF' || continue
  LC_ALL=C ldd "$f" 2>/dev/null \
    | awk '/=> \// {print $3} /^[[:space:]]*\/[^ ]+ \(/ {print $1}' >>"$libs" || true
done < <(find "$ROOT$PG_HOME" "$ROOT/usr/bin/locale" -type f -print0)
echo /lib64/ld-linux-x86-64.so.2 >>"$libs"
grep -q 'not found' <(for f in "$ROOT$PG_HOME"/bin/*; do LC_ALL=C ldd "$f" 2>/dev/null || true; done) \
  && die "a PostgreSQL binary has unresolved libraries on the host (ldd says 'not found')"
nlibs=0
while IFS= read -r lib; do
  [ -e "$lib" ] || die "ldd named $lib but it does not exist"
  mkdir -p "$ROOT$(dirname "$lib")"
  cp -L "$lib" "$ROOT$lib"          # -L: copy the real file, not a dangling symlink
  nlibs=$((nlibs + 1))
done < <(sort -u "$libs")
# A loader cache is not required (glibc falls back to its default dirs), but
# building one makes lookups cheap and mirrors a normal system.
printf '/usr/lib/x86_64-linux-gnu\n/usr/local/lib\n' >"$ROOT/etc/ld.so.conf"
ldconfig -r "$ROOT" 2>/dev/null || true

# --- busybox as /bin/sh + the applets the entrypoint uses -------------------
cp "$BUSYBOX" "$ROOT/usr/bin/busybox"
for applet in sh cat chmod chown cut date echo env grep gunzip gzip head id \
              ln ls mkdir mktemp printf rm sed sleep su tail test tr xzcat zcat \
              [ true false; do
  ln -sf busybox "$ROOT/usr/bin/$applet"
done

# --- users, groups, misc /etc -----------------------------------------------
cat >"$ROOT/etc/passwd" <<EOF
root:x:0:0:root:/root:/bin/sh
postgres:x:$PG_UID:$PG_GID:PostgreSQL administrator:/var/lib/postgresql:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$ROOT/etc/group" <<EOF
root:x:0:
postgres:x:$PG_GID:
nogroup:x:65534:
EOF
# Empty passwords are never used (busybox su from root needs no password).
printf 'root:*:19000:0:99999:7:::\npostgres:*:19000:0:99999:7:::\n' >"$ROOT/etc/shadow"
chmod 0640 "$ROOT/etc/shadow"
printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n' >"$ROOT/etc/nsswitch.conf"
ln -s /usr/share/zoneinfo/Etc/UTC "$ROOT/etc/localtime"

# --- the entrypoint -----------------------------------------------------------
# Mirrors the official image's docker-entrypoint.sh closely enough for
# Testcontainers: first start initialises PGDATA, runs a temporary server on
# the unix socket only (1st "ready to accept connections"), creates
# POSTGRES_DB, stops it, then execs the real server (2nd "ready ...").
cat >"$ROOT/docker-entrypoint.sh" <<'ENTRYPOINT'
#!/bin/sh
# Entrypoint of the locally built dbtest/postgres image (busybox sh).
set -eu

# `docker run IMAGE -c fsync=off` == `docker run IMAGE postgres -c fsync=off`
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
  set -- postgres "$@"
fi

# Anything that is not the server (psql, sh, ...) just runs.
if [ "$1" != postgres ]; then
  exec "$@"
fi
shift   # what remains are options for the final `postgres`

: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

# Started as root (docker run --user 0): fix ownership, then re-run as postgres.
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 0700 "$PGDATA"
  # `--` stops busybox su's getopt from eating the server options (-c ...).
  # shellcheck disable=SC2016  # $0/$@ are expanded by the inner shell
  exec su -p -s /bin/sh -c 'exec "$0" postgres "$@"' -- postgres /docker-entrypoint.sh "$@"
fi

mkdir -p "$PGDATA"
chmod 0700 "$PGDATA" 2>/dev/null || true

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  POSTGRES_USER=${POSTGRES_USER:-postgres}
  POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
  POSTGRES_HOST_AUTH_METHOD=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
    POSTGRES_PASSWORD=$(cat "$POSTGRES_PASSWORD_FILE")
  fi
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    echo "Error: Database is uninitialized and superuser password is not specified." >&2
    echo "       Set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust)." >&2
    exit 1
  fi

  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:-}" >"$pwfile"
  pwarg="--pwfile=$pwfile"
  [ -n "${POSTGRES_PASSWORD:-}" ] || pwarg=
  # Locale comes from LANG (C.UTF-8 in the image) -> UTF8 encoding.
  # --no-sync: a throw-away test database does not need initdb's fsync pass.
  # shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is a word list
  initdb --username="$POSTGRES_USER" $pwarg --auth-local=trust \
         --auth-host="$POSTGRES_HOST_AUTH_METHOD" --no-sync ${POSTGRES_INITDB_ARGS:-}
  rm -f "$pwfile"

  printf "\nlisten_addresses = '*'\n" >>"$PGDATA/postgresql.conf"
  printf '\nhost all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >>"$PGDATA/pg_hba.conf"

  # Temporary server: unix socket only, so nobody can connect over TCP (and
  # Testcontainers' port check cannot succeed) before initialisation is done.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start

  psql_init() {
    psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --no-password "$@"
  }
  if [ "$POSTGRES_DB" != postgres ]; then
    psql_init --dbname postgres --set db="$POSTGRES_DB" <<'EOSQL'
CREATE DATABASE :"db" ;
EOSQL
    echo
  fi

  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    case "$f" in
      *.sh)
        # shellcheck disable=SC1090  # user-supplied init script
        if [ -x "$f" ]; then echo "$0: running $f"; "$f"
        else echo "$0: sourcing $f"; . "$f"; fi ;;
      *.sql)    echo "$0: running $f"; psql_init --dbname "$POSTGRES_DB" -f "$f"; echo ;;
      *.sql.gz) echo "$0: running $f"; gunzip -c "$f" | psql_init --dbname "$POSTGRES_DB"; echo ;;
      *.sql.xz) echo "$0: running $f"; xzcat "$f" | psql_init --dbname "$POSTGRES_DB"; echo ;;
      *)        echo "$0: ignoring $f" ;;
    esac
  done

  pg_ctl -D "$PGDATA" -m fast -w stop
  echo
  echo 'PostgreSQL init process complete; ready for start up.'
  echo
fi

exec postgres "$@"
ENTRYPOINT
chmod 0755 "$ROOT/docker-entrypoint.sh"

# --- import ---------------------------------------------------------------
old_id=$(docker image inspect -f '{{.Id}}' "$TAG" 2>/dev/null || true)
size=$(du -sm "$ROOT" | cut -f1)
log "rootfs ready: ${size} MB, $nlibs shared libraries; importing"
# --numeric-owner: the image's postgres is uid/gid 999 whatever the host's
# postgres uid is; docker import takes the numeric ids from the tar headers.
tar -C "$ROOT" --numeric-owner -cf - . | docker import \
  --change 'USER postgres' \
  --change 'WORKDIR /var/lib/postgresql' \
  --change "ENV PATH=$PG_HOME/bin:/usr/bin:/bin" \
  --change 'ENV PGDATA=/var/lib/postgresql/data' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'EXPOSE 5432' \
  --change "LABEL $LABEL_KEY=$HASH" \
  --change "LABEL dbtest.postgresql-version=$PG_VERSION" \
  --change 'ENTRYPOINT ["/docker-entrypoint.sh"]' \
  --change 'CMD ["postgres"]' \
  --message "dbtest postgres $PG_VERSION from host packages" \
  - "$TAG" >/dev/null

# Drop the previous build (now untagged) so rebuilds don't pile up; it stays
# if a container still uses it.
new_id=$(docker image inspect -f '{{.Id}}' "$TAG")
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then
  docker rmi "$old_id" >/dev/null 2>&1 || true
fi

log "built $TAG in $(( $(date +%s) - START ))s ($(docker image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%d MB", $1/1048576}'))"
