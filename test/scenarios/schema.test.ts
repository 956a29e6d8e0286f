// Every kind of mistake in a scenario is reported with its path, what was expected and
// what came (STYLE.md). Messages are pinned: they are the user interface.
import { describe, expect, test } from 'vitest';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { smallScenario } from './scenario-fixture.ts';
import fc from 'fast-check';

/** A copy of `doc` with `value` at `path` (creating objects on the way). */
function setAt(doc: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  const at = typeof doc === 'object' && doc !== null ? doc : {};
  const copy: any = Array.isArray(at) ? [...at] : { ...at };
  copy[k] = setAt((at as any)[k], rest, value);
  return copy;
}
import { KPI_METRICS } from '../../scenarios/kpis/catalogue.ts';

function check(edit: (s: any) => void): string {
  const s = smallScenario();
  edit(s);
  const r = parseScenario(s);
  return r.ok ? 'ok' : formatIssues(r.issues);
}

describe('scenario schema', () => {
  test('the small scenario is valid', () => {
    expect(check(() => {})).toBe('ok');
  });

  test('a field out of range', () => {
    expect(check((s) => { s.sites[0].wards[1].beds = 0; })).toMatchInlineSnapshot(`"  ✖ sites[0].wards[1].beds: expected an integer ≥ 1, got 0"`);
  });

  test('a class names an unknown site or pathway', () => {
    expect(check((s) => { s.classes[0].site = 'gh'; s.classes[1].pathway = 'knee'; })).toMatchInlineSnapshot(`
      "  ✖ classes[0].site: unknown site "gh" (known: dgh)
        ✖ classes[1].pathway: unknown pathway "knee" (known: ed, hip)"
    `);
  });

  test('a step names an unknown ward, place or theatre', () => {
    expect(check((s) => { s.pathways.ed[2].ward = 'surgical'; s.pathways.ed[0].place = 'majors'; s.pathways.hip[1].theatre = 'th9'; })).toMatchInlineSnapshot(`
      "  ✖ pathways.ed[0].place: unknown place "majors" at site "dgh" (known: cubicles, medical, hub)
        ✖ pathways.ed[2].ward: unknown ward "surgical" at site "dgh" (known: cubicles, medical, hub)
        ✖ pathways.hip[1].theatre: unknown theatre "th9" at site "dgh": did you mean "th1"? (known: th1)"
    `);
  });

  test('a step needs a skill no role at the site has', () => {
    expect(check((s) => { s.pathways.ed[0].skill = 'treat-minor'; })).toMatchInlineSnapshot(`"  ✖ pathways.ed[0].skill: no role at site "dgh" has skill "treat-minor" (skills: treat, operate)"`);
  });

  test('a queue limit: an integer ≥ 0, on a task with a place or on an admit', () => {
    expect(check((s) => { s.pathways.ed[0].queueLimit = 0; s.pathways.ed[2].queueLimit = 3; })).toBe('ok');
    expect(check((s) => { s.pathways.ed[0].queueLimit = -1; s.pathways.ed[2].queueLimit = 1.5; })).toMatchInlineSnapshot(`
      "  ✖ pathways.ed[0].queueLimit: expected an integer ≥ 0, got -1
        ✖ pathways.ed[2].queueLimit: expected an integer, got 1.5"
    `);
    expect(check((s) => { delete s.pathways.ed[0].place; s.pathways.ed[0].queueLimit = 2; })).toMatchInlineSnapshot(`"  ✖ pathways.ed[0].queueLimit: task "see" has no place: queueLimit limits the line for the task's place"`);
    expect(check((s) => { s.pathways.ed[3].queueLimit = 2; })).toMatchInlineSnapshot(`"  ✖ pathways.ed[3].queueLimit: unknown field (fields: id, do, duration, season)"`);
  });

  test('a branch target that is not a step of the pathway', () => {
    expect(check((s) => { s.pathways.ed[1].options[0].to = 'ward'; })).toMatchInlineSnapshot(`"  ✖ pathways.ed[1].options[0].to: unknown step "ward" (steps of pathway "ed": see, decide, admit, stay, home)"`);
  });

  test('probabilities not summing to 1', () => {
    expect(check((s) => { s.pathways.ed[1].options[1].probability = 0.7; })).toMatchInlineSnapshot(`"  ✖ pathways.ed[1].options: expected probabilities summing to 1, got 0.9"`);
    expect(check((s) => { s.pathways.ed[1].options[1].probability = 0.8 + 1e-12; })).toBe('ok');
  });

  test('shift and session times: not "HH:MM", or end not after start; "24:00" is allowed', () => {
    expect(check((s) => {
      s.sites[0].staff[1].shifts[0].start = '8am';
      s.sites[0].theatres[0].sessions[0].end = '07:00';
    })).toMatchInlineSnapshot(`
      "  ✖ sites[0].theatres[0].sessions[0].end: expected a time after start ("08:00"), got "07:00" (split a shift that crosses midnight in two)
        ✖ sites[0].staff[1].shifts[0].start: expected a time "HH:MM" from "00:00" to "24:00", got "8am""
    `);
    expect(check((s) => { s.sites[0].staff[1].shifts[0].end = '24:00'; })).toBe('ok');
  });

  test('ring-fencing: a ward fenced for an unknown class, and a class using a ward fenced for another', () => {
    expect(check((s) => { s.sites[0].wards[2].ringFencedFor = ['knee']; })).toMatchInlineSnapshot(`
      "  ✖ sites[0].wards[2].ringFencedFor[0]: unknown class "knee" (known: ed, hip)
        ✖ pathways.hip[0].ward: ward "hub" is ring-fenced for knee; class "hip" may not use it"
    `);
    expect(check((s) => { s.pathways.ed[2].ward = 'hub'; })).toMatchInlineSnapshot(`"  ✖ pathways.ed[2].ward: ward "hub" is ring-fenced for hip; class "ed" may not use it"`);
  });

  test('ids, titles, questions and descriptions have a maximum length, each refused naming its field; the maximum itself is accepted', () => {
    const long = (n: number) => 'a'.repeat(n);
    expect(check((s) => { s.id = long(64); s.title = long(200); s.question = long(1000); s.description = long(20_000); })).toBe('ok');
    expect(check((s) => { s.id = long(65); s.title = long(201); s.question = long(1001); s.description = long(20_001); s.sites[0].wards[1].id = long(100); }).split('\n').filter((l) => !l.includes('unknown ward'))).toEqual([
      '  ✖ id: expected an id of at most 64 characters, got 65',
      '  ✖ title: expected a title of at most 200 characters, got 201',
      '  ✖ sites[0].wards[1].id: expected an id of at most 64 characters, got 100',
      '  ✖ question: expected a question of at most 1,000 characters, got 1001',
      '  ✖ description: expected a description of at most 20,000 characters, got 20001',
    ]);
  });

  test('duplicate ids', () => {
    expect(check((s) => { s.sites[0].wards[1].id = 'cubicles'; s.pathways.ed[3].id = 'admit'; s.classes[1].id = 'ed'; })).toMatchInlineSnapshot(`
      "  ✖ sites[0].wards[1].id: ward "cubicles" is defined twice
        ✖ sites[0].wards[2].ringFencedFor[0]: unknown class "hip" (known: ed)
        ✖ classes[1].id: class "ed" is defined twice
        ✖ pathways.ed[2].ward: unknown ward "medical" at site "dgh" (known: cubicles, hub)
        ✖ pathways.ed[3].id: step "admit" is defined twice
        ✖ pathways.hip[0].ward: ward "hub" is ring-fenced for hip; class "ed" may not use it
        ✖ costs.tariff.hip: unknown class "hip" (known: ed)
        ✖ variants[0].patch.sites.dgh.wards.medical: no ward "medical" to change (known: cubicles, hub; to add a new ward, write its key as "+medical")"
    `);
  });

  test('a variant whose patch makes the scenario invalid is reported under its patch, as the patch addresses it', () => {
    expect(check((s) => { s.variants[0].patch = { sites: { dgh: { wards: { medical: { beds: -2 } }, staff: { nurse: { skills: ['triage'] } } } } }; })).toMatchInlineSnapshot(`"  ✖ variants[0].patch.sites.dgh.wards.medical.beds: expected an integer ≥ 1, got -2 (in the patched scenario)"`);
    expect(check((s) => { s.variants[0].patch = { sites: { dgh: { staff: { nurse: { skills: ['triage'] } } } } }; })).toMatchInlineSnapshot(`"  ✖ variants[0].patch.pathways.ed.see.skill: no role at site "dgh" has skill "treat" (skills: triage, operate) (in the patched scenario)"`);
  });

  test('a variant patch that names no ward is an error with the nearest id, not an empty ward that leaves the variant as the baseline', () => {
    expect(check((s) => { s.variants[0].patch = { sites: { dgh: { wards: { medicl: { beds: 12 } } } } }; })).toMatchInlineSnapshot(`"  ✖ variants[0].patch.sites.dgh.wards.medicl: no ward "medicl" to change: did you mean "medical"? (known: cubicles, medical, hub; to add a new ward, write its key as "+medicl")"`);
    // Said with "+", it adds the ward; what is wrong in it is reported as the patch writes it.
    expect(check((s) => { s.variants[0].patch = { sites: { dgh: { wards: { '+escalation': { beds: 0 } } } } }; })).toMatchInlineSnapshot(`"  ✖ variants[0].patch.sites.dgh.wards["+escalation"].beds: expected an integer ≥ 1, got 0 (in the patched scenario)"`);
    expect(check((s) => { s.variants[0].patch = { sites: { dgh: { wards: { '+escalation': { beds: 6 } } } } }; })).toBe('ok');
  });

  test('every kind of mistake in one pass: schema, cross-references and patches, with "did you mean"', () => {
    expect(check((s) => {
      s.time.warmupDayz = 2;
      s.sites[0].wards[1].beds = 'ten'; // the ward is still known: "admit to medical" is no error
      s.sites[0].staff[0].skils = s.sites[0].staff[0].skills;
      delete s.sites[0].staff[0].skills;
      s.classes[0].priority = 'high';
      s.classes[1].pathway = 'hips';
      s.pathways.ed[1].options[1].to = 'hom';
      s.pathways.ed[2].ward = 'medicl';
      s.pathways.ed[3] = { id: 'stay', do: 'sty', duration: { dist: 'deterministic', value: 2 } };
      s.costs.tariff.hips = 6000;
      s.variants[0].patch = { sites: { dgh: { theatres: { th2: { sessions: [] } } } } };
    })).toMatchInlineSnapshot(`
      "  ✖ time.warmupDayz: unknown field: did you mean "warmupDays"?
        ✖ sites[0].wards[1].beds: expected an integer, got "ten"
        ✖ sites[0].staff[0].skils: unknown field: did you mean "skills"?
        ✖ sites[0].staff[0].skills: missing: expected a list
        ✖ classes[0].priority: expected an integer, got "high"
        ✖ classes[1].pathway: unknown pathway "hips": did you mean "hip"? (known: ed, hip)
        ✖ pathways.ed[1].options[1].to: unknown step "hom": did you mean "home"? (steps of pathway "ed": see, decide, admit, stay, home)
        ✖ pathways.ed[2].ward: unknown ward "medicl" at site "dgh": did you mean "medical"? (known: cubicles, medical, hub)
        ✖ pathways.ed[3].do: expected "do" to be one of task, admit, stay, operate, delay-discharge, branch, readmit, discharge, got "sty": did you mean "stay"?
        ✖ costs.tariff.hips: unknown class "hips": did you mean "hip"? (known: ed, hip)
        ✖ variants[0].patch.sites.dgh.theatres.th2: no theatre "th2" to change: did you mean "th1"? (known: th1; to add a new theatre, write its key as "+th2")"
    `);
  });

  test('whatever a document holds, checking it never throws, and every issue has a path and a message (property)', () => {
    const paths: (string | number)[][] = [
      [], ['sites'], ['sites', 0], ['sites', 0, 'wards'], ['sites', 0, 'wards', 1], ['sites', 0, 'wards', 1, 'id'], ['sites', 0, 'staff', 0],
      ['sites', 0, 'staff', 0, 'skills'], ['sites', 0, 'theatres', 0, 'sessions'], ['classes'], ['classes', 0], ['classes', 1, 'site'],
      ['pathways'], ['pathways', 'ed'], ['pathways', 'ed', 1], ['pathways', 'ed', 1, 'options'], ['pathways', 'hip', 0, 'do'],
      ['costs'], ['costs', 'tariff'], ['kpis'], ['variants'], ['variants', 0], ['variants', 0, 'patch'], ['variants', 0, 'patch', 'sites'],
      ['variants', 0, 'patch', 'sites', 'dgh', 'wards'],
    ];
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 4 }), (edits) => {
      let doc: unknown = smallScenario();
      for (const [path, value] of edits) doc = setAt(doc, path, value);
      const r = parseScenario(doc);
      if (!r.ok) for (const i of r.issues) expect(typeof i.message).toBe('string');
    }), { numRuns: 150 });
  });

  test('what a patient holds along a pathway is checked in the same pass as the schema and the rules', () => {
    const fit = { id: 'fit', do: 'delay-discharge', probability: 1, duration: { dist: 'deterministic', value: 1, unit: 'days' } };
    expect(check((s) => {
      s.sites[0].wards[1].beds = 0; // the ward's id and kind are still read: the walk goes on
      s.costs.tariff.hips = 6000;
      s.pathways.ed.splice(3, 0, { id: 'again', do: 'admit', ward: 'medical' });
      s.pathways.hip.unshift(fit);
    })).toMatchInlineSnapshot(`
      "  ✖ sites[0].wards[1].beds: expected an integer ≥ 1, got 0
        ✖ pathways.ed[3].ward: class "ed" already has a bed on ward "medical" here
        ✖ pathways.hip[0]: class "hip" has no ward bed at delay-discharge "fit"; admit first
        ✖ costs.tariff.hips: unknown class "hips": did you mean "hip"? (known: ed, hip)"
    `);
  });

  test('no verdict on holdings that rests on a field the schema rejected or a rule doubts', () => {
    const fit = { id: 'fit', do: 'delay-discharge', probability: 1, duration: { dist: 'deterministic', value: 1, unit: 'days' } };
    const holding = (edit: (s: any) => void) => check((s) => { s.time.horizonDays = 0; edit(s); }).includes('admit first');
    // fit before the admit: reported; after it: not, unless what the walk reads is in doubt.
    expect(holding((s) => s.pathways.ed.unshift(fit))).toBe(true);
    expect(holding((s) => s.pathways.ed.splice(3, 0, fit))).toBe(false);
    expect(holding((s) => { s.pathways.ed.unshift(fit); s.pathways.ed[4].duration = { dist: 'deterministic' }; })).toBe(false); // a step rejected
    expect(holding((s) => { s.pathways.ed.unshift(fit); s.classes[0].ed = 'yes'; })).toBe(false); // the class's ED clock unread
    expect(holding((s) => { s.pathways.ed.splice(3, 0, fit); s.pathways.ed[2].ward = 'medicl'; })).toBe(false); // an unknown ward
    expect(holding((s) => { s.pathways.ed.splice(3, 0, fit); s.sites[0].wards[1].id = 7; })).toBe(false); // the ward ids unread
  });

  test('a pathway must end with discharge or branch; a task needs a skill or a place', () => {
    expect(check((s) => { s.pathways.hip.pop(); s.pathways.ed[0] = { id: 'see', do: 'task', duration: { dist: 'deterministic', value: 1 } }; })).toMatchInlineSnapshot(`
      "  ✖ pathways.ed[0]: task "see" needs a skill, a place or both (a plain delay is "stay")
        ✖ pathways.hip[2].do: a pathway ends with discharge or branch, got "stay" (patients would walk off the end)"
    `);
  });
});

