// A number as a person types it into a form: decimal notation only (digits, one point, an
// exponent), because JavaScript's Number() also reads "0x10", "0b11" and "0o7" (16, 3, 7),
// which nobody means in a form, and turns "1e-400" into 0 and "1e400" into Infinity, so a
// message would name a number the user never typed. Pure.

/** Optional sign, digits with at most one point, optional exponent: "12", "-0.5", ".5", "3.", "1e-3". */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

export type NumberText =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  /** Not a number in decimal notation, or one too small or too large to hold: `message` quotes the text as typed. */
  | { kind: 'invalid'; text: string; message: string };

export function readNumber(typed: string): NumberText {
  const text = typed.trim();
  if (text === '') return { kind: 'empty' };
  if (!DECIMAL.test(text)) return { kind: 'invalid', text, message: `expected a number written with digits (such as 12, 0.5 or 1e3), got ${JSON.stringify(text)}` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { kind: 'invalid', text, message: `expected a number, got ${JSON.stringify(text)}: too large to hold` };
  // Underflow: the digits before the exponent are not all zero, yet the number read is 0.
  if (value === 0 && /[1-9]/.test(text.replace(/e.*$/i, ''))) return { kind: 'invalid', text, message: `expected a number, got ${JSON.stringify(text)}: too close to 0 to hold` };
  return { kind: 'number', value };
}

/** What a form field stores for a text: nothing when empty, the number, or the text as typed for the check to refuse by name. */
export function fieldValue(typed: string): number | string | undefined {
  const r = readNumber(typed);
  return r.kind === 'empty' ? undefined : r.kind === 'number' ? r.value : r.text;
}

/**
 * The message for a whole number typed into a field with bounds, or null if it is one:
 * "expected a whole number from 0 to 2147483647, got "1e20"" (what was typed, quoted).
 */
export function wholeNumberError(typed: string, min: number, max: number): string | null {
  const r = readNumber(typed);
  if (r.kind === 'number' && Number.isInteger(r.value) && r.value >= min && r.value <= max) return null;
  return `expected a whole number from ${min} to ${max}, got ${JSON.stringify(typed.trim())}`;
}
