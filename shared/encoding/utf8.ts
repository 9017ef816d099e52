/**
 * UTF-8 bytes of a string, as TextEncoder gives them (a lone surrogate becomes U+FFFD).
 * shared/ compiles without DOM or Node types, where TextEncoder does not exist.
 */
export function utf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  for (const char of text) {
    let code = char.codePointAt(0) as number;
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return new Uint8Array(out);
}
