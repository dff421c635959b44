#!/usr/bin/env bash
# Tails the prediction log with the AWS CLI: the newest N records (default 20) of
# s3://<bucket>/predictions/date=…/hour=…/<first>-<last>-<sha256>.ndjson, one JSON record a line,
# oldest first. Keys sort by partition and then by their earliest prediction time, so the newest
# objects are the last keys. -f: then keep printing the records of each new object (every
# ${ALM_TAIL_SECONDS:-5} s) until interrupted.
# Usage: alm-prediction-log.sh [-n N] [-f]
source "$(dirname "$0")/lib.sh"
lines=20 follow=no
while [ $# -gt 0 ]; do
  case $1 in
    -n) lines=${2:?-n needs a number}; shift 2 ;;
    -f) follow=yes; shift ;;
    *) echo "usage: $(basename "$0") [-n N] [-f]" >&2; exit 2 ;;
  esac
done
[[ $lines =~ ^[0-9]+$ ]] || { echo "$(basename "$0"): -n needs a number, not '$lines'" >&2; exit 2; }
keys() { $awslocal s3api list-objects-v2 --bucket "$bucket" --prefix predictions/ --query 'Contents[].Key' --output text | tr '\t' '\n' | grep -v '^None$' | sort || true; }
cat_keys() { for key in "$@"; do $awslocal s3 cp "s3://$bucket/$key" -; done; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

seen=$(keys)
# The newest objects until they hold N lines (each holds one or more records), each read once.
count=0 n=0
while read -r key && [ -n "$key" ] && [ "$count" -lt "$lines" ]; do
  n=$((n + 1)); $awslocal s3 cp "s3://$bucket/$key" - > "$work/$n"
  count=$((count + $(grep -c '' "$work/$n" || true)))
done < <(printf '%s\n' "$seen" | tac)
for ((i = n; i >= 1; i--)); do cat "$work/$i"; done | tail -n "$lines"
[ "$follow" = yes ] || exit 0
while sleep "${ALM_TAIL_SECONDS:-5}"; do
  now=$(keys)
  new=$(comm -13 <(printf '%s\n' "$seen") <(printf '%s\n' "$now"))
  [ -z "$new" ] || cat_keys $new
  seen=$now
done
