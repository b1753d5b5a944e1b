#!/bin/sh
# Regenerates elevator-broken.sil: Mandarin TTS (espeak-ng) → 16 kHz mono s16le (sox) → SILK v3 with WeChat's 0x02 byte (silk-wasm).
set -e
cd "$(dirname "$0")"
tmp=$(mktemp -d)
espeak-ng -v cmn -w "$tmp/a.wav" "三号楼电梯坏了"
sox "$tmp/a.wav" -r 16000 -c 1 -b 16 -e signed-integer "$tmp/a.raw"
node -e "require('silk-wasm').encode(require('fs').readFileSync('$tmp/a.raw'),16000).then(r=>require('fs').writeFileSync('elevator-broken.sil',r.data))"
rm -rf "$tmp"
echo "wrote $(pwd)/elevator-broken.sil"
