// Labelled inputs bound to a path of the scenario. Each shows its validation message
// under it (aria-invalid + aria-describedby, so screen readers say it too). A number the
// user is still typing is kept as text; what cannot be read as a number is passed on as
// typed, so the schema's own message ("expected a number, got …") is what they see.
// Only decimal notation is a number (lib/number-text.ts): "0x10" is not 16, and "1e-400" is
// refused as typed rather than read as 0.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { plausibility } from '../../lib/edit-effects.ts';
import { fieldValue, readNumber } from '../../lib/number-text.ts';
import { WEEKDAYS } from '../../../../scenarios/schema/time.ts';
import type { Path } from '../../lib/patch.ts';
import { useField, useForm } from './form-context.tsx';
import { formatPath } from '../../../../scenarios/errors.ts';

interface Common { path: Path; label: string; hint?: string }

function FieldShell({ id, label, hint, error, warning, children, wide }: { id: string; label: string; hint?: string; error?: string; warning?: string | null; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`field${error ? ' field--error' : warning ? ' field--warning' : ''}${wide ? ' field--wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && !warning && <span className="field__hint" id={`${id}-hint`}>{hint}</span>}
      {error && <span className="field__error" id={`${id}-error`} role="alert">{error}</span>}
      {warning && !error && <span className="field__warning" id={`${id}-warning`} role="status"><span aria-hidden="true">⚠ </span>{warning}</span>}
    </div>
  );
}

/**
 * A message the check gives about a whole entry rather than one of its fields (two
 * sessions of a room overlapping, a role with both shifts and count, steps that loop at
 * one instant): said under the entry's row, so that "marked in red" is true of it too.
 */
export function RowMessage({ path }: { path: Path }) {
  const { messages } = useForm();
  const message = messages.get(formatPath(path));
  if (!message) return null;
  // The id a field at this path would have (useField), with "-error" as its message's.
  return <p className="field__error row-message" role="alert" id={`f-${path.join('-')}-error`}>{message}</p>;
}

/**
 * `required`: the message while the field is empty, for a value the check asks for at
 * another path (a class's rate: the check names perDay whichever unit the class uses).
 */
export function NumberField({ path, label, hint, placeholder, unit, required }: Common & { placeholder?: string; unit?: string; required?: string }) {
  const f = useField<number | string>(path);
  const { doc } = useForm();
  // A value far outside the scenario's range is questioned (not refused) beside the field;
  // only a value changed since the form opened is checked, so an untouched form costs nothing.
  const [opened] = useState(() => f.value);
  const warning = useMemo(() => (f.value === opened || typeof f.value !== 'number' ? null
    : plausibility(path, f.value, doc, typeof opened === 'number' ? opened : undefined)), [f.value, opened, doc, path]);
  const shown = f.value === undefined ? '' : String(f.value);
  const [text, setText] = useState(shown);
  // Follow outside changes (switching variant, the advanced editor) without fighting typing.
  // (Only `shown` is a dependency on purpose: the text being typed must not reset itself.)
  useEffect(() => { if (Number(text) !== Number(shown) || (text === '') !== (shown === '')) setText(shown); }, [shown]);
  const commit = (t: string) => {
    setText(t);
    f.set(fieldValue(t));
  };
  // The schema says "expected a number, got …" of the text passed on; this says why "1e-400"
  // or "0x10" is not one. An empty required field says what it needs (rather than the
  // check's "give exactly one of perDay, perWeek or appointments").
  const read = readNumber(text);
  const error = required && f.value === undefined && read.kind === 'empty' ? required
    : read.kind === 'invalid' && f.error ? read.message : f.error;
  return (
    <FieldShell id={f.id} label={unit ? `${label} (${unit})` : label} hint={hint} error={error} warning={warning}>
      <input
        id={f.id} type="text" inputMode="decimal" value={text} placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${f.id}-error` : warning ? `${f.id}-warning` : hint ? `${f.id}-hint` : undefined}
        onChange={(e) => commit(e.target.value)}
      />
    </FieldShell>
  );
}

