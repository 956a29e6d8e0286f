// The regional view of a run with two sites or more with waiting lists: the sites × options
// matrix, the transfers between sites under each option that moves patients, and where each
// site's change comes from (its own patients against those it receives or sends). Nothing
// for a run of one site.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { SiteMatrix } from './SiteMatrix.tsx';
import { TransferMap } from './TransferMap.tsx';
import { ExplainSites } from './ExplainSites.tsx';
import { optionsWithFlows, receivingSites, regionalSites, siteNamer } from './regional-data.ts';
import './regional.css';

/** `scenario`: the document run, whose names label the sites (their ids in words without it). */
export function RegionalView({ result, scenario }: { result: RunResultDoc; scenario?: Record<string, unknown> }) {
  const sites = regionalSites(result);
  if (sites.length < 2) return null;
  const nameOf = siteNamer(scenario);
  const moving = optionsWithFlows(result);
  const centre = receivingSites(result);
  return (
    <section className="regional" aria-labelledby="regional-title" data-regional="">
      <h3 id="regional-title">Sites and options</h3>
      <SiteMatrix result={result} sites={sites} nameOf={nameOf} />
      {moving.length > 0 && <h3>Transfers between sites</h3>}
      <div className="regional__maps">
        {moving.map((v) => <TransferMap key={v.id} option={v} sites={sites} centre={centre} nameOf={nameOf} />)}
      </div>
      {result.variants.length > 1 && <ExplainSites result={result} sites={sites} nameOf={nameOf} />}
    </section>
  );
}
