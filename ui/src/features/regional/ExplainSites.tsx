// Where each site's change comes from, in words, option by option (explain.ts).
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { explainSite } from './explain.ts';
import { optionName, siteName, type SiteNamer } from './regional-data.ts';

export function ExplainSites({ result, sites, nameOf = siteName }: { result: RunResultDoc; sites: string[]; nameOf?: SiteNamer }) {
  const options = result.variants.slice(1);
  return (
    <div className="regional-explain" data-regional-explain="">
      <h3>Where each site's change comes from</h3>
      <p className="muted">Differences from baseline in mean referral to treatment (weeks, with 95% intervals): the site's own patients
        (referred to it) against everyone it treats, which includes the patients it receives from other sites.</p>
      {options.map((v) => {
        const lines = sites.map((s) => [s, explainSite(result, v, s, nameOf)] as const).filter(([, t]) => t !== null);
        if (lines.length === 0) return null;
        return (
          <section key={v.id} aria-label={`${optionName(v)}: where each site's change comes from`}>
            <h4>{optionName(v)}</h4>
            <ul>{lines.map(([s, t]) => <li key={s} data-explain={s}>{t}</li>)}</ul>
          </section>
        );
      })}
    </div>
  );
}
