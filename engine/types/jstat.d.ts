// jstat 1.9 ships no types (and no @types package exists here): only what the project
// uses is declared — the t quantile for confidence intervals, and the CDFs the
// distribution tests compare against. The package is CommonJS (UMD: `module.exports =
// jStat`), reached through the default import in Node and in a vite bundle alike; it is
// imported by its file path (package.json "main"), as engine/experiment/summary.ts does.
declare module 'jstat/dist/jstat.js' {
  interface JStat {
    studentt: {
      /** x with P(T <= x) = p, T Student t with `dof` degrees of freedom. */
      inv(p: number, dof: number): number;
    };
    normal: {
      inv(p: number, mean: number, sd: number): number;
      cdf(x: number, mean: number, sd: number): number;
    };
    lognormal: { cdf(x: number, mu: number, sigma: number): number };
    gamma: { cdf(x: number, shape: number, scale: number): number };
    weibull: { cdf(x: number, scale: number, shape: number): number };
    exponential: { cdf(x: number, rate: number): number };
    uniform: { cdf(x: number, min: number, max: number): number };
    triangular: { cdf(x: number, min: number, max: number, mode: number): number };
  }
  const jStat: JStat;
  export default jStat;
}
