import { readFileSync } from 'node:fs';
import { parser } from '@prometheus-io/lezer-promql';
import { Histogram } from 'prom-client';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { createMetrics } from '../../src/observability/metrics.ts';

/**
 * The Grafana dashboard and the Prometheus alert rules shipped in deploy/monitoring may only query series Nudge
 * exports, with labels those series carry: a renamed metric or label must break this test, not a dashboard in
 * someone's cluster. The names come from the real registry; PromQL is parsed with Prometheus' own grammar.
 */

interface AlertRules {
  groups: { name: string; rules: { alert: string; expr: string; labels?: { severity?: string } }[] }[];
}
interface DashboardPanel {
  title: string;
  type: string;
  targets?: { expr: string }[];
  panels?: DashboardPanel[];
}

const alertRules = parse(readFileSync('deploy/monitoring/prometheus-alerts.yml', 'utf8')) as AlertRules;
const dashboard = JSON.parse(readFileSync('deploy/monitoring/grafana-dashboard.json', 'utf8')) as {
  panels: DashboardPanel[];
};

/** Labels Prometheus adds to every scraped series from its target. */
const targetLabels = ['job', 'instance'];

/** Every series name a query may use, with the labels it carries. */
function exportedSeries(): Map<string, string[]> {
  const series = new Map<string, string[]>([['up', targetLabels]]);
  for (const metric of createMetrics().registry.getMetricsAsArray()) {
    const labels = [...(metric as unknown as { labelNames: string[] }).labelNames, ...targetLabels];
    if (metric instanceof Histogram) {
      series.set(`${metric.name}_bucket`, [...labels, 'le']);
      series.set(`${metric.name}_sum`, labels);
      series.set(`${metric.name}_count`, labels);
    } else {
      series.set(metric.name, labels);
    }
  }
  return series;
}

interface Selector {
  name: string | undefined;
  labels: string[];
}

/** The series selectors of a PromQL expression, or the parse errors found in it. */
function selectorsOf(expr: string): { selectors: Selector[]; errors: string[] } {
  const selectors: Selector[] = [];
  const errors: string[] = [];
  const cursor = parser.parse(expr).cursor();
  do {
    if (cursor.type.isError) errors.push(`syntax error at ${cursor.from}: "${expr.slice(cursor.from, cursor.to + 5)}"`);
    if (cursor.name !== 'VectorSelector') continue;
    const node = cursor.node;
    const identifier = node.getChild('Identifier');
    const labels = node
      .getChild('LabelMatchers')
      ?.getChildren('UnquotedLabelMatcher')
      .map((matcher) => matcher.getChild('LabelName'))
      .map((label) => (label ? expr.slice(label.from, label.to) : '?'));
    if (node.getChild('LabelMatchers')?.getChild('QuotedLabelMatcher'))
      errors.push('quoted label matchers hide the series name');
    selectors.push({ name: identifier ? expr.slice(identifier.from, identifier.to) : undefined, labels: labels ?? [] });
  } while (cursor.next());
  return { selectors, errors };
}

function dashboardExpressions(panels: DashboardPanel[]): { where: string; expr: string }[] {
  return panels.flatMap((panel) => [
    ...(panel.targets ?? []).map((target) => ({ where: `dashboard panel "${panel.title}"`, expr: target.expr })),
    ...dashboardExpressions(panel.panels ?? []),
  ]);
}

const expressions = [
  ...alertRules.groups.flatMap((group) =>
    group.rules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr })),
  ),
  ...dashboardExpressions(dashboard.panels),
];

/** What is wrong with an expression: syntax, unknown series, or a label its series does not carry. */
function problemsOf(expr: string, series: Map<string, string[]>): string[] {
  const { selectors, errors } = selectorsOf(expr);
  const problems = [...errors];
  if (selectors.length === 0) problems.push('queries no series');
  for (const selector of selectors) {
    if (selector.name === undefined) {
      problems.push('a selector without a series name');
      continue;
    }
    const labels = series.get(selector.name);
    if (!labels) {
      problems.push(`${selector.name} is not a series Nudge exports`);
      continue;
    }
    for (const label of selector.labels) {
      if (!labels.includes(label)) problems.push(`${selector.name} has no label ${label}`);
    }
  }
  return problems;
}

describe('deploy/monitoring', () => {
  const series = exportedSeries();

  test('the alert rules cover failed jobs, queue lag, Slack 429s and readiness, each with a severity', () => {
    const rules = alertRules.groups.flatMap((group) => group.rules);
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'NudgeJobsFailed',
        'NudgeQueueBacklogGrowing',
        'NudgeInteractionsLagging',
        'NudgeSlackRateLimited',
        'NudgeNotReady',
        'NudgeProcessDown',
      ]),
    );
    for (const rule of rules) expect(['warning', 'critical'], rule.alert).toContain(rule.labels?.severity);
  });

  test('every expression of the dashboard and the alerts parses and names only series and labels Nudge exports', () => {
    expect(expressions.length).toBeGreaterThan(15);
    const problems = expressions.flatMap(({ where, expr }) =>
      problemsOf(expr, series).map((problem) => `${where}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  test('the dashboard shows every series Nudge exports', () => {
    const shown = new Set(
      dashboardExpressions(dashboard.panels).flatMap(({ expr }) =>
        selectorsOf(expr).selectors.map((selector) => selector.name),
      ),
    );
    const exported = [...series.keys()].filter((name) => !name.endsWith('_sum') && !name.endsWith('_count'));
    expect(exported.filter((name) => !shown.has(name))).toEqual([]);
  });

  test('the check itself catches an unknown series, an unknown label and a syntax error', () => {
    expect(problemsOf('sum(rate(nudge_job_total[5m]))', series)).toEqual([
      'nudge_job_total is not a series Nudge exports',
    ]);
    expect(problemsOf('nudge_queue_jobs{status="waiting"}', series)).toEqual(['nudge_queue_jobs has no label status']);
    expect(problemsOf('nudge_job_duration_seconds{job="kudos.give"}', series)).toEqual([
      'nudge_job_duration_seconds is not a series Nudge exports',
    ]);
    expect(problemsOf('sum by (queue) (nudge_queue_jobs', series).join()).toMatch(/syntax error/);
    expect(problemsOf('{__name__="nudge_queue_jobs"}', series)).toEqual(['a selector without a series name']);
  });
});
