#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on 127.0.0.1, owned by a non-root user, in a
# temporary directory. Used by the tests and the benchmarks.
#   scripts/pg_cluster.sh start DIR [PORT]   prints the connection URL on stdout
#   scripts/pg_cluster.sh stop DIR
set -euo pipefail
bindir=/usr/lib/postgresql/15/bin
cmd="${1:?start|stop}"
dir="${2:?directory}"
port="${3:-55432}"
user=strata-pg

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    su "$user" -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

case "$cmd" in
  start)
    if [[ $(id -u) -eq 0 ]] && ! id "$user" >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
    fi
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown "$user" "$dir"
    as_owner "$bindir/initdb -D '$dir/data' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1"
    # One role must authenticate with GSSAPI, for which the cluster has no keytab:
    # tests/integration/postgres_client_libraries_test.cc connects as it to see
    # libpq reach the GSSAPI library. Rewritten in place, so its owner stays.
    # Another must give its password (SCRAM), though the rest of the cluster trusts:
    # tests/integration/secrets_test.cc checks it never shows in strata's output.
    hba="$dir/data/pg_hba.conf"
    { echo "host all strata_gss_only 127.0.0.1/32 gss"
      echo "host all strata_scram_only 127.0.0.1/32 scram-sha-256"
      cat "$hba"; } >"$dir/pg_hba.new"
    cat "$dir/pg_hba.new" >"$hba" && rm "$dir/pg_hba.new"
    # With STRATA_PG_TLS=1 (scripts/test.sh): TLS, with a self-signed certificate
    # for 127.0.0.1, so that clients use it by default (sslmode=prefer) and tests
    # can ask for sslmode=verify-full. The certificate lies outside the data
    # directory for clients to read (SHOW ssl_cert_file names it). Off for the
    # benchmarks, whose figures compare with runs made without.
    tls=""
    if [[ "${STRATA_PG_TLS:-0}" == 1 ]]; then
      as_owner "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -days 7 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
        -keyout '$dir/data/server.key' -out '$dir/server.crt' >'$dir/openssl.log' 2>&1 &&
        chmod 600 '$dir/data/server.key'"
      tls="-c ssl=on -c ssl_cert_file='$dir/server.crt' -c ssl_key_file='$dir/data/server.key'"
    fi
    # fsync off: the data is thrown away, and the suite runs faster.
    as_owner "$bindir/pg_ctl -D '$dir/data' -l '$dir/server.log' -w -t 60 \
      -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 $tls\" \
      start >/dev/null"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [[ -d "$dir/data" ]]; then
      as_owner "$bindir/pg_ctl -D '$dir/data' -m immediate -w stop >/dev/null" || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
