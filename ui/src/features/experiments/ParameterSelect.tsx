// The parameter to vary, chosen from what the scenario has (POST /api/experiments/choices):
// beds by ward, staff by role and shift, arrivals by class, in plain words with today's value.
import type { Choice } from './experiment-api.ts';

const GROUPS: { group: Choice['group']; title: string }[] = [
  { group: 'beds', title: 'Beds and places' },
  { group: 'staff', title: 'Staff' },
  { group: 'arrivals', title: 'Arrivals' },
];

export function ParameterSelect({ id, choices, value, onChange, disabled }: { id: string; choices: Choice[]; value: string; onChange(path: string): void; disabled?: boolean }) {
  return (
    <div className="field field--wide">
      <label htmlFor={id}>Parameter to vary</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        {GROUPS.map((g) => {
          const cs = choices.filter((c) => c.group === g.group);
          return cs.length > 0 && (
            <optgroup key={g.group} label={g.title}>
              {cs.map((c) => <option key={c.path} value={c.path}>{c.label} (now {c.current})</option>)}
            </optgroup>
          );
        })}
      </select>
    </div>
  );
}
