import { useEffect } from 'react';
import { Route, Routes } from 'react-router';
import { get } from '../api/client';
import { callSession } from '../calls/callSession';
import { useApi } from '../ui/useApi';
import { whenIdle } from '../ui/whenIdle';
import { MeContext } from './me';
import { Shell } from './Shell';
import { screenRoute, screens } from './screens';

/** The app behind the sign-in: the shell around every screen, and the call session they share. */
export default function SignedInApp() {
  // The hub connects on any screen: calls ring wherever the person is in the app. It starts once the page is
  // idle: its negotiation, connection and first events would otherwise share the main thread with the first
  // render of the screen the page opened on (bench/scripts/60-admin-ui.sh), for no call sooner.
  useEffect(() => whenIdle(() => void callSession().start()), []);

  const me = useApi(() => get('/api/me'), 'me');

  return (
    <MeContext.Provider value={me}>
    <Shell>
      <Routes>
        {screens.map((screen) =>
          screen.path === '' ? <Route key="home" index element={screen.element} /> : <Route key={screen.path} path={screenRoute(screen)} element={screen.element} />,
        )}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Shell>
    </MeContext.Provider>
  );
}

function NotFound() {
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">Not found</h1>
      <p>There is no such page. Choose a screen in the navigation.</p>
    </section>
  );
}
