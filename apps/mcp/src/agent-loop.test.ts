import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startServer, type RunningServer } from '@sopflow/server';
import {
  addAccountUser, collectRunFigures, createJourneyKey, createTenant, createToken, generateHubKeyPair, hubPublish, hubRankingOf, hubReport, journeyReport,
} from '@sopflow/service';
import { loadWorkflow } from '@sopflow/format';
import { callTool, until } from './test-support/mcp-fixture.js';

const API_KEY = 'sk_test_loop_4b1d9c7e';

/** The "API SOP doc" a payments company publishes: the order of calls that takes a first payment on its API. */
const apiSop = (api: string) => `osop_version: "1.1"
id: take-first-payment
name: Take a first payment
description: The order of calls a partner makes to take a first payment - customer, payment method, intent, confirmation.
version: 1.0.0
allowed_hosts: ["127.0.0.1"]
inputs:
  - { name: email, type: string, required: true }
  - { name: amount_cents, type: int, required: true }
nodes:
  - id: create_customer
    type: api
    name: Create the customer
    runtime: { method: POST, url: "${api}/v1/customers", headers: { Authorization: "Bearer \${secrets.PAYMENTS_API_KEY}" }, body_template: { email: "\${inputs.email}" } }
  - id: attach_method
    type: api
    name: Attach a payment method
    runtime: { method: POST, url: "${api}/v1/customers/\${steps.create_customer.output.body.id}/payment_methods", headers: { Authorization: "Bearer \${secrets.PAYMENTS_API_KEY}" }, body_template: { card: tok_visa } }
  - id: create_intent
    type: api
    name: Create a payment intent
    runtime: { method: POST, url: "${api}/v1/payment_intents", headers: { Authorization: "Bearer \${secrets.PAYMENTS_API_KEY}" }, body_template: { customer: "\${steps.create_customer.output.body.id}", amount: "\${inputs.amount_cents}", currency: eur } }
  - id: confirm_intent
    type: api
    name: Confirm the payment intent
    runtime: { method: POST, url: "${api}/v1/payment_intents/\${steps.create_intent.output.body.id}/confirm", headers: { Authorization: "Bearer \${secrets.PAYMENTS_API_KEY}" } }
edges:
  - { from: create_customer, to: attach_method }
  - { from: attach_method, to: create_intent }
  - { from: create_intent, to: confirm_intent }
`;

/** The agent's own journey on the payments site, as the site's ideal: read the .sop, pull the SOP, run it. */
const AGENT_JOURNEY = `osop_version: "1.1"
id: agent-integration
name: An agent integrates the payments API
nodes:
  - { id: discover, type: agent, name: discover }
  - { id: pull, type: agent, name: pull }
  - { id: run, type: agent, name: run }
edges:
  - { from: discover, to: pull }
  - { from: pull, to: run }
`;

