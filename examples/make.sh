#!/usr/bin/env bash
# Regenerates the sample drafts in this folder: one a genre, each on a topic of another field
# (sub-areas and campaigns, as writers are given them), as .md and .docx, from the shipped bank
# only (a fixed date and seed, so the files change only when drafter does).
# Run from anywhere: bash examples/make.sh
set -euo pipefail
cd "$(dirname "$0")"
export DRAFTER_HOME="$(mktemp -d)"   # no personal bank: the shipped one alone
export DRAFTER_CACHE="$(mktemp -d)"
drafter=(python -m drafter)
rm -f ./*.md ./*.docx
for spec in "燃气安全|work-meeting|全区|张明" "秸秆禁烧|mobilization|全县|李华" "专题读书班|study-session|全局|赵文" \
            "清廉机关建设|party-lecture|全局|孙立" "清理拖欠企业账款|symposium|全区|王强" "森林防火|commendation|全市|陈刚"; do
  IFS="|" read -r topic genre org speaker <<<"$spec"
  for ext in md docx; do
    "${drafter[@]}" draft "$topic" --genre "$genre" --org "$org" --speaker "$speaker" \
      --date 2026-12-01 --seed 1 -o "$topic.$ext"
  done
done
rm -rf "$DRAFTER_HOME" "$DRAFTER_CACHE"
