/**
 * An execution graph as Graphviz DOT (`ordo graph`, `ordo why -o`). Our code writes the DOT;
 * image.ts lays it out. The picture follows the litmus papers:
 *
 * - the initial writes in a row on top (dashed), then one column per thread (a cluster), its events in
 *   program order, each labelled `W DATA=42 rlx` over `L8: DATA.store(42, Relaxed)`;
 * - edges: po (black, between consecutive events; `rmw` between the two halves of an RMW),
 *   rf (green), mo (blue, between consecutive writes), and on request sw (purple) and hb
 *   (grey, dashed); data races in red, both ways;
 * - `ordo why` highlights a cycle: its events filled, its edges thick orange and numbered.
 *
 * Only po decides the layout (every other edge has `constraint=false`), so the columns stay in
 * program order however the values flow. The output depends on nothing but the input: the DOT
 * golden tests compare it byte for byte.
 */
import type { GraphSnapshot, SnapshotEvent } from '../../report/types.js';
import type { Edge, ExecutionView } from '../../explain/execution-view.js';

/** Derived relations `--show` can add. */
export const SHOWABLE = ['sw', 'hb'] as const;
export type Showable = (typeof SHOWABLE)[number];

/** A step of an explanation cycle (`why`), between snapshot ids. */
export interface HighlightStep {
  readonly from: number;
  readonly to: number;
  readonly rel: string;
}

export interface DotOptions {
  /** Shown on top of the picture. */
  readonly title: string;
  readonly show: ReadonlySet<Showable>;
  /** A cycle (or edge) to highlight. */
  readonly highlight?: readonly HighlightStep[];
}

// Courier: Graphviz sizes boxes with Courier's metrics, which every monospace font shares
const FONT = 'Courier';
const COLORS = {
  rf: '#2e7d32',
  mo: '#1565c0',
  sw: '#6a1b9a',
  hb: '#757575',
  race: '#c62828',
  highlight: '#e65100',
  highlightFill: '#ffe0b2',
  initFill: '#f5f5f5',
} as const;

interface DotEdge {
  readonly from: number;
  readonly to: number;
  /** The relation drawn (`po`, `rmw`, `rf`, ...), or null for a layout-only edge. */
  readonly rel: string | null;
  attrs: Record<string, string>;
}

