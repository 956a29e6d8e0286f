// One class of the extract: its arrivals (by hour and weekday, with the tests of whether the
// pattern differs by weekday), its lengths of stay (histogram with the fitted densities, QQ
// plot, the families ranked by AIC with their intervals and KS test) and where stays went.
import { useMemo } from 'react';
import { PlotlyChart } from '../../components/PlotlyChart.tsx';
import { pText, UNIT_HOURS, type ClassFit } from '../../../../scenarios/fit/fit.ts';
import { unitOf, type StepFit } from '../../../../scenarios/fit/transitions.ts';
import { arrivalsByHourFigure, arrivalsByWeekdayFigure, qqFigure, staysFigure } from './fit-figures.ts';

const n4 = (x: number) => String(Number(x.toPrecision(4)));
const count = (n: number) => n.toLocaleString('en-GB');
const slug = (s: string) => s.replace(/[^a-z0-9-]/gi, '-');

export function FitClass({ fit: c, file }: { fit: ClassFit; file: string }) {
  const figs = useMemo(() => ({ hour: arrivalsByHourFigure(c), weekday: arrivalsByWeekdayFigure(c), stays: staysFigure(c), qq: qqFigure(c) }), [c]);
  const a = c.arrivals;
  const s = c.stays;
  const u = UNIT_HOURS[c.unit];
  const base = `${file.replace(/\.[^.]*$/, '')}-${slug(c.id)}`;
  const test = (t: { statistic: number; df: number; p: number }) => `G = ${t.statistic.toFixed(1)}, df ${t.df}, p ${pText(t.p)}`;
  return (
    <section className="fit-class" aria-labelledby={`fit-class-${slug(c.id)}`}>
      <h3 id={`fit-class-${slug(c.id)}`}>Class “{c.id}”</h3>
      <p>
        {count(a.n)} arrivals, {n4(a.perDay)} a day. Does the daily number differ by weekday? {test(a.weekdayLevel)} ({a.weekdayLevel.p < 0.05 ? 'yes' : 'no clear difference'}).
        Does the hourly pattern differ by weekday? {test(a.weekdayShape)} ({a.weekdayShape.p < 0.05 ? 'yes: the scenario uses one pattern for every day, an approximation' : 'no clear difference'}).
      </p>
      <div className="charts">
        <PlotlyChart id={`fit-hour-${slug(c.id)}`} figure={figs.hour} filename={`${base}-arrivals-by-hour`}
          caption={<>Arrivals per hour by hour of day, all days together, with 95% intervals (Poisson).</>} />
        <PlotlyChart id={`fit-weekday-${slug(c.id)}`} figure={figs.weekday} filename={`${base}-arrivals-by-weekday`}
          caption={<>Arrivals per day by weekday, with 95% intervals.</>} />
      </div>
      {!s ? <p>Too few complete stays to fit lengths of stay ({c.censored} still in at the extract).</p> : (
        <>
          <p>
            {c.steps ? 'Time in the system (first step to last)' : 'Lengths of stay'}: {count(s.n)} complete, {c.censored} still in at the extract (censored: left out of the ranking); median {n4(s.sample.median / u)}, mean {n4(s.sample.mean / u)},
            sd {n4(s.sample.sd / u)} {c.unit}. Written to the scenario: <strong>{c.choice}</strong>.
          </p>
          <div className="charts">
            <PlotlyChart id={`fit-stays-${slug(c.id)}`} figure={figs.stays} filename={`${base}-length-of-stay`}
              caption={<>Histogram of complete stays (as a density) with each family's fitted density; the family written to the scenario drawn thickest.</>} />
            <PlotlyChart id={`fit-qq-${slug(c.id)}`} figure={figs.qq} filename={`${base}-qq`}
              caption={<>Quantiles of the data against each family's: a family that fits lies on the dotted diagonal; departures at the right are the long stays.</>} />
          </div>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={`Fits of class ${c.id}`}>
            <table className="table fit-ranking">
              <caption>The families, best (lowest AIC) first: maximum-likelihood fits with 95% intervals</caption>
              <thead><tr><th scope="col">Family</th><th scope="col" className="num">Mean ({c.unit}) [95% CI]</th><th scope="col" className="num">AIC</th><th scope="col" className="num">BIC</th><th scope="col" className="num">KS distance (p)</th></tr></thead>
              <tbody>
                {s.ranked.map((f) => (
                  <tr key={f.family}>
                    <th scope="row">{f.family}{f.family === c.choice ? ' (written)' : ''}</th>
                    <td className="num">{n4(f.mean.estimate / u)} [{n4(f.mean.low / u)}, {n4(f.mean.high / u)}]</td>
                    <td className="num">{f.aic.toFixed(1)}</td>
                    <td className="num">{f.bic.toFixed(1)}</td>
                    <td className="num">{f.ks.toFixed(4)} ({pText(f.ksP)})</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {c.steps && <FitSteps c={c} />}
      {c.routing && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Destinations of class ${c.id}`}>
          <table className="table fit-routing">
            <caption>Where the {count(c.routing.n)} stays that ended with a destination went (Wilson 95% intervals)</caption>
            <thead><tr><th scope="col">Destination</th><th scope="col" className="num">Stays</th><th scope="col" className="num">Share [95% CI]</th></tr></thead>
            <tbody>
              {c.routing.destinations.map((d) => (
                <tr key={d.id}><th scope="row">{d.id}</th><td className="num">{count(d.count)}</td><td className="num">{(d.share * 100).toFixed(1)}% [{(d.low * 100).toFixed(1)}, {(d.high * 100).toFixed(1)}]</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const pct = (x: { share: number; low: number; high: number }) => `${(x.share * 100).toFixed(1)}% [${(x.low * 100).toFixed(1)}, ${(x.high * 100).toFixed(1)}]`;

/** A step extract's routing: the transitions between steps with their shares, and each step's duration. */
function FitSteps({ c }: { c: ClassFit }) {
  const r = c.steps!;
  const duration = (st: StepFit) => {
    const u = UNIT_HOURS[st.unit];
    if (st.exit) return 'an exit (leaves the system)';
    if (!st.durations) return `${n4((st.mean ?? 0) / u)} ${st.unit} (too few to fit: their mean)`;
    const f = st.durations.ranked.find((g) => g.family === st.choice);
    return `${st.choice}, mean ${n4((f?.mean.estimate ?? st.durations.sample.mean) / u)} ${st.unit}${st.basis === 'service' ? ' (the service)' : ''}`;
  };
  // The waits before a step's service, where the extract's start and complete rows tell them apart.
  const wait = (st: StepFit) => {
    const w = st.waits;
    if (!w) return st.exit ? '–' : 'not told apart: in the duration';
    const wu = unitOf(w.median > 0 ? w.median : w.mean), k = UNIT_HOURS[wu];
    const apart = [w.waiting > 0 ? `${count(w.waiting)} still waiting` : '', w.left > 0 ? `${count(w.left)} left unserved` : ''].filter((x) => x !== '');
    return `mean ${n4(w.mean / k)} ${wu}, median ${n4(w.median / k)}, 90th centile ${n4(w.p90 / k)} (${count(w.n)} waits${apart.length > 0 ? `; ${apart.join(', ')}` : ''})`;
  };
  const waits = r.steps.some((st) => st.waits);
  return (
    <>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`Transitions between steps of class ${c.id}`}>
        <table className="table fit-transitions">
          <caption>Transitions between steps seen in {count(r.patients)} journeys: each as a share of the patients who went on from its step (Wilson 95% intervals)</caption>
          <thead><tr><th scope="col">From step</th><th scope="col">To step</th><th scope="col" className="num">Patients</th><th scope="col" className="num">Share [95% CI]</th></tr></thead>
          <tbody>
            {r.transitions.map((t) => (
              <tr key={`${t.from}>${t.to}`}><th scope="row">{t.from}</th><td>{t.to}</td><td className="num">{count(t.count)}</td><td className="num">{pct(t)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`Steps of class ${c.id}`}>
        <table className="table fit-steps">
          <caption>
            {waits
              ? 'Each step: visits, and the duration written (its service, from start to complete in the extract), with the wait before it in the hospital the data came from (not in the duration: a model makes its own)'
              : 'Each step: visits, and the duration written (from entering it to entering the next, waits included: the extract has no start and complete rows to tell them apart)'}
          </caption>
          <thead><tr><th scope="col">Step</th><th scope="col" className="num">Visits</th><th scope="col" className="num">Went on</th><th scope="col" className="num">Left the system here</th><th scope="col" className="num">Still here at the extract</th><th scope="col">Duration written</th>{waits && <th scope="col">Wait before the service</th>}</tr></thead>
          <tbody>
            {r.steps.map((st) => (
              <tr key={st.id}><th scope="row">{st.id}</th><td className="num">{count(st.visits)}</td><td className="num">{count(st.left)}</td><td className="num">{count(st.ended)}</td><td className="num">{count(st.open)}</td><td>{duration(st)}</td>{waits && <td>{wait(st)}</td>}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
