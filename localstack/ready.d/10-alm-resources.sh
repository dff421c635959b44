#!/usr/bin/env bash
# LocalStack init hook (ready.d): creates what serverless.yml declares, with the names of
# config/resources.json (mounted at $ALM_RESOURCES): the registry bucket, each queue with its
# dead-letter queue and redrive policy, and the drift-check schedule rule. Idempotent.
# Outside LocalStack, point AWSLOCAL at any endpoint: AWSLOCAL="aws --endpoint-url http://127.0.0.1:4566".
set -euo pipefail
config=${ALM_RESOURCES:-/etc/alm/resources.json}
awslocal=${AWSLOCAL:-awslocal}
value() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {'d': d}))" "$config" "$1"; }

bucket=$(value "d['bucket']")
$awslocal s3api head-bucket --bucket "$bucket" >/dev/null 2>&1 || $awslocal s3api create-bucket --bucket "$bucket" >/dev/null

for queue in $(value "' '.join(d['queues'])"); do
  name=$(value "d['queues']['$queue']['name']")
  dlq=$(value "d['queues']['$queue']['dlq']")
  visibility=$(value "d['queues']['$queue']['visibilityTimeoutSeconds']")
  receives=$(value "d['queues']['$queue']['maxReceiveCount']")
  dlq_url=$($awslocal sqs create-queue --queue-name "$dlq" --query QueueUrl --output text)
  dlq_arn=$($awslocal sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names QueueArn --query Attributes.QueueArn --output text)
  redrive="{\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\",\\\"maxReceiveCount\\\":$receives}"
  $awslocal sqs create-queue --queue-name "$name" \
    --attributes "{\"VisibilityTimeout\":\"$visibility\",\"RedrivePolicy\":\"$redrive\"}" >/dev/null
done

$awslocal events put-rule --name "$(value "d['driftSchedule']['rule']")" \
  --schedule-expression "$(value "d['driftSchedule']['expression']")" --state ENABLED >/dev/null
echo "alm resources ready: bucket $bucket, queues $(value "', '.join(q['name'] for q in d['queues'].values())")"
