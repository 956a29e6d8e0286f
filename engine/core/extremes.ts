// The largest and smallest of a list of numbers, by a loop. Math.max(...xs) passes every
// number as an argument, and past about 100,000 of them (a ward's bed changes, a table's
// rows, a file's reference values) that overflows the stack: a crash, not an answer.

/** The largest of `xs` (-Infinity for none; NaN if any is NaN, as Math.max). */
export function largest(xs: Iterable<number>): number {
  let most = -Infinity;
  for (const x of xs) {
    if (Number.isNaN(x)) return NaN;
    if (x > most) most = x;
  }
  return most;
}

/** The smallest of `xs` (Infinity for none; NaN if any is NaN, as Math.min). */
export function smallest(xs: Iterable<number>): number {
  let least = Infinity;
  for (const x of xs) {
    if (Number.isNaN(x)) return NaN;
    if (x < least) least = x;
  }
  return least;
}
