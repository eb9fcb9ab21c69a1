#!/usr/bin/env bash
# The stock-tool recipe of DESIGN.md §5 and docs/verify-by-hand.md as one script, for any PostProof evidence bundle:
# only head, tail, od, unzip, openssl, sha256sum, jq, find, sort, diff and date. It is what a person without PostProof
# runs, with what they hold from outside the bundle: the collector's published fingerprint(s) and the timestamp
# authorities' real roots.
#
#   stock-recipe.sh BUNDLE.zip TRUSTED_FINGERPRINTS_FILE ROOTS.pem
#
# TRUSTED_FINGERPRINTS_FILE: one fingerprint a line; the bundle's own key must be the first line's, each imported
# capture's key one of the lines. ROOTS.pem: the authorities' roots (any number; an empty file if none). Exits 0 and
# prints "stock recipe: OK" when every step passes; exits 1 naming the first step that failed.
set -uo pipefail
export LC_ALL=C

fail() { echo "stock recipe: FAILED at $1" >&2; exit 1; }

zip=$(realpath "$1")
trusted=$(realpath "$2")
roots=$(realpath "$3")
expected=$(head -n 1 "$trusted")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2

# 1. Nothing before the first entry, nothing after the end record, no comment.
[ "$(head -c 4 "$zip" | od -An -tx1 | tr -d ' \n')" = 504b0304 ] || fail "head: bytes before the first entry"
[[ "$(tail -c 22 "$zip" | od -An -tx1 | tr -d ' \n')" == 504b0506*0000 ]] || fail "tail: no end record last, or a comment"

# 2. Unpack: any warning means a malformed archive.
out=$(unzip -q "$zip" -d B 2>&1) || fail "unzip: $out"
[ -z "$out" ] || fail "unzip warned: $out"
cd B || exit 2

# 3. Who signed: the published fingerprint.
fingerprint() { openssl pkey -pubin -in "$1" -outform DER 2>/dev/null | sha256sum | cut -d' ' -f1; }
[ "$(fingerprint signer.pem)" = "$expected" ] || fail "fingerprint: signer.pem is not the published key"

# 4. Every file as the key signed it, and nothing else.
openssl dgst -sha256 -verify signer.pem -signature SHA256SUMS.sig SHA256SUMS >/dev/null 2>&1 || fail "openssl dgst: SHA256SUMS.sig"
sha256sum --strict --quiet -c SHA256SUMS >/dev/null 2>&1 || fail "sha256sum -c SHA256SUMS"
diff <(find . ! -type d ! -path ./SHA256SUMS ! -path ./SHA256SUMS.sig | sed 's|^\./||' | sort) \
     <(sed 's/^[0-9a-f]\{64\}  //' SHA256SUMS | sort) >/dev/null || fail "find/diff: a file not listed, or listed and missing"

# 5. Each capture: its record as signed at capture, its files as the record lists them, nothing else in its folder.
for dir in captures/*/; do
  dir=${dir%/}
  [ -d "$dir" ] || continue
  key=signer.pem
  if [ -f "$dir/signer.pem" ]; then
    key="$dir/signer.pem"
    grep -qx "$(fingerprint "$key")" "$trusted" || fail "fingerprint: $dir/signer.pem is not a trusted collector's key"
  fi
  openssl dgst -sha256 -verify "$key" -signature "$dir/capture.json.sig" "$dir/capture.json" >/dev/null 2>&1 || fail "openssl dgst: $dir/capture.json"
  jq -r --arg d "$dir" '.artifacts[] | "\(.sha256)  \($d)/\(.path)"' "$dir/capture.json" | sha256sum --strict --quiet -c >/dev/null 2>&1 || fail "jq | sha256sum -c: $dir"
  expected_files=$( (jq -r '.artifacts[].path' "$dir/capture.json"
    for side in capture.json capture.json.sig signer.pem notes.json; do [ -e "$dir/$side" ] && echo "$side"; done
    (cd "$dir" && find . -maxdepth 1 -name 'capture.json*.tsr' | sed 's|^\./||')
    jq -r --arg d "$dir/" '.derived[]?.path | select(startswith($d)) | .[($d | length):]' manifest.json) | sort -u)
  diff <(cd "$dir" && find . ! -type d | sed 's|^\./||' | sort) <(echo "$expected_files") >/dev/null || fail "find/diff: a file in $dir that its record does not list"
  captured=$(date -d "$(jq -r .capturedAt "$dir/capture.json")" +%s) || fail "date: capturedAt of $dir"
  for tsr in "$dir"/capture.json*.tsr; do
    [ -e "$tsr" ] || continue
    when=$(openssl ts -reply -in "$tsr" -text 2>/dev/null | sed -n 's/^Time stamp: //p')
    [ -n "$when" ] || fail "openssl ts -reply: $tsr"
    at=$(date -d "$when" +%s) || fail "date: $tsr"
    openssl ts -verify -data "$dir/capture.json" -in "$tsr" -CAfile "$roots" -attime "$at" >/dev/null 2>&1 || fail "openssl ts -verify: $tsr"
    [ "$at" -ge $((captured - 300)) ] || fail "time: $tsr is earlier than its capture"
  done
done
echo "stock recipe: OK"
