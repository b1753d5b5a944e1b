// URL map of the panel (basename /panel): login, big screen, and the pages inside the staff layout.
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { useEffect, type ReactNode } from 'react';
import { onUnauthorized } from './api/http';
import { closeSocket } from './api/realtime';
import { session } from './api/session';
import { AppLayout } from './layout/AppLayout';
import { NAV } from './layout/nav';
import { LoginPage } from './pages/login/LoginPage';
import { ChangePasswordPage } from './pages/account/ChangePasswordPage';
import { StaffAccountsPage } from './pages/account/StaffAccountsPage';
import { BigScreenPage } from './pages/screen/BigScreenPage';

function RequireLogin({ children }: { children: ReactNode }) {
  if (!session.token()) return <Navigate to="/login" replace />;
  // A password an admin set: nothing else until it is changed (the server refuses other calls anyway).
  return session.mustChangePassword() ? <Navigate to="/password" replace /> : <>{children}</>;
}

/** A 401 from any call ends the session and shows the login page with the reason. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  useEffect(
    () =>
      onUnauthorized(() => {
        closeSocket();
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
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/password" element={session.token() ? <ChangePasswordPage /> : <Navigate to="/login" replace />} />
        <Route
          path="/screen"
          element={
            <RequireLogin>
              <BigScreenPage />
            </RequireLogin>
          }
        />
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
    </BrowserRouter>
  );
}
