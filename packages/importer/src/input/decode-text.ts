export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'; note?: string }
  | { ok: false; message: string };

/**
 * Pure; decodes document text. A BOM decides (UTF-8, UTF-16 LE/BE). Without one, valid UTF-8 is
 * UTF-8; otherwise Windows-1252 (a latin-1 superset) when the bytes look like Western text, else
 * a failure rather than a guess.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const strict = utf8(bytes);
  if (strict.ok) return strict;
  let high = 0;
  let letters = 0;
  for (const b of bytes) {
    if (b >= 0x80) high++;
    if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) letters++;
    if (b >= 0x80 && b <= 0x9f && ![0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99].includes(b)) {
      return { ok: false, message: 'the text is neither UTF-8 nor a recognisable single-byte encoding' };
    }
  }
  if (high > letters * 0.3) return { ok: false, message: 'the text is not UTF-8 and too few bytes are ASCII letters to guess an encoding' };
  return { ok: true, text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252', note: 'decoded as Windows-1252 (latin-1): the file is not valid UTF-8' };
}

function utf8(bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { ok: false, message: 'invalid UTF-8' };
  }
}