export function renderDot(view: ExecutionView, options: DotOptions): string {
  const g = view.graph;
  const highlight = options.highlight ?? [];
  const inCycle = new Set(highlight.flatMap((s) => [s.from, s.to]));
  const out: string[] = [];
  out.push('digraph "execution" {');
  out.push(`  graph [fontname=${quote(FONT)}, fontsize=12, labelloc=t, label=${quote(options.title)}, nodesep=0.5, ranksep=0.4, newrank=true];`);
  out.push(`  node [shape=box, style=rounded, fontname=${quote(FONT)}, fontsize=10, margin="0.12,0.05"];`);
  out.push(`  edge [fontname=${quote(FONT)}, fontsize=9, arrowsize=0.7];`);

  const node = (e: SnapshotEvent): string => {
    const fill = inCycle.has(e.id) ? `, style="rounded,filled", fillcolor=${quote(COLORS.highlightFill)}, penwidth=2` : e.thread < 0 ? `, style="rounded,filled,dashed", fillcolor=${quote(COLORS.initFill)}` : '';
    return `    e${e.id} [label=${quote(eventLabel(e))}${fill}];`;
  };
  const inits = g.events.filter((e) => e.thread < 0);
  // the initial writes in a row on top; not in a cluster box, which would let Graphviz reorder
  // the thread columns
  for (const e of inits) out.push(node(e).slice(2));
  g.threads.forEach((name, t) => {
    const evs = g.events.filter((e) => e.thread === t);
    out.push(`  subgraph cluster_t${t} {`);
    out.push(`    label=${quote(name)};`);

    // a thread with no memory event still gets its column
    if (evs.length === 0) out.push(`    t${t}_empty [label=${quote('(no memory access)')}, shape=plaintext];`);
    for (const e of evs) out.push(node(e));
    out.push('  }');
  });

  // left to right: the initial writes by location, the threads in order (flat invisible edges
  // within one rank keep their order)
  // an invisible head above each column, outside the clusters (dot keeps the order of flat edges
  // between nodes outside clusters, not between clusters)
  g.threads.forEach((_, t) => out.push(`  h${t} [label="", shape=point, style=invis, width=0];`));
  const rows = [inits.map((e) => `e${e.id}`), g.threads.map((_, t) => `h${t}`)];
  for (const row of rows) {
    if (row.length < 2) continue;
    out.push(`  { rank=same; ${row.map((n) => `${n};`).join(' ')} }`);
    out.push(`  ${row.join(' -> ')} [style=invis];`);
  }

  const edges: DotEdge[] = [];
  const add = (from: number, to: number, rel: string | null, attrs: Record<string, string>): void => void edges.push({ from, to, rel, attrs });
  // initial writes above each thread's head, the head above its first event, without drawing
  g.threads.forEach((_, t) => {
    const first = g.events.find((e) => e.thread === t);
    for (const i of inits) out.push(`  e${i.id} -> h${t} [style=invis];`);
    out.push(`  h${t} -> ${first ? `e${first.id}` : `t${t}_empty`} [style=invis, weight=1000];`);
  });
  for (let i = 1; i < g.events.length; i++) {
    const a = g.events[i - 1]!;
    const b = g.events[i]!;
    if (a.thread < 0 || a.thread !== b.thread) continue;
    const rmw = a.kind === 'R' && a.rmw && b.kind === 'W' && b.rmw;
    add(a.id, b.id, rmw ? 'rmw' : 'po', rmw ? { label: 'rmw', style: 'bold', weight: '10' } : { weight: '10' });
  }
  const side = (color: string, label: string, extra: Record<string, string> = {}): Record<string, string> => ({ label, color, fontcolor: color, constraint: 'false', ...extra });
  for (const e of g.events) if (e.rf !== null) add(e.rf, e.id, 'rf', side(COLORS.rf, 'rf'));
  for (const m of g.mo) for (let i = 1; i < m.writes.length; i++) add(m.writes[i - 1]!, m.writes[i]!, 'mo', side(COLORS.mo, 'mo'));
  if (options.show.has('sw')) for (const [a, b] of view.sw) add(a, b, 'sw', side(COLORS.sw, 'sw', { style: 'bold' }));
  if (options.show.has('hb')) for (const [a, b] of view.hb) add(a, b, 'hb', side(COLORS.hb, 'hb', { style: 'dashed' }));
  for (const [a, b] of view.races) add(a, b, 'race', side(COLORS.race, 'race', { dir: 'both', penwidth: '2', style: 'bold' }));
  applyHighlight(edges, highlight, add);

  for (const e of edges) out.push(`  e${e.from} -> e${e.to} [${Object.entries(e.attrs).map(([k, v]) => `${k}=${quote(v)}`).join(', ')}];`);
  out.push('}');
  return out.join('\n') + '\n';
}

/** Restyles the drawn edges a cycle runs along, and adds the steps no drawn edge carries. */
function applyHighlight(edges: DotEdge[], steps: readonly HighlightStep[], add: (from: number, to: number, rel: string, attrs: Record<string, string>) => void): void {
  steps.forEach((s, i) => {
    const style = { color: COLORS.highlight, fontcolor: COLORS.highlight, penwidth: '2.5', label: `${i + 1}: ${s.rel}` };
    // the two halves of an RMW are po-adjacent: a po step between them runs along the rmw edge
    const drawn = edges.find((e) => e.from === s.from && e.to === s.to && (e.rel === s.rel || (e.rel === 'rmw' && s.rel === 'po')));
    if (drawn) Object.assign(drawn.attrs, style);
    else add(s.from, s.to, s.rel, { ...style, constraint: 'false' });
  });
}

/** `W DATA=42 rlx` over `L8: DATA.store(42, Relaxed)`; `DATA = 0` for an initial write. */
export function eventLabel(e: SnapshotEvent): string {
  if (e.thread < 0) return `${e.location} = ${e.value}`;
  const head = e.kind === 'F' ? `F ${e.mode}` : `${e.kind} ${e.location}=${e.value} ${e.mode}`;
  return e.line > 0 ? `${head}\nL${e.line}: ${e.text}` : head;
}

/** A DOT double-quoted string; `\n` breaks the line (centred). */
function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** For tests and callers that draw a whole snapshot without derived relations. */
export function plainView(graph: GraphSnapshot): ExecutionView {
  return { graph, sw: [] as Edge[], hb: [] as Edge[], races: [] as Edge[] };
}