/** A fake payments API on 127.0.0.1: four calls, in an order it enforces, behind a bearer key. */
function startPaymentsApi(calls: string[]): Promise<Server> {
  const state = { customer: '', method: false, intent: '' };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const reply = (status: number, data: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data)); };
      if (req.headers.authorization !== `Bearer ${API_KEY}`) return reply(401, { error: 'no key' });
      const path = `${req.method} ${req.url}`;
      calls.push(path);
      const json = body === '' ? {} : JSON.parse(body) as Record<string, unknown>;
      if (path === 'POST /v1/customers' && typeof json.email === 'string') { state.customer = 'cus_1'; return reply(200, { id: state.customer, email: json.email }); }
      if (path === `POST /v1/customers/${state.customer}/payment_methods` && state.customer !== '') { state.method = true; return reply(200, { id: 'pm_1' }); }
      if (path === 'POST /v1/payment_intents' && state.method && json.customer === state.customer && json.amount === 4200) { state.intent = 'pi_1'; return reply(200, { id: state.intent, status: 'requires_confirmation' }); }
      if (path === `POST /v1/payment_intents/${state.intent}/confirm` && state.intent !== '') return reply(200, { id: state.intent, status: 'succeeded' });
      return reply(409, { error: `out of order: ${path}` });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the loop, end to end: an agent discovers a site\'s API SOP, pulls it, runs it against the API, reports to the hub, and the ranking shows it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-agent-loop-'));
  const calls: string[] = [];
  let api: Server;
  let site: RunningServer;
  const tokens = { publisher: '', agent: '', agentOwner: '' };
  let journeyKey = '';
  const clients: Client[] = [];

  before(async () => {
    api = await startPaymentsApi(calls);
    process.env.PAYMENTS_API_KEY = API_KEY;
    process.env.SOPFLOW_DISCOVER_ALLOWED_HOSTS = '127.0.0.1';
    // One sopflow server, also a hub: the payments company's tenant ("default", its public .sop) and the agent's own tenant.
    site = await startServer({ hub: true, webDir: null, port: 0, db: join(dir, 'sopflow.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir, pollMs: 20, operator: 'test' });
    const local = { store: site.workspace.store, localAdmin: 'test' };
    await addAccountUser(local, { tenant: 'default', email: 'api-team@payments.test', roles: ['editor'] });
    tokens.publisher = (await createToken(local, { tenant: 'default', user: 'api-team@payments.test', scope: 'admin' })).token;
    journeyKey = (await createJourneyKey(local, { tenant: 'default' })).key;
    await createTenant(local, { slug: 'agentco' });
    await addAccountUser(local, { tenant: 'agentco', email: 'bot@agentco.test', roles: ['editor'] });
    await addAccountUser(local, { tenant: 'agentco', email: 'lead@agentco.test', roles: ['owner'] });
    tokens.agent = (await createToken(local, { tenant: 'agentco', user: 'bot@agentco.test', scope: 'run' })).token;
    tokens.agentOwner = (await createToken(local, { tenant: 'agentco', user: 'lead@agentco.test', scope: 'admin' })).token;

    // The payments company publishes its API SOP and lists it in its public .sop.
    const headers = { authorization: `Bearer ${tokens.publisher}`, 'content-type': 'application/json' };
    const post = async (path: string, body?: unknown) => (await fetch(`${site.url}${path}`, { method: 'POST', headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })).json() as Promise<any>;
    const { port } = api.address() as AddressInfo;
    const sop = (await post('/api/sops', { osop: apiSop(`http://127.0.0.1:${port}`) })).sop;
    await post(`/api/sops/${sop.id}/publish`);
    await post(`/api/sops/${sop.id}/public`, { public: true });
    // ... and signs the same document onto the hub, where agents' run reports rank it.
    const published = await hubPublish({ hub: site.url, token: tokens.publisher }, apiSop(`http://127.0.0.1:${port}`), generateHubKeyPair().privateKeyPem);
    assert.deepEqual([published.status, published.name, published.version], ['published', 'take-first-payment', '1.0.0']);
  });
  after(async () => {
    for (const c of clients) await c.close();
    await site.close();
    await new Promise((resolve) => api.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the pulled SOP through MCP: the run succeeds with each API call in order, its figures reach the hub and the ranking shows them', async () => {
    const agent = new Client({ name: 'payments-agent', version: '1.0.0' });
    await agent.connect(new StreamableHTTPClientTransport(new URL(`${site.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${tokens.agent}` } } }));
    clients.push(agent);
    const session = `agent-${Date.now().toString(36)}`;
    const report = (step: string, outcome?: string) => fetch(`${site.url}/api/journeys/events?key=${journeyKey}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'sopflow-agent': 'payments-agent/1.0' }, body: JSON.stringify({ session, step, ...(outcome === undefined ? {} : { outcome }) }),
    });

    // 1. Discover: the site's .sop lists the operation; 2. pull its .osop.
    const found = await callTool(agent, 'discover', { url: site.url });
    assert.equal(found.isError, false, found.text);
    const op = found.data.operations.find((o: any) => o.name === 'Take a first payment');
    assert.deepEqual(op.steps.map((s: any) => s.title ?? s.name), ['Create the customer', 'Attach a payment method', 'Create a payment intent', 'Confirm the payment intent']);
    assert.equal((await report('discover')).status, 202);
    const pulled = await callTool(agent, 'discover', { url: site.url, name: 'take-first-payment' });
    assert.equal(pulled.isError, false, pulled.text);
    assert.match(pulled.data.pulled.text, /id: take-first-payment/);
    assert.equal((await report('pull')).status, 202);

    // 3. Keep it in the agent's own library (a draft); a person of the agent's team publishes it; the agent runs it.
    const created = await callTool(agent, 'create_sop', { osop: pulled.data.pulled.text });
    assert.equal(created.isError, true, 'the agent token (scope run) may not write SOPs');
    const owner = new Client({ name: 'team-lead', version: '1.0.0' });
    await owner.connect(new StreamableHTTPClientTransport(new URL(`${site.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${tokens.agentOwner}` } } }));
    clients.push(owner);
    const kept = await callTool(owner, 'create_sop', { osop: pulled.data.pulled.text });
    assert.equal(kept.isError, false, kept.text);
    assert.equal(kept.data.sop.status, 'draft');
    const published = await fetch(`${site.url}/api/sops/${kept.data.sop.id}/publish`, { method: 'POST', headers: { authorization: `Bearer ${tokens.agentOwner}` } });
    assert.equal(published.status, 200);

    const started = await callTool(agent, 'run_sop', { id: kept.data.sop.id, inputs: { email: 'ada@example.test', amount_cents: 4200 } });
    assert.equal(started.isError, false, started.text);
    const finished = await until(() => callTool(agent, 'get_run', { id: started.data.runId }), (r) => !['running', 'waiting'].includes(r.data.run.status));
    assert.equal(finished.data.run.status, 'completed', JSON.stringify(finished.data.run));
    assert.deepEqual(calls, ['POST /v1/customers', 'POST /v1/customers/cus_1/payment_methods', 'POST /v1/payment_intents', 'POST /v1/payment_intents/pi_1/confirm']);
    assert.equal((await report('run', 'converted')).status, 202);

    // 4. Report the run's figures (no ids, people or inputs) to the hub; its community ranking shows the version with them.
    assert.equal((await hubRankingOf({ hub: site.url })).ranking.length, 0, 'no report before the run');
    const figures = await collectRunFigures(site.workspace.store, 'take-first-payment', '1.0.0');
    assert.deepEqual([figures.runs, figures.succeeded], [1, 1]);
    assert.deepEqual(await hubReport({ hub: site.url, token: tokens.agent }, figures), { accepted: true, name: 'take-first-payment', version: '1.0.0' });
    const [ranked] = (await hubRankingOf({ hub: site.url })).ranking;
    assert.deepEqual([ranked?.name, ranked?.version, ranked?.runs, ranked?.succeeded, ranked?.successRate, ranked?.reports], ['take-first-payment', '1.0.0', 1, 1, 1, 1]);

    // The site sees the agent's visit as an agent's journey that converted.
    const ideal = loadWorkflow(AGENT_JOURNEY, 'agent-integration.osop').workflow!;
    const journeys = await journeyReport({ store: site.workspace.store, localAdmin: 'test' }, { tenant: 'default', ideal });
    assert.deepEqual([journeys.funnel.agents.sessions, journeys.funnel.agents.completed, journeys.funnel.agents.converted, journeys.funnel.humans.sessions], [1, 1, 1, 0]);
  });
});
