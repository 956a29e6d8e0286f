// jstat 1.9 ships no types; this declares only the CDFs the tests use (parameter order as jStat's).
declare module 'jstat' {
  interface JStat {
    normal: { cdf(x: number, mean: number, sd: number): number };
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
