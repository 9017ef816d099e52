import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('Peerbook: #root is missing from index.html');
// StrictMode mounts every effect twice in development: entries are held through leases
// (renderer/collab/entryLifecycle.ts) and the editor binds afresh on each mount, so
// doing so is harmless, and the double run keeps it that way.
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
