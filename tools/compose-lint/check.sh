#!/usr/bin/env bash
# Validates the deployment files without a Docker engine:
#  - docker-compose.yml against the compose-spec schema and dclint's rules (settings in dclint.yml),
#  - deploy/prometheus/prometheus.yml, the alert rules' unit tests and the PromQL of the Grafana dashboards
#    with promtool,
#    when promtool is installed (Debian: apt-get install -y --no-install-recommends prometheus).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

cd "$here"
npm ci --no-fund --no-audit --loglevel=error
npx --no-install dclint --config dclint.yml --color false "$repo/docker-compose.yml"
echo "docker-compose.yml: valid"

if command -v promtool > /dev/null; then
    # promtool wants the scrape token's file to exist: check a copy pointing at a stand-in.
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    cp "$repo"/deploy/prometheus/{prometheus,alerts}.yml "$scratch"/
    echo stand-in-token > "$scratch/token"
    sed -i "s|/run/secrets/healthstream-token|$scratch/token|" "$scratch/prometheus.yml"
    promtool check config "$scratch/prometheus.yml"
    promtool test rules "$repo/deploy/prometheus/alerts-test.yml"
    # promtool parses PromQL only in rule files: turn each panel query into a recording rule.
    rules="$scratch/dashboard-rules.yml"
    node "$here/dashboard-queries-as-rules.js" "$repo"/deploy/grafana/dashboards/*.json > "$rules"
    promtool check rules "$rules"
else
    echo "promtool not installed: skipped deploy/prometheus/prometheus.yml" >&2
fi
