#!/usr/bin/env bash
# Rewrites every source file the project formats (see .prettierrc, .prettierignore) in Prettier's layout, then
# says how many files changed. `npm run lint` checks the same set without writing.
set -euo pipefail
cd "$(dirname "$0")/.."
changed=$(npx prettier --list-different . || true)
if [ -z "$changed" ]; then
  echo "format: every file is already formatted"
  exit 0
fi
npx prettier --write --log-level warn .
echo "format: rewrote $(printf '%s\n' "$changed" | wc -l) files"
