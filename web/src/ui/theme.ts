// Light and dark themes: the system's choice (prefers-color-scheme) unless the person picked one with the
// toggle, remembered in this browser. The theme is an attribute on <html> that the style sheet reads.
export type Theme = 'light' | 'dark';

const KEY = 'conclave.web.theme';

export function storedTheme(): Theme | null {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : null;
}

export const systemTheme = (): Theme => (window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

export const currentTheme = (): Theme => storedTheme() ?? systemTheme();

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export function chooseTheme(theme: Theme): void {
  localStorage.setItem(KEY, theme);
  applyTheme(theme);
}

export const otherTheme = (theme: Theme): Theme => (theme === 'dark' ? 'light' : 'dark');
