/**
 * The minimum of RFC 6455 the tests need, by hand (no ws dependency): the
 * opening handshake on both sides and unfragmented text frames of < 126 bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Sec-WebSocket-Accept for a Sec-WebSocket-Key (RFC 6455 section 4.2.2). */
export function acceptFor(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

/** A text frame; clients must mask (section 5.3), servers must not. */
export function encodeTextFrame(text: string, masked: boolean): Buffer {
  const payload = Buffer.from(text, 'utf8');
  if (payload.length > 125) throw new Error('test frames are short');
  const header = Buffer.from([0x81, (masked ? 0x80 : 0) | payload.length]);
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}

/** Decodes one complete frame at the start of `data`, or undefined if more bytes are needed. */
export function decodeFrame(data: Buffer): { opcode: number; text: string; masked: boolean; length: number } | undefined {
  if (data.length < 2) return undefined;
  const opcode = data[0]! & 0x0f;
  const masked = (data[1]! & 0x80) !== 0;
  const size = data[1]! & 0x7f;
  if (size > 125) throw new Error('test frames are short');
  const start = 2 + (masked ? 4 : 0);
  if (data.length < start + size) return undefined;
  let payload = data.subarray(start, start + size);
  if (masked) {
    const mask = data.subarray(2, 6);
    payload = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  }
  return { opcode, text: payload.toString('utf8'), masked, length: start + size };
}

export interface UpgradeResult {
  status: number;
  headers: Record<string, string>;
  /** The accept value the key demands. */
  expectedAccept: string;
  /** What came back for a text frame sent after a 101 (the stand-in echoes it). */
  echo?: string;
}

function parseHead(head: string): { status: number; headers: Record<string, string> } {
  const [statusLine, ...lines] = head.split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  if (!match) throw new Error(`not an HTTP response: ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers };
}

/**
 * Opens a raw TCP connection, sends a WebSocket upgrade request and reads the
 * response head. After a 101, sends one masked text frame and reads the echo.
 */
export function websocketUpgrade(options: {
  port: number;
  host: string;
  path: string;
  headers?: Record<string, string>;
  message?: string;
}): Promise<UpgradeResult> {
  const key = randomBytes(16).toString('base64');
  const expectedAccept = acceptFor(key);
  const request =
    [
      `GET ${options.path} HTTP/1.1`,
      `Host: ${options.host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${key}`,
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Protocol: prefect',
      ...Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    ].join('\r\n') + '\r\n\r\n';

  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: '127.0.0.1', port: options.port });
    let buffer = Buffer.alloc(0);
    let head: { status: number; headers: Record<string, string> } | undefined;
    const finish = (result: UpgradeResult | Error) => {
      socket.destroy();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    socket.setTimeout(10_000, () => finish(new Error(`no answer to the upgrade of ${options.path}`)));
    socket.on('error', (error) => finish(error));
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!head) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        head = parseHead(buffer.subarray(0, end).toString('latin1'));
        buffer = buffer.subarray(end + 4);
        if (head.status !== 101) {
          finish({ ...head, expectedAccept });
          return;
        }
        socket.write(encodeTextFrame(options.message ?? 'hello', true));
      }
      const frame = decodeFrame(buffer);
      if (frame) finish({ ...head, expectedAccept, echo: frame.text });
    });
    socket.on('end', () => {
      if (head) finish({ ...head, expectedAccept });
      else finish(new Error('connection closed before a response'));
    });
  });
}
