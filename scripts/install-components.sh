#!/usr/bin/env bash
# Installs the real programs the real-stack tests run, natively (no Docker):
#   Debian: nginx, PostgreSQL 15, dnsmasq, Chromium, wget, htpasswd, tmux, wrk
#   Maven Central: the Keycloak quarkus distribution
#   Go module proxy: oauth2-proxy, built from its module
#   PyPI: Prefect, in a virtualenv
# Idempotent: what is installed is kept; downloads and builds are cached under
# .cache/components (git-ignored; PREFECT_SECURE_COMPONENTS moves it), so a
# second run installs nothing. Needs root for the Debian packages.
# The versions must match test/realstack/components.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

KEYCLOAK_VERSION=26.7.3
OAUTH2_PROXY_VERSION=v7.15.3
PREFECT_VERSION=3.8.3
PREFECT_RELEASED=2026-08-14T00:00:00Z   # the day after 3.8.3 was built
DIR="${PREFECT_SECURE_COMPONENTS:-$PWD/.cache/components}"
mkdir -p "$DIR/bin" "$DIR/downloads"

say() { printf '[components] %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------
need=()
have() { [ -x "$1" ]; }
have /usr/sbin/nginx || need+=(nginx-light)
have /usr/bin/htpasswd || need+=(apache2-utils)
have /usr/bin/tmux || need+=(tmux)
have /usr/bin/wrk || need+=(wrk)
have /usr/lib/postgresql/15/bin/postgres || need+=(postgresql-15)
have /usr/sbin/dnsmasq || need+=(dnsmasq-base)
have /usr/bin/chromium || need+=(chromium fonts-liberation)
have /usr/bin/wget || need+=(wget)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    say "missing Debian packages: ${need[*]} (run this script as root, or: sudo apt-get install ${need[*]})"
    exit 1
  fi
  say "apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Keep the package scripts from starting system nginx/PostgreSQL on their default ports:
  # the tests start each server themselves on the loopback address they choose.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  rm -f /usr/sbin/policy-rc.d
  trap - EXIT
fi

# --- Keycloak (Maven Central) ----------------------------------------------
KC_HOME="$DIR/keycloak-$KEYCLOAK_VERSION"
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  archive="$DIR/downloads/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz"
  if [ ! -s "$archive" ]; then
    say "Keycloak $KEYCLOAK_VERSION from Maven Central"
    mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz" -DoutputDirectory="$DIR/downloads"
  fi
  tar -xzf "$archive" -C "$DIR"
fi

# --- oauth2-proxy (Go module proxy) ----------------------------------------
if ! "$DIR/bin/oauth2-proxy" --version 2>/dev/null | grep -q "oauth2-proxy $OAUTH2_PROXY_VERSION "; then
  say "oauth2-proxy $OAUTH2_PROXY_VERSION from the Go module proxy"
  GOBIN="$DIR/bin" CGO_ENABLED=0 GOFLAGS=-trimpath go install \
    -ldflags "-s -w -X github.com/oauth2-proxy/oauth2-proxy/v7/pkg/version.VERSION=$OAUTH2_PROXY_VERSION" \
    "github.com/oauth2-proxy/oauth2-proxy/v7@$OAUTH2_PROXY_VERSION"
fi

# --- Prefect (PyPI) ----------------------------------------------------------
# Resolved as of the release day, as the prefecthq/prefect image froze them:
# Prefect declares most dependencies without upper bounds, and today's newest
# break it (FastAPI 0.155 removed Body(min_items=...), which the server imports;
# a newer pydantic stack answers `prefect work-pool ls` with 422). uv's
# --exclude-newer reproduces the image's environment.
if ! "$DIR/venv/bin/prefect" --version 2>/dev/null | grep -qx "$PREFECT_VERSION"; then
  say "Prefect $PREFECT_VERSION from PyPI (dependencies as of $PREFECT_RELEASED)"
  [ -x "$DIR/uv/bin/uv" ] || { python3 -m venv "$DIR/uv" && "$DIR/uv/bin/pip" install -q --disable-pip-version-check uv; }
  rm -rf "$DIR/venv"
  "$DIR/uv/bin/uv" venv -q --python "$(python3 -c "import sys; print(sys.executable)")" "$DIR/venv"
  "$DIR/uv/bin/uv" pip install -q --python "$DIR/venv/bin/python" --cache-dir "$DIR/downloads/uv" \
    --exclude-newer "$PREFECT_RELEASED" "prefect==$PREFECT_VERSION"
fi

say "ready in $DIR: Keycloak $KEYCLOAK_VERSION, oauth2-proxy $OAUTH2_PROXY_VERSION, Prefect $PREFECT_VERSION, $(/usr/sbin/nginx -v 2>&1 | sed 's/.*version: //'), PostgreSQL $(/usr/lib/postgresql/15/bin/postgres --version | awk '{print $3}')"
