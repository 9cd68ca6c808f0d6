// Shared helpers of the dashboard pages: data calls, DOM building, units, empty states.
// Every value from the API reaches the page through textContent, never as HTML.

/** Thrown when a data call fails; carries the HTTP status. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

/** GET an API path with the session cookie; a 401 means the session ended: back to sign-in. */
export async function api(path, { as = 'json', accept = 'application/json' } = {}) {
  const response = await fetch(path, {
    credentials: 'same-origin',
    headers: { Accept: accept },
  });
  if (response.status === 401) {
    window.location.assign('/ui/signin');
    throw new ApiError(401, 'signed out');
  }
  if (!response.ok) {
    let detail = '';
    try {
      detail = (await response.json()).detail || '';
    } catch (ignored) {
      detail = '';
    }
    throw new ApiError(response.status, detail);
  }
  if (as === 'text') {
    return { body: await response.text(), headers: response.headers };
  }
  return { body: await response.json(), headers: response.headers };
}

/** Path segment encoding: a repository's slash becomes %2F, as the API expects. */
export const seg = (value) => encodeURIComponent(value);

/** The API path of a job's stored runs (or of its sizing advice with kind = 'sizing'). */
export function jobPath(kind, { org, repo, workflow, job }) {
  const base = kind === 'sizing' ? '/api/v1/sizing/repo/' : '/api/v1/metrics/repo/';
  return base + [org, repo, workflow, job].map(seg).join('/');
}

/** The dashboard URL of a job's page. */
export function jobUrl({ org, repo, workflow, job }) {
  const q = new URLSearchParams({ org, repo, workflow, job });
  return `/ui/job.html?${q}`;
}

/** The dashboard URL of a run's page. */
export const runUrl = (id) => `/ui/run.html?id=${encodeURIComponent(id)}`;

/** The query parameter {@code name} of this page, or '' when absent. */
export const param = (name) => new URLSearchParams(window.location.search).get(name) || '';

/** Builds an element: h('a', {href: '#', class: 'x'}, 'text', child…); strings become text. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces the content of the page's main element. */
export function show(...children) {
  const main = document.getElementById('content');
  main.replaceChildren(...children.flat(Infinity).filter(Boolean));
  main.setAttribute('aria-busy', 'false');
  return main;
}

/** A table from columns [{label, num, value(row) → text or Node}] and rows. */
export function table(columns, rows, attrs = {}) {
  const head = h('tr', {}, columns.map((c) => h('th', { class: c.num ? 'num' : null, scope: 'col' }, c.label)));
  const body = rows.map((row) =>
    h('tr', {}, columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.value(row) ?? '–'))));
  return h('div', { class: 'table-wrap' }, h('table', attrs, h('thead', {}, head), h('tbody', {}, body)));
}

/** A badge: kind is bad, warn, ok or info. */
export const badge = (kind, text, title) => h('span', { class: `badge ${kind}`, title }, text);

const nf = (digits) => new Intl.NumberFormat(undefined, { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** Cores with their unit: 1.25 cores, 0.004 cores. */
export function cores(value) {
  if (value === null || value === undefined) return '–';
  const digits = Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 0.1 ? 2 : 3;
  return `${nf(digits).format(value)} ${value === 1 ? 'core' : 'cores'}`;
}

/** Bytes in binary units: 512 MiB, 1.5 GiB. */
export function bytes(value) {
  if (value === null || value === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Number(value);
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${nf(i === 0 ? 0 : v >= 100 ? 0 : v >= 10 ? 1 : 2).format(v)} ${units[i]}`;
}

/** A duration in seconds as 45 s, 3 min 20 s, 1 h 5 min. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${nf(seconds < 10 ? 1 : 0).format(seconds)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** A share 0–1 as a percentage. */
export const percent = (share, digits = 1) =>
  share === null || share === undefined ? '–' : `${nf(digits).format(share * 100)} %`;

/** A number with a unit word. */
export const amount = (value, unit, digits = 2) =>
  value === null || value === undefined ? '–' : `${nf(digits).format(value)} ${unit}`;

/** A timestamp in the reader's locale, minutes precision. */
export function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return h('time', { datetime: d.toISOString(), title: d.toISOString() },
    d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
}

/** The share of a container's CPU periods that were throttled, from the run's figures. */
export const THROTTLED_SHARE = 0.05;

/** Badges for a container of one run: OOM kills, throttling, memory near its limit. */
export function containerBadges(c) {
  const out = [];
  if (c.oom_kills > 0) out.push(badge('bad', `OOM ×${c.oom_kills}`, 'processes were killed for memory'));
  if (c.cpu_throttled_ratio !== undefined && c.cpu_throttled_ratio !== null && c.cpu_throttled_ratio >= THROTTLED_SHARE) {
    out.push(badge('warn', `throttled ${percent(c.cpu_throttled_ratio, 0)}`, 'share of CPU periods throttled'));
  }
  if (c.memory_near_limit) out.push(badge('warn', 'memory near limit', 'peak within 5 % of the limit'));
  return out;
}

/** What to do when there is nothing to show: how to get the collector to push here. */
export function howToAddCollector(scope = {}) {
  const origin = window.location.origin;
  const org = scope.org || 'my-org';
  const repo = scope.repo || 'my-org/my-repo';
  const workflow = scope.workflow || 'ci.yml';
  const job = scope.job || 'build';
  const mint = `curl -s -X POST ${origin}/api/v1/token \\
  -H "Authorization: Bearer $RECEIVER_READ_TOKEN" -H "Content-Type: application/json" \\
  -d '{"organization":"${org}","repository":"${repo}","workflow":"${workflow}","job":"${job}"}'`;
  const run = `COLLECTOR_PUSH_TOKEN=<token from above> \\
bin/collector --push-endpoint=${origin}/api/v1/metrics`;
  return h('div', { class: 'empty', id: 'empty-state' },
    h('p', {}, h('strong', {}, 'How to add the collector: '),
      'run it as a sidecar of the job (shared PID namespace) with a push token for the job. ',
      'Each run then shows up here when the job ends.'),
    h('p', {}, '1. Mint a push token with the read token:'),
    h('pre', {}, mint),
    h('p', {}, '2. Run the collector next to the job, with the job\'s GITHUB_* variables set:'),
    h('pre', {}, run),
    h('p', { class: 'muted' }, 'See the README for the Kubernetes sidecar form and CGROUP_PROCESS_MAP.'));
}

/** A message in place of the content when a data call failed. */
export function failure(what, error) {
  return h('div', { class: 'empty', role: 'alert' },
    h('p', { class: 'error' }, `Could not load ${what}.`),
    h('p', { class: 'muted' }, error instanceof ApiError ? `${error.status}: ${error.message}` : String(error)));
}

/** A preformatted block with a copy button (clipboard where the browser allows it). */
export function copyBlock(text, id) {
  const pre = h('pre', { class: 'copyable', id }, text);
  const button = h('button', {
    type: 'button',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = 'Copied';
      } catch (ignored) {
        const range = document.createRange();
        range.selectNodeContents(pre);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        button.textContent = 'Selected: press Ctrl+C';
      }
    },
  }, 'Copy');
  return h('div', { class: 'copy-block' }, pre, button);
}

/** Sets the page title and the breadcrumb of the header. */
export function crumbs(title, ...links) {
  document.title = `${title} · runner metrics`;
  const nav = document.getElementById('crumbs');
  if (nav) {
    nav.replaceChildren(...links.flatMap((l) => [' / ', h('a', { href: l.href }, l.text)]));
  }
}
