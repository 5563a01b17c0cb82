import { NavLink, Outlet } from 'react-router';
import { useAuth, useSession } from '../auth/auth-context';
import type { Claims } from '../auth/session';

interface Link {
  readonly to: string;
  readonly label: string;
}

const partnerLinks = (partnerId: string): Link[] => [
  { to: `/partners/${encodeURIComponent(partnerId)}`, label: 'Overview' },
  { to: `/partners/${encodeURIComponent(partnerId)}/clients`, label: 'Clients' },
  { to: `/partners/${encodeURIComponent(partnerId)}/agreement`, label: 'Agreement' },
  { to: `/partners/${encodeURIComponent(partnerId)}/payouts`, label: 'Payouts' },
  { to: `/partners/${encodeURIComponent(partnerId)}/sub-partners`, label: 'Sub-partners' },
];

const financeLinks: Link[] = [
  { to: '/finance/partners', label: 'Partners' },
  { to: '/finance/statements', label: 'Statements' },
  { to: '/finance/trial-balance', label: 'Trial balance' },
  { to: '/finance/payouts', label: 'Payouts' },
  { to: '/finance/audits', label: 'Audits' },
  { to: '/finance/exports', label: 'Exports' },
];

const adminLinks: Link[] = [
  { to: '/admin/partners', label: 'Partners & clients' },
  { to: '/admin/remuneration', label: 'Remuneration' },
  { to: '/admin/qualification', label: 'Qualification & hold' },
  { to: '/admin/payout-runs', label: 'Payout runs' },
  { to: '/admin/payout-results', label: 'Payout results' },
];

const linksOf = (claims: Claims): { heading: string; links: Link[] }[] => {
  switch (claims.role) {
    case 'partner':
      return [{ heading: 'Partner', links: partnerLinks(claims.partnerId ?? '') }];
    case 'finance':
      return [{ heading: 'Finance', links: financeLinks }];
    case 'admin':
      return [
        { heading: 'Admin', links: adminLinks },
        { heading: 'Finance', links: financeLinks },
      ];
  }
};

const who = (claims: Claims): string =>
  claims.role === 'partner' ? `partner ${claims.partnerId ?? ''}` : claims.role;

export const Layout = () => {
  const { claims } = useSession();
  const { signOut } = useAuth();
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Rebate Ledger</span>
        <span className="who">Signed in as {who(claims)}</span>
        <button type="button" onClick={() => signOut('You signed out.')}>
          Sign out
        </button>
      </header>
      <nav aria-label="Pages" className="side">
        {linksOf(claims).map((group) => (
          <div key={group.heading}>
            <h2>{group.heading}</h2>
            <ul>
              {group.links.map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to} end>
                    {link.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
};
