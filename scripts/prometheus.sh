#!/usr/bin/env bash
# A throw-away Prometheus from the installed Debian package, for tests and CI: it scrapes every second whatever
# targets the tests register as file_sd files in <dir>/targets/ (the test exporter of test/support/prometheus.ts).
#
#   scripts/prometheus.sh start [dir]   write a config into dir (default: a new temp folder), start Prometheus on a
#                                       free loopback port with its storage in dir, and print its URL
#   scripts/prometheus.sh stop <dir>    stop it and remove dir
#
# The package's own service (systemd) is neither needed nor touched. PROMETHEUS_BIN overrides the binary.
set -euo pipefail

fail() { echo "prometheus.sh: $*" >&2; exit 1; }

binary() {
  local bin=${PROMETHEUS_BIN:-prometheus}
  command -v "$bin" >/dev/null 2>&1 || fail "no prometheus binary found (apt-get install prometheus, or set PROMETHEUS_BIN)"
  command -v "$bin"
}

ready() {
  node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$1"
}

free_port() {
  node -e "const s = require('node:net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

start() {
  local dir=${1:-} bin port
  bin=$(binary)
  if [ -z "$dir" ]; then dir=$(mktemp -d "${TMPDIR:-/tmp}/forge-prometheus-XXXXXX"); else mkdir -p "$dir"; fi
  mkdir -p "$dir/targets" "$dir/data"
  cat >"$dir/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: forge-test
    file_sd_configs:
      - files: ['$dir/targets/*.json']
        refresh_interval: 1s
YAML
  # A port another process takes between choosing and binding makes Prometheus exit: choose again.
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    setsid "$bin" --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" --storage.tsdb.retention.time=2h \
      --web.listen-address="127.0.0.1:$port" --log.level=warn >"$dir/prometheus.log" 2>&1 </dev/null &
    echo $! >"$dir/prometheus.pid"
    for _ in $(seq 1 150); do
      if ready "http://127.0.0.1:$port/-/ready"; then
        echo "http://127.0.0.1:$port" | tee "$dir/url"
        return
      fi
      kill -0 "$(cat "$dir/prometheus.pid")" 2>/dev/null || break
      sleep 0.2
    done
    kill "$(cat "$dir/prometheus.pid")" 2>/dev/null || true
  done
  fail "Prometheus did not start: $(tail -n 5 "$dir/prometheus.log" 2>/dev/null)"
}

stop() {
  local dir=${1:-} pid
  [ -n "$dir" ] || fail "usage: prometheus.sh stop <dir>"
  if [ -f "$dir/prometheus.pid" ]; then
    pid=$(cat "$dir/prometheus.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) fail "usage: prometheus.sh start [dir] | stop <dir>" ;;
esac
