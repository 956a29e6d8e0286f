// The run's warnings, where a manager cannot miss them: above the numbers, grouped by the
// option they concern (those that hold for every option first), serious ones first. The
// table marks the measures each one concerns (KpiTable).
import type { RunResultDoc, RunWarning } from '../../../../scenarios/schema/run-result.ts';
import { optionName } from './chart-data.ts';
import type { NameBook } from '../../lib/kpi-words.ts';
import { warningWords } from '../../lib/warning-words.ts';

const SEVERITY_WORDS = { serious: 'Serious', caution: 'Caution' } as const;

/** Warnings concerning option `variant` (its own and the run's), for the table and the cards. */
export function warningsFor(result: RunResultDoc, variant: string): RunWarning[] {
  return (result.warnings ?? []).filter((w) => w.variant === null || w.variant === variant);
}

/** On a first look, warnings about the number of replications are left out: the full run will have more. */
export function RunWarnings({ result, firstLook = false, names }: { result: RunResultDoc; firstLook?: boolean; names?: NameBook }) {
  const warnings = (result.warnings ?? []).filter((w) => !firstLook || (w.code !== 'few-replications' && w.code !== 'wide-intervals'));
  if (warnings.length === 0) return null;
  const groups = [
    { id: null as string | null, title: result.variants.length > 1 ? 'Every option' : optionName(result.variants[0]) },
    ...result.variants.map((v) => ({ id: v.id as string | null, title: optionName(v) })),
  ].map((g) => ({ ...g, items: warnings.filter((w) => w.variant === g.id) })).filter((g) => g.items.length > 0);
  const serious = warnings.some((w) => w.severity === 'serious');
  return (
    <section id="run-warnings" className={`run-warnings message ${serious ? 'message--error' : 'message--warn'}`} aria-labelledby="run-warnings-title">
      <h3 id="run-warnings-title">⚠ {warnings.length} warning{warnings.length === 1 ? '' : 's'}: read these before the numbers</h3>
      {groups.map((g) => (
        <div key={g.id ?? '*'} className="run-warnings__option" data-variant={g.id ?? ''}>
          <h4>{g.title}</h4>
          <ul>
            {g.items.map((w, i) => (
              <li key={i} className={`run-warning run-warning--${w.severity}`} data-code={w.code} data-subject={w.subject}>
                <strong className="run-warning__severity">{SEVERITY_WORDS[w.severity]}:</strong> {warningWords(w.message, names)}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
