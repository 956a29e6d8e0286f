// The Key numbers form's number fields and "Patients arriving": a booked class says it
// arrives by appointment (no rate box that can only raise "give exactly one of perDay,
// perWeek or appointments"); an empty rate box asks for its number; "0x10" and "1e-400"
// are refused as typed. Rendered with the real check's messages.
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { FormContext, type FormApi } from '../../ui/src/features/scenario-editor/form-context.tsx';
import { ArrivalsSection, appointmentWords } from '../../ui/src/features/scenario-editor/sections/ArrivalsSection.tsx';
import { NumberField } from '../../ui/src/features/scenario-editor/fields.tsx';
import { formatPath } from '../../scenarios/errors.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';

const clinic = () => parse(readFileSync(new URL('../../scenarios/library/teaching-clinic.yaml', import.meta.url), 'utf8')) as any;

function render(d: any, node: (props: any) => ReturnType<typeof ArrivalsSection>, props: object = {}): string {
  const r = parseScenario(d);
  const messages = new Map(r.ok ? [] : r.issues.map((i) => [formatPath(i.path), i.message] as [string, string]));
  const api: FormApi = { doc: d, set: () => {}, messages };
  return renderToStaticMarkup(createElement(FormContext.Provider, { value: api }, createElement(node, props)));
}

describe('Patients arriving', () => {
  test('a booked class arrives by appointment: its slots in words, no rate box', () => {
    const html = render(clinic(), ArrivalsSection);
    expect(html).toContain('Arrives by appointment: Mon–Fri 09:00–10:00 every 6 minutes; Mon–Fri 10:00–12:00 every 15 minutes (the slots are changed in the advanced editor).');
    expect(html).not.toContain('id="f-classes-0-arrivals-perDay"');
    expect(html).not.toContain('give exactly one of');
    // The walk-ins keep their weekly rate.
    expect(html).toMatch(/<label for="f-classes-1-arrivals-perWeek">Arrivals per week<\/label><input id="f-classes-1-arrivals-perWeek"[^>]*value="30"/);
  });

  test('slots in words: days, several patients a time', () => {
    expect(appointmentWords({ slots: [{ days: ['mon', 'wed', 'fri'], start: '14:00', end: '16:00', everyMinutes: 20, perSlot: 2 }, { days: ['sat', 'sun'], start: '09:00', end: '10:00', everyMinutes: 10 }] }))
      .toBe('Arrives by appointment: Mon, Wed, Fri 14:00–16:00 every 20 minutes, 2 patients each time; Sat, Sun 09:00–10:00 every 10 minutes (the slots are changed in the advanced editor).');
  });

  test('an empty rate asks for its number, not for "exactly one of perDay, perWeek or appointments"', () => {
    const d = clinic();
    d.classes[1].arrivals = { byHour: d.classes[1].arrivals.byHour };
    const r = parseScenario(d);
    expect(r.ok ? [] : r.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)).toContain('classes[1].arrivals.perDay: give exactly one of perDay, perWeek or appointments');
    const html = render(d, ArrivalsSection);
    expect(html).toContain('<span class="field__error" id="f-classes-1-arrivals-perDay-error" role="alert">required: how many arrive a day, on average</span>');
    expect(html).not.toContain('give exactly one of');
  });
});

describe('NumberField', () => {
  const field = (value: unknown) => {
    const d = clinic();
    d.time.horizonDays = value;
    return render(d, NumberField, { path: ['time', 'horizonDays'], label: 'Length of each run (days)' });
  };

  test('"0x10" is not 16: refused, quoting what was typed', () => {
    const html = field('0x10');
    expect(html).toContain('value="0x10"');
    expect(html).toContain('role="alert">expected a number written with digits (such as 12, 0.5 or 1e3), got &quot;0x10&quot;</span>');
  });

  test('"1e-400" is not "got 0"', () => {
    const html = field('1e-400');
    expect(html).toContain('role="alert">expected a number, got &quot;1e-400&quot;: too close to 0 to hold</span>');
    expect(html).not.toContain('got 0');
  });

  test('a sound number has no message', () => {
    expect(field(28)).not.toContain('role="alert"');
  });
});
