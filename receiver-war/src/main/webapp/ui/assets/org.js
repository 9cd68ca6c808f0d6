// Organisation page: every job of the organisation from the sizing API's organisation view, with
// run count, last run, waste, OOM kills, throttling and confidence; sortable, filterable, most CPU
// waste first; each row links to its job.
import {
  ApiError, amount, api, badge, crumbs, failure, h, howToAddCollector, jobUrl, param, percent, seg,
  show, when,
} from './common.js';

const org = param('org');
const PAGE = 500;
const MAX_PAGES = 20;

/**
 * One job of the organisation view as this page uses it. The single place that knows the answer's
 * field names, so a change of the API is a change here.
 */
function toJob(j) {
  return {
    org,
    repo: j.repository,
    workflow: j.workflow,
    job: j.job,
    runs: j.run_count ?? j.runs ?? null,
    lastRun: j.last_run_at ?? j.last_run ?? null,
    wasteCore: j.waste_core_hours ?? null,
    wasteGib: j.waste_gib_hours ?? null,
    oomKills: j.oom_kills ?? null,
    throttled: j.cpu_throttled_ratio ?? j.throttled_ratio ?? null,
    throttledRuns: j.throttled_runs ?? null,
    confidence: typeof j.confidence === 'object' && j.confidence ? j.confidence.level : j.confidence ?? null,
  };
}

/** The jobs of the answer, whether it is a list or a page object; and the next page's link. */
function jobsOf(body) {
  if (Array.isArray(body)) return body;
  return body.jobs ?? body.items ?? [];
}

function nextLink(headers, body) {
  const link = headers.get('Link') || '';
  const m = link.match(/<([^>]+)>\s*;\s*rel="next"/);
  if (m) return m[1];
  return body && !Array.isArray(body) && body.next ? body.next : null;
}

async function loadJobs() {
  let path = `/api/v1/sizing/repo/${seg(org)}?limit=${PAGE}`;
  const jobs = [];
  for (let page = 0; path && page < MAX_PAGES; page++) {
    const { body, headers } = await api(path);
    jobs.push(...jobsOf(body).map(toJob));
    path = nextLink(headers, body);
  }
  return jobs;
}

const COLUMNS = [
  { key: 'repo', label: 'repository', text: true, value: (j) => h('a', { href: jobUrl(j) }, j.repo) },
  { key: 'workflow', label: 'workflow', text: true, value: (j) => j.workflow },
  { key: 'job', label: 'job', text: true, value: (j) => h('a', { href: jobUrl(j) }, j.job) },
  { key: 'runs', label: 'runs', num: true, value: (j) => j.runs ?? '–' },
  { key: 'lastRun', label: 'last run', value: (j) => when(j.lastRun) },
  { key: 'wasteCore', label: 'CPU waste', num: true, value: (j) => amount(j.wasteCore, 'core-h', 2) },
  { key: 'wasteGib', label: 'memory waste', num: true, value: (j) => amount(j.wasteGib, 'GiB-h', 2) },
  { key: 'oomKills', label: 'OOM kills', num: true, value: (j) => (j.oomKills > 0 ? badge('bad', String(j.oomKills)) : j.oomKills ?? '–') },
  { key: 'throttled', label: 'throttled', num: true, value: (j) => (j.throttled === null ? (j.throttledRuns ?? '–') : percent(j.throttled)) },
  { key: 'confidence', label: 'confidence', text: true, value: (j) => j.confidence ?? '–' },
];

/** The default order: most CPU waste first, then most memory waste. */
function wasteOrder(a, b) {
  return (b.wasteCore ?? -1) - (a.wasteCore ?? -1) || (b.wasteGib ?? -1) - (a.wasteGib ?? -1);
}

function compare(key, direction) {
  return (a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
    return direction === 'ascending' ? c : -c;
  };
}

function jobsTable(jobs) {
  let sort = { key: null, direction: 'descending' };
  let filter = '';
  const body = h('tbody', {});
  const heads = COLUMNS.map((c) => h('th', { class: c.num ? 'num' : null, scope: 'col', dataset: { key: c.key } },
    h('button', { type: 'button', class: 'sort', onclick: () => {
      const same = sort.key === c.key;
      const flipped = sort.direction === 'descending' ? 'ascending' : 'descending';
      sort = { key: c.key, direction: same ? flipped : c.text ? 'ascending' : 'descending' };
      render();
    } }, c.label)));
  const count = h('span', { class: 'muted', id: 'job-count' });
  function render() {
    const needle = filter.toLowerCase();
    const shown = jobs
      .filter((j) => !needle || `${j.repo} ${j.workflow} ${j.job}`.toLowerCase().includes(needle))
      .sort(sort.key ? compare(sort.key, sort.direction) : wasteOrder);
    body.replaceChildren(...shown.map((j) => h('tr', { dataset: { job: `${j.repo}/${j.workflow}/${j.job}` } },
      COLUMNS.map((c) => h('td', { class: c.num ? 'num' : null }, c.value(j))))));
    heads.forEach((th) => th.setAttribute('aria-sort', th.dataset.key === sort.key ? sort.direction : 'none'));
    count.textContent = `${shown.length} of ${jobs.length} jobs${sort.key ? '' : ', most CPU waste first'}`;
  }
  render();
  const search = h('input', { type: 'search', id: 'filter', placeholder: 'Filter by repository, workflow or job', 'aria-label': 'filter jobs',
    oninput: (e) => { filter = e.target.value; render(); } });
  return [h('div', { class: 'filters' }, search, count),
    h('div', { class: 'table-wrap' }, h('table', { id: 'jobs' }, h('thead', {}, h('tr', {}, heads)), body))];
}

function chooser() {
  const last = window.localStorage.getItem('runner-metrics.org') || '';
  return [h('h1', {}, 'Runner metrics'),
    h('form', { method: 'get', action: '/ui/', class: 'card filters' },
      h('label', { for: 'org' }, 'Organisation'),
      h('input', { id: 'org', name: 'org', required: true, value: last, placeholder: 'my-org' }),
      h('button', { type: 'submit', class: 'primary' }, 'Show jobs')),
    h('p', { class: 'muted' }, 'Every job of the organisation that pushed runs, most waste first.')];
}

async function main() {
  if (!org) {
    show(chooser());
    return;
  }
  window.localStorage.setItem('runner-metrics.org', org);
  crumbs(org, { href: `/ui/?org=${encodeURIComponent(org)}`, text: org });
  let jobs;
  try {
    jobs = await loadJobs();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      show(h('h1', {}, org), h('div', { class: 'empty', id: 'org-missing' },
        'The organisation view needs the sizing API, which this receiver does not offer yet. ',
        'Open a job directly: /ui/job.html?org=…&repo=…&workflow=…&job=…'));
      return;
    }
    show(h('h1', {}, org), failure('the jobs of this organisation', e));
    return;
  }
  if (!jobs.length) {
    show(h('h1', {}, org), h('p', {}, `No runs yet for ${org}.`), howToAddCollector({ org }));
    return;
  }
  show(h('h1', {}, org), jobsTable(jobs));
}

main();
