import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth/auth-context';
import { Layout } from './components/Layout';
import { PartnersAdmin } from './pages/admin/PartnersAdmin';
import { PayoutResults } from './pages/admin/PayoutResults';
import { PayoutRuns } from './pages/admin/PayoutRuns';
import { Qualification } from './pages/admin/Qualification';
import { Remuneration } from './pages/admin/Remuneration';
import { Audits } from './pages/finance/Audits';
import { Exports } from './pages/finance/Exports';
import { FinancePartners } from './pages/finance/Partners';
import { FinancePayouts } from './pages/finance/FinancePayouts';
import { Statements } from './pages/finance/Statements';
import { TrialBalance } from './pages/finance/TrialBalance';
import { AgreementHistory } from './pages/partner/AgreementHistory';
import { ClientStatement } from './pages/partner/ClientStatement';
import { Clients } from './pages/partner/Clients';
import { Overview } from './pages/partner/Overview';
import { PartnerPayouts } from './pages/partner/PartnerPayouts';
import { SubPartners } from './pages/partner/SubPartners';
import { SubPartnerStatement } from './pages/partner/SubPartnerStatement';
import { SignIn } from './pages/SignIn';

const Home = () => {
  const { session } = useAuth();
  const claims = session?.claims;
  if (claims?.role === 'partner') {
    return <Navigate to={`/partners/${encodeURIComponent(claims.partnerId ?? '')}`} replace />;
  }
  return (
    <Navigate to={claims?.role === 'admin' ? '/admin/partners' : '/finance/partners'} replace />
  );
};

const Gate = () => {
  const { session } = useAuth();
  const location = useLocation();
  if (session === undefined) return <SignIn />;
  if (location.pathname === '/sign-in') return <Navigate to="/" replace />;
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route path="partners/:partnerId" element={<Overview />} />
        <Route path="partners/:partnerId/clients" element={<Clients />} />
        <Route path="partners/:partnerId/clients/:clientId" element={<ClientStatement />} />
        <Route path="partners/:partnerId/agreement" element={<AgreementHistory />} />
        <Route path="partners/:partnerId/payouts" element={<PartnerPayouts />} />
        <Route path="partners/:partnerId/sub-partners" element={<SubPartners />} />
        <Route
          path="partners/:partnerId/sub-partners/:subPartnerId"
          element={<SubPartnerStatement />}
        />
        <Route path="clients/:clientId" element={<ClientStatement />} />
        <Route path="finance/partners" element={<FinancePartners />} />
        <Route path="finance/statements" element={<Statements />} />
        <Route path="finance/trial-balance" element={<TrialBalance />} />
        <Route path="finance/payouts" element={<FinancePayouts />} />
        <Route path="finance/audits" element={<Audits />} />
        <Route path="finance/exports" element={<Exports />} />
        <Route path="admin/partners" element={<PartnersAdmin />} />
        <Route path="admin/remuneration" element={<Remuneration />} />
        <Route path="admin/qualification" element={<Qualification />} />
        <Route path="admin/payout-runs" element={<PayoutRuns />} />
        <Route path="admin/payout-results" element={<PayoutResults />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
};

const NotFound = () => (
  <div className="problem" role="alert">
    <h1>No such page</h1>
    <p>Use the menu to find what you were looking for.</p>
  </div>
);

export const App = () => (
  <AuthProvider>
    <Gate />
  </AuthProvider>
);
