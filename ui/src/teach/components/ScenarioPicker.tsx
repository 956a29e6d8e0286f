// Which run the room watches: a library scenario or a scenario file, its variant, the
// seed, and the wait target behind the breach counter. Any of these starts a new session;
// the typed ones (seed, wait target) only on Enter or on leaving the box, and after asking
// if the session log has changes to lose (picker-input.ts).
import { useEffect, useState } from 'react';
import type { ScenarioInfo } from '../messages.ts';
import type { SessionSpec } from '../session.ts';
import { discardQuestion, readSeed, readWaitMinutes, type Read } from '../picker-input.ts';

interface Props {
  library: string[];
  spec: SessionSpec;
  info: ScenarioInfo | null;
  onOpen: (spec: SessionSpec) => void;
}

export function ScenarioPicker({ library, spec, info, onOpen }: Props) {
  const fresh = (patch: Partial<SessionSpec>) => onOpen({ ...spec, changes: [], at: 0, steps: 0, ...patch });
  /** A new session from a typed value, unless the facilitator would rather keep the log. */
  const restart = (patch: Partial<SessionSpec>, what: string): boolean => {
    const question = discardQuestion(spec, what);
    if (question && !window.confirm(question)) return false;
    fresh(patch);
    return true;
  };
  const libraryId = 'library' in spec.scenario ? spec.scenario.library : '';
  const minutes = spec.targetWait * 60;
  return (
    <div className="scenario-picker">
      <label>scenario{' '}
        <select data-testid="scenario" value={libraryId} onChange={(e) => fresh({ scenario: { library: e.target.value }, variant: 'baseline' })}>
          {libraryId === '' && <option value="">(from a file)</option>}
          {library.map((id) => <option key={id} value={id}>{id}</option>)}
        </select>
      </label>
      <label className="file">or a file{' '}
        <input type="file" accept=".yaml,.yml,.json" onChange={async (e) => {
          const f = e.target.files?.[0];
          if (f) fresh({ scenario: { text: await f.text() }, variant: 'baseline' });
        }} />
      </label>
      <label>variant{' '}
        <select data-testid="variant" value={spec.variant} onChange={(e) => fresh({ variant: e.target.value })}>
          {(info?.variants ?? [{ id: spec.variant, name: spec.variant }]).map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
        </select>
      </label>
      <TypedValue id="teach-seed" testId="seed" label="seed" current={spec.seed} shown={String(spec.seed)} read={readSeed}
        onApply={(seed) => restart({ seed }, `Seed ${seed}`)} />
      <TypedValue id="teach-wait" testId="wait-target" label="wait target" title="a wait longer than this counts as a breach" suffix=" min"
        current={spec.targetWait} shown={String(Math.round(minutes * 1000) / 1000)} read={readWaitMinutes}
        onApply={(targetWait) => restart({ targetWait }, `A wait target of ${+(targetWait * 60).toFixed(3)} minutes`)} />
    </div>
  );
}

/**
 * A box whose text is kept exactly as typed, applied on Enter or on leaving it; a value that
 * cannot be used is refused at the box (the session goes on); Escape puts the value back.
 */
function TypedValue({ id, testId, label, title, suffix, current, shown, read, onApply }: {
  id: string; testId: string; label: string; title?: string; suffix?: string;
  current: number; shown: string; read: (text: string) => Read<number>; onApply: (value: number) => boolean;
}) {
  const [text, setText] = useState(shown);
  // A new session (another scenario, a share link) shows its own value.
  useEffect(() => setText(shown), [shown]);
  const r = read(text);
  const apply = () => {
    if (!r.ok || r.value === current) return;
    if (!onApply(r.value)) setText(shown);
  };
  return (
    <>
      <label title={title}>{label}{' '}
        <input id={id} data-testid={testId} type="text" inputMode="decimal" size={8} value={text}
          aria-invalid={r.ok ? undefined : true} aria-describedby={r.ok ? undefined : `${id}-error`}
          onChange={(e) => setText(e.target.value)} onBlur={apply}
          onKeyDown={(e) => { if (e.key === 'Enter') apply(); else if (e.key === 'Escape') setText(shown); }} />
        {suffix}
      </label>
      {!r.ok && <span className="error picker-error" id={`${id}-error`} role="alert">{r.message}</span>}
    </>
  );
}
