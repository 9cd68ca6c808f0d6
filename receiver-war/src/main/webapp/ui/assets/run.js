// Run page: one run's containers over time (CPU and memory, limits as lines, the system series),
// its top processes, and badges for OOM kills, throttling and memory near the limit.
import {
  amount, api, badge, bytes, containerBadges, cores, crumbs, duration, failure, h, jobUrl, param,
  percent, show, table, when,
} from './common.js';
import { chart, colour, constant, join } from './charts.js';

const id = param('id');

function timelineTable(start, timeline, pick) {
  const t0 = Date.parse(start) / 1000;
  return [timeline.offset_seconds.map((o) => t0 + o), pick(timeline)];
}

function timelineCharts(run) {
  const p = run.payload;
  const withTimeline = p.containers.filter((c) => c.timeline && c.timeline.offset_seconds.length);
  if (!withTimeline.length && !p.system_timeline) {
    return h('div', { class: 'empty', id: 'no-timeline' },
      'This run has no timeline: it was pushed by a collector that does not record one. ',
      'The tables below show its summary.');
  }
  const charts = [];
  for (const [unit, pick, limitOf, title, id] of [
    ['cores', (t) => t.cpu_cores_max, (c) => c.cpu_limit_cores, 'CPU over the run (highest per interval)', 'cpu-timeline'],
    ['bytes', (t) => t.memory_bytes_max, (c) => c.memory_limit_bytes, 'Memory over the run (highest per interval)', 'memory-timeline'],
  ]) {
    const tables = withTimeline.map((c) => timelineTable(p.start_time, c.timeline, pick));
    if (p.system_timeline) tables.push(timelineTable(p.start_time, p.system_timeline, pick));
    const joined = join(tables);
    const x = joined[0];
    const series = withTimeline.map((c, i) => ({
      label: c.name, values: joined[i + 1], colour: colour(i), kind: 'data',
    }));
    withTimeline.forEach((c, i) => {
      const limit = limitOf(c);
      if (limit !== null && limit !== undefined) {
        series.push({ label: `${c.name} limit`, values: constant(x, limit), colour: colour(i), dash: [6, 4], kind: 'limit' });
      }
    });
    if (p.system_timeline) {
      series.push({ label: 'system', values: joined[withTimeline.length + 1], colour: getComputedStyle(document.documentElement).getPropertyValue('--system').trim(), dash: [2, 3], kind: 'system' });
    }
    charts.push(chart({ id, title, unit, x, series }));
  }
  return h('div', { class: 'grid' }, charts);
}

function containersTable(p) {
  return table([
    { label: 'container', value: (c) => h('span', {}, h('strong', {}, c.name), ' ', containerBadges(c)) },
    { label: 'CPU p95', num: true, value: (c) => cores(c.cpu_cores.p95) },
    { label: 'CPU peak', num: true, value: (c) => cores(c.cpu_cores.peak) },
    { label: 'CPU limit', num: true, value: (c) => cores(c.cpu_limit_cores) },
    { label: 'throttled', num: true, value: (c) => percent(c.cpu_throttled_ratio) },
    { label: 'memory peak', num: true, value: (c) => bytes(c.cgroup_memory_peak_bytes ?? c.memory_bytes.peak) },
    { label: 'memory limit', num: true, value: (c) => bytes(c.memory_limit_bytes) },
    { label: 'OOM kills', num: true, value: (c) => (c.oom_kills ?? '–') },
    { label: 'CPU time', num: true, value: (c) => amount(c.cpu_seconds, 's', 1) },
  ], p.containers, { id: 'containers' });
}

function processTable(rows, tableId) {
  if (!rows.length) return h('p', { class: 'muted' }, 'No processes recorded.');
  return table([
    { label: 'pid', num: true, value: (r) => r.pid },
    { label: 'name', value: (r) => r.name },
    { label: 'container', value: (r) => r.container },
    { label: 'peak CPU', num: true, value: (r) => amount(r.peak_cpu_percent, '% of a core', 0) },
    { label: 'avg CPU', num: true, value: (r) => amount(r.avg_cpu_percent, '% of a core', 0) },
    { label: 'peak memory', num: true, value: (r) => bytes(r.peak_mem_bytes) },
  ], rows, { id: tableId });
}

function pressureTable(p) {
  const rows = [];
  const add = (owner, pressure) => {
    for (const resource of ['cpu', 'memory', 'io']) {
      const s = pressure && pressure[resource];
      if (s) rows.push({ owner, resource, ...s });
    }
  };
  p.containers.forEach((c) => add(c.name, c.pressure));
  add('system', p.system_pressure);
  if (!rows.length) return null;
  return [h('h2', {}, 'Pressure (time tasks waited for a resource)'), table([
    { label: 'where', value: (r) => r.owner },
    { label: 'resource', value: (r) => r.resource },
    { label: 'some stalled', num: true, value: (r) => amount(r.some_seconds, 's', 1) },
    { label: 'all stalled', num: true, value: (r) => amount(r.full_seconds, 's', 1) },
    { label: 'peak avg10 (some)', num: true, value: (r) => amount(r.some_avg10_peak_percent, '%', 1) },
  ], rows, { id: 'pressure' })];
}

async function main() {
  if (!/^\d+$/.test(id)) {
    show(h('div', { class: 'empty' }, 'No run selected: open a run from a job page.'));
    return;
  }
  let run;
  try {
    run = (await api(`/api/v1/metrics/${id}`)).body;
  } catch (e) {
    show(failure(`run ${id}`, e));
    return;
  }
  const scope = { org: run.organization, repo: run.repository, workflow: run.workflow, job: run.job };
  crumbs(`Run ${run.run_id}`,
    { href: `/ui/?org=${encodeURIComponent(run.organization)}`, text: run.organization },
    { href: jobUrl(scope), text: `${run.repository} · ${run.workflow} · ${run.job}` });
  const p = run.payload;
  const badges = p.containers.flatMap(containerBadges);
  show(
    h('h1', {}, `Run ${run.run_id}`),
    h('div', { id: 'run-badges' }, badges.length ? badges : badge('ok', 'no OOM kill, no throttling')),
    h('div', { class: 'card' }, h('dl', { class: 'facts' },
      h('dt', {}, 'job'), h('dd', {}, h('a', { href: jobUrl(scope) }, `${run.repository} · ${run.workflow} · ${run.job}`)),
      h('dt', {}, 'started'), h('dd', {}, when(p.start_time)),
      h('dt', {}, 'duration'), h('dd', {}, duration(p.duration_seconds)),
      h('dt', {}, 'samples'), h('dd', {}, String(p.sample_count)),
      h('dt', {}, 'system CPU'), h('dd', {}, `${amount(p.cpu_total_percent.avg, '%', 1)} average, ${amount(p.cpu_total_percent.peak, '%', 1)} peak`),
      h('dt', {}, 'system memory'), h('dd', {}, `${bytes(p.mem_used_bytes.avg)} average, ${bytes(p.mem_used_bytes.peak)} peak`))),
    timelineCharts(run),
    h('h2', {}, 'Containers'),
    containersTable(p),
    h('h2', {}, 'Top processes by CPU'),
    processTable(p.top_cpu_processes, 'top-cpu'),
    h('h2', {}, 'Top processes by memory'),
    processTable(p.top_mem_processes, 'top-mem'),
    pressureTable(p),
  );
}

main();
