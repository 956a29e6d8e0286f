// Entry of teach.html: teaching mode, a separate page of the web app's build.
import '../lib/zod-jitless.ts'; // first: before any schema is built
import { createRoot } from 'react-dom/client';
import { TeachApp } from './TeachApp.tsx';
import './teach.css';

createRoot(document.getElementById('root')!).render(<TeachApp />);
