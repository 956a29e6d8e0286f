// Redesign options: choose what the form edits (the baseline or a variant), add a variant
// (a copy of the baseline to change through the form), name and describe it, and see in
// words what it changes.
import { useState } from 'react';
import { MAX_VARIANTS, sameNameMessage, sameNames } from '../../../../scenarios/schema/variant.ts';
import { describeChanges } from '../../lib/changes.ts';
import { baselineNameMessage, BASELINE_NAME, describePatch, readsAsBaseline } from '../../lib/variant-words.ts';
import { BASELINE, baseOf, variantIdFor, variantsOf, type Doc } from '../../lib/scenario-doc.ts';

interface Props { doc: Doc; target: string; onTarget(id: string): void; onChange(doc: Doc, key?: string): void }

function Differences({ doc, variantId }: { doc: Doc; variantId: string }) {
  const v = variantsOf(doc).find((x) => x.id === variantId);
  if (!v) return null;
  const lines = describeChanges(baseOf(doc), v.patch ?? {});
  const sentences = describePatch(baseOf(doc), v.patch ?? {});
  return (
    <div className="differences">
      <h3>Differs from baseline</h3>
      {sentences.length > 0 && <ul className="variant-edits" aria-label={`What “${v.name}” changes`}>{sentences.map((s, i) => <li key={i}>{s}</li>)}</ul>}
      {lines.length === 0 ? <p className="muted">Nothing yet: change numbers in the form while this option is selected.</p> : (
        <table className="table table--compact">
          <thead><tr><th scope="col">What</th><th scope="col">Baseline</th><th scope="col">{v.name}</th></tr></thead>
          <tbody>{lines.map((l, i) => <tr key={i}><td>{l.place}</td><td>{l.from}</td><td className={`change change--${l.kind}`}>{l.to}</td></tr>)}</tbody>
        </table>
      )}
    </div>
  );
}

export function VariantsPanel({ doc, target, onTarget, onChange }: Props) {
  const variants = variantsOf(doc);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const current = variants.find((v) => v.id === target);
  // A name the options cannot share (nor leave empty): the schema refuses it too; here the field is marked.
  const taken = (n: string) => variants.some((v) => v.name.trim().replace(/\s+/g, ' ').toLowerCase() === n.trim().replace(/\s+/g, ' ').toLowerCase());
  const newNameError = !name.trim() ? undefined
    : readsAsBaseline(name) ? baselineNameMessage(name)
    : taken(name) ? `an option is already named “${name.trim()}”: give this one its own name` : undefined;
  const ci = variants.findIndex((v) => v.id === target);
  const clash = sameNames(variants).find((d) => d.index === ci);
  const nameError = current && !current.name.trim() ? 'expected a name (tables and charts show each option by it)'
    : current && readsAsBaseline(current.name) ? baselineNameMessage(current.name)
    : clash ? sameNameMessage(variants[clash.first].name, clash.first) : undefined;

  const setVariants = (vs: typeof variants, key?: string) => onChange({ ...doc, variants: vs }, key);
  const add = () => {
    const n = name.trim();
    if (!n || newNameError) return;
    const id = variantIdFor(doc, n);
    setVariants([...variants, { id, name: n, ...(description.trim() ? { description: description.trim() } : {}), patch: {} }]);
    setAdding(false); setName(''); setDescription('');
    onTarget(id);
  };
  const update = (field: 'name' | 'description', value: string) =>
    setVariants(variants.map((v) => (v.id === target ? { ...v, [field]: value } : v)), `option ${target} ${field}`);
  const remove = () => {
    if (!current || !confirm(`Remove the option “${current.name}”?`)) return;
    setVariants(variants.filter((v) => v.id !== target));
    onTarget(BASELINE);
  };

  return (
    <section className="variants" aria-labelledby="variants-title">
      <h2 id="variants-title">Options to compare</h2>
      <fieldset className="variant-picker">
        <legend>The form below edits</legend>
        <label className={target === BASELINE ? 'chosen' : ''}>
          <input type="radio" name="variant" checked={target === BASELINE} onChange={() => onTarget(BASELINE)} /> {BASELINE_NAME}
        </label>
        {variants.map((v) => (
          <label key={v.id} className={target === v.id ? 'chosen' : ''}>
            <input type="radio" name="variant" checked={target === v.id} onChange={() => onTarget(v.id)} /> {v.name}
          </label>
        ))}
      </fieldset>
      {!adding && variants.length < MAX_VARIANTS && <button type="button" onClick={() => setAdding(true)}>Add an option</button>}
      {variants.length >= MAX_VARIANTS && <p className="muted">A scenario has at most {MAX_VARIANTS} options (each is checked and run as a scenario of its own): remove one to add another.</p>}
      {adding && (
        <div className="add-variant" role="group" aria-label="New option">
          <div className="field"><label htmlFor="new-variant-name">Name of the new option</label>
            <input id="new-variant-name" value={name} onChange={(e) => setName(e.target.value)} autoFocus
              aria-invalid={newNameError ? true : undefined} aria-describedby={newNameError ? 'new-variant-name-error' : undefined}
              onKeyDown={(e) => { if (e.key === 'Enter') add(); if (e.key === 'Escape') setAdding(false); }} placeholder="e.g. Ten more beds" />
            {newNameError && <span className="field__error" id="new-variant-name-error" role="alert">{newNameError}</span>}</div>
          <div className="field field--wide"><label htmlFor="new-variant-description">What changes and why (optional)</label>
            <input id="new-variant-description" value={description} onChange={(e) => setDescription(e.target.value)} /></div>
          <button type="button" className="primary" onClick={add} disabled={!name.trim() || newNameError !== undefined}>Create option</button>
          <button type="button" onClick={() => setAdding(false)}>Cancel</button>
          <p className="field__hint">It starts as a copy of the baseline; then change numbers in the form.</p>
        </div>
      )}
      {current && (
        <div className="variant-details">
          <div className="field-row">
            <div className={`field${nameError ? ' field--error' : ''}`}><label htmlFor="variant-name">Name</label>
              <input id="variant-name" value={current.name} onChange={(e) => update('name', e.target.value)}
                aria-invalid={nameError ? true : undefined} aria-describedby={nameError ? 'variant-name-error' : undefined} />
              {nameError && <span className="field__error" id="variant-name-error" role="alert">{nameError}</span>}</div>
            <div className="field field--wide"><label htmlFor="variant-description">Description</label>
              <input id="variant-description" value={current.description ?? ''} onChange={(e) => update('description', e.target.value)} /></div>
            <button type="button" className="danger" onClick={remove}>Remove this option</button>
          </div>
          <Differences doc={doc} variantId={current.id} />
        </div>
      )}
    </section>
  );
}
