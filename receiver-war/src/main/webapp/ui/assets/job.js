// Job page: per container, CPU (p95 and peak) and peak memory over the last runs against the
// limits, OOM-killed and throttled runs marked; the sizing advice next to the current limits with
// the Kubernetes resources block and the CGROUP_LIMITS value; the runs, each linking to its page.
import {
  ApiError, api, badge, bytes, containerBadges, copyBlock, cores, crumbs, duration, failure, h,
  howToAddCollector, jobPath, param, percent, runUrl, show, table, when, THROTTLED_SHARE,
} from './common.js';
import { chart, colour } from './charts.js';

const RUNS = 50;
const scope = { org: param('org'), repo: param('repo'), workflow: param('workflow'), job: param('job') };

/** Per container, one row per run (oldest first) with the figures the charts draw. */
function byContainer(runs) {
  const containers = new Map();
  for (const run of [...runs].reverse()) {
    const t = Date.parse(run.payload.end_time || run.received_at) / 1000;
    for (const c of run.payload.containers) {
      if (!containers.has(c.name)) containers.set(c.name, []);
      containers.get(c.name).push({ t, run, c });
    }
  }
  return containers;
}

function containerCharts(name, rows, i) {
  const x = rows.map((r) => r.t);
  const oom = rows.map((r) => (r.c.oom_kills > 0 ? memoryPeak(r.c) : null));
  const throttled = rows.map((r) => (r.c.cpu_throttled_ratio >= THROTTLED_SHARE ? r.c.cpu_cores.p95 : null));
  const cpuSeries = [
    { label: 'p95', values: rows.map((r) => r.c.cpu_cores.p95), colour: colour(i), kind: 'data', points: true },
    { label: 'peak', values: rows.map((r) => r.c.cpu_cores.peak), colour: colour(i + 1), kind: 'data', points: true },
    { label: 'limit', values: rows.map((r) => r.c.cpu_limit_cores ?? null), colour: css('--limit'), dash: [6, 4], kind: 'limit' },
  ];
  if (throttled.some((v) => v !== null)) {
    cpuSeries.push({ label: 'throttled run', values: throttled, colour: css('--warn'), kind: 'marker' });
  }
  const memSeries = [
    { label: 'peak', values: rows.map((r) => memoryPeak(r.c)), colour: colour(i), kind: 'data', points: true },
    { label: 'limit', values: rows.map((r) => r.c.memory_limit_bytes ?? null), colour: css('--limit'), dash: [6, 4], kind: 'limit' },
  ];
  if (oom.some((v) => v !== null)) {
    memSeries.push({ label: 'OOM-killed run', values: oom, colour: css('--bad'), kind: 'marker' });
  }
  return h('section', { class: 'container-charts', dataset: { container: name } },
    h('h3', {}, name),
    h('div', { class: 'grid' },
      chart({ id: `cpu-${i}`, title: `${name}: CPU per run`, unit: 'cores', x, series: cpuSeries }),
      chart({ id: `memory-${i}`, title: `${name}: peak memory per run`, unit: 'bytes', x, series: memSeries })));
}

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** The memory peak the OOM killer compares with the limit: the cgroup's figure when known. */
const memoryPeak = (c) => Math.max(c.cgroup_memory_peak_bytes ?? 0, c.cgroup_memory_bytes?.peak ?? 0) || c.memory_bytes.peak;

