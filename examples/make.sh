#!/usr/bin/env bash
# Regenerates the sample drafts in this folder: one a genre, each on a topic of another field
# (sub-areas and campaigns, as writers are given them), as .md and .docx, from the shipped bank
# only (fixed dates and seed, so the files change only when drafter does).
# Run from anywhere: bash examples/make.sh
set -euo pipefail
cd "$(dirname "$0")"
export DRAFTER_HOME="$(mktemp -d)"   # no personal bank: the shipped one alone
export DRAFTER_CACHE="$(mktemp -d)"
drafter=(python -m drafter)
rm -f ./*.md ./*.docx
for spec in "燃气安全|work-meeting|全区|张明|2026-12-01" "秸秆禁烧|mobilization|全县|李华|2026-12-01" \
            "专题读书班|study-session|全局|赵文|2026-12-01" "清廉机关建设|party-lecture|全局|孙立|2026-12-01" \
            "清理拖欠企业账款|symposium|全区|王强|2026-12-01" "森林防火|commendation|全市|陈刚|2026-12-01" \
            "安全生产执法|training-opening|全区|刘洋|2026-12-01" "以案促改|warning-education|全局|周敏|2026-12-01" \
            "养老服务|festival-greeting|全区|吴强|2027-01-20"; do
  IFS="|" read -r topic genre org speaker day <<<"$spec"
  for ext in md docx; do
    "${drafter[@]}" draft "$topic" --genre "$genre" --org "$org" --speaker "$speaker" \
      --date "$day" --seed 1 -o "$topic.$ext"
  done
done
rm -rf "$DRAFTER_HOME" "$DRAFTER_CACHE"
