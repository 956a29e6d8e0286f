// What was read from the extract: rows, the window of arrivals, and every problem counted
// with the lines it was found on (none is dropped silently).
import { PROBLEMS, type ProblemKind } from '../../../../scenarios/fit/stays.ts';
import { timeText } from '../../../../scenarios/fit/scenario-text.ts';
import type { FitReport } from '../../../../scenarios/fit/fit.ts';

const count = (n: number) => n.toLocaleString('en-GB');

export function FitData({ report }: { report: FitReport }) {
  const d = report.data;
  const kinds = Object.keys(d.problems) as ProblemKind[];
  return (
    <>
      <p>
        {count(d.rows)} rows, {count(d.used)} with a readable arrival and class; arrivals from {timeText(report.window.start)} to {timeText(report.window.end)};
        extract taken at {timeText(d.extract)}{d.extractGiven ? '' : ' (the latest time in the file)'}.
      </p>
      {kinds.length === 0 ? <p>No row had a problem.</p> : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Rows with problems">
          <table className="table fit-problems">
            <caption>Rows with problems (each counted; how each is treated in the fit)</caption>
            <thead><tr><th scope="col">Problem</th><th scope="col" className="num">Rows</th><th scope="col">Found on</th></tr></thead>
            <tbody>
              {kinds.map((k) => {
                const p = d.problems[k]!;
                return (
                  <tr key={k}>
                    <th scope="row">{PROBLEMS[k]}</th>
                    <td className="num">{count(p.count)}</td>
                    <td>column “{p.examples[0]?.column}”: {p.examples.map((e) => `line ${e.line}${e.value ? ` (${e.value})` : ''}`).join(', ')}{p.count > p.examples.length ? ', …' : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