function adviceSection(advice, yaml, cgroupLimits) {
  if (!advice) {
    return h('div', { class: 'empty', id: 'advice-missing' },
      'Sizing advice is not available from this receiver yet (GET /api/v1/sizing/… answered nothing).');
  }
  const rows = advice.containers;
  return [
    h('p', { class: 'muted' },
      `From the ${advice.runs_in_window} newest runs: CPU from each run's ${advice.cpu_percentile}, `
      + `${percent(advice.headroom, 0)} headroom. Waste over the window: `
      + `${advice.waste_core_hours.toFixed(2)} core-hours, ${advice.waste_gib_hours.toFixed(2)} GiB-hours.`),
    table([
      { label: 'container', value: (c) => h('strong', {}, c.name) },
      { label: 'CPU now (limit)', num: true, value: (c) => cores(c.current?.cpu_limit_cores) },
      { label: 'CPU request', num: true, value: (c) => cores(c.cpu_request_cores) },
      { label: 'CPU limit', num: true, value: (c) => cores(c.cpu_limit_cores) },
      { label: 'memory now (limit)', num: true, value: (c) => bytes(c.current?.memory_limit_bytes) },
      { label: 'memory request', num: true, value: (c) => bytes(c.memory_request_bytes) },
      { label: 'memory limit', num: true, value: (c) => bytes(c.memory_limit_bytes) },
      { label: 'confidence', value: (c) => badge(c.confidence.level === 'high' ? 'ok' : c.confidence.level === 'none' ? 'bad' : 'info',
        `${c.confidence.level} (${c.confidence.clean_runs} clean runs)`) },
    ], rows, { id: 'advice' }),
    reasons(rows),
    yaml ? [h('h3', {}, 'Kubernetes resources'), copyBlock(yaml, 'advice-yaml')] : null,
    cgroupLimits ? [h('h3', {}, 'CGROUP_LIMITS for the collector'), copyBlock(`CGROUP_LIMITS='${cgroupLimits.trim()}'`, 'advice-cgroup-limits')] : null,
  ];
}

/** What shaped the advice, per container, under the table (too long for a column on a phone). */
function reasons(containers) {
  const items = containers.flatMap((c) => c.reasons.map((r) =>
    h('li', { title: r.code }, h('strong', {}, `${c.name}: `), r.text)));
  return items.length ? h('ul', { id: 'advice-reasons' }, items) : null;
}

async function optional(path, as) {
  try {
    return (await api(path, { as, accept: as === 'text' ? '*/*' : 'application/json' })).body;
  } catch (e) {
    if (e instanceof ApiError && e.status !== 401) return null;
    throw e;
  }
}

function runsTable(runs) {
  return table([
    { label: 'run', value: (r) => h('a', { href: runUrl(r.id) }, r.run_id) },
    { label: 'started', value: (r) => when(r.payload.start_time) },
    { label: 'duration', num: true, value: (r) => duration(r.payload.duration_seconds) },
    { label: 'CPU peak (sum)', num: true, value: (r) => cores(r.payload.containers.reduce((s, c) => s + c.cpu_cores.peak, 0)) },
    { label: 'memory peak (highest)', num: true, value: (r) => bytes(Math.max(0, ...r.payload.containers.map(memoryPeak))) },
    { label: '', value: (r) => r.payload.containers.flatMap((c) => containerBadges(c).map((b) => {
      b.textContent = `${c.name}: ${b.textContent}`;
      return b;
    })) },
  ], runs, { id: 'runs' });
}

async function main() {
  if (!scope.org || !scope.repo || !scope.workflow || !scope.job) {
    show(h('div', { class: 'empty' }, 'No job selected: open a job from the organisation page.'));
    return;
  }
  const title = `${scope.repo} · ${scope.workflow} · ${scope.job}`;
  crumbs(title, { href: `/ui/?org=${encodeURIComponent(scope.org)}`, text: scope.org }, { href: window.location.href, text: title });
  let runs;
  try {
    runs = (await api(`${jobPath('runs', scope)}?limit=${RUNS}`)).body;
  } catch (e) {
    show(h('h1', {}, title), failure('the runs of this job', e));
    return;
  }
  if (!runs.length) {
    show(h('h1', {}, title), h('p', {}, 'No runs yet for this job.'), howToAddCollector(scope));
    return;
  }
  const sizing = jobPath('sizing', scope);
  const [advice, yaml, cgroupLimits] = await Promise.all([
    optional(sizing, 'json'), optional(`${sizing}?format=yaml`, 'text'), optional(`${sizing}?format=cgroup-limits`, 'text'),
  ]);
  const containers = byContainer(runs);
  show(
    h('h1', {}, title),
    h('p', { class: 'muted' }, `${runs.length} newest runs, oldest on the left. Dashed: the limit the run had.`),
    [...containers.entries()].map(([name, rows], i) => containerCharts(name, rows, i)),
    h('h2', {}, 'Sizing advice'),
    adviceSection(advice, yaml, cgroupLimits),
    h('h2', {}, 'Runs'),
    runsTable(runs),
  );
}

main();
