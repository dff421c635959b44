#!/usr/bin/env bash
# Shows the production pointer (registry/production.json) and its history, oldest first, with
# the AWS CLI. Usage: alm-production.sh [--json]   (--json: the document as stored)
source "$(dirname "$0")/lib.sh"
key=registry/production.json
if ! $awslocal s3api head-object --bucket "$bucket" --key "$key" >/dev/null 2>&1; then
  echo "production: none yet (no s3://$bucket/$key)"; exit 0
fi
if [ "${1:-}" = --json ]; then $awslocal s3 cp "s3://$bucket/$key" -; exit 0; fi
$awslocal s3 cp "s3://$bucket/$key" - | python3 -c "
import json, sys
p = json.load(sys.stdin)
print(f\"production: {p['version']} (sequence {p['sequence']}, previous {p['previous'] or '-'}), since {p['promoted_at']} by {p['actor']}: {p['reason']}\")
print('history:')
print('%-4s  %-8s  %-8s  %-8s  %-24s  %-10s  %s' % ('seq', 'kind', 'version', 'previous', 'at', 'actor', 'reason'))
for e in p['history']:
    print('%-4d  %-8s  %-8s  %-8s  %-24s  %-10s  %s' % (e['sequence'], e['kind'], e['version'], e['previous'] or '-', e['at'], e['actor'], e['reason']))"
