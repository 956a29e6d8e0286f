// The options panel offers "Add an option" up to the schema's limit of options, and past it
// says why there is no button (the check refuses a 51st at `variants`).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { VariantsPanel } from '../../ui/src/features/scenario-editor/VariantsPanel.tsx';
import { MAX_VARIANTS } from '../../scenarios/schema/variant.ts';
import { readsAsBaseline } from '../../ui/src/lib/variant-words.ts';

const withOptions = (n: number) => ({ id: 's', title: 's', variants: Array.from({ length: n }, (_, i) => ({ id: `o${i}`, name: `Option ${i}`, patch: {} })) });
const render = (n: number) => renderToStaticMarkup(createElement(VariantsPanel, { doc: withOptions(n), target: 'baseline', onTarget: () => {}, onChange: () => {} }));

describe('VariantsPanel', () => {
  test(`"Add an option" up to ${MAX_VARIANTS} options, then why not`, () => {
    expect(render(MAX_VARIANTS - 1)).toContain('>Add an option</button>');
    expect(render(MAX_VARIANTS - 1)).not.toContain('at most');
    const full = render(MAX_VARIANTS);
    expect(full).not.toContain('Add an option');
    expect(full).toContain(`A scenario has at most ${MAX_VARIANTS} options (each is checked and run as a scenario of its own): remove one to add another.`);
  });
});

describe('an option named as the baseline', () => {
  // "Baseline (as now)" was accepted as an option's name: two radios then read the same.
  test('names that read as the baseline\'s are refused, others kept', () => {
    for (const n of ['Baseline', 'baseline (as now)', '  Baseline  (As Now) ', 'As now', 'the baseline']) expect(readsAsBaseline(n), n).toBe(true);
    for (const n of ['Baseline plus ten beds', 'Ten more beds', 'Now with escalation']) expect(readsAsBaseline(n), n).toBe(false);
  });
  test('an option renamed so is marked at its name', () => {
    const doc = { id: 's', title: 's', variants: [{ id: 'o1', name: 'Baseline (as now)', patch: {} }] };
    const html = renderToStaticMarkup(createElement(VariantsPanel, { doc, target: 'o1', onTarget: () => {}, onChange: () => {} }));
    expect(html).toContain('reads as the baseline&#x27;s name (Baseline (as now)): give this option a name of its own');
    expect(html).toContain('aria-invalid="true"');
  });
});
