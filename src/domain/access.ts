import { DomainError } from './errors.ts';

/** `research`: may send any GraphQL document even when the service runs only trusted documents. */
export type Scope = 'read' | 'write' | 'research';

/** Who made a request: a configured token's name and scopes, or anonymous (principal null). */
export interface Auth {
  principal: string | null;
  scopes: readonly string[];
}

export const ANONYMOUS: Auth = Object.freeze({ principal: null, scopes: [] });

/** `write` implies `read`. */
export function hasScope(auth: Auth, scope: Scope): boolean {
  return auth.scopes.includes(scope) || (scope === 'read' && auth.scopes.includes('write'));
}

/** Throws UNAUTHENTICATED without a valid token, FORBIDDEN when the token lacks the scope. */
export function requireScope(ctx: { auth: Auth }, scope: Scope): void {
  if (ctx.auth.principal === null) {
    throw new DomainError('UNAUTHENTICATED', `This operation needs a bearer token with the "${scope}" scope`, {
      scope,
    });
  }
  if (!hasScope(ctx.auth, scope)) {
    throw new DomainError('FORBIDDEN', `The token "${ctx.auth.principal}" lacks the "${scope}" scope`, { scope });
  }
}
