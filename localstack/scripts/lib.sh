# Sourced by the alm-*.sh scripts: the AWS CLI to use and the names of config/resources.json.
# awslocal (LocalStack's wrapper) by default; $AWSLOCAL when set, as the ready.d hook does, e.g.
# AWSLOCAL="aws --endpoint-url http://127.0.0.1:4566" against the moto_server of `npm start`.
# The names come from $ALM_RESOURCES, else this repository's config/resources.json, else
# /etc/alm/resources.json (where docker-compose mounts it for LocalStack).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ -n "${ALM_RESOURCES:-}" ]; then config=$ALM_RESOURCES
elif [ -f "$here/../../config/resources.json" ]; then config="$here/../../config/resources.json"
else config=/etc/alm/resources.json; fi
if [ -n "${AWSLOCAL:-}" ]; then awslocal=$AWSLOCAL
elif command -v awslocal >/dev/null 2>&1; then awslocal=awslocal
else echo "$(basename "$0"): awslocal not found; install it (pip install awscli-local) or set AWSLOCAL, e.g. AWSLOCAL=\"aws --endpoint-url http://127.0.0.1:4566\"" >&2; exit 2; fi
# One value of the config, by a Python expression on `d` (the ready.d hook's helper).
value() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {'d': d}))" "$config" "$1"; }
bucket=$(value "d['bucket']")
# The queue key of a name given as key, queue name or DLQ name ("train", "alm-train", "alm-train-dlq"); exit 2 otherwise.
queue_key() {
  python3 - "$config" "$1" <<'PY' || { echo "$(basename "$0"): unknown queue '$1': one of $(value "', '.join(f'{k} ({q[\"name\"]})' for k, q in d['queues'].items())")" >&2; exit 2; }
import json, sys
d = json.load(open(sys.argv[1]))
match = [k for k, q in d['queues'].items() if sys.argv[2] in (k, q['name'], q['dlq'])]
if not match: sys.exit(1)
print(match[0])
PY
}
