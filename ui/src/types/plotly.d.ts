// The partial Plotly bundle ships without types; the app uses only these calls.
declare module 'plotly.js-cartesian-dist-min' {
  const Plotly: {
    react(el: HTMLElement, data: unknown[], layout?: Record<string, unknown>, config?: Record<string, unknown>): Promise<unknown>;
    purge(el: HTMLElement): void;
    downloadImage(el: HTMLElement, opts: { format: 'png' | 'svg' | 'jpeg'; filename: string; width?: number; height?: number }): Promise<string>;
    /** A figure ({ data, layout }) or a drawn chart as an image's data: URL. */
    toImage(figure: HTMLElement | { data: unknown[]; layout: Record<string, unknown> }, opts: { format: 'png' | 'svg' | 'jpeg'; width?: number; height?: number }): Promise<string>;
    Plots: { resize(el: HTMLElement): void };
  };
  export default Plotly;
}