export function TextField({ path, label, hint, wide, placeholder }: Common & { wide?: boolean; placeholder?: string }) {
  const f = useField<string>(path);
  return (
    <FieldShell id={f.id} label={label} hint={hint} error={f.error} wide={wide}>
      <input id={f.id} type="text" value={f.value ?? ''} placeholder={placeholder}
        aria-invalid={f.error ? true : undefined} aria-describedby={f.error ? `${f.id}-error` : undefined}
        onChange={(e) => f.set(e.target.value === '' ? undefined : e.target.value)} />
    </FieldShell>
  );
}

export function SelectField({ path, label, hint, options, fallback }: Common & { options: readonly { value: string; label: string }[]; fallback?: string }) {
  const f = useField<string>(path);
  return (
    <FieldShell id={f.id} label={label} hint={hint} error={f.error}>
      <select id={f.id} value={f.value ?? fallback ?? ''} aria-invalid={f.error ? true : undefined} onChange={(e) => f.set(e.target.value)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </FieldShell>
  );
}

export function ClockField({ path, label }: Common) {
  const f = useField<string>(path);
  return (
    <FieldShell id={f.id} label={label} error={f.error}>
      <input id={f.id} type="text" className="input--clock" value={f.value ?? ''} placeholder="HH:MM"
        aria-invalid={f.error ? true : undefined} onChange={(e) => f.set(e.target.value)} />
    </FieldShell>
  );
}

const DAY_NAMES: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
const LONG_TO_SHORT: Record<string, string> = { monday: 'mon', tuesday: 'tue', wednesday: 'wed', thursday: 'thu', friday: 'fri', saturday: 'sat', sunday: 'sun' };

/** Weekdays as seven checkboxes, written back as short names in week order. */
export function DaysField({ path, label }: Common) {
  const f = useField<string[]>(path);
  const days = new Set((f.value ?? []).map((d) => LONG_TO_SHORT[d] ?? d));
  const toggle = (d: string) => {
    const next = new Set(days);
    if (next.has(d)) next.delete(d); else next.add(d);
    f.set(WEEKDAYS.filter((x) => next.has(x)));
  };
  return (
    <fieldset className={`days${f.error ? ' field--error' : ''}`}>
      <legend>{label}</legend>
      {WEEKDAYS.map((d) => (
        <label key={d} className="days__day">
          <input type="checkbox" checked={days.has(d)} onChange={() => toggle(d)} /> {DAY_NAMES[d]}
        </label>
      ))}
      {f.error && <span className="field__error" role="alert">{f.error}</span>}
    </fieldset>
  );
}

const DIST_PARAMS: Record<string, { key: string; label: string }[]> = {
  exponential: [{ key: 'mean', label: 'mean' }],
  deterministic: [{ key: 'value', label: 'exactly' }],
  lognormal: [{ key: 'mean', label: 'mean' }, { key: 'sd', label: 'spread (sd)' }],
  gamma: [{ key: 'mean', label: 'mean' }, { key: 'sd', label: 'spread (sd)' }],
  normal: [{ key: 'mean', label: 'mean' }, { key: 'sd', label: 'spread (sd)' }],
  erlang: [{ key: 'mean', label: 'mean' }, { key: 'k', label: 'phases' }],
  weibull: [{ key: 'shape', label: 'shape' }, { key: 'scale', label: 'scale' }],
  uniform: [{ key: 'min', label: 'from' }, { key: 'max', label: 'to' }],
  triangular: [{ key: 'min', label: 'shortest' }, { key: 'mode', label: 'most likely' }, { key: 'max', label: 'longest' }],
  empirical: [],
};
const DIST_LABELS: Record<string, string> = {
  exponential: 'random, mean only (exponential)', deterministic: 'fixed', lognormal: 'skewed (lognormal)', gamma: 'skewed (gamma)',
  normal: 'symmetric (normal)', erlang: 'Erlang', weibull: 'Weibull', uniform: 'anywhere between (uniform)', triangular: 'triangular', empirical: 'from observed values',
};

/** A duration: its shape, parameters and unit, in one row. */
export function DurationField({ path, label }: Common) {
  const f = useField<Record<string, unknown>>(path);
  const d = f.value ?? {};
  const dist = typeof d.dist === 'string' ? d.dist : 'lognormal';
  const params = DIST_PARAMS[dist] ?? [];
  const changeDist = (next: string) => {
    // Carry the mean across shapes that have one, so switching does not lose the number.
    const out: Record<string, unknown> = { dist: next };
    if (d.unit !== undefined) out.unit = d.unit;
    for (const p of DIST_PARAMS[next] ?? []) if (d[p.key] !== undefined) out[p.key] = d[p.key];
    if (next === 'deterministic' && d.mean !== undefined) out.value = d.mean;
    f.set(out);
  };
  return (
    <fieldset className="duration">
      <legend>{label}</legend>
      <div className="duration__row">
        <div className="field">
          <label htmlFor={`${f.id}-dist`}>shape</label>
          <select id={`${f.id}-dist`} value={dist} onChange={(e) => changeDist(e.target.value)}>
            {Object.keys(DIST_PARAMS).map((k) => <option key={k} value={k}>{DIST_LABELS[k]}</option>)}
          </select>
        </div>
        {params.map((p) => <NumberField key={p.key} path={[...path, p.key]} label={p.label} />)}
        {dist === 'empirical' && <span className="field__hint">observed values: edit in the advanced editor</span>}
        <SelectField path={[...path, 'unit']} label="unit" fallback="hours"
          options={[{ value: 'minutes', label: 'minutes' }, { value: 'hours', label: 'hours' }, { value: 'days', label: 'days' }]} />
      </div>
      {f.error && <span className="field__error" role="alert">{f.error}</span>}
    </fieldset>
  );
}

/** A list of ids (skills, classes) as comma-separated text. */
export function IdListField({ path, label, hint }: Common) {
  const f = useField<string[]>(path);
  const shown = (f.value ?? []).join(', ');
  const [text, setText] = useState(shown);
  useEffect(() => { if (text.split(',').map((x) => x.trim()).filter(Boolean).join(', ') !== shown) setText(shown); }, [shown]);
  return (
    <FieldShell id={f.id} label={label} hint={hint} error={f.error} wide>
      <input id={f.id} type="text" value={text} aria-invalid={f.error ? true : undefined}
        aria-describedby={f.error ? `${f.id}-error` : hint ? `${f.id}-hint` : undefined}
        onChange={(e) => { setText(e.target.value); f.set(e.target.value.split(',').map((x) => x.trim()).filter(Boolean)); }} />
    </FieldShell>
  );
}

/** A list of numbers (centiles, weeks) as comma-separated text; what is not a number is passed on for the schema to name. */
export function NumberListField({ path, label, hint, placeholder }: Common & { placeholder?: string }) {
  const f = useField<unknown[]>(path);
  const shown = (f.value ?? []).join(', ');
  const [text, setText] = useState(shown);
  const parse = (t: string): unknown[] => t.split(',').map((x) => x.trim()).filter(Boolean).map((x) => { const r = readNumber(x); return r.kind === 'number' ? r.value : x; });
  useEffect(() => { if (parse(text).join(', ') !== shown) setText(shown); }, [shown]);
  return (
    <FieldShell id={f.id} label={label} hint={hint} error={f.error}>
      <input id={f.id} type="text" inputMode="decimal" value={text} placeholder={placeholder} aria-invalid={f.error ? true : undefined}
        aria-describedby={f.error ? `${f.id}-error` : hint ? `${f.id}-hint` : undefined}
        onChange={(e) => { setText(e.target.value); const v = parse(e.target.value); f.set(v.length ? v : undefined); }} />
    </FieldShell>
  );
}
