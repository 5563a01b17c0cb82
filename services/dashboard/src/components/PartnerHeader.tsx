import { NavLink } from 'react-router';
import { useSession } from '../auth/auth-context';

/** The partner's pages as tabs, for finance and admins who open any partner. */
export const PartnerHeader = ({ partnerId, title }: { partnerId: string; title: string }) => {
  const base = `/partners/${encodeURIComponent(partnerId)}`;
  // A partner has these pages in its menu already.
  const tabs = useSession().claims.role !== 'partner';
  return (
    <header className="page-header">
      <h1>
        {title} <span className="subject">{partnerId}</span>
      </h1>
      {tabs && (
        <nav aria-label={`Pages of partner ${partnerId}`} className="tabs">
          <NavLink to={base} end>
            Overview
          </NavLink>
          <NavLink to={`${base}/clients`}>Clients</NavLink>
          <NavLink to={`${base}/agreement`}>Agreement</NavLink>
          <NavLink to={`${base}/payouts`}>Payouts</NavLink>
          <NavLink to={`${base}/sub-partners`}>Sub-partners</NavLink>
        </nav>
      )}
    </header>
  );
};
