#!/usr/bin/env bash
# One command for a fresh machine: Debian's Chromium (for the end-to-end tests), npm packages, then the build.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "PostProof needs Node.js 20.19 or newer (found $(node --version))." >&2
  exit 1
fi

# ffmpeg makes the small HLS stream the capture-fidelity test serves (test/fidelity.e2e.ts); that test skips without it.
if [ ! -x /usr/lib/chromium/chromium ] || ! command -v ffmpeg >/dev/null; then
  echo "Installing Debian's chromium and ffmpeg (used by the end-to-end tests; never a browser download)…"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium ffmpeg >/dev/null
fi
for tool in openssl unzip sha256sum zip; do
  command -v "$tool" >/dev/null || { echo "Missing $tool: apt-get install -y openssl unzip coreutils zip" >&2; exit 1; }
done

npm ci --no-audit --no-fund

# ReplayWeb.page, for the WACZ end-to-end test (test/wacz.e2e.ts). "npm install replaywebpage" fails on a missing
# transitive version, so fetch the built package with npm pack and unpack it into the git-ignored .cache/.
replaywebpage_version=2.5.3
if [ ! -f .cache/replaywebpage/package/sw.js ]; then
  echo "Fetching ReplayWeb.page $replaywebpage_version (npm pack) into .cache/replaywebpage/…"
  mkdir -p .cache/replaywebpage
  (cd .cache/replaywebpage && npm pack "replaywebpage@$replaywebpage_version" --silent >/dev/null \
    && tar xzf "replaywebpage-$replaywebpage_version.tgz" && rm "replaywebpage-$replaywebpage_version.tgz")
fi
npm run build

cat <<MSG

PostProof is built.
  Unpacked extension: $(pwd)/.output/chrome-mv3
  Load it in Chromium: chrome://extensions → Developer mode → Load unpacked → choose that folder.
  Verifier CLI:       npx postproof verify BUNDLE.zip
  Run every test:     npm test
MSG
