/**
 * Base64 for the bytes Word.js exchanges (`createDocument` takes a template as base64), written
 * with the browser's `btoa` and `atob` so that it runs in the task pane as in Node.
 */

/** Characters per `String.fromCharCode` call, kept small so that no call overflows the stack. */
const CHUNK = 0x8000;

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return btoa(binary);
}

export function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) {
    bytes[index] = binary.charCodeAt(index);
  }
  return bytes;
}
