#!/usr/bin/env bash
# Runs a drift check now by handing the drift-check function the event its schedule sends.
# There is no EventBridge bus of ours to put an event on: serverless.yml gives drift-check a
# `schedule:` event, i.e. the rule `driftSchedule.rule` of config/resources.json on the default
# bus with a ScheduleExpression and the function as its target. A schedule rule fires on its
# timer and matches no event put on the bus (and PutEvents refuses the `aws.events` source), so
# this script delivers the rule's event the way the function receives it: a Lambda Invoke with
# EventBridge's "Scheduled Event" envelope (source aws.events, the rule's ARN in resources).
# The function is <service>-<stage>-drift-check (stage: $ALM_STAGE, default dev). The Lambda API
# is $AWSLOCAL_LAMBDA when set, else the same CLI as the rest ($AWSLOCAL or awslocal); under
# `npm start` it is serverless-offline's lambda port: AWSLOCAL_LAMBDA="aws --endpoint-url http://127.0.0.1:3002".
# Prints the check's outcome (the function's answer); exit 1 if the function failed.
# Usage: alm-drift-check.sh
source "$(dirname "$0")/lib.sh"
lambda=${AWSLOCAL_LAMBDA:-$awslocal}
[ $# -eq 0 ] || { echo "usage: $(basename "$0")" >&2; exit 2; }
function_name="$(value "d['service']")-${ALM_STAGE:-dev}-drift-check"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 - "$config" > "$work/event.json" <<'PY'
import json, sys, uuid, datetime
d = json.load(open(sys.argv[1]))
print(json.dumps({
    'version': '0', 'id': str(uuid.uuid4()), 'detail-type': 'Scheduled Event', 'source': 'aws.events',
    'account': d['accountId'], 'time': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),
    'region': d['region'], 'resources': [f"arn:aws:events:{d['region']}:{d['accountId']}:rule/{d['driftSchedule']['rule']}"], 'detail': {},
}))
PY
# fileb:// sends the file's bytes as the payload in AWS CLI v1 and v2 alike.
status=$($lambda lambda invoke --function-name "$function_name" --payload "fileb://$work/event.json" \
  --query FunctionError --output text "$work/answer.json")
cat "$work/answer.json"; echo
if [ -n "$status" ] && [ "$status" != None ]; then echo "$(basename "$0"): $function_name failed ($status)" >&2; exit 1; fi
