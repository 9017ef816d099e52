import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('Peerbook: #root is missing from index.html');
// No StrictMode: its double-run effects would open each entry's storage twice.
createRoot(container).render(<App />);
