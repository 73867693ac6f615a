/**
 * The JSON format: one document for the whole batch, following docs/report.schema.json
 * (documented in docs/json.md). `version` changes only when a field changes meaning or goes
 * away; new fields may appear within a version, so readers must ignore what they do not know.
 */
import type { Diagnostic } from '../../diagnostics/index.js';
import type { AccessRef, Report, Witness } from '../../report/types.js';
import type { FileResult } from '../pool/task.js';
import type { Sink, SinkContext, Tally } from './sink.js';
import { expectationText, statusReasons } from './words.js';

/** The schema's version; bump on any incompatible change, and say so in docs/json.md. */
export const JSON_SCHEMA_VERSION = 1;

type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

export function jsonSink(ctx: SinkContext): Sink {
  const files: Json[] = [];
  return {
    file(f) {
      files.push(fileJson(f));
    },
    notRun(file) {
      files.push({ file, status: 'not-run', name: null, runs: [], diagnostics: [], internalError: null });
    },
    end(t, pathProblems) {
      const doc = {
        format: 'ordo-run',
        version: JSON_SCHEMA_VERSION,
        ordo: ctx.version,
        summary: summaryJson(t),
        inputErrors: pathProblems.map(diagnosticJson),
        files,
      };
      ctx.write(`${JSON.stringify(doc, null, 2)}\n`);
    },
  };
}

function summaryJson(t: Tally): Json {
  return { files: t.files, runs: t.runs, passed: t.passed, failed: t.failed, incomplete: t.incomplete, errors: t.errors, notRun: t.notRun, timeMs: round(t.elapsedMs) };
}

export function fileJson(f: FileResult): Json {
  switch (f.kind) {
    case 'checked':
      return { file: f.file, status: f.status, name: f.name, runs: f.reports.map((r) => runJson(r, f.expectationLines)), diagnostics: [], internalError: null };
    case 'invalid':
      return { file: f.file, status: 'error', name: null, runs: [], diagnostics: f.diagnostics.map(diagnosticJson), internalError: null };
    case 'crashed':
      return { file: f.file, status: 'error', name: null, runs: [], diagnostics: [], internalError: f.message };
    default: {
      const never: never = f;
      throw new Error(`unknown result ${String(never)}`);
    }
  }
}

function runJson(r: Report, lines: Readonly<Record<number, number>>): Json {
  const c = r.counts;
  return {
    model: r.model,
    mode: r.mode,
    status: r.status,
    reasons: statusReasons(r),
    variables: [...r.variables],
    condition: r.condition ? { quantifier: r.condition.quantifier, text: r.condition.text, herd: r.condition.herdText } : null,
    states: r.outcomes.map((o) => ({
      values: Object.fromEntries(r.variables.map((v, i) => [v, o.values[i]!])),
      executions: o.executions,
      satisfies: o.satisfies,
      witness: o.witness === null ? null : witnessJson(o.witness),
    })),
    verdict: r.verdict,
    observation: r.observation,
    positive: r.positive,
    negative: r.negative,
    races: r.races.map((x) => ({
      location: x.first.location,
      first: accessJson(x.first),
      second: accessJson(x.second),
      executions: x.executions,
      fix: x.fix,
      witness: witnessJson(x.witness),
    })),
    assertionFailures: r.faults.map((x) => ({
      kind: x.kind,
      thread: x.threadName,
      line: x.line,
      column: x.column,
      text: x.text,
      message: x.message,
      executions: x.executions,
      witness: witnessJson(x.witness),
    })),
    blocked: c.blocked,
    cut: c.cut,
    stops: r.stops.map((s) => ({ kind: s.kind, reason: s.reason, thread: s.threadName, line: s.line, text: s.text, executions: s.executions })),
    executions: { explored: c.complete + c.blocked + c.cut + c.faulted + c.filtered, complete: c.complete, blocked: c.blocked, cut: c.cut, faulted: c.faulted, filtered: c.filtered },
    complete: r.complete,
    stoppedBy: r.stoppedBy,
    settled: r.settled,
    expectations: r.expectations.map((e) => ({
      expected: expectationText(e.expectation),
      model: e.expectation.model,
      mode: e.expectation.mode,
      observation: e.expectation.observation,
      race: e.expectation.race,
      fault: e.expectation.fault,
      line: lines[e.expectation.id] ?? null,
      holds: e.holds,
      reasons: [...e.reasons],
    })),
    timeMs: round(r.elapsedMs),
  };
}

function accessJson(a: AccessRef): Json {
  return { thread: a.threadName, line: a.line, column: a.column, text: a.text, op: a.op, mode: a.mode, location: a.location };
}

function witnessJson(w: Witness): Json {
  return {
    kind: w.kind,
    steps: w.steps.map((s) => ({
      thread: s.threadName,
      line: s.line,
      text: s.text,
      kind: s.kind,
      location: s.location,
      mode: s.mode,
      value: s.value,
      written: s.written,
      readsFrom: s.readsFrom === null ? null : s.readsFrom.init ? 'init' : { thread: s.readsFrom.threadName, line: s.readsFrom.line },
      stale: s.stale,
    })),
    stops: w.stops.map((s) => ({ thread: s.threadName, kind: s.kind, line: s.line, text: s.text, message: s.message })),
  };
}

export function diagnosticJson(d: Diagnostic): Json {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: d.file,
    line: d.start?.line ?? null,
    column: d.start?.column ?? null,
    endLine: d.end?.line ?? null,
    endColumn: d.end?.column ?? null,
    label: d.label ?? null,
    help: [...(d.help ?? [])],
    notes: [...(d.notes ?? [])],
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
