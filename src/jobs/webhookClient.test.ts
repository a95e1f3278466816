import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { postWebhook, SNIPPET_BYTES, WebhookRefusedError } from './webhookClient.ts';

describe('webhook client', () => {
  test('only http(s), no credentials in the URL, and no private addresses unless allowed', async () => {
    const refused = (url: string) =>
      assert.rejects(
        postWebhook(url, '{}', {}, { allowPrivate: false }),
        (e: unknown) => e instanceof WebhookRefusedError,
      );
    await refused('file:///etc/passwd');
    await refused('ftp://board.example/hook');
    await refused('not a url');
    await refused('https://user:secret@board.example/hook');
    for (const host of ['127.0.0.1', '10.1.2.3', '192.168.0.10', '169.254.169.254', '[::1]', '[fd00::1]'])
      await refused(`http://${host}/hook`);
  });

  test('a receiver that trickles its answer is cut off at the deadline, and the connection closed', async () => {
    const sockets = new Set<Socket>();
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(drip));
    });
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      await assert.rejects(
        postWebhook(`http://127.0.0.1:${port}/hook`, '{}', {}, { allowPrivate: true, timeoutMs: 300 }),
        /did not answer in time/,
      );
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    }
  });

  test('the answer is kept for the log, bounded to its first kilobyte', async () => {
    const server = createServer((_req, res) => {
      res.statusCode = 503;
      res.end('x'.repeat(3000));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const answer = await postWebhook(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
        '{}',
        {},
        { allowPrivate: true },
      );
      assert.equal(answer.status, 503);
      assert.equal(answer.snippet, 'x'.repeat(SNIPPET_BYTES));
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
