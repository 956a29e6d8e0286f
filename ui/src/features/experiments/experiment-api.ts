// The experiments API (server/API.md, "Experiments"): what a scenario offers to vary,
// start a sweep or a seek, follow it by polling, cancel it.
import type { Choices, Experiment, SeekRequest, SweepRequest } from '../../../../server/api-schemas.ts';
import { request } from '../../lib/api.ts';

export type { Choices, Experiment, SeekRequest, SweepRequest };
export type SweepDoc = NonNullable<Experiment['sweep']>;
export type SeekDoc = NonNullable<Experiment['seek']>;
export type Choice = Choices['parameters'][number];

const at = (id: string) => `/api/experiments/${encodeURIComponent(id)}`;

export const experimentsApi = {
  choices: (scenario: Record<string, unknown>, variant: string) => request<Choices>('POST', '/api/experiments/choices', { scenario, variant }),
  startSweep: (body: SweepRequest) => request<Experiment>('POST', '/api/experiments/sweeps', body),
  startSeek: (body: SeekRequest) => request<Experiment>('POST', '/api/experiments/seeks', body),
  get: (id: string) => request<Experiment>('GET', at(id)),
  cancel: (id: string) => request<Experiment>('POST', `${at(id)}/cancel`),
};
