import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseArgs, UsageError } from '../../../main/commands/args';
import { browserCommand } from '../../../native/open-browser';

describe('the berth command line', () => {
  it('parses serve with its options', () => {
    expect(parseArgs(['serve'])).toEqual({ name: 'serve', port: DEFAULT_PORT, open: false, dataDir: null });
    expect(parseArgs(['serve', '--port', '0', '--open'])).toEqual({ name: 'serve', port: 0, open: true, dataDir: null });
    expect(parseArgs(['serve', '--port=8080'])).toEqual({ name: 'serve', port: 8080, open: false, dataDir: null });
    expect(parseArgs(['serve', '--data-dir', '/tmp/b'])).toMatchObject({ dataDir: '/tmp/b' });
    expect(parseArgs(['serve', '--data-dir=rel/dir'])).toMatchObject({ dataDir: 'rel/dir' });
    expect(() => parseArgs(['serve', '--data-dir'])).toThrow(/--data-dir takes the folder/);
  });

  it('shows help without a command', () => {
    expect(parseArgs([])).toEqual({ name: 'help' });
    expect(parseArgs(['--help'])).toEqual({ name: 'help' });
  });

  it('says what is wrong with bad arguments', () => {
    expect(() => parseArgs(['serve', '--port', 'abc'])).toThrow(/--port takes a port number from 0 to 65535.*"abc"/);
    expect(() => parseArgs(['serve', '--port', '70000'])).toThrow(UsageError);
    expect(() => parseArgs(['serve', '--port'])).toThrow(/--port takes/);
    expect(() => parseArgs(['serve', '--verbose'])).toThrow(/Unknown option "--verbose"/);
    expect(() => parseArgs(['srve'])).toThrow(/Unknown command "srve"/);
  });

  it('opens the browser the way each OS does', () => {
    expect(browserCommand('linux', 'http://127.0.0.1:1/?token=a')).toEqual(['xdg-open', ['http://127.0.0.1:1/?token=a']]);
    expect(browserCommand('darwin', 'http://x/')).toEqual(['open', ['http://x/']]);
    expect(browserCommand('win32', 'http://x/?a=1&b=2')).toEqual(['cmd', ['/c', 'start', '""', 'http://x/?a=1^&b=2']]);
  });
});
