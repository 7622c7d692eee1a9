import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { tokenConfigLine } from '../src/server/auth.ts';

/**
 * npm run token:hash -- TOKEN [--name NAME] [--scopes read+write]
 * Prints the API_TOKENS entry for a token (sha256 only). Without TOKEN, makes a random one and prints it once.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string', default: 'client' }, scopes: { type: 'string', default: 'read+write' } },
});
const scopes = values.scopes.split('+');
if (!/^[A-Za-z0-9_.-]+$/.test(values.name) || !scopes.every((s) => /^[a-z]+$/.test(s))) {
  console.error('--name is [A-Za-z0-9_.-]+ and --scopes is scope+scope (lower case)');
  process.exit(2);
}
let token = positionals[0];
if (!token) {
  token = randomBytes(32).toString('base64url');
  console.error(`new token (shown once, keep it secret): ${token}`);
}
console.log(tokenConfigLine(values.name, scopes, token));
