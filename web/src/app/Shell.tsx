import { type ReactNode, useState } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { signOut } from '../auth/session';
import { endCallSession } from '../calls/callSession';
import { callerLabel } from '../calls/phases';
import { endChatSession } from '../chat/chatSession';
import { useCallSession } from '../calls/useCallSession';
import { type Theme, chooseTheme, currentTheme, otherTheme } from '../ui/theme';
import { rolesOf, useMe } from './me';
import { screenLink, screens } from './screens';

/** The frame of every signed-in screen: navigation, who is signed in, the theme toggle and sign-out. */
export function Shell({ children }: { children: ReactNode }) {
  const session = useCallSession();
  const location = useLocation();
  const [theme, setTheme] = useState<Theme>(currentTheme);
  const [leaving, setLeaving] = useState(false);
  const roles = rolesOf(useMe());
  const toggleTheme = () => {
    const next = otherTheme(theme);
    chooseTheme(next);
    setTheme(next);
  };
  const leave = () => {
    setLeaving(true);
    void Promise.all([endCallSession(), endChatSession()]).finally(() => signOut());
  };
  const ringingElsewhere = session.ringing && !location.pathname.startsWith('/calls');

  return (
    <div className="shell">
      <a className="skip" href="#content">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Conclave
        </Link>
        <nav aria-label="Main">
          <ul>
            {screens
              .filter((s) => !s.visible || s.visible(roles))
              .map((s) => (
                <li key={s.path}>
                  <NavLink to={screenLink(s)} end={s.path === ''}>
                    {s.label}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
        <div className="account">
          <span className="who">
            Signed in as <strong id="me">{session.device?.upn ?? '…'}</strong>
            <span className="device">
              {' '}
              · device <span id="device">{session.device?.deviceId ?? 'not registered'}</span>
            </span>
          </span>
          <button type="button" onClick={toggleTheme} title={`Switch to the ${otherTheme(theme)} theme`}>
            {theme === 'dark' ? 'Light theme' : 'Dark theme'}
          </button>
          <button id="sign-out" type="button" onClick={leave} disabled={leaving}>
            Sign out
          </button>
        </div>
      </header>
      {ringingElsewhere && session.ringing && (
        <p className="banner" role="alert">
          {callerLabel(session.ringing.callerUpn, session.ringing.callerDisplayName)} is calling. <Link to="/calls">Answer on the Calls screen</Link>
        </p>
      )}
      <main id="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
