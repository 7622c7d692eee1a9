import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { loadConfig } from '../../src/config/index.ts';

/**
 * The browser for page tests, in this order: CHROMIUM_PATH → a Chromium on PATH → the build that the
 * `@sparticuz/chromium` devDependency ships (so `npm ci` alone is enough). A CHROMIUM_PATH that is not an
 * executable file fails the run rather than falling through to another browser.
 */
export interface ChromiumChoice {
  via: 'CHROMIUM_PATH' | 'PATH' | '@sparticuz/chromium';
  executablePath: string;
  args: string[];
}

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

/** Nothing may reach for the network (the tests run offline) or wait on a first-run dialog. */
const OFFLINE_ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--metrics-recording-only',
  '--no-pings',
];

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `command -v`: the first of the names found in a PATH directory. PATH is the OS search path, not configuration. */
function onPath(names: string[]): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

export async function findChromium(configured = loadConfig().tests.chromiumPath): Promise<ChromiumChoice> {
  if (configured !== undefined) {
    if (!isExecutableFile(configured)) {
      throw new Error(`CHROMIUM_PATH=${configured} is not an executable file (unset it to use another Chromium)`);
    }
    return { via: 'CHROMIUM_PATH', executablePath: configured, args: [...OFFLINE_ARGS, '--disable-gpu'] };
  }
  const system = onPath(SYSTEM_NAMES);
  if (system) return { via: 'PATH', executablePath: system, args: [...OFFLINE_ARGS, '--disable-gpu'] };
  const { default: sparticuz } = await import('@sparticuz/chromium');
  return {
    via: '@sparticuz/chromium',
    executablePath: await sparticuz.executablePath(),
    args: [...sparticuz.args, ...OFFLINE_ARGS],
  };
}

/** Launches the chosen Chromium headless and says in the test log which one it is. */
export async function launchChromium(): Promise<Browser> {
  const choice = await findChromium();
  const browser = await chromium.launch({ executablePath: choice.executablePath, args: choice.args, headless: true });
  console.log(`[chromium] ${choice.executablePath} (via ${choice.via}), version ${browser.version()}`);
  return browser;
}
