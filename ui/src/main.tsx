// Entry point: mount the app.
import './lib/zod-jitless.ts'; // first: before any schema is built
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './app/styles.css';

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
