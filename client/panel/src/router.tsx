// URL map of the panel (basename /panel): login, big screen, and the pages inside the staff layout.
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Spin } from 'antd';
import { onUnauthorized } from './api/http';
import { screenSession } from './api/screen-session';
import { session } from './api/session';
import { NAV } from './layout/nav';
import { LoginPage } from './pages/login/LoginPage';

// Only the login page is in the first chunk; the layout (with socket.io), the big screen and the account pages load on demand.
const AppLayout = lazy(() => import('./layout/AppLayout').then((m) => ({ default: m.AppLayout })));
const BigScreenPage = lazy(() => import('./pages/screen/BigScreenPage').then((m) => ({ default: m.BigScreenPage })));
const ChangePasswordPage = lazy(() => import('./pages/account/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })));
const StaffAccountsPage = lazy(() => import('./pages/account/StaffAccountsPage').then((m) => ({ default: m.StaffAccountsPage })));

const loading = <Spin style={{ display: 'block', marginTop: 80 }} />;

function RequireLogin({ children }: { children: ReactNode }) {
  if (!session.token()) return <Navigate to="/login" replace />;
  // A password an admin set: nothing else until it is changed (the server refuses other calls anyway).
  return session.mustChangePassword() ? <Navigate to="/password" replace /> : <>{children}</>;
}

/** The big screen: with ?t=<screen token> (the TV in the hall) no staff login is needed; without it, a staff login as before. */
function ScreenRoute() {
  const t = new URLSearchParams(window.location.search).get('t');
  if (t) {
    screenSession.use(t);
    return <BigScreenPage />;
  }
  return (
    <RequireLogin>
      <BigScreenPage />
    </RequireLogin>
  );
}

/** A 401 from any call ends the session and shows the login page with the reason. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  useEffect(
    () =>
      onUnauthorized(() => {
        // The socket exists only once the layout (and socket.io with it) has loaded.
        void import('./api/realtime').then((m) => m.closeSocket());
        navigate('/login', { replace: true });
      }),
    [navigate],
  );
  return null;
}

export function PanelRouter() {
  return (
    <BrowserRouter basename="/panel">
      <UnauthorizedRedirect />
      <Suspense fallback={loading}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/password" element={session.token() ? <ChangePasswordPage /> : <Navigate to="/login" replace />} />
        <Route path="/screen" element={<ScreenRoute />} />
        <Route
          element={
            <RequireLogin>
              <AppLayout />
            </RequireLogin>
          }
        >
          {NAV.flatMap((n) => n.routes.map((r) => <Route key={r.path} path={r.path} element={r.element} />))}
          <Route path="/account/password" element={<ChangePasswordPage />} />
          <Route path="/account/staff" element={<StaffAccountsPage />} />
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
