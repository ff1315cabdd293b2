// Entry: Ant Design in Chinese (zh_CN), the session, and the routes. Pages are loaded when
// first visited, so the first screen downloads only what it shows.

import { StrictMode, lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { SessionProvider, useSession } from './session.tsx';
import { Layout } from './Layout.tsx';
import { CorpusPage } from './pages/CorpusPage.tsx';
import './app.css';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const ReportPage = lazy(() => import('./pages/ReportPage.tsx'));
const ImportPage = lazy(() => import('./pages/ImportPage.tsx'));
const AgencyPage = lazy(() => import('./pages/AgencyPage.tsx'));
const SimilarityPage = lazy(() => import('./pages/SimilarityPage.tsx'));
const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx'));
const AdminPage = lazy(() => import('./pages/AdminPage.tsx'));
const AnnualReportPage = lazy(() => import('./pages/AnnualReportPage.tsx'));
const ApplyPage = lazy(() => import('./pages/ApplyPage.tsx'));
const FollowPage = lazy(() => import('./pages/FollowPage.tsx'));
const CasesPage = lazy(() => import('./pages/CasesPage.tsx'));
const CasePage = lazy(() => import('./pages/CasePage.tsx'));
const LedgerYearPage = lazy(() => import('./pages/LedgerYearPage.tsx'));

// Text colours darker than Ant Design's defaults: secondary text must keep a 4.5:1 contrast on
// the grey page background (WCAG AA, checked by axe in the browser tests).
const THEME = (large: boolean) => ({
  fontSize: large ? 18 : 14,
  colorPrimary: '#b3261e',
  colorLink: '#8c1d17',
  colorTextSecondary: 'rgba(0, 0, 0, 0.72)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.66)',
  colorTextDescription: 'rgba(0, 0, 0, 0.66)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
});

function Themed() {
  const { largeFont, user, ready } = useSession();
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: THEME(largeFont) }}>
      <AntApp>
        <div className={largeFont ? 'large-font' : undefined}>
          <Layout>
            <Suspense fallback={<Spin tip="加载中…" style={{ display: 'block', margin: 48 }}><div /></Spin>}>
              <Routes>
                <Route path="/" element={<CorpusPage />} />
                <Route path="/login" element={<LoginPage />} />
                <Route path="/reports/:id" element={<ReportPage />} />
                <Route path="/reports/:id/similar/:other" element={<SimilarityPage />} />
                <Route path="/agencies/:id" element={<AgencyPage />} />
                <Route path="/dashboard" element={<DashboardPage />} />
                <Route path="/import" element={ready && !user ? <Navigate to="/login" replace /> : <ImportPage />} />
                <Route path="/ledger/:year/report" element={ready && !user ? <Navigate to="/login" replace /> : <AnnualReportPage />} />
                <Route path="/admin" element={ready && !user ? <Navigate to="/login" replace /> : <AdminPage />} />
                <Route path="/apply" element={<ApplyPage />} />
                <Route path="/follow" element={<FollowPage />} />
                <Route path="/cases" element={ready && !user ? <Navigate to="/login" replace /> : <CasesPage />} />
                <Route path="/cases/:id" element={ready && !user ? <Navigate to="/login" replace /> : <CasePage />} />
                <Route path="/ledger/:year" element={ready && !user ? <Navigate to="/login" replace /> : <LedgerYearPage />} />
                <Route path="*" element={<p role="alert">页面不存在。</p>} />
              </Routes>
            </Suspense>
          </Layout>
        </div>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <Themed />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
