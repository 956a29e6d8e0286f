// GET /api/runs/:id/report?format=html|md: a finished run reported to the STRESS-DES
// checklist (scenarios/report/), from the document the run kept and its result, with this
// server's machine as the machine of the run. HTML is shown in the browser (one page,
// inline CSS and SVG, no script: its own Content-Security-Policy allows nothing else);
// Markdown is a download.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { buildReport } from '../../scenarios/report/build.ts';
import { reportHtml } from '../../scenarios/report/html.ts';
import { reportMarkdown } from '../../scenarios/report/markdown.ts';
import { reportInputFromText, software, thisMachine } from '../../runner/report/stress.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { IdParamsSchema, type Run } from '../api-schemas.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';

/** The report page may load nothing and run nothing: styles and images are inline. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export default async function runReportRoutes(app: FastifyInstance, { ctx }: { ctx: ServerContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/runs/:id/report', {
    schema: {
      tags: ['runs'],
      summary: 'a finished run reported to the STRESS-DES checklist (Monks et al. 2019): a self-contained HTML page (format=html, the default) or a Markdown download (format=md); 409 if the run has no result',
      params: IdParamsSchema,
      querystring: z.object({ format: z.enum(['html', 'md']).default('html').describe('html: one page to open or print; md: Markdown with Mermaid diagrams') }),
    },
  }, async (req, reply) => {
    const { id } = req.params;
    const json = ctx.runs.getJson(id);
    if (!json) throw ctx.runs.notFound(id);
    const run = JSON.parse(json) as Run;
    if (!run.result) throw new ApiError(409, 'conflict', `run ${id} has no result (it is ${run.status})`);
    const file = `${run.scenarioId || 'scenario'}.yaml`;
    const input = reportInputFromText(JSON.stringify(run.scenario), file, 'json');
    if (!input.ok) throw new ApiError(409, 'conflict', `the scenario this run kept is no longer valid, so it cannot be reported:\n${formatIssues(input.issues)}`);
    const machineNote = ctx.runner.kind === 'redis'
      ? 'the server’s machine; its replications ran on the job queue’s workers, whose machines are not recorded'
      : `the server’s machine, on up to ${ctx.runner.parallelism} worker threads`;
    const report = buildReport({
      ...input.value,
      run: { doc: run.result, where: 'server', machine: thisMachine(), machineNote, startedAt: run.startedAt, finishedAt: run.finishedAt },
      software: software(), madeOn: thisMachine(), madeAt: new Date().toISOString(),
    });
    const name = `stress-des-${id.replace(/[^\w-]/g, '')}`;
    if (req.query.format === 'md') {
      return reply.header('content-type', 'text/markdown; charset=utf-8').header('content-disposition', `attachment; filename="${name}.md"`).send(reportMarkdown(report));
    }
    return reply.header('content-type', 'text/html; charset=utf-8').header('content-disposition', `inline; filename="${name}.html"`)
      .header('content-security-policy', REPORT_CSP).send(reportHtml(report));
  });
}
