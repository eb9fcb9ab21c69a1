#!/usr/bin/env bash
# One command for a fresh machine: Debian's Chromium (for the end-to-end tests), npm packages, then the build.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "PostProof needs Node.js 20.19 or newer (found $(node --version))." >&2
  exit 1
fi

# Debian packages the tests use, installed when missing (never a browser download):
#   chromium          the end-to-end tests (launched as /usr/lib/chromium/chromium)
#   firefox-esr, firefox-esr-l10n-ar
#                     the same flows in Firefox ESR (test/browsers.e2e.ts, test/firefox.e2e.ts), its Arabic interface
#                     from the language pack
#   ffmpeg            the small HLS stream of the capture-fidelity test (test/fidelity.e2e.ts skips without it)
#   openssl, unzip, zip, jq, coreutils (sha256sum), findutils, diffutils
#                     the stock-tool recipe of VERIFY.txt, which the tests run as written
#   ca-certificates   Debian's copies of the DigiCert and USERTrust roots the verifier pins (compared in a test)
#   ceph-mon, ceph-osd, radosgw, ceph-common
#                     the locker tests: a real S3 gateway with Object Lock (scripts/ceph-s3.sh boots a throwaway
#                     single-node cluster); installed on their own, --no-install-recommends, to keep it to 63 packages
missing=()
[ -x /usr/lib/chromium/chromium ] || missing+=(chromium)
[ -x /usr/lib/firefox-esr/firefox-esr ] || missing+=(firefox-esr)
[ -e /usr/lib/firefox-esr/browser/extensions/langpack-ar@firefox-esr.mozilla.org.xpi ] || missing+=(firefox-esr-l10n-ar)
for tool in ffmpeg openssl unzip zip jq sha256sum find diff; do
  if ! command -v "$tool" >/dev/null; then
    case "$tool" in
      sha256sum) missing+=(coreutils) ;;
      find) missing+=(findutils) ;;
      diff) missing+=(diffutils) ;;
      *) missing+=("$tool") ;;
    esac
  fi
done
[ -d /etc/ssl/certs ] && [ -e /etc/ssl/certs/DigiCert_Trusted_Root_G4.pem ] || missing+=(ca-certificates)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages for the tests: ${missing[*]} (never a browser download)…"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
ceph_missing=()
for tool in ceph-mon ceph-osd radosgw; do command -v "$tool" >/dev/null || ceph_missing+=("$tool"); done
command -v radosgw-admin >/dev/null || ceph_missing+=(ceph-common)
if [ ${#ceph_missing[@]} -gt 0 ]; then
  echo "Installing Ceph for the locker tests: ${ceph_missing[*]} (no recommended extras)…"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${ceph_missing[@]}" >/dev/null
fi

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
npx wxt build -b firefox >/dev/null

cat <<MSG

PostProof is built.
  Unpacked extension: $(pwd)/.output/chrome-mv3
  Load it in Chromium: chrome://extensions → Developer mode → Load unpacked → choose that folder.
  Firefox build:      $(pwd)/.output/firefox-mv3 (about:debugging → This Firefox → Load Temporary Add-on → its manifest.json)
  Verifier CLI:       npx postproof verify BUNDLE.zip
  Run every test:     npm test
MSG
