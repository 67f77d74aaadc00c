// The baseline for load benchmarks: Fastify and Nunjucks rendering a GOV.UK page with a 50-row
// table, no database, no session, templates compiled once. Run as its own process so it gets a
// core of its own, as the app does: `tsx bench/support/bare-server.ts <port>`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { buildViews } from '../../src/http/render.ts';

const port = Number(process.argv[2] ?? 3999);
const views = buildViews({ root: path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'views') });
const rows = Array.from({ length: 50 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  name: `Young Person ${i + 1}`,
  reference: `YP${String(10000 + i)}`,
  status: 'Former relevant',
  urgency: 'On track',
  due: `${(i % 28) + 1} May 2027`,
}));
const app = Fastify({ logger: false });
app.get('/caseload', async (_request, reply) =>
  reply.type('text/html; charset=utf-8').send(views.render('bare.njk', { rows })),
);
await app.listen({ port, host: '127.0.0.1' });
console.log(`ready ${port}`);
