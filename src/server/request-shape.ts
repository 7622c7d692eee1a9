import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Yoga parses `variables` and `extensions` of GET and form-encoded requests with a bare JSON.parse;
 * its SyntaxError would be masked as INTERNAL_SERVER_ERROR. It is the client's mistake: 400 BAD_REQUEST.
 */
export function useMalformedParams(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      const original = requestParser;
      setRequestParser(async (request) => {
        try {
          return await original(request);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          throw new GraphQLError('The "variables" or "extensions" parameter is not valid JSON', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
      });
    },
  };
}
