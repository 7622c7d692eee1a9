import { parseArgs } from 'node:util';

/** Every contender takes the same flags, so the harness starts them the same way. */
export function contenderArgs() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      uri: { type: 'string' },
      user: { type: 'string', default: 'neo4j' },
      password: { type: 'string' },
      database: { type: 'string', default: 'neo4j' },
      'pool-size': { type: 'string', default: '50' },
    },
  });
  if (!values.port || !values.uri || !values.password) throw new Error('usage: --port N --uri bolt://… --password …');
  return {
    port: Number(values.port),
    uri: values.uri,
    user: values.user,
    password: values.password,
    database: values.database,
    poolSize: Number(values['pool-size']),
  };
}
