#!/usr/bin/env bash
# TMX interop: installs the peers (translate-toolkit from PyPI, OmegaT from Debian) and runs the
# checks in Tests/FormatsTests/TMX/TMXInteropTests.swift: TMX written by tmkit's TMXWriter is
# (1) read back intact by translate-toolkit's translate.storage.tmx and valid against the TMX 1.4b
# DTD (lxml), and (2) used by OmegaT (console-translate) to pre-translate exact matches from tm/auto.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -c 'import translate.storage.tmx, lxml' 2>/dev/null || pip install --quiet translate-toolkit
if ! command -v omegat >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq omegat >/dev/null
fi
echo "peers: translate-toolkit $(python3 -c 'import translate.__version__ as v; print(v.sver)'), OmegaT $(dpkg-query -W -f '${Version}' omegat 2>/dev/null || echo "?")"

swift build --build-tests
swift test --skip-build --filter TMXInteropTests 2>&1 | tee /tmp/tmkit_interop_tmx.log | grep -E '✔|✘|skipped' || true
if grep -q '✘' /tmp/tmkit_interop_tmx.log; then echo "interop_tmx: FAILED"; exit 1; fi
if grep -q 'skipped' /tmp/tmkit_interop_tmx.log; then echo "interop_tmx: a peer was not found"; exit 1; fi
echo "interop_tmx: translate-toolkit and OmegaT checks passed"
