import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { postWebhook, signWebhookBody, verifyWebhookSignature, WebhookRefusedError } from './webhookClient.ts';

describe('completion-notice webhook client', () => {
  test('only http(s), no credentials in the URL, and no private addresses unless allowed', async () => {
    const refused = (url: string) => assert.rejects(postWebhook(url, '{}', {}, { allowPrivate: false }), (e: unknown) => e instanceof WebhookRefusedError);
    await refused('file:///etc/passwd');
    await refused('ftp://board.example/hook');
    await refused('not a url');
    await refused('https://user:secret@board.example/hook');
    for (const host of ['127.0.0.1', '10.1.2.3', '192.168.0.10', '169.254.169.254', '[::1]', '[fd00::1]']) await refused(`http://${host}/hook`);
  });

  test('the signature is HMAC-SHA256 of the exact body', () => {
    const body = '{"type":"completion_notice"}';
    const header = signWebhookBody('whsec_test', body);
    assert.match(header, /^sha256=[0-9a-f]{64}$/);
    assert.ok(verifyWebhookSignature('whsec_test', body, header));
    assert.ok(!verifyWebhookSignature('whsec_test', `${body} `, header));
    assert.ok(!verifyWebhookSignature('whsec_test', body, undefined));
  });
});
