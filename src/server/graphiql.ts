import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

/**
 * GraphiQL from the installed package, no CDN. Yoga's stock renderer inlines ~9 MB into every
 * page; here the page is small and the assets are served once under /graphiql/ with caching.
 * The package (~9 MB of strings) is loaded on the first request that needs it, not at start: a server nobody opens
 * GraphiQL on never holds it (the production bundle leaves it in node_modules for that, scripts/build.ts).
 */
const ASSET_PREFIX = '/graphiql/';
const JS = 'application/javascript; charset=utf-8';

type GraphiQLPackage = typeof import('@graphql-yoga/render-graphiql/graphiql');
let loading: Promise<GraphiQLPackage> | undefined;
const graphiqlPackage = () => {
  loading ??= import('@graphql-yoga/render-graphiql/graphiql');
  return loading;
};

async function assetOf(name: string): Promise<{ body: string; type: string } | undefined> {
  const { js, css, editorWorkerService, jsonWorker, graphqlWorker } = await graphiqlPackage();
  const assets: Record<string, { body: string; type: string }> = {
    'graphiql.js': { body: js, type: JS },
    'graphiql.css': { body: css, type: 'text/css; charset=utf-8' },
    'editor.worker.js': { body: editorWorkerService, type: JS },
    'json.worker.js': { body: jsonWorker, type: JS },
    'graphql.worker.js': { body: graphqlWorker, type: JS },
  };
  return Object.hasOwn(assets, name) ? assets[name] : undefined;
}

/**
 * The bundle already carries `@graphiql/plugin-explorer` (Yoga's GraphiQL registers it, with the same React as the
 * editor); this makes it the plugin shown when the page opens (GraphiQL's `visiblePlugin`). Its sidebar icon hides it
 * until the next visit.
 */
export const EXPLORER_PLUGIN_TITLE = 'GraphiQL Explorer';

export async function renderGraphiQL(opts: GraphiQLOptions = {}): Promise<string> {
  const { favicon } = await graphiqlPackage();
  const options = JSON.stringify({ visiblePlugin: EXPLORER_PLUGIN_TITLE, ...opts }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${(opts.title ?? 'GraphiQL').replace(/</g, '&lt;')}</title>
    <link rel="icon" href="${favicon}" />
    <link rel="stylesheet" href="${ASSET_PREFIX}graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root"></div>
    <script>
      const workers = {
        editorWorkerService: '${ASSET_PREFIX}editor.worker.js',
        json: '${ASSET_PREFIX}json.worker.js',
        graphql: '${ASSET_PREFIX}graphql.worker.js',
      };
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_id, label) => workers[label] };
    </script>
    <script src="${ASSET_PREFIX}graphiql.js"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${options});
    </script>
  </body>
</html>`;
}

/** Serves the GraphiQL assets with a long cache lifetime. */
export function useGraphiQLAssets(): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(ASSET_PREFIX)) return;
      const asset = await assetOf(url.pathname.slice(ASSET_PREFIX.length));
      endResponse(
        asset
          ? new fetchAPI.Response(asset.body, {
              headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' },
            })
          : new fetchAPI.Response('Not found', { status: 404 }),
      );
    },
  };
}
