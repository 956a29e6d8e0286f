// The options panel offers "Add an option" up to the schema's limit of options, and past it
// says why there is no button (the check refuses a 51st at `variants`).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { VariantsPanel } from '../../ui/src/features/scenario-editor/VariantsPanel.tsx';
import { MAX_VARIANTS } from '../../scenarios/schema/variant.ts';

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
