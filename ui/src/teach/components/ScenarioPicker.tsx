// Which run the room watches: a library scenario or a scenario file, its variant, the
// seed, and the wait target behind the breach counter. Any of these starts a new session.
import type { ScenarioInfo } from '../messages.ts';
import type { SessionSpec } from '../session.ts';

interface Props {
  library: string[];
  spec: SessionSpec;
  info: ScenarioInfo | null;
  onOpen: (spec: SessionSpec) => void;
}

export function ScenarioPicker({ library, spec, info, onOpen }: Props) {
  const fresh = (patch: Partial<SessionSpec>) => onOpen({ ...spec, changes: [], at: 0, steps: 0, ...patch });
  const libraryId = 'library' in spec.scenario ? spec.scenario.library : '';
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
      <label>seed{' '}
        <input data-testid="seed" type="number" min={0} value={spec.seed} onChange={(e) => { const n = Math.floor(Number(e.target.value)); if (n >= 0) fresh({ seed: n }); }} />
      </label>
      <label title="a wait longer than this counts as a breach">wait target{' '}
        <input type="number" min={1} value={Math.round(spec.targetWait * 60)} onChange={(e) => { const n = Number(e.target.value); if (n > 0) fresh({ targetWait: n / 60 }); }} /> min
      </label>
    </div>
  );
}
