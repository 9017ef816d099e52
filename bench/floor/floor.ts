import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';

/**
 * The floor for the edit-to-peer benchmark: the least an app on Yjs and y-webrtc can do. A
 * keystroke in the textarea is appended to a Y.Text; the peer's Y.Text is drawn into #out.
 * Room, password and signaling server come from the page's fragment.
 */
const params = new URLSearchParams(location.hash.slice(1));
const doc = new Y.Doc();
const text = doc.getText('floor');
const provider = new WebrtcProvider(params.get('room') ?? 'floor', doc, {
  signaling: [params.get('sig') ?? 'ws://127.0.0.1:4444'],
  password: params.get('key') ?? 'floor-password',
});
const input = document.querySelector('textarea') as HTMLTextAreaElement;
const output = document.getElementById('out') as HTMLDivElement;
let shown = '';
input.addEventListener('input', () => {
  const value = input.value;
  if (value.startsWith(shown)) text.insert(text.length, value.slice(shown.length));
  shown = value;
});
text.observe(() => {
  output.textContent = text.toString();
});
Object.assign(window, { floorPeers: () => provider.room?.webrtcConns.size ?? 0 });
