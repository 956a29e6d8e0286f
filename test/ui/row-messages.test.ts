// A check's message about a whole entry rather than one of its fields (two sessions of a
// theatre overlapping, a role with both shifts and count, a season's ranges overlapping,
// steps that loop at one instant) is said under the entry's row in the form, so the
// toolbar's "marked in red" is true of it too. The messages come from the real check.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { FormContext, type FormApi } from '../../ui/src/features/scenario-editor/form-context.tsx';
import { SiteSection } from '../../ui/src/features/scenario-editor/sections/SiteSection.tsx';
import { formatPath } from '../../scenarios/errors.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';

function doc(): any {
  return {
    id: 'rows', title: 'rows', time: { horizonDays: 7 },
    sites: [{
      id: 'dgh', wards: [{ id: 'ward', beds: 4 }],
      theatres: [{ id: 'th1', sessions: [{ days: ['mon'], start: '08:00', end: '12:00' }, { days: ['mon'], start: '11:00', end: '14:00' }] }],
      staff: [{ role: 'nurse', skills: ['care'], count: 2, shifts: [{ days: ['mon'], start: '08:00', end: '16:00', count: 1 }] }],
    }],
    classes: [{ id: 'c', site: 'dgh', arrivals: { perDay: 2 }, pathway: 'p' }],
    pathways: { p: [{ id: 'in', do: 'admit', ward: 'ward' }, { id: 'stay', do: 'stay', duration: { dist: 'exponential', mean: 1, unit: 'days' } }, { id: 'out', do: 'discharge' }] },
  };
}

function render(d: any): string {
  const r = parseScenario(d);
  const messages = new Map(r.ok ? [] : r.issues.map((i) => [formatPath(i.path), i.message] as [string, string]));
  const api: FormApi = { doc: d, set: () => {}, messages };
  return renderToStaticMarkup(createElement(FormContext.Provider, { value: api }, createElement(SiteSection, { si: 0 })));
}

describe('messages about a whole entry, under its row', () => {
  test('two sessions of a theatre overlapping, and a role with both shifts and count', () => {
    const html = render(doc());
    expect(html).toMatch(/<p class="field__error row-message" role="alert" id="f-sites-0-theatres-0-sessions-1-error">overlaps sessions\[0\] \(08:00-12:00\) on mon/);
    expect(html).toMatch(/id="f-sites-0-staff-0-error">role &quot;nurse&quot;: give exactly one of shifts/);
  });

  test('none when the entries are sound', () => {
    const d = doc();
    d.sites[0].theatres[0].sessions[1].start = '12:00';
    delete d.sites[0].staff[0].count;
    expect(render(d)).not.toContain('row-message');
  });
});
