// Driving the API in tests: sign in, send with the session cookie and CSRF token, upload files.

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Client {
  login: string;
  cookie: string;
  csrf: string;
}

export async function signIn(app: FastifyInstance, login: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`login ${login}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gongkai_session');
  if (!cookie) throw new Error('no session cookie');
  return { login, cookie: `gongkai_session=${cookie.value}`, csrf: (res.json<{ csrf: string }>()).csrf };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function call(app: FastifyInstance, who: Client | null, method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (who) {
    headers.cookie = who.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = who.csrf;
  }
  return app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

/** A multipart body with the given files (and fields). */
export function multipart(files: { name: string; bytes: Uint8Array }[], fields: Record<string, string> = {}): { body: Buffer; contentType: string } {
  const boundary = `----gongkai${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    // As browsers send it: the name in UTF-8, a double quote as %22 (WHATWG multipart encoding).
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name.replace(/"/g, '%22')}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(Buffer.from(f.bytes));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function upload(app: FastifyInstance, who: Client | null, files: { name: string; bytes: Uint8Array }[], fields: Record<string, string> = {}) {
  return uploadTo(app, who, '/api/imports', files, fields);
}

/** Files posted as multipart/form-data to `url`, with the session and CSRF token. */
export async function uploadTo(app: FastifyInstance, who: Client | null, url: string, files: { name: string; bytes: Uint8Array }[], fields: Record<string, string> = {}) {
  const { body, contentType } = multipart(files, fields);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (who) {
    headers.cookie = who.cookie;
    headers['x-csrf-token'] = who.csrf;
  }
  return app.inject({ method: 'POST', url, headers, payload: body });
}

/** Poll an import batch until every item is done. */
export async function waitForBatch(app: FastifyInstance, who: Client, batch: string): Promise<{ counts: Record<string, number>; items: { name: string; state: string; report_id: string | null; message: string | null }[] }> {
  for (let i = 0; i < 600; i++) {
    const res = await call(app, who, 'GET', `/api/imports/${batch}`);
    const body = res.json<{ done: boolean; counts: Record<string, number>; items: { name: string; state: string; report_id: string | null; message: string | null }[] }>();
    if (body.done) return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}
