// The AT channel keeps each answer with its own command (the pty suite shows it on a real line;
// these pin the rules one at a time): a dead run's answer on a new port is drained, an answer to a
// command given up on does not reach the next one, an AT+CMGS takes no OK before its prompt,
// a report announced while the line drains still reaches its listener, and a modem's own notice
// is no answer.
import { AtChannel, type AtPort } from './atChannel';

/** A port whose modem is this test: it hears what the channel writes, and says what it is told. */
function fakePort() {
  let listener: (bytes: Buffer) => void = () => undefined;
  const written: string[] = [];
  const answers = new Map<string, string>();
  const port: AtPort = {
    write(bytes) {
      const text = bytes.toString('latin1');
      written.push(text);
      const answer = answers.get(text.replace(/\r$/, ''));
      if (answer !== undefined) setImmediate(() => listener(Buffer.from(answer, 'latin1')));
    },
    onData: (l) => {
      listener = l;
    },
    onClose: () => undefined,
    close: async () => undefined,
  };
  return {
    port,
    written,
    /** What the modem answers to a command (or a body), at once. */
    answer: (command: string, text: string) => answers.set(command, text),
    say: (text: string) => listener(Buffer.from(text, 'latin1')),
  };
}

const QUIET = 40;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the AT channel', () => {
  it('drains what a dead run left on the line before its first command', async () => {
    const modem = fakePort();
    const channel = new AtChannel(modem.port, undefined, QUIET);
    const csq = channel.run('AT+CSQ', 1_000);
    // The port, just opened, gives what it kept a moment later; the modem answers after that.
    await wait(5);
    modem.say('\r\n+CMGS: 77\r\n\r\nOK\r\n');
    modem.answer('AT+CSQ', '\r\n+CSQ: 22,99\r\n\r\nOK\r\n');
    await expect(csq).resolves.toEqual(['+CSQ: 22,99']);
  });

  it('drains an answer that comes after its command was given up on', async () => {
    const modem = fakePort();
    const channel = new AtChannel(modem.port, undefined, QUIET);
    await wait(QUIET);
    await expect(channel.run('AT+CPIN?', 50)).rejects.toMatchObject({
      failure: { kind: 'timeout' },
    });
    const next = channel.run('AT', 1_000);
    // The late answer comes while the channel waits for the line to go quiet.
    await wait(QUIET / 2);
    modem.say('\r\n+CPIN: READY\r\n\r\nOK\r\n');
    modem.answer('AT', '\r\nERROR\r\n');
    await expect(next).rejects.toMatchObject({ failure: { kind: 'error' } });
  });

  it("skips another command's answer that comes while a command waits", async () => {
    const modem = fakePort();
    const channel = new AtChannel(modem.port, undefined, QUIET);
    await wait(QUIET);
    const listing = channel.run('AT+CMGL=4', 1_000);
    await wait(5);
    modem.say('\r\n+CMGS: 12\r\n\r\nOK\r\n');
    modem.say('\r\n+CMGL: 3,0,,25\r\n0791\r\n\r\nOK\r\n');
    await expect(listing).resolves.toEqual(['+CMGL: 3,0,,25', '0791']);
  });

  it("keeps a modem's own notice among a command's lines, and its OK as the command's", async () => {
    const modem = fakePort();
    const channel = new AtChannel(modem.port, undefined, QUIET);
    modem.answer('AT+CSQ', '\r\n+QIND: SMS DONE\r\n+CSQ: 22,99\r\n\r\nOK\r\n');
    await expect(channel.run('AT+CSQ', 1_000)).resolves.toEqual(['+QIND: SMS DONE', '+CSQ: 22,99']);
  });

  it('takes no OK before the prompt of an AT+CMGS, and sends the body after the prompt', async () => {
    const modem = fakePort();
    const channel = new AtChannel(modem.port, undefined, QUIET);
    await wait(QUIET);
    const send = channel.run('AT+CMGS=20', 1_000, Buffer.from('0011', 'latin1'));
    await wait(5);
    modem.say('\r\nOK\r\n');
    modem.answer('0011\x1a', '\r\n+CMGS: 8\r\n\r\nOK\r\n');
    modem.say('\r\n> ');
    await expect(send).resolves.toEqual(['+CMGS: 8']);
    expect(modem.written).toEqual(['AT+CMGS=20\r', '0011\x1a']);
  });

  it('still refuses an AT+CMGS before its prompt', async () => {
    const modem = fakePort();
    const channel = new AtChannel(modem.port, undefined, QUIET);
    modem.answer('AT+CMGS=20', '\r\n+CMS ERROR: 310\r\n');
    await expect(channel.run('AT+CMGS=20', 1_000, Buffer.from('00'))).rejects.toMatchObject({
      failure: { kind: 'cms', code: 310 },
    });
  });

  it('hands a report announced while the line drains to its listener', async () => {
    const modem = fakePort();
    const heard: string[] = [];
    const channel = new AtChannel(modem.port, (head) => heard.push(head), QUIET);
    modem.answer('AT', '\r\nOK\r\n');
    const ready = channel.run('AT', 1_000);
    modem.say('\r\nOK\r\n\r\n+CDSI: "SR",4\r\n');
    await expect(ready).resolves.toEqual([]);
    expect(heard).toEqual(['+CDSI: "SR",4']);
  });
});