describe('pathways that could not end (issue 17)', () => {
  test('a loop of steps that takes no time is an error at its first step; a loop through a stay is not', () => {
    expect(check((s) => { s.pathways.ed[1].options[0].to = 'decide'; })).toMatchInlineSnapshot(`"  ✖ pathways.ed[1]: steps "decide" → "decide" can go round without time passing (only branches, admissions and zero durations in the loop): a patient could circle for ever at one instant"`);
    // decide → admit (no time) → stay of zero days → back to decide.
    expect(check((s) => {
      s.pathways.ed[3].duration = { dist: 'deterministic', value: 0 };
      s.pathways.ed.splice(4, 0, { id: 'again', do: 'branch', options: [{ to: 'decide', probability: 1 }] });
    })).toMatch(/^ {2}✖ pathways\.ed\[1\]: steps "decide" → "admit" → "stay" → "again" → "decide" can go round without time passing/);
    // The same loop with a real length of stay takes time at every turn: valid.
    expect(check((s) => { s.pathways.ed.splice(4, 0, { id: 'again', do: 'branch', options: [{ to: 'decide', probability: 0.5 }, { to: 'home', probability: 0.5 }] }); })).toBe('ok');
  });

  test('branches around tasks that keep their place may not multiply the compiled steps beyond 1,000 copies', async () => {
    const { compileVariants } = await import('../../runner/replicate.ts');
    const s = smallScenario();
    s.sites[0].wards.push(...Array.from({ length: 12 }, (_, k) => ({ id: `p${k}`, beds: 2, kind: 'cubicle' })));
    s.pathways.ed = [...Array.from({ length: 12 }, (_, k) => [
      { id: `b${k}`, do: 'branch', options: [{ to: `t${k}`, probability: 0.5 }, { to: `b${k + 1}`, probability: 0.5 }] },
      { id: `t${k}`, do: 'task', place: `p${k}`, keepPlace: true, duration: { dist: 'exponential', mean: 1 } },
    ]).flat(), { id: 'b12', do: 'discharge' }];
    const parsed = parseScenario(s);
    expect(parsed.ok).toBe(true);
    const c = compileVariants((parsed as { ok: true; value: any }).value);
    expect(c.ok ? 'ok' : formatIssues(c.issues)).toMatchInlineSnapshot(`"  ✖ pathways.ed: class "ed" reaches its steps holding more than 1,000 different combinations of places (branches around tasks that keep their place): simplify the pathway, e.g. give places up (keepPlace: false) before branching"`);
  });
});

