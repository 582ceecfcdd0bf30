/**
 * The script a site embeds to record its visitors' journeys (served at `/journey.js`):
 *
 *   <script src="https://sopflow.example/journey.js" data-key="jk_…" async></script>
 *
 * It records the page (`data-step`, else the path without its query string) once per page view,
 * exposes `sopflowJourney.step(name)` and `sopflowJourney.convert([name])`, and sends the steps with
 * `navigator.sendBeacon` as a text/plain JSON body (no preflight) when the page is hidden or left,
 * or at once on a conversion. The session id is random, kept in `sessionStorage` for the tab's
 * life; no cookie is read or set. Plain ES5, no dependencies.
 */
export const JOURNEY_SCRIPT = `(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.sopflowJourney) return;
  var key = script.getAttribute('data-key');
  if (!key) return;
  var base = script.getAttribute('data-endpoint') || new URL(script.src).origin;
  var endpoint = base.replace(/\\/$/, '') + '/api/journeys/events?key=' + encodeURIComponent(key);
  var session;
  try { session = sessionStorage.getItem('sopflow-journey'); } catch (e) {}
  if (!session || !/^[A-Za-z0-9_-]{8,64}$/.test(session)) {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    session = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
    try { sessionStorage.setItem('sopflow-journey', session); } catch (e) {}
  }
  var queue = [];
  function send(body) {
    if (navigator.sendBeacon && navigator.sendBeacon(endpoint, body)) return;
    if (window.fetch) fetch(endpoint, { method: 'POST', body: body, keepalive: true, credentials: 'omit', headers: { 'content-type': 'text/plain' } });
  }
  function flush() {
    while (queue.length > 0) send(JSON.stringify({ session: session, events: queue.splice(0, 50) }));
  }
  function step(name, outcome) {
    var event = { step: String(name).slice(0, 200), at: new Date().toISOString() };
    if (outcome) event.outcome = outcome;
    queue.push(event);
    if (outcome || queue.length >= 50) flush();
  }
  var page = script.getAttribute('data-step') || location.pathname;
  window.sopflowJourney = {
    session: session,
    step: function (name) { step(name); },
    convert: function (name) { step(name || page, 'converted'); },
    flush: flush
  };
  addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flush(); });
  step(page);
})();
`;
