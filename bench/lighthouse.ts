// Lighthouse (default mobile settings: simulated slow 4G and a 4× slower CPU) on the pages an end
// user sees, in Debian's Chromium where it exists. Chromium resolves *.localhost to loopback, so
// tenant pages are opened by their own host name.
import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
type Category = (typeof CATEGORIES)[number];

export type LighthouseScores = {
  page: string;
  scores: Record<Category, number>;
  /** Titles of the audits that scored below 1 in these categories, so a miss says what it was. */
  misses: string[];
};

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export async function runLighthouse(
  pages: { name: string; url: string; cookie?: string }[],
): Promise<LighthouseScores[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const results: LighthouseScores[] = [];
    for (const page of pages) {
      const run = await lighthouse(page.url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
        ...(page.cookie ? { extraHeaders: { cookie: page.cookie } } : {}),
      });
      if (!run) throw new Error(`Lighthouse returned nothing for ${page.name}`);
      const { lhr } = run;
      if (lhr.runtimeError) throw new Error(`Lighthouse on ${page.name}: ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(
        CATEGORIES.map((category) => [category, Math.round((lhr.categories[category]?.score ?? 0) * 100)]),
      ) as Record<Category, number>;
      const misses = CATEGORIES.flatMap((category) =>
        (lhr.categories[category]?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0)
          .map((ref) => lhr.audits[ref.id])
          .filter((audit) => audit && audit.score !== null && audit.score < 1)
          .map((audit) => `${category}: ${audit?.title}`),
      );
      results.push({ page: page.name, scores, misses });
    }
    return results;
  } finally {
    chrome.kill();
  }
}
