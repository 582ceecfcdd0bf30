// The editor's .osop check off the page's main thread (osop-checker.ts starts it): each message is a
// document version, each reply its @sopflow/format report and outline under the same sequence number.
import { checkOsopText } from './osop-check-text';
import type { OsopCheckReply, OsopCheckRequest } from './osop-checker';

const scope = self as unknown as { onmessage: ((event: MessageEvent<OsopCheckRequest>) => void) | null; postMessage(reply: OsopCheckReply): void };

scope.onmessage = ({ data }) => {
  scope.postMessage({ seq: data.seq, ...checkOsopText(data.text) });
};
