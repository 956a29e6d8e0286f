// jstat 1.9 ships no types (and no @types package is installed): only what the engine
// uses is declared. The package is CommonJS (UMD: `module.exports = jStat`), so it is
// reached through the default import, in Node and in a vite bundle alike.
//
// Declared under the file path, not 'jstat': test/types/jstat.d.ts declares 'jstat' for
// the tests, and two `declare module 'jstat'` blocks that each export a default do not
// merge. Both specifiers load the same file (package.json "main").
declare module 'jstat/dist/jstat.js' {
  interface JStat {
    studentt: {
      /** x with P(T <= x) = p, T Student t with `dof` degrees of freedom. */
      inv(p: number, dof: number): number;
    };
    normal: {
      inv(p: number, mean: number, sd: number): number;
    };
  }
  const jStat: JStat;
  export default jStat;
}
