/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasChromium, launchBrowser, openPage } from './browser';
import { repoRoot, startService } from './service';

/**
 * `bash scripts/dashboard-screenshots.sh`: a real `rebate serve` with the product-sheet
 * scenario, every page in Chromium, PNGs in docs/dashboard/ and docs/dashboard.md rewritten.
 */

interface Shot {
  readonly file: string;
  readonly title: string;
  readonly path: string;
  readonly role: readonly string[];
  readonly note: string;
  readonly phone?: boolean;
  /** Something to do before the picture (open a dialog, run an audit). */
  readonly act?: 'confirm-rate' | 'audit';
}

const partner = ['--role', 'partner', '--partner', 'IB-1'];
const finance = ['--role', 'finance'];
const admin = ['--role', 'admin'];

const shots: Shot[] = [
  {
    file: 'sign-in',
    title: 'Sign-in',
    path: '/sign-in',
    role: [],
    note: 'Paste a token, or open a `rebate token ... --link` link.',
  },
  {
    file: 'partner-overview',
    title: 'Partner: overview',
    path: '/partners/IB-1',
    role: partner,
    note: 'Totals (overrides paid to the parent and received from sub-partners among them), then remuneration, rebates, overrides paid and received and net per UTC day over a chosen range.',
  },
  {
    file: 'partner-clients',
    title: 'Partner: clients',
    path: '/partners/IB-1/clients',
    role: partner,
    note: 'Trades, lots, rebates, balance, the rate in force with the rule that chose it; default rate, individual rates, suspend / resume / cancel.',
  },
  {
    file: 'partner-confirm',
    title: 'Partner: a change asks first',
    path: '/partners/IB-1/clients',
    role: partner,
    note: 'Every change is confirmed, with the time it takes effect.',
    act: 'confirm-rate',
  },
  {
    file: 'partner-client-statement',
    title: "Partner: a client's statement",
    path: '/partners/IB-1/clients/client-01',
    role: partner,
    note: 'Balance figures, a date range and a CSV download.',
  },
  {
    file: 'partner-agreement',
    title: 'Partner: agreement history',
    path: '/partners/IB-1/agreement',
    role: partner,
    note: 'Every rate and switch change, effective time in UTC with local time beside.',
  },
  {
    file: 'partner-payouts',
    title: 'Partner: payouts',
    path: '/partners/IB-1/payouts',
    role: partner,
    note: 'Per client: paid (completed), in flight (requested, no result yet) and payable now (hold applied, cents rounded down); its payouts (`GET /v1/payouts?partnerId=`) by status, newest run first, 20 a page.',
  },
  {
    file: 'partner-sub-partners',
    title: 'Partner: sub-partners',
    path: '/partners/IB-1/sub-partners',
    role: partner,
    note: "The tree below the partner (`GET /v1/partners/{id}/sub-partners`), indented by depth: trades, lots, remuneration, overrides paid and received; each name opens that sub-partner's statement (`/partners/IB-1/sub-partners/{subId}`, days and CSV).",
  },
  {
    file: 'partner-not-yours',
    title: "Partner: another partner's page",
    path: '/partners/IB-2',
    role: partner,
    note: 'The API answers 403; the page says so and shows no data.',
  },
  {
    file: 'finance-partners',
    title: 'Finance: partners',
    path: '/finance/partners',
    role: finance,
    note: 'Every partner with its overrides paid and received, searchable, sortable by any column (decimals compared exactly); an "as of" instant (UTC, recorded time) shows the books as they stood then (`asOf`).',
  },
  {
    file: 'finance-statements',
    title: 'Finance: statements',
    path: '/finance/statements',
    role: finance,
    note: "Open any partner's or client's statement.",
  },
  {
    file: 'finance-trial-balance',
    title: 'Finance: trial balance',
    path: '/finance/trial-balance',
    role: finance,
    note: '`GET /v1/trial-balance`: every account per asset and the zero totals, now or "as of" an instant (UTC, recorded time, `asOf`).',
  },
  {
    file: 'finance-payouts',
    title: 'Finance: payouts by status',
    path: '/finance/payouts',
    role: finance,
    note: '`GET /v1/payouts` filtered by status and client, with the shares per partner, newest run first, 20 a page (the route answers every match; the page pages through it). An admin marks a requested payout completed or failed (with a reason) from its row, after a confirmation.',
  },
  {
    file: 'finance-audit',
    title: 'Finance: an audit',
    path: '/finance/audits',
    role: finance,
    note: 'Runs `POST /v1/audits` and shows the report; discrepancies name the stream and position.',
    act: 'audit',
  },
  {
    file: 'finance-exports',
    title: 'Finance: reconciliation exports',
    path: '/finance/exports',
    role: finance,
    note: 'CSV per partner per day and per client per day (issue 12).',
  },
  {
    file: 'admin-partners',
    title: 'Admin: partners and clients',
    path: '/admin/partners',
    role: admin,
    note: 'Register a partner (with a parent) and attach clients.',
  },
  {
    file: 'admin-remuneration',
    title: 'Admin: remuneration',
    path: '/admin/remuneration',
    role: admin,
    note: 'USD per lot: broker-wide, per partner, per symbol.',
  },
  {
    file: 'admin-qualification',
    title: 'Admin: qualification and hold',
    path: '/admin/qualification',
    role: admin,
    note: 'Minimum hold time (issue 11) and the payout hold (issue 10).',
  },
  {
    file: 'admin-payout-runs',
    title: 'Admin: payout runs',
    path: '/admin/payout-runs',
    role: admin,
    note: 'Preview (when the API offers `dryRun`), run with a confirmation, the payouts list with its completed / failed buttons, and per client paid, in flight and payable now.',
  },
  {
    file: 'admin-payout-results',
    title: 'Admin: manual payout results',
    path: '/admin/payout-results',
    role: admin,
    note: 'Record a completion or failure by payout id (`POST /v1/payouts/{id}/completed` or `/failed`).',
  },
  {
    file: 'phone-partner-overview',
    title: 'On a phone: partner overview',
    path: '/partners/IB-1',
    role: partner,
    note: 'The menu moves to the top; tables scroll sideways.',
    phone: true,
  },
];

