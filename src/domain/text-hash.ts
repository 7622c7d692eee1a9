import { createHash } from 'node:crypto';

/** "sha256:<hex>" of a text's UTF-8 bytes, as Source.contentHash holds it. */
export const sha256Of = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
