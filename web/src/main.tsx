// First, before React is evaluated: the API requests of the screen at this address.
import './app/startFirstFetches';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { loadSignedInApp } from './app/signedInAppCode';
import { isSignedIn } from './auth/session';
import { applyTheme, storedTheme } from './ui/theme';
import './styles.css';

// The system's theme (prefers-color-scheme, followed live by the style sheet) unless the person chose one.
const chosen = storedTheme();
if (chosen) applyTheme(chosen);

// The browser tests' hook (window.conclaveCall) exists in test builds only: in the production build
// this condition is the constant false and the import is dropped with it.
if (import.meta.env.MODE === 'test') {
  void import('./testing/conclaveCall');
}

const render = () => {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<App />);
};

// Signed in as the page loads: the code behind the sign-in first (preloaded by index.html), then one render
// (app/signedInAppCode.ts). Should it fail to load, the app's <Suspense> path tries again and shows why.
if (isSignedIn()) loadSignedInApp().then(render, render);
else render();