describe('expected answers (expect: a reference case)', () => {
  const e = { value: 0.8, relTol: 0.01, theory: 'lambda/(c·mu)', source: 'Gross et al.' };

  test('a scenario may carry expected KPI values; run ignores them', () => {
    expect(check((s) => { s.expect = { 'occupancy.mean[dgh/medical]': e, 'wait.mean[dgh/medical]': { ...e, relTol: undefined, absTol: 0.5 } }; })).toBe('ok');
  });

  test('each needs a tolerance, the theory and a source; names are KPI names with a scope, of known metrics the scenario reports', () => {
    expect(check((s) => {
      s.expect = { 'occupancy.mean[dgh/medical]': { value: 0.8, theory: 't', source: 's' }, 'wait.mean[dgh/medical]': { value: 1, relTol: -1, source: 's' } };
    })).toBe([
      '  ✖ expect["occupancy.mean[dgh/medical]"].relTol: give a tolerance: relTol, absTol or both (the larger applies)',
      '  ✖ expect["wait.mean[dgh/medical]"].relTol: expected a number ≥ 0, got -1',
      '  ✖ expect["wait.mean[dgh/medical]"].theory: missing: expected a string',
    ].join('\n'));
    expect(check((s) => { s.expect = { 'occupancy.mean': e, 'occupancy.median[dgh/medical]': e }; })).toBe([
      '  ✖ expect["occupancy.mean"]: expected a KPI name "metric[scope]" as run prints them, e.g. "wait.mean[dgh/majors]", got "occupancy.mean"',
      '  ✖ expect["occupancy.median[dgh/medical]"]: unknown KPI metric "occupancy.median" (known: ' + KPI_METRICS.join(', ') + ')',
    ].join('\n'));
    expect(check((s) => { s.kpis = ['wait.mean']; s.expect = { 'occupancy.mean[dgh/medical]': e }; }))
      .toBe('  ✖ expect["occupancy.mean[dgh/medical]"]: "occupancy.mean" is not among the KPIs this scenario reports (kpis: wait.mean)');
  });
});

test('a gamma whose numbers overflow or underflow its shape or scale is refused at the duration, saying which', () => {
  const gamma = (mean: number, sd: number) => check((s) => { s.pathways.ed[0].duration = { dist: 'gamma', mean, sd, unit: 'minutes' }; });
  expect(gamma(1e-300, 1e-300)).toBe('  ✖ pathways.ed[0].duration: expected a mean and sd whose gamma has a shape (mean/sd)² and a scale sd²/mean both finite and above 0, got shape 1 and scale 0 hours');
  expect(gamma(1e300, 1e-300)).toMatch(/^  ✖ pathways\.ed\[0\]\.duration: expected a mean and sd whose gamma .* got shape Infinity and scale 0 hours$/);
  expect(gamma(10, 3)).toBe('ok');
});
