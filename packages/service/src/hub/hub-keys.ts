import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { ServiceError } from '../service-error.js';

/** An ed25519 key pair as PEM text (PKCS#8 private, SPKI public) and the publisher id the hub knows the key by. */
export interface HubKeyPair { privateKeyPem: string; publicKeyPem: string; publisherId: string }

/** Makes a fresh ed25519 key pair for publishing to a hub. */
export function generateHubKeyPair(): HubKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyPem, publisherId: publisherIdOf(publicKeyPem) };
}

/**
 * The bytes a publisher signs and the hub hashes: the document's text without a byte-order mark,
 * with LF line ends, as UTF-8. Pure.
 */
export function canonicalHubText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** SHA-256 of the canonical text, hex. */
export function hubContentHash(text: string): string {
  return createHash('sha256').update(canonicalHubText(text), 'utf8').digest('hex');
}

/** The signature (base64) of the document's canonical bytes under an ed25519 private key (PEM). */
export function signHubDocument(privateKeyPem: string, text: string): string {
  return sign(null, Buffer.from(canonicalHubText(text), 'utf8'), ed25519Key(privateKeyPem, 'private')).toString('base64');
}

/** Verifies a base64 signature of the document's canonical bytes; false for any malformed input. */
export function verifyHubSignature(publicKeyPem: string, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(canonicalHubText(text), 'utf8'), ed25519Key(publicKeyPem, 'public'), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** `ed25519:` and the first 32 hex digits of the SHA-256 of the public key's DER: how the hub names a publisher. */
export function publisherIdOf(publicKeyPem: string): string {
  const der = ed25519Key(publicKeyPem, 'public').export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 32)}`;
}

/** The public key (PEM) of a private key (PEM). */
export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(ed25519Key(privateKeyPem, 'private')).export({ type: 'spki', format: 'pem' }).toString();
}

/** A PEM ed25519 key, or invalid_input saying what it is instead. */
function ed25519Key(pem: string, kind: 'public' | 'private'): KeyObject {
  let key: KeyObject;
  try {
    key = kind === 'public' ? createPublicKey(pem) : createPrivateKey(pem);
  } catch {
    throw new ServiceError('invalid_input', `not a PEM ${kind} key`, { reason: 'bad_key' });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ServiceError('invalid_input', `the ${kind} key is ${key.asymmetricKeyType ?? 'not asymmetric'}, not ed25519`, { reason: 'bad_key' });
  return key;
}
