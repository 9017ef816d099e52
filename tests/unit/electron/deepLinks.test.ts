import { describe, expect, it } from 'vitest';
import { formatInviteLink } from '../../../shared/invite/inviteLink';
import { COMMAND_CHANNEL, type AppCommand } from '../../../shared/ipc/ipcContract';
import { joinCommandForArgv, joinCommandForUrl, protocolClientRegistration } from '../../../electron/deepLinks';
import { createRendererCommands } from '../../../electron/rendererCommands';

const link = formatInviteLink({
  room: 'stEaeLAcZECk6m-KayLWxJErm7bEW67I',
  key: 'TMzQKHXRh82F4msALWt03sImkv8ZA4cK',
  signaling: ['ws://192.168.1.20:41444', 'wss://signal.example.org'],
  title: 'Release checklist',
});

describe('a peerbook:// link opened from a chat or mail app', () => {
  it('on macOS (open-url), asks the app to open the Join dialog with the link filled in', () => {
    expect(joinCommandForUrl(link)).toEqual({ type: 'join', link });
  });

  it('on Windows and Linux, is found among the arguments Chromium and the OS put around it', () => {
    const packaged = ['C:\\Program Files\\Peerbook\\Peerbook.exe', '--allow-file-access-from-files', link];
    const secondInstance = ['/opt/Peerbook/peerbook', '--original-process-start-time=13370000000', '--no-sandbox', link];
    const development = ['/repo/node_modules/electron/dist/electron', '/repo', link];
    for (const argv of [packaged, secondInstance, development]) {
      expect(joinCommandForArgv(argv), argv.join(' ')).toEqual({ type: 'join', link });
    }
  });

  it('does nothing when the app is started without a link', () => {
    expect(joinCommandForArgv(['/opt/Peerbook/peerbook'])).toBeNull();
    expect(joinCommandForArgv(['/opt/Peerbook/peerbook', '--enable-logging', '/home/ana/notes.md'])).toBeNull();
    expect(joinCommandForArgv([])).toBeNull();
  });

  it('never joins by itself: the command only opens the dialog, and the user clicks Join', () => {
    const command = joinCommandForUrl(link);
    expect(command?.type).toBe('join');
    expect(Object.keys(command ?? {}).sort()).toEqual(['link', 'type']);
  });

  it('ignores hostile or broken links instead of opening a dialog for them', () => {
    for (const value of [
      'peerbook://join/',
      'peerbook://join/room-too-short#key=abc&sig=ws%3A%2F%2Fx',
      `peerbook://join/${'a'.repeat(32)}`, // no key, no signaling server
      `${link}`.replace('sig=ws', 'sig=http'), // not a signaling URL
      'peerbook://settings/reset',
      'peerbook:javascript:alert(1)',
      'https://peerbook.app/join',
      'file:///etc/passwd',
      `${link}${'&title=x'.repeat(600)}`, // longer than any invite link
      '',
      42,
      null,
      undefined,
      { toString: () => link },
      [link],
    ]) {
      expect(joinCommandForUrl(value), String(value).slice(0, 80)).toBeNull();
    }
  });

  it('does not let an argument pass a switch for a link, or a link for a switch', () => {
    expect(joinCommandForArgv(['/opt/Peerbook/peerbook', `--${link}`])).toBeNull();
    expect(joinCommandForArgv(['/opt/Peerbook/peerbook', `--gpu-launcher="evil" ${link}`])).toBeNull();
    expect(joinCommandForArgv(['/opt/Peerbook/peerbook', `${link} --inspect=9229`])).toBeNull();
  });

  it('survives hostile argv values', () => {
    expect(joinCommandForArgv(null)).toBeNull();
    expect(joinCommandForArgv('peerbook://join/x')).toBeNull();
    expect(joinCommandForArgv([null, 7, {}, ['x']])).toBeNull();
    // A flood of arguments is not searched to the end.
    expect(joinCommandForArgv([...Array.from({ length: 10_000 }, () => '--flag'), link])).toBeNull();
    // The first valid link wins; a broken one before it does not hide it.
    expect(joinCommandForArgv(['peerbook://join/broken', link])).toEqual({ type: 'join', link });
    expect(joinCommandForArgv([link.replace('peerbook://', 'PEERBOOK://')])).toEqual({
      type: 'join',
      link: link.replace('peerbook://', 'PEERBOOK://'),
    });
  });
});

describe('registering the peerbook scheme with the OS at run time', () => {
  it('registers the installed app itself', () => {
    expect(
      protocolClientRegistration({
        defaultApp: false,
        execPath: '/opt/Peerbook/peerbook',
        argv: ['/opt/Peerbook/peerbook'],
        resolvePath: (value) => value,
      }),
    ).toEqual({ scheme: 'peerbook' });
  });

  it('in development, registers Electron together with the app folder, or links would open bare Electron', () => {
    expect(
      protocolClientRegistration({
        defaultApp: true,
        execPath: '/repo/node_modules/electron/dist/electron',
        argv: ['/repo/node_modules/electron/dist/electron', '.'],
        resolvePath: (value) => `/repo/${value}`.replace(/\/\.$/, ''),
      }),
    ).toEqual({ scheme: 'peerbook', executable: '/repo/node_modules/electron/dist/electron', args: ['/repo'] });
  });
});

describe('commands on their way to the renderer', () => {
  function recorder() {
    const sent: { channel: string; command: AppCommand }[] = [];
    return { sent, target: { send: (channel: string, command: AppCommand) => sent.push({ channel, command }) } };
  }

  it('wait for the page to load (a link can launch the app), then arrive in order on the command channel', () => {
    const commands = createRendererCommands();
    const join: AppCommand = { type: 'join', link };
    commands.send(join);
    commands.send({ type: 'new-entry', kind: 'checklist' });

    const page = recorder();
    commands.attach(page.target);
    expect(page.sent).toEqual([
      { channel: COMMAND_CHANNEL, command: join },
      { channel: COMMAND_CHANNEL, command: { type: 'new-entry', kind: 'checklist' } },
    ]);

    commands.send({ type: 'export-journal' });
    expect(page.sent.at(-1)).toEqual({ channel: COMMAND_CHANNEL, command: { type: 'export-journal' } });
  });

  it('wait again while the page reloads, and keep only the newest few', () => {
    const commands = createRendererCommands(3);
    commands.attach(recorder().target);
    commands.detach();
    for (const kind of ['lesson', 'checklist', 'debrief', 'lesson', 'checklist'] as const) {
      commands.send({ type: 'new-entry', kind });
    }
    const page = recorder();
    commands.attach(page.target);
    expect(page.sent.map(({ command }) => command)).toEqual([
      { type: 'new-entry', kind: 'debrief' },
      { type: 'new-entry', kind: 'lesson' },
      { type: 'new-entry', kind: 'checklist' },
    ]);
  });

  it('are checked on the way out, so main cannot send what the preload would drop', () => {
    const commands = createRendererCommands();
    commands.attach(recorder().target);
    expect(() => commands.send({ type: 'join', link: 'https://evil.example/' })).toThrow();
  });
});
