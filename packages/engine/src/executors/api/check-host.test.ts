import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHost, type HostLookup } from './check-host.js';

const resolvesTo = (...addresses: string[]): HostLookup => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const allowed = async (url: string, hosts: string[], lookup: HostLookup = resolvesTo('93.184.215.14')): Promise<boolean> => (await checkHost(new URL(url), hosts, lookup)).ok;

describe('checkHost', () => {
  it('lets any public host through when allowed_hosts is empty', async () => {
    assert.equal(await allowed('https://api.example.com/x', []), true);
  });

  it('refuses private, loopback, link-local and special addresses unless listed, literal or resolved', async () => {
    for (const url of ['http://10.1.2.3/', 'http://172.20.0.1/', 'http://192.168.1.1/', 'http://127.0.0.1/', 'http://169.254.169.254/',
      'http://[::1]/', 'http://[fe80::1]/', 'http://[fd00::1]/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/', 'http://2130706433/']) {
      assert.equal(await allowed(url, []), false, url);
    }
    assert.equal(await allowed('http://innocent.example.com/', [], resolvesTo('93.184.215.14', '10.0.0.7')), false, 'any resolved address counts');
  });

  it('allows a non-public address when it, or a range holding it, is listed', async () => {
    assert.equal(await allowed('http://127.0.0.1:8080/', ['127.0.0.1']), true);
    assert.equal(await allowed('http://[::ffff:127.0.0.1]/', ['127.0.0.1']), true);
    assert.equal(await allowed('http://billing.internal/', ['billing.internal', '10.0.0.0/8'], resolvesTo('10.4.5.6')), true);
    assert.equal(await allowed('http://billing.internal/', ['billing.internal'], resolvesTo('10.4.5.6')), false, 'the name alone does not open a private address');
  });

  it('with a list, reaches only listed names, *.wildcards, addresses and ranges', async () => {
    const list = ['api.example.com', '*.svc.example.org', '203.0.113.0/24'];
    assert.equal(await allowed('https://API.example.com/x', list), true);
    assert.equal(await allowed('https://a.b.svc.example.org/x', list), true);
    assert.equal(await allowed('https://svc.example.org/x', list), false);
    assert.equal(await allowed('https://evil-api.example.com/x', list), false);
    assert.equal(await allowed('http://203.0.113.9/', list), true);
    assert.equal(await allowed('http://198.51.100.1/', list), false);
  });

  it('says which address was refused', async () => {
    const check = await checkHost(new URL('http://metadata.example.org/'), [], resolvesTo('169.254.169.254'));
    assert.deepEqual(check, { ok: false, message: "metadata.example.org resolves to 169.254.169.254, which is a private, loopback or link-local address; list it in the workflow's allowed_hosts to reach it" });
  });
});
