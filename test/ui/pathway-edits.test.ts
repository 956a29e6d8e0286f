// Pathway edits made on the diagram: a step added after another, a step moved earlier or
// later. A move keeps every branch and readmission target valid (targets are step ids) and
// is refused, with a reason, when it would make the pathway wrong.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { addStepAfter, followStepRename, moveStep, moveStepTo, targetsOf } from '../../ui/src/lib/pathway-edits.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';

type Obj = Record<string, unknown>;
const files = readdirSync(new URL('../../scenarios/library/', import.meta.url)).filter((f) => f.endsWith('.yaml'));
const library = (name: string) => parse(readFileSync(new URL(`../../scenarios/library/${name}`, import.meta.url), 'utf8')) as Obj;
const ids = (doc: Obj, pid: string) => ((doc.pathways as Record<string, Obj[]>)[pid]).map((s) => s.id);

describe('addStepAfter', () => {
  test('a new stay after a step, with an id of its own, and its path to open it', () => {
    const doc = library('hyperacute-stroke.yaml');
    const r = addStepAfter(doc, 'hasu', 2);
    if (!r.ok) throw new Error(r.reason);
    expect(ids(r.doc, 'hasu')).toEqual(['assess', 'ct', 'review', 'stay-2', 'decide', 'lyse', 'admit', 'stay', 'home']);
    expect(r.path).toEqual(['pathways', 'hasu', 3]);
    expect(parseScenario(r.doc).ok).toBe(true);
    // The original document is not changed.
    expect(ids(doc, 'hasu')).toHaveLength(8);
  });

  test('first in an empty pathway; refused past the end or with a taken id', () => {
    const doc = { pathways: { stroke: [] } };
    const r = addStepAfter(doc, 'stroke', -1);
    expect(r.ok && ids(r.doc, 'stroke')).toEqual(['stay']);
    expect(addStepAfter(doc, 'stroke', 3)).toEqual({ ok: false, reason: 'pathway ‘stroke’ has no step 4' });
    const twice = addStepAfter(library('winter-dgh.yaml'), 'medical', 0, { id: 'stay', do: 'stay', duration: { dist: 'deterministic', value: 1 } });
    expect(twice).toEqual({ ok: false, reason: 'pathway ‘medical’ already has a step ‘stay’' });
  });
});

describe('moveStep', () => {
  test('a task moved later: the branch still names its targets', () => {
    const r = moveStep(library('ed-skill-mix.yaml'), 'majors', 1, 1);
    if (!r.ok) throw new Error(r.reason);
    expect(ids(r.doc, 'majors').slice(0, 3)).toEqual(['triage', 'workup', 'assess']);
    expect(r.path).toEqual(['pathways', 'majors', 2]);
  });

  test('dragged several places at once: one move, the same checks', () => {
    const doc = library('winter-dgh.yaml');
    const r = moveStepTo(doc, 'medical', 0, 2);
    expect(r.ok && ids(r.doc, 'medical')).toEqual(['admit', 'stay', 'workup', 'fit', 'home']);
    expect(moveStepTo(doc, 'medical', 4, 1)).toEqual({ ok: false, reason: 'no patient would reach ‘admit’: it would come after the discharge and no branch leads to it' });
    expect(moveStepTo(doc, 'medical', 2, 2)).toEqual({ ok: true, doc, path: ['pathways', 'medical', 2] });
  });

  test('refused at either end, and past the discharge where no branch leads', () => {
    const doc = library('ed-skill-mix.yaml');
    expect(moveStep(doc, 'majors', 0, -1)).toEqual({ ok: false, reason: '‘triage’ is already the first step' });
    expect(moveStep(doc, 'majors', 8, 1)).toEqual({ ok: false, reason: '‘home’ is already the last step' });
    expect(moveStep(doc, 'majors', 8, -1)).toEqual({ ok: false, reason: 'no patient would reach ‘leave’: it would come after the discharge and no branch leads to it' });
  });

  test('refused when the check would find a new problem (a branch moved past its own target: a loop without time)', () => {
    const r = moveStep(library('ed-skill-mix.yaml'), 'majors', 3, 1);
    expect(r).toEqual({ ok: false, reason: 'moving ‘decide’ would make the pathway wrong: steps "admit" → "decide" → "admit" can go round without time passing (only branches, admissions and zero durations in the loop): a patient could circle for ever at one instant' });
  });

  test.each(files)('%s: every move is refused with a reason or leaves a valid scenario with the same steps and targets', (file) => {
    const doc = library(file);
    const pathways = Object.keys((doc.pathways ?? {}) as Obj);
    if (pathways.length === 0) return;
    fc.assert(fc.property(fc.constantFrom(...pathways), fc.nat(20), fc.constantFrom(-1, 1), (pid, i, by) => {
      const steps = (doc.pathways as Record<string, Obj[]>)[pid];
      const index = i % steps.length;
      const r = moveStep(doc, pid, index, by);
      if (!r.ok) { expect(r.reason.length).toBeGreaterThan(10); return; }
      const moved = (r.doc.pathways as Record<string, Obj[]>)[pid];
      expect([...moved].map((s) => s.id).sort()).toEqual(steps.map((s) => s.id).sort());
      for (const s of moved) for (const t of targetsOf(s)) expect(moved.map((x) => x.id)).toContain(t);
      expect(parseScenario(r.doc).ok).toBe(true);
    }), { numRuns: 25 });
  });
});

