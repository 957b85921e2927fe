#!/usr/bin/env bash
# Start a throw-away PostgreSQL 15 on loopback as the postgres user; prints the URL.
# Usage: .ci/pg.sh start|stop  (PGPORT defaults to 54329, data under /tmp/vorder-pg)
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
PGPORT=${PGPORT:-54329}
PGROOT=${PGROOT:-/tmp/vorder-pg}
case "${1:-start}" in
  start)
    if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
      apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
      PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
    fi
    if su postgres -c "$PGBIN/pg_ctl -D $PGROOT/data status" >/dev/null 2>&1; then
      echo "postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"; exit 0
    fi
    rm -rf "$PGROOT"; mkdir -p "$PGROOT"; chown postgres "$PGROOT"
    su postgres -c "$PGBIN/initdb -D $PGROOT/data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
    su postgres -c "$PGBIN/pg_ctl -D $PGROOT/data -l $PGROOT/log -w -o \"-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null
    echo "postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"
    ;;
  stop)
    su postgres -c "$PGBIN/pg_ctl -D $PGROOT/data -m fast stop" >/dev/null 2>&1 || true
    ;;
esac
