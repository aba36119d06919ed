// Imported first by main.tsx: modules run in import order, so the first API requests of the screen at this
// address leave before React and the rest of the app are evaluated (app/firstFetches.ts).
import { startFirstFetches } from './firstFetches';

startFirstFetches();
