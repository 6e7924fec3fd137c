#!/usr/bin/env bash
# Regenerates the sample drafts in this folder: three topics of different shapes, each as .md and
# .docx, from the shipped bank only (a fixed date and seed, so the files change only when drafter
# does). Run from anywhere: bash examples/make.sh
set -euo pipefail
cd "$(dirname "$0")"
export DRAFTER_HOME="$(mktemp -d)"   # no personal bank: the shipped one alone
export DRAFTER_CACHE="$(mktemp -d)"
drafter=(python -m drafter)
for spec in "安全生产|work-meeting|全区|张明" "主题教育|mobilization|全局|李华" "乡村振兴|symposium|全县|王强"; do
  IFS="|" read -r topic genre org speaker <<<"$spec"
  for ext in md docx; do
    "${drafter[@]}" draft "$topic" --genre "$genre" --org "$org" --speaker "$speaker" \
      --date 2026-11-23 --seed 1 -o "$topic.$ext"
  done
done
rm -rf "$DRAFTER_HOME" "$DRAFTER_CACHE"
