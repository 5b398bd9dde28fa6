import http from 'node:http';

export type HttpResult = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: <T = Record<string, unknown>>() => T;
};

/**
 * A plain HTTP request to the test server with any Host header (Node's fetch overrides Host, and
 * Node cannot resolve *.localhost). Redirects are never followed.
 */
export function request(
  origin: string,
  options: {
    host?: string;
    path: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Source address on the loopback range (127.x.y.z), to act as a distinct client. */
    localAddress?: string;
  },
): Promise<HttpResult> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: options.path,
        method: options.method ?? 'GET',
        localAddress: options.localAddress,
        headers: { ...(options.host ? { host: options.host } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: <T>() => JSON.parse(body) as T,
          });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A multipart/form-data body, as a browser sends a React form with a server action and JavaScript off. */
export function multipartForm(fields: Record<string, string>): { body: string; contentType: string } {
  const boundary = `----portal-test-${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    body: `${parts.join('')}--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
