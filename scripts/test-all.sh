#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine (run as root), then runs every test:
# lint, typecheck, Vitest, build, Playwright (WebGPU and WebGPU-disabled), and the Python training tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
for pkg in python3-torch python3-numpy python3-scipy python3-opencv python3-pytest; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${need_apt[@]}"
fi

echo "== npm ci"
npm ci --no-audit --no-fund
echo "== test model"
npm run make-test-model
echo "== lint"
npm run lint
echo "== typecheck"
npm run typecheck
echo "== vitest"
npm test
echo "== build"
npm run build
echo "== playwright"
CI=true npx playwright test
echo "== python training tests"
/usr/bin/python3 -m pytest training/tests -q
