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
# A second pass settles the few layouts Prettier changes again on its own output (long member chains).
for _ in 1 2 3; do
  npx prettier --write --log-level warn .
  if npx prettier --check --log-level silent .; then
    echo "format: rewrote $(printf '%s\n' "$changed" | wc -l) files"
    exit 0
  fi
done
echo "format: Prettier still changes its own output; see npx prettier --check ." >&2
exit 1
