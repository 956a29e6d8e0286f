// The key numbers of a scenario as a form, section by section, with a jump list so a
// long scenario stays navigable by keyboard.
import { list } from './sections/common.tsx';
import { useForm } from './form-context.tsx';
import { TimeSection } from './sections/TimeSection.tsx';
import { SiteSection } from './sections/SiteSection.tsx';
import { ArrivalsSection } from './sections/ArrivalsSection.tsx';
import { PathwaySection } from './sections/PathwaySection.tsx';
import { WaitingListSection } from './sections/WaitingListSection.tsx';
import { MutualAidSection } from './sections/MutualAidSection.tsx';
import { CostsSection } from './sections/CostsSection.tsx';
import { MeasuresSection } from './sections/MeasuresSection.tsx';
import { SeasonsSection } from './sections/SeasonsSection.tsx';
import { LongList } from '../../components/LongList.tsx';

/** Sites named in the jump list at most (a region of hundreds would fill the screen with links). */
const JUMP_SITES = 20;

export function KeyNumbersForm() {
  const f = useForm();
  const sites = list(f.doc.sites);
  return (
    <form className="key-numbers" onSubmit={(e) => e.preventDefault()} aria-label="Key numbers of the scenario">
      <nav className="jump-list" aria-label="Sections">
        {sites.slice(0, JUMP_SITES).map((s, si) => <a key={si} href={`#sec-site-${si}`} onClick={(e) => jump(e, `sec-site-${si}`)}>Beds, theatres, staff{sites.length > 1 ? ` (${String(s.id)})` : ''}</a>)}
        {sites.length > JUMP_SITES && <span className="muted">and {(sites.length - JUMP_SITES).toLocaleString('en-GB')} more sites below</span>}
        <a href="#sec-arrivals" onClick={(e) => jump(e, 'sec-arrivals')}>Arrivals</a>
        <a href="#sec-pathways" onClick={(e) => jump(e, 'sec-pathways')}>Stays and branches</a>
        {list(f.doc.waitingLists).length > 0 && <a href="#sec-lists" onClick={(e) => jump(e, 'sec-lists')}>Waiting lists</a>}
        {list(f.doc.waitingLists).length > 1 && <a href="#sec-aid" onClick={(e) => jump(e, 'sec-aid')}>Mutual aid</a>}
        {Object.keys((f.doc.seasons ?? {}) as object).length > 0 && <a href="#sec-seasons" onClick={(e) => jump(e, 'sec-seasons')}>Seasons</a>}
        {list(f.doc.measures).length > 0 && <a href="#sec-measures" onClick={(e) => jump(e, 'sec-measures')}>Targets</a>}
        <a href="#sec-costs" onClick={(e) => jump(e, 'sec-costs')}>Costs</a>
        <a href="#sec-time" onClick={(e) => jump(e, 'sec-time')}>Time frame</a>
      </nav>
      <LongList count={sites.length} path={['sites']} wanted={f.wanted} noun="sites">{(si) => <SiteSection key={si} si={si} />}</LongList>
      <ArrivalsSection />
      <PathwaySection />
      <SeasonsSection />
      <WaitingListSection />
      <MutualAidSection />
      <MeasuresSection />
      <CostsSection />
      <TimeSection />
    </form>
  );
}

// The app routes on the hash, so in-page links scroll instead of navigating.
function jump(e: React.MouseEvent, id: string) {
  e.preventDefault();
  const el = document.getElementById(id);
  el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  el?.querySelector<HTMLElement>('input, select, button')?.focus({ preventScroll: true });
}
