import { useId, useState, type FormEvent, type ReactNode } from 'react';
import {
  InvalidSettingsError,
  parseIceServerLines,
  parseRelayLines,
  parseSignalingLines,
  type AppSettings,
} from './appSettings';
import { getPlatform } from '../platform';
import { FormEnd, NameField } from './DialogParts';
import { ModalDialog } from './ModalDialog';
import { describeError } from '../../shared/errors/describeError';
import { MAX_PERSON_NAME_LENGTH } from '../../shared/people/person';

interface SettingsDialogProps {
  readonly settings: AppSettings;
  readonly onSave: (settings: AppSettings) => void;
  readonly onClose: () => void;
}

export function SettingsDialog({ settings, onSave, onClose }: SettingsDialogProps) {
  const fieldId = useId();
  const [name, setName] = useState(settings.name);
  const [signaling, setSignaling] = useState(settings.signaling.join('\n'));
  const [iceServers, setIceServers] = useState(settings.iceServers.join('\n'));
  const [relays, setRelays] = useState(settings.relays.join('\n'));
  const [shareOnLocalNetwork, setShareOnLocalNetwork] = useState(settings.shareOnLocalNetwork);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    try {
      const trimmed = name.trim();
      if (!trimmed) throw new InvalidSettingsError('Your name cannot be empty: peers see it beside your cursor.');
      onSave({
        ...settings,
        name: trimmed.slice(0, MAX_PERSON_NAME_LENGTH),
        nameChosen: true,
        signaling: parseSignalingLines(signaling),
        iceServers: parseIceServerLines(iceServers),
        relays: parseRelayLines(relays),
        shareOnLocalNetwork,
      });
    } catch (cause) {
      setProblem(describeError(cause));
    }
  };
  return (
    <ModalDialog title="Settings" onClose={onClose}>
      <form className="pb-dialog-body" onSubmit={submit}>
        <NameField id={`${fieldId}-yourname`} value={name} onChange={setName} />
        <LinesField id={`${fieldId}-signalingservers`} label="Signaling servers" rows={3} value={signaling} onChange={setSignaling}>
          One ws:// or wss:// address per line. They only introduce peers to each other; notes never pass through them.
        </LinesField>
        <LinesField
          id={`${fieldId}-iceservers`}
          label="ICE servers"
          placeholder={'stun:stun.example.org:3478\nturn:turn.example.org:3478 user password'}
          value={iceServers}
          onChange={setIceServers}
        >
          STUN or TURN servers, for colleagues on other networks. Leave empty on one network.
        </LinesField>
        <LinesField id={`${fieldId}-relayservers`} label="Relay servers" placeholder="wss://relay.example.org" value={relays} onChange={setRelays}>
          Optional, one ws:// or wss:// address per line. A relay your team runs passes changes between colleagues who are never
          online at the same time; it keeps them encrypted and can read nothing.
        </LinesField>
        {getPlatform().canShareOnLocalNetwork && (
          <div className="pb-switch-field">
            <input
              id={`${fieldId}-localnetwork`}
              type="checkbox"
              role="switch"
              checked={shareOnLocalNetwork}
              onChange={(event) => setShareOnLocalNetwork(event.target.checked)}
            />
            <label htmlFor={`${fieldId}-localnetwork`}>Share on the local network</label>
            <small className="pb-muted">
              While you share entries, Peerbook introduces colleagues on this network or VPN to each other itself, with
              nothing to set up, and your invite links name this computer. It passes on only connection offers, locked
              with each entry&rsquo;s key; notes never pass through it.
            </small>
          </div>
        )}
        <FormEnd problem={problem} submitLabel="Save" onCancel={onClose} />
      </form>
    </ModalDialog>
  );
}

interface LinesFieldProps {
  readonly id: string;
  readonly label: string;
  readonly rows?: number;
  readonly placeholder?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** What the lines are, shown under the field. */
  readonly children: ReactNode;
}

/** A labelled text area of one item per line (servers), with what they are under it. */
function LinesField({ id, label, rows = 2, placeholder, value, onChange, children }: LinesFieldProps) {
  return (
    <div className="pb-stacked-field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={rows} spellCheck={false} placeholder={placeholder} value={value} onChange={(event) => onChange(event.target.value)} />
      <small className="pb-muted">{children}</small>
    </div>
  );
}
