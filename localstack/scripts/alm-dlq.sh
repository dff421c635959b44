#!/usr/bin/env bash
# The dead-letter queues with the AWS CLI, as `alm dlq` does with the SDK.
#   alm-dlq.sh list [queue]    each DLQ (or the queue's): its depth and its messages' ids, receive
#                              counts and bodies; they are held 30 s while read, then made
#                              visible again (ChangeMessageVisibility 0), never deleted
#   alm-dlq.sh redrive <queue> moves the DLQ's messages back to the queue: each is sent there
#                              (SendMessageBatch, same body and attributes), then deleted from
#                              the DLQ, ten at a time, and counted; none is moved twice in one run
# A queue is its key (train), name (alm-train) or DLQ name (alm-train-dlq); unknown: exit 2.
# On AWS, `aws sqs start-message-move-task` does the redrive server-side; moto does not have it.
source "$(dirname "$0")/lib.sh"
usage() { echo "usage: $(basename "$0") list [queue] | redrive <queue>" >&2; exit 2; }
action=${1:-}
[ "$action" = list ] || [ "$action" = redrive ] || usage
[ $# -le 2 ] || usage
if [ $# -eq 2 ]; then queues=$(queue_key "$2"); elif [ "$action" = list ]; then queues=$(value "' '.join(d['queues'])"); else usage; fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
url_of() { $awslocal sqs get-queue-url --queue-name "$1" --query QueueUrl --output text; }
receive() { $awslocal sqs receive-message --queue-url "$1" --max-number-of-messages 10 --visibility-timeout 30 --wait-time-seconds 1 \
  --attribute-names ApproximateReceiveCount --message-attribute-names All --output json; }
# Entries for a *-batch call from a receive answer ($1: file; $2: kind); ids are the message's index.
entries() { python3 - "$1" "$2" <<'PY'
import json, sys
messages = (json.load(open(sys.argv[1])) if open(sys.argv[1]).read().strip() else {}).get('Messages', [])
kind = sys.argv[2]
def entry(i, m):
    if kind == 'send':
        e = {'Id': str(i), 'MessageBody': m['Body']}
        if m.get('MessageAttributes'): e['MessageAttributes'] = m['MessageAttributes']
        return e
    if kind == 'delete': return {'Id': str(i), 'ReceiptHandle': m['ReceiptHandle']}
    return {'Id': str(i), 'ReceiptHandle': m['ReceiptHandle'], 'VisibilityTimeout': 0}
print(json.dumps([entry(i, m) for i, m in enumerate(messages)]))
PY
}
ids() { python3 -c "import json,sys; t=open(sys.argv[1]).read().strip(); print('\n'.join(m['MessageId'] for m in (json.loads(t) if t else {}).get('Messages', [])))" "$1"; }

list_one() {
  local name dlq url depth n=0
  name=$(value "d['queues']['$1']['name']"); dlq=$(value "d['queues']['$1']['dlq']"); url=$(url_of "$dlq")
  depth=$($awslocal sqs get-queue-attributes --queue-url "$url" --attribute-names ApproximateNumberOfMessages --query Attributes.ApproximateNumberOfMessages --output text)
  echo "$dlq (DLQ of $name): $depth message(s)"
  : > "$work/seen"
  while :; do
    n=$((n + 1)); receive "$url" > "$work/held-$n"
    new=$(ids "$work/held-$n" | grep -vxF -f "$work/seen" || true)
    [ -n "$new" ] || break
    python3 - "$work/held-$n" "$work/seen" <<'PY'
import json, sys
seen = set(open(sys.argv[2]).read().split())
for m in json.load(open(sys.argv[1]))['Messages']:
    if m['MessageId'] not in seen:
        print(f"  {m['MessageId']}  receives {m.get('Attributes', {}).get('ApproximateReceiveCount', '?')}  {json.dumps(m['Body'])[1:-1]}")
PY
    printf '%s\n' "$new" >> "$work/seen"
  done
  for held in "$work"/held-*; do
    [ -n "$(ids "$held")" ] && $awslocal sqs change-message-visibility-batch --queue-url "$url" --entries "$(entries "$held" visible)" >/dev/null
    rm -f "$held"
  done
}

redrive_one() {
  local name dlq url target moved=0 failed=0
  name=$(value "d['queues']['$1']['name']"); dlq=$(value "d['queues']['$1']['dlq']")
  url=$(url_of "$dlq"); target=$(url_of "$name")
  : > "$work/sent"
  while :; do
    receive "$url" > "$work/batch"
    [ -n "$(ids "$work/batch")" ] || break
    if ids "$work/batch" | grep -qxF -f "$work/sent"; then   # a copy sent in this run came back: stop, leave it
      $awslocal sqs change-message-visibility-batch --queue-url "$url" --entries "$(entries "$work/batch" visible)" >/dev/null; break
    fi
    $awslocal sqs send-message-batch --queue-url "$target" --entries "$(entries "$work/batch" send)" --output json > "$work/answer"
    python3 - "$work/batch" "$work/answer" "$work/sent" > "$work/done" <<'PY'
import json, sys
batch = json.load(open(sys.argv[1]))['Messages']; answer = json.load(open(sys.argv[2]))
ok = {int(s['Id']) for s in answer.get('Successful', [])}
with open(sys.argv[3], 'a') as sent:
    for s in answer.get('Successful', []): sent.write(s['MessageId'] + '\n')
for f in answer.get('Failed', []): print(f"not moved (left in the DLQ): {batch[int(f['Id'])]['MessageId']}: {f.get('Code')}: {f.get('Message')}", file=sys.stderr)
print(json.dumps({'Messages': [m for i, m in enumerate(batch) if i in ok]}))
json.dump({'Messages': [m for i, m in enumerate(batch) if i not in ok]}, open(sys.argv[3] + '.rest', 'w'))
PY
    done_count=$(ids "$work/done" | grep -c . || true)
    failed=$((failed + $(ids "$work/batch" | grep -c .) - done_count))
    if [ "$done_count" -gt 0 ]; then
      $awslocal sqs delete-message-batch --queue-url "$url" --entries "$(entries "$work/done" delete)" --output json > "$work/deleted"
      python3 -c "import json,sys; f=json.load(open(sys.argv[1])).get('Failed') or []; sys.exit(f and print(f'{len(f)} message(s) sent but not deleted from the DLQ: a new redrive would send them again', file=sys.stderr) or (1 if f else 0))" "$work/deleted"
      moved=$((moved + done_count))
    fi
    if [ "$failed" -gt 0 ]; then   # the refused ones stay in the DLQ, visible again
      $awslocal sqs change-message-visibility-batch --queue-url "$url" --entries "$(entries "$work/sent.rest" visible)" >/dev/null; break
    fi
  done
  echo "moved $moved message(s) from $dlq back to $name"
  [ "$failed" -eq 0 ]
}

for key in $queues; do "${action}_one" "$key"; done
