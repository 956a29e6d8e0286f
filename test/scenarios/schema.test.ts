// Every kind of mistake in a scenario is reported with its path, what was expected and
// what came (STYLE.md). Messages are pinned: they are the user interface.
import { describe, expect, test } from 'vitest';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { smallScenario } from './scenario-fixture.ts';

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
        ✖ pathways.hip[1].theatre: unknown theatre "th9" at site "dgh" (known: th1)"
    `);
  });

  test('a step needs a skill no role at the site has', () => {
    expect(check((s) => { s.pathways.ed[0].skill = 'treat-minor'; })).toMatchInlineSnapshot(`"  ✖ pathways.ed[0].skill: no role at site "dgh" has skill "treat-minor" (skills: treat, operate)"`);
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
      "  ✖ sites[0].staff[1].shifts[0].start: expected a time "HH:MM" from "00:00" to "24:00", got "8am"
        ✖ sites[0].theatres[0].sessions[0].end: expected a time after start ("08:00"), got "07:00" (split a shift that crosses midnight in two)"
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

  test('duplicate ids', () => {
    expect(check((s) => { s.sites[0].wards[1].id = 'cubicles'; s.pathways.ed[3].id = 'admit'; s.classes[1].id = 'ed'; })).toMatchInlineSnapshot(`
      "  ✖ classes[1].id: class "ed" is defined twice
        ✖ sites[0].wards[1].id: ward "cubicles" is defined twice
        ✖ sites[0].wards[2].ringFencedFor[0]: unknown class "hip" (known: ed)
        ✖ pathways.ed[3].id: step "admit" is defined twice
        ✖ pathways.ed[2].ward: unknown ward "medical" at site "dgh" (known: cubicles, hub)
        ✖ pathways.hip[0].ward: ward "hub" is ring-fenced for hip; class "ed" may not use it
        ✖ costs.tariff.hip: unknown class "hip" (known: ed)"
    `);
  });

  test('a variant whose patch makes the scenario invalid is reported under its patch, as the patch addresses it', () => {
    expect(check((s) => { s.variants[0].patch = { sites: { dgh: { wards: { medical: { beds: -2 } }, staff: { nurse: { skills: ['triage'] } } } } }; })).toMatchInlineSnapshot(`"  ✖ variants[0].patch.sites.dgh.wards.medical.beds: expected an integer ≥ 1, got -2 (in the patched scenario)"`);
    expect(check((s) => { s.variants[0].patch = { sites: { dgh: { staff: { nurse: { skills: ['triage'] } } } } }; })).toMatchInlineSnapshot(`"  ✖ variants[0].patch.pathways.ed.see.skill: no role at site "dgh" has skill "treat" (skills: triage, operate) (in the patched scenario)"`);
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
    const { compileVariants } = await import('../../scenarios/run.ts');
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