describe('followStepRename', () => {
  const renamed = (doc: Obj, pid: string, index: number, to: string): Obj => {
    const steps = (doc.pathways as Record<string, Obj[]>)[pid].map((s, i) => (i === index ? { ...s, id: to } : s));
    return { ...doc, pathways: { ...(doc.pathways as Obj), [pid]: steps } };
  };

  test('branch options, rules, otherwise, readmission, a rule timed since the step and a measure follow the new id', () => {
    const doc: Obj = {
      pathways: { p: [
        { id: 'triage', do: 'task' },
        { id: 'decide', do: 'branch', options: [{ to: 'triage', probability: 0.1 }],
          rules: [{ if: { timeSince: { step: 'triage' }, under: 4, unit: 'hours' }, to: 'triage' }, { ifAll: [{ timeSince: { step: 'triage', at: 'finished' }, over: 1 }], to: 'out' }],
          otherwise: 'triage' },
        { id: 'back', do: 'readmit', to: 'triage', probability: 0.1 },
        { id: 'out', do: 'discharge' },
      ], q: [{ id: 'triage', do: 'task' }] },
      measures: [{ id: 'm', pathway: 'p', from: { step: 'triage' }, to: 'departure' }, { id: 'n', pathway: 'q', from: { step: 'triage' }, to: 'departure' }],
    };
    const r = followStepRename(renamed(doc, 'p', 0, 'assess'), 'p', 'triage', 'assess');
    expect(r.count).toBe(7);
    const [, decide, back] = (r.doc.pathways as Record<string, Obj[]>).p;
    expect(decide).toEqual({ id: 'decide', do: 'branch', options: [{ to: 'assess', probability: 0.1 }],
      rules: [{ if: { timeSince: { step: 'assess' }, under: 4, unit: 'hours' }, to: 'assess' }, { ifAll: [{ timeSince: { step: 'assess', at: 'finished' }, over: 1 }], to: 'out' }],
      otherwise: 'assess' });
    expect(back.to).toBe('assess');
    // Another pathway's step of the same name, and its measure, are not touched.
    expect((r.doc.pathways as Record<string, Obj[]>).q[0].id).toBe('triage');
    expect(r.doc.measures).toEqual([{ id: 'm', pathway: 'p', from: { step: 'assess' }, to: 'departure' }, { id: 'n', pathway: 'q', from: { step: 'triage' }, to: 'departure' }]);
  });

  test('nothing is redirected onto an id another step has, or while the old id is still a step', () => {
    const doc: Obj = { pathways: { p: [{ id: 'a', do: 'task' }, { id: 'b', do: 'branch', options: [{ to: 'a', probability: 1 }] }, { id: 'c', do: 'discharge' }] } };
    expect(followStepRename(renamed(doc, 'p', 0, 'c'), 'p', 'a', 'c').count).toBe(0);
    expect(followStepRename(doc, 'p', 'a', 'b').count).toBe(0);
    expect(followStepRename(renamed(doc, 'p', 0, ''), 'p', 'a', '').count).toBe(0);
  });

  test.each(files)('%s: any step renamed to a fresh id, with its references following, still passes the check', (file) => {
    const doc = library(file);
    const pathways = Object.keys((doc.pathways ?? {}) as Obj);
    if (pathways.length === 0 || !parseScenario(doc).ok) return;
    for (const pid of pathways) {
      (doc.pathways as Record<string, Obj[]>)[pid].forEach((st, i) => {
        const r = followStepRename(renamed(doc, pid, i, `${String(st.id)}-renamed`), pid, String(st.id), `${String(st.id)}-renamed`);
        const check = parseScenario(r.doc);
        expect(check.ok ? [] : check.issues.map((x) => x.message), `${pid}/${String(st.id)}`).toEqual([]);
      });
    }
  });
});
