#!/usr/bin/env bash
# npm run bench: builds Berth, then runs test/bench/*.bench.ts against the
# private test services. Each figure is printed beside a reference measured in
# the same run, with the ratio; nothing here passes or fails on time.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx electron-vite build >/dev/null
npx vitest run --config test/bench/vitest.config.ts --reporter=verbose "$@"
