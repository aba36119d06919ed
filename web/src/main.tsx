import { createRoot } from 'react-dom/client';
import { App } from './app/App';
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

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
