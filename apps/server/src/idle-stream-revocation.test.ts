import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openSocketServer, type SocketServer } from './test-support/socket-server.js';
import { CONTRACT_OSOP } from './test-support/server-fixture.js';

// Long enough for the revoke, sent the moment a heartbeat arrives, to land before the next one is due.
const HEARTBEAT_MS = 150;

describe('an idle event stream whose token is revoked (a real socket, heartbeats every 150 ms)', () => {
  let t: SocketServer;
  before(async () => { t = await openSocketServer('sopflow-idle-revoke-', { heartbeatMs: HEARTBEAT_MS }); });
  after(() => t.close());

  /**
   * Opens `path` with a new read token, lets two heartbeats arrive, revokes the token over the API,
   * then reads on until the server ends the stream or five more heartbeats came; returns those counted after the revoke.
   */
  async function heartbeatsAfterRevoke(path: string): Promise<{ ended: boolean; after: number }> {
    const token = await t.tokenOf('read');
    const res = await fetch(t.server.url + path, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token.token}` } });
    assert.equal(res.status, 200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let before = 0;
    let after = 0;
    let revoked = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { ended: true, after };
      const beats = value.split(': heartbeat\n\n').length - 1;
      if (revoked) after += beats;
      else before += beats;
      if (!revoked && before >= 2) {
        assert.equal((await t.api('POST', `/api/admin/tokens/${token.id}/revoke`)).status, 200);
        revoked = true;
      }
      if (after >= 5) {
        await reader.cancel();
        return { ended: false, after };
      }
    }
  }

  for (const route of ['/api/events', '/api/runs/:id/events']) {
    it(`GET ${route} ends with no heartbeat sent after the revoke`, async () => {
      let path = route;
      if (route !== '/api/events') {
        // A run waiting at its person's task: its stream has nothing to say but heartbeats.
        const sop = (await t.api('POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
        await t.api('POST', `/api/sops/${sop.id}/publish`);
        path = `/api/runs/${(await t.api('POST', `/api/sops/${sop.id}/run`)).json.runId}/events`;
      }
      const seen = await heartbeatsAfterRevoke(path);
      assert.equal(seen.ended, true, `${seen.after} heartbeats after the revoke and the stream still open`);
      assert.equal(seen.after, 0, 'no heartbeat after the revoke');
    });
  }
});
