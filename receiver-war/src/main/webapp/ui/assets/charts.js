// Chart helpers over uPlot (served from the WAR's webjar: no request leaves the origin).
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { bytes, cores, h } from './common.js';

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** The n-th series colour of the theme (light or dark). */
export const colour = (i) => css(`--series-${(i % 6) + 1}`);

/** Axis values with their units. */
const UNITS = {
  cores: (v) => cores(v).replace(' cores', '').replace(' core', ''),
  bytes: (v) => bytes(v),
};

const LABEL = { cores: 'CPU (cores)', bytes: 'memory' };

const MIB = 1024 * 1024;

/** Tick steps for memory: binary amounts (256 MiB, 1 GiB…), never 1.86 GiB. */
const BYTE_STEPS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]
  .map((m) => m * MIB);

/**
 * A chart in a titled box: x = seconds since the epoch, series = [{label, values, colour, dash,
 * points, kind}] over the same x. The box carries data-series (the labels of the drawn data
 * series, limits and markers excluded) and data-points (x values) so tests can read what was drawn.
 */
export function chart({ id, title, unit, x, series, height = 240 }) {
  const box = h('figure', { class: 'card chart', id, dataset: {
    series: series.filter((s) => s.kind === 'data').map((s) => s.label).join('\n'),
    points: String(x.length),
  } }, h('figcaption', { class: 'chart-title' }, title));
  const grid = css('--line');
  const axisColour = css('--muted');
  const fmt = UNITS[unit];
  const opts = {
    width: 600,
    height,
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.08 : 1] } },
    axes: [
      { stroke: axisColour, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
      {
        stroke: axisColour,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        size: unit === 'bytes' ? 80 : 55,
        incrs: unit === 'bytes' ? BYTE_STEPS : undefined,
        label: LABEL[unit],
        values: (u, values) => values.map(fmt),
      },
    ],
    series: [
      {},
      ...series.map((s) => ({
        label: s.label,
        stroke: s.colour,
        width: s.kind === 'marker' ? 0 : s.kind === 'limit' ? 1.5 : 2,
        dash: s.dash,
        spanGaps: s.kind !== 'marker',
        value: (u, v) => (v === null || v === undefined ? '–' : unit === 'bytes' ? bytes(v) : cores(v)),
        paths: s.kind === 'marker' ? () => null : undefined,
        points: s.kind === 'marker'
          ? { show: true, size: 11, stroke: s.colour, fill: s.colour }
          : { show: s.points ?? x.length < 40, size: 6 },
      })),
    ],
  };
  const plot = new uPlot(opts, [x, ...series.map((s) => s.values)], box);
  const fit = () => plot.setSize({ width: Math.max(260, box.clientWidth - 32), height });
  new ResizeObserver(fit).observe(box);
  return box;
}

/** Aligns several [x, y…] tables on one x axis (gaps as null), as uPlot needs. */
export const join = (tables) => uPlot.join(tables);

/** A constant line (a limit) over x. */
export const constant = (x, value) => x.map(() => value);