const main = async (): Promise<void> => {
  if (!hasChromium()) throw new Error('no /usr/bin/chromium: apt-get install -y chromium');
  const outDir = join(repoRoot, 'docs', 'dashboard');
  mkdirSync(outDir, { recursive: true });
  const service = await startService();
  const browser = await launchBrowser();
  try {
    const adminToken = service.token(admin);
    await service.api('POST', '/v1/partners', adminToken, { partnerId: 'IB-2', model: 'agent' });
    for (const shot of shots) {
      const viewport =
        shot.phone === true ? { width: 390, height: 780 } : { width: 1100, height: 720 };
      process.stderr.write(`shooting ${shot.file}\n`);
      const { page } = await openPage(browser, viewport);
      if (shot.role.length > 0) {
        await page.goto(service.token([...shot.role, '--link']));
        await page.getByRole('button', { name: 'Sign out' }).waitFor();
      }
      await page.goto(`${service.url}${shot.path}`);
      await page.locator('h1').first().waitFor();
      await page.waitForFunction(() => document.querySelector('.loading') === null);
      if (shot.act === 'confirm-rate') {
        await page.getByLabel('Individual rate of client-02 (%)').fill('25');
        await page.getByRole('button', { name: 'Set rate of client-02' }).click();
        await page.getByRole('dialog').waitFor();
      }
      if (shot.act === 'audit') {
        await page.getByRole('button', { name: 'Run an audit' }).click();
        await page.getByTestId('audit-verdict').waitFor();
      }
      await page.screenshot({ path: join(outDir, `${shot.file}.png`) });
      await page.context().close();
      process.stderr.write(`screenshot ${shot.file}.png\n`);
    }
  } finally {
    await browser.close();
    await service.stop();
  }
  const lines = [
    '# The dashboard',
    '',
    '`rebate serve` serves the dashboard (`services/dashboard`) at `/`. Sign in with a token:',
    '`pnpm --silent rebate token --role partner --partner IB-1 --link` prints a link that carries',
    'it in the URL fragment. The pictures show the product-sheet example',
    '(`examples/product-sheet.ndjson`) and are regenerated by `bash scripts/dashboard-screenshots.sh`;',
    'pages whose API routes other issues are adding show the API\'s 404 as "not available yet".',
    '',
    ...shots.flatMap((shot) => [
      `## ${shot.title}`,
      '',
      `\`${shot.path}\`: ${shot.note}`,
      '',
      `![${shot.title}](dashboard/${shot.file}.png)`,
      '',
    ]),
  ];
  writeFileSync(join(repoRoot, 'docs', 'dashboard.md'), `${lines.join('\n').trimEnd()}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(
    `dashboard-screenshots: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
