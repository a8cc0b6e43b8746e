// Prints the PromQL queries of Grafana dashboards as a Prometheus rule file, for `promtool check rules`.
'use strict';
const fs = require('fs');

const rules = [];
for (const file of process.argv.slice(2)) {
  const dashboard = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const panel of dashboard.panels || []) {
    for (const target of panel.targets || []) {
      if (target.expr) {
        rules.push({ record: `dashboard:panel_${panel.id}_${target.refId}`, expr: target.expr });
      }
    }
  }
}
if (rules.length === 0) {
  throw new Error('no PromQL queries found in ' + process.argv.slice(2).join(', '));
}
// JSON is valid YAML, so promtool reads this as it is.
console.log(JSON.stringify({ groups: [{ name: 'dashboard-queries', rules }] }, null, 2));
