import type { Page } from 'playwright-core';

/**
 * GraphiQL's documentation pane ("Docs", the book icon): opens it and shows one type (`Company`) or root field
 * (`Query.metricByCompany`) through its search box, as a reader would (test/graphiql-page.test.ts, whose
 * screenshots `npm run screenshots` keeps in docs/screenshots).
 */
export async function showInDocs(page: Page, coordinate: string): Promise<void> {
  const pane = page.locator('.graphiql-doc-explorer');
  if (!(await pane.isVisible())) await page.getByLabel('Show Documentation Explorer').click();
  await pane.waitFor({ timeout: 30_000 });
  // Back to the pane's first page, whose search box looks through the whole schema (a type page's searches its fields).
  const back = page.locator('.graphiql-doc-explorer-back');
  while (await back.isVisible()) await back.click();
  await page.locator('.graphiql-doc-explorer-search input').fill(coordinate.split('.').at(-1) ?? coordinate);
  const exact = new RegExp(`^${coordinate.replace(/\./g, '\\.')}$`);
  await page.locator('[data-cy="doc-explorer-option"]').filter({ hasText: exact }).click();
  await page
    .locator('.graphiql-doc-explorer-title')
    .filter({ hasText: coordinate.split('.').at(-1) })
    .waitFor();
}
