#!/usr/bin/env bash
# Lists the registered model versions with the AWS CLI (as `alm versions` does through the API):
# each models/vNNNN/ prefix of the registry bucket; complete when its manifest.json exists (the
# registry writes it last), with the manifest's candidate, primary metric and test score.
# Usage: alm-versions.sh
source "$(dirname "$0")/lib.sh"
keys=$($awslocal s3api list-objects-v2 --bucket "$bucket" --prefix models/ --query 'Contents[].Key' --output json)
printf '%-8s  %-8s  %-24s  %-18s  %-8s  %s\n' version complete created_at candidate metric test
for version in $(python3 -c "import json,sys,re; keys=json.loads(sys.argv[1]) or []; print(' '.join(sorted({m.group(1) for k in keys if (m:=re.match(r'models/(v\d{4,})/', k))})))" "$keys"); do
  if python3 -c "import json,sys; sys.exit(0 if sys.argv[2] in (json.loads(sys.argv[1]) or []) else 1)" "$keys" "models/$version/manifest.json"; then
    $awslocal s3 cp "s3://$bucket/models/$version/manifest.json" - | python3 -c "
import json, sys
m = json.load(sys.stdin); md = m['metadata']
print('%-8s  %-8s  %-24s  %-18s  %-8s  %.4f' % (m['version'], 'yes', m['created_at'], md['candidate'], md['primary_metric'], md['test_score']))"
  else
    printf '%-8s  %-8s  %-24s  %-18s  %-8s  %s\n' "$version" no - - - -
  fi
done
