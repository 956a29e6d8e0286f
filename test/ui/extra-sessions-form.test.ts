// The form's waiting-list section edits a list's extra sessions (a waiting-list
// initiative): a button adds them with sensible numbers, and once there every field of
// them has its labelled input (room, days, times, thresholds, clocks, premium).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { FormContext, type FormApi } from '../../ui/src/features/scenario-editor/form-context.tsx';
import { WaitingListSection } from '../../ui/src/features/scenario-editor/sections/WaitingListSection.tsx';

function doc(extra?: object): any {
  return {
    sites: [{ id: 'dgh', wards: [{ id: 'ortho', beds: 20 }], theatres: [{ id: 'th1', sessions: [{ days: ['mon'], start: '08:00', end: '12:00' }] }] }],
    waitingLists: [{ id: 'ortho', site: 'dgh', ward: 'ortho', theatres: ['th1'], referrals: [{ class: 'hip', perWeek: 5 }], ...(extra ? { extraSessions: extra } : {}) }],
  };
}

function render(d: any): string {
  const api: FormApi = { doc: d, set: () => {}, messages: new Map() };
  return renderToStaticMarkup(createElement(FormContext.Provider, { value: api }, createElement(WaitingListSection)));
}

describe('extra sessions in the waiting-list form', () => {
  test('a list without them offers to add them', () => {
    const html = render(doc());
    expect(html).toContain('aria-label="Add extra sessions to waiting list ortho"');
    expect(html).not.toContain('Open when the list reaches');
  });

  test('with them, each field has its input', () => {
    const html = render(doc({ sessions: [{ theatre: 'th1', days: ['sat'], start: '08:00', end: '12:00' }], openAt: 400, closeBelow: 300 }));
    for (const label of ['Extra session 1: theatre', 'Open when the list reaches', 'Bookable after (arranging staff)', 'Stop when the list stays below', 'Premium per hour run', 'Most cases'])
      expect(html, label).toContain(label);
    for (const path of ['extraSessions-sessions-0-theatre', 'extraSessions-sessions-0-start', 'extraSessions-sessions-0-end', 'extraSessions-openAt', 'extraSessions-forDays', 'extraSessions-openingDelayDays', 'extraSessions-closeBelow', 'extraSessions-closeForDays', 'extraSessions-hourlyCost', 'extraSessions-sessions-0-maxCases'])
      expect(html, path).toContain(`f-waitingLists-0-${path}`);
  });

  test('the values the add button sets make a valid block, and so does an added session', async () => {
    const { ExtraSessionsSchema } = await import('../../scenarios/schema/extra-sessions.ts');
    const { newExtraSessions, blankExtraSession } = await import('../../ui/src/features/scenario-editor/sections/ExtraSessions.tsx');
    for (const kind of ['theatre', 'clinic', 'scanner'] as const) {
      const x = newExtraSessions(kind, 'room-1');
      x.sessions.push(blankExtraSession(kind, 'room-1'));
      expect(ExtraSessionsSchema.safeParse(x).success).toBe(true);
    }
  });
});
