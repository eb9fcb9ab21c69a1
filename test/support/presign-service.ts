// A minimal presigning service, as a team would run one beside its S3 storage (docs/locker.md, "Presigned requests
// from your own service"): it holds the S3 key, checks the member's bearer token, allows only what a member may do
// (reads and writes under the team's prefix; a delete only of the connection test's own objects), and answers each
// request with a presigned URL (SigV4 in the query, 5 minutes) whose signature covers the headers the member sends,
// the Object Lock headers and the payload's SHA-256 among them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsClient } from 'aws4fetch';
import { encodeKey, encodeKeySegment } from '../../utils/locker/s3-client';
import type { PresignRequest } from '../../utils/locker/presign';

export interface PresignService {
  url: string;
  /** Every request asked for, in order. */
  asked: PresignRequest[];
  close(): Promise<void>;
}

export async function startPresignService(s3: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string }, policy: { token: string; prefix: string }): Promise<PresignService> {
  const aws = new AwsClient({ accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, region: s3.region, service: 's3' });
  const asked: PresignRequest[] = [];
  const refuse = (status: number, message: string) => ({ status, body: { message } });

  async function answer(authorization: string | undefined, request: PresignRequest): Promise<{ status: number; body: unknown }> {
    if (authorization !== `Bearer ${policy.token}`) return refuse(401, 'Unknown member token.');
    asked.push(request);
    const inPrefix = request.key.startsWith(`${policy.prefix}/`);
    if (request.key === '') {
      const listing = request.query['list-type'] !== undefined || request.query.versions !== undefined;
      if (listing && !(request.query.prefix ?? '').startsWith(policy.prefix)) return refuse(403, 'Listing is allowed under the team prefix only.');
    } else if (!inPrefix) {
      return refuse(403, `Keys outside ${policy.prefix}/ are not this team's.`);
    }
    if (request.method === 'DELETE' && !(request.key.startsWith(`${policy.prefix}/.postproof-test/`) && request.query.versionId)) {
      return refuse(403, 'Members may not delete evidence.');
    }
    const path = request.key ? `/${encodeKeySegment(request.bucket)}/${encodeKey(request.key)}` : `/${encodeKeySegment(request.bucket)}`;
    const url = new URL(`${s3.endpoint}${path}`);
    for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, value);
    url.searchParams.set('X-Amz-Expires', '300');
    const signed = await aws.sign(url.toString(), { method: request.method, headers: request.headers, aws: { signQuery: true } });
    const headers: Record<string, string> = {};
    signed.headers.forEach((value, name) => (headers[name] = value));
    return { status: 200, body: { url: signed.url, headers } };
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let request: PresignRequest;
      try {
        request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PresignRequest;
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not JSON.' }));
        return;
      }
      answer(req.headers.authorization, request).then(
        ({ status, body }) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
        (error: unknown) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(error) })),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/presign`,
    asked,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
