// The attacks of issue 13 on a genuine evidence bundle, each built byte by byte from the bundle the tests exported:
// the ZIP itself (names, hidden bytes, CRC), the stock recipe (files changed and SHA256SUMS rewritten), trusted time
// (a token from a self-made "DigiCert", a token removed) and the signer (the bundle signed again by another key,
// keeping the genuine fingerprint where people read it). `keyHeld` attacks are signed by the attacker's own key:
// only a pinned signer refuses those.
import { sha256Hex, utf8 } from '../../utils/provenance/hash';
import { resealBundle, type TestKey } from './bundle-captures';
import { signDer, spkiToPem } from '../../utils/provenance/ecdsa';
import { toBase64 } from '../../utils/provenance/hash';
import { appendWarcRecord, resealWacz } from './wacz-tools';
import type { WarcRecordInput } from '../../utils/formats/wacz/warc-record';
import { readRawEntries, writeRawZip, type RawZipEntry } from './raw-zip';
import type { TestTsa } from './tsa';

export interface Attack {
  /** Short id, for file names. */
  id: string;
  /** What the attacker does, in words. */
  name: string;
  bytes: Uint8Array;
  /** Signed again by the attacker's own key (refused by the pin), rather than changed without any key. */
  keyHeld: boolean;
}

const text = (data: Uint8Array) => new TextDecoder().decode(data);
const DIGEST = 'datapackage-digest.json';

/** SHA256SUMS made again for the changed files (its signature left as it was: the attacker has no key). */
async function rewriteSums(entries: RawZipEntry[]): Promise<RawZipEntry[]> {
  const lines: string[] = [];
  for (const entry of entries) if (entry.name !== 'SHA256SUMS' && entry.name !== 'SHA256SUMS.sig') lines.push(`${await sha256Hex(entry.data)}  ${entry.name}\n`);
  return entries.map((entry) => (entry.name === 'SHA256SUMS' ? { ...entry, data: utf8(lines.join('')) } : entry));
}

function flipByte(data: Uint8Array): Uint8Array {
  const copy = data.slice();
  copy[Math.floor(copy.length / 2)] = copy[Math.floor(copy.length / 2)]! ^ 0x01;
  return copy;
}

export interface AttackContext {
  /** The attacker's own key, for the key-held attacks. */
  attacker: TestKey;
  /** A local openssl authority whose root is self-made and named "DigiCert Trusted Root G4". */
  fakeDigiCert: TestTsa;
}

export async function bundleAttacks(genuine: Uint8Array, context: AttackContext): Promise<Attack[]> {
  const entries = readRawEntries(genuine);
  const names = entries.map((e) => e.name);
  const captureIds = [...new Set(names.filter((n) => /^captures\/[^/]+\/capture\.json$/.test(n)).map((n) => n.split('/')[1]!))];
  const media = names.find((n) => /^captures\/[^/]+\/(media\/|screenshot\.png$)/.test(n))!;
  const token = names.find((n) => /^captures\/[^/]+\/capture\.json\.tsr$/.test(n));
  const genuineKey = entries.find((e) => e.name === 'signer.pem')!.data;
  const change = (name: string, data: Uint8Array) => entries.map((e) => (e.name === name ? { ...e, data } : e));
  const report = text(entries.find((e) => e.name === 'report.html')!.data);
  const forgedReport = utf8(report.replace(/<h2>[^<]*<\/h2>/, '<h2>Someone Else (@someone_else)</h2>'));
  // The same size as the genuine report: a reader that only compares sizes cannot tell them apart.
  const genuineReport = entries.find((e) => e.name === 'report.html')!.data;
  const sameSizeReport = (() => {
    const forged = new TextEncoder().encode(report.replace(/<h2>([^<]*)<\/h2>/, (_, name: string) => `<h2>${'Evil Guy (@evilguy)'.padEnd(utf8(name).length, ' ').slice(0, utf8(name).length)}</h2>`));
    return forged.length === genuineReport.length ? forged : flipByte(genuineReport);
  })();
  const attacks: Attack[] = [
    {
      id: 'local-name',
      name: 'A folder entry carrying the genuine report.html under its local name, beside a forged report.html',
      bytes: writeRawZip([{ name: 'captures/', localName: 'report.html', data: utf8(report) }, ...change('report.html', forgedReport)]),
      keyHeld: false,
    },
    {
      id: 'local-name-after',
      name: 'The forged report.html, same size, with the genuine one hidden after it under a folder entry’s local name (what unzip writes differs from what jszip reads)',
      bytes: writeRawZip([...change('report.html', sameSizeReport), { name: 'captures/', localName: 'report.html', data: genuineReport }]),
      keyHeld: false,
    },
    {
      id: 'local-name-both',
      name: 'As local-name-after, with SHA256SUMS rewritten for the forged report and the genuine SHA256SUMS hidden the same way',
      bytes: await (async () => {
        const forged = await rewriteSums(change('report.html', sameSizeReport));
        const genuineSums = entries.find((e) => e.name === 'SHA256SUMS')!.data;
        return writeRawZip([...forged, { name: 'captures/', localName: 'report.html', data: genuineReport }, { name: 'tsa/', localName: 'SHA256SUMS', data: genuineSums }]);
      })(),
      keyHeld: false,
    },
    { id: 'media-sums', name: 'A media file changed, SHA256SUMS rewritten to match', bytes: writeRawZip(await rewriteSums(change(media, flipByte(entries.find((e) => e.name === media)!.data)))), keyHeld: false },
    { id: 'report-sums', name: 'report.html changed (another author), SHA256SUMS rewritten to match', bytes: writeRawZip(await rewriteSums(change('report.html', forgedReport))), keyHeld: false },
    {
      id: 'drop-capture',
      name: 'A capture dropped, SHA256SUMS rewritten to match',
      bytes: writeRawZip(await rewriteSums(entries.filter((e) => !e.name.startsWith(`captures/${captureIds.at(-1)}/`)))),
      keyHeld: false,
    },
    {
      id: 'extra-file',
      name: 'A file added to a capture folder, SHA256SUMS rewritten to list it',
      bytes: writeRawZip(await rewriteSums([...entries, { name: `captures/${captureIds[0]}/media/extra.jpg`, data: utf8('not captured') }])),
      keyHeld: false,
    },
    {
      id: 'nested-sums',
      name: 'A file named SHA256SUMS planted in a sub-folder (a find step that excludes the list by -name does not see it)',
      bytes: writeRawZip([...entries, { name: 'tsa/SHA256SUMS', data: utf8('All files verified by the newsroom. Nothing to see.\n') }]),
      keyHeld: false,
    },
    { id: 'html-prefix', name: 'An HTML page put before the archive (offsets shifted, so lenient tools still open it)', bytes: writeRawZip(entries, { prefix: utf8('<!doctype html><h1>Verified original</h1>'), shiftOffsets: true }), keyHeld: false },
    { id: 'trailing', name: 'Bytes appended after the end record', bytes: writeRawZip(entries, { trailing: utf8('{"verdict":"valid"}') }), keyHeld: false },
    { id: 'comment', name: 'A ZIP comment', bytes: writeRawZip(entries, { comment: 'Verified by PostProof: VALID' }), keyHeld: false },
    { id: 'bad-crc', name: 'A media file whose CRC-32 is wrong', bytes: writeRawZip(entries.map((e) => (e.name === media ? { ...e, crc: 0x0badc0de } : e))), keyHeld: false },
  ];
  if (token) {
    const captureFile = token.replace(/\.tsr$/, '');
    const record = entries.find((e) => e.name === captureFile)!.data;
    const forged = new Uint8Array(await context.fakeDigiCert.reply(await context.fakeDigiCert.query(await sha256Hex(record))));
    const pems = names.filter((n) => n.startsWith('tsa/'));
    attacks.push(
      {
        id: 'forged-token',
        name: 'A capture’s token replaced by one from a self-made root named “DigiCert”, with its chain in tsa/, SHA256SUMS rewritten',
        bytes: writeRawZip(await rewriteSums(entries.map((e) => (e.name === token ? { ...e, data: forged } : pems.includes(e.name) ? { ...e, data: utf8(context.fakeDigiCert.caPem) } : e)))),
        keyHeld: false,
      },
      { id: 'strip-token', name: 'A capture’s token removed, SHA256SUMS rewritten', bytes: writeRawZip(await rewriteSums(entries.filter((e) => e.name !== token))), keyHeld: false },
    );
  }
  // Signed again by the attacker: each capture keeps its genuine record, travelling with the genuine key as if
  // imported, so every record signature holds; report.html and VERIFY.txt keep the genuine fingerprint.
  const asImported = (files: Map<string, Uint8Array>) => {
    for (const id of captureIds) files.set(`captures/${id}/signer.pem`, genuineKey);
  };
  attacks.push(
    {
      id: 'resigned',
      name: 'Signed again by another key, the genuine fingerprint kept in report.html and VERIFY.txt',
      bytes: await resealBundle(genuine, context.attacker.signer, { files: asImported }),
      keyHeld: true,
    },
    {
      id: 'resigned-extra',
      name: 'A file added to a capture folder and the bundle signed again by another key',
      bytes: await resealBundle(genuine, context.attacker.signer, {
        files: (files) => {
          asImported(files);
          files.set(`captures/${captureIds[0]}/media/extra.jpg`, utf8('not captured'));
        },
      }),
      keyHeld: true,
    },
  );
  return attacks;
}

/** The WACZ's attacks: its package token forged or stripped, its key swapped, records added by a key holder. */
export async function waczAttacks(genuine: Uint8Array, context: AttackContext): Promise<Attack[]> {
  const entries = readRawEntries(genuine);
  const digest = JSON.parse(text(entries.find((e) => e.name === DIGEST)!.data)) as { timestamp?: { tsr: string; tsaChain: string } };
  const datapackage = entries.find((e) => e.name === 'datapackage.json')!.data;
  const change = (name: string, data: Uint8Array) => entries.map((e) => (e.name === name ? { ...e, data } : e));
  const withDigest = (value: unknown) => change(DIGEST, utf8(JSON.stringify(value, null, 2)));
  const forged = new Uint8Array(await context.fakeDigiCert.reply(await context.fakeDigiCert.query(await sha256Hex(datapackage))));
  const attacks: Attack[] = [
    {
      id: 'wacz-local-name',
      name: 'A folder entry carrying another VERIFY.txt under its local name',
      bytes: writeRawZip([{ name: 'pages/', localName: 'VERIFY.txt', data: utf8('Everything checks out.\n') }, ...entries]),
      keyHeld: false,
    },
    {
      id: 'wacz-forged-token',
      name: 'The package token replaced by one from a self-made root named “DigiCert”, SHA256SUMS rewritten',
      bytes: writeRawZip(await rewriteSums(withDigest({ ...digest, timestamp: { ...digest.timestamp, tsr: toBase64(forged), tsaChain: context.fakeDigiCert.caPem, tsa: 'DigiCert' } }))),
      keyHeld: false,
    },
    {
      id: 'wacz-strip-token',
      name: 'The package token removed, SHA256SUMS rewritten',
      bytes: writeRawZip(await rewriteSums(withDigest({ ...digest, timestamp: undefined }))),
      keyHeld: false,
    },
    {
      id: 'wacz-nested-sums',
      name: 'A file named SHA256SUMS.sig planted in a sub-folder',
      bytes: writeRawZip([...entries, { name: 'pages/SHA256SUMS.sig', data: utf8('signed') }]),
      keyHeld: false,
    },
    {
      id: 'wacz-signer-swap',
      name: 'signer.pem replaced by another key, SHA256SUMS rewritten',
      bytes: writeRawZip(await rewriteSums(change('signer.pem', utf8(spkiToPem(context.attacker.signer.publicKeySpki))))),
      keyHeld: false,
    },
    {
      id: 'wacz-response',
      name: 'A WARC response record for a page that was never captured, the WACZ signed again by another key',
      bytes: await resealWacz(genuine, context.attacker.signer, {
        files: (files) =>
          appendWarcRecord(files, {
            type: 'response' as WarcRecordInput['type'],
            recordId: 'urn:uuid:00000000-0000-4000-8000-00000000beef',
            date: new Date().toISOString(),
            targetUri: 'https://x.com/someone/status/1',
            contentType: 'application/http; msgtype=response',
            block: utf8('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>a post that was never there</p>'),
          }),
      }),
      keyHeld: true,
    },
  ];
  return attacks;
}


/**
 * Attacks on the thread records of a genuine bundle that holds at least one (threads/<id>/thread.json): each changes
 * what the thread says or what it binds. Keyless ones rewrite SHA256SUMS (its signature left as it was); key-held ones
 * are signed again by the attacker's own key, the captures travelling with the genuine key as if imported. Each names
 * the thread file a verifier must name (`file`).
 */
export async function threadAttacks(genuine: Uint8Array, context: Pick<AttackContext, 'attacker'>): Promise<(Attack & { file: string })[]> {
  const entries = readRawEntries(genuine);
  const names = entries.map((e) => e.name);
  const threadFile = names.find((n) => /^threads\/[^/]+\/thread\.json$/.test(n));
  if (!threadFile) throw new Error('The genuine bundle holds no thread record to attack.');
  const sigFile = `${threadFile}.sig`;
  const captureIds = [...new Set(names.filter((n) => /^captures\/[^/]+\/capture\.json$/.test(n)).map((n) => n.split('/')[1]!))];
  const genuineKey = entries.find((e) => e.name === 'signer.pem')!.data;
  const record = JSON.parse(text(entries.find((e) => e.name === threadFile)!.data)) as { id: string; members: { captureId: string; captureSha256: string }[]; counts: Record<string, number | null> };
  const edited = (edit: (copy: typeof record) => void) => {
    const copy = JSON.parse(JSON.stringify(record)) as typeof record;
    edit(copy);
    return utf8(`${JSON.stringify(copy, null, 2)}\n`);
  };
  const change = (name: string, data: Uint8Array) => entries.map((e) => (e.name === name ? { ...e, data } : e));
  const lastMember = record.members.at(-1)!.captureId;
  const otherThread = '00000000-dead-4bad-8bad-000000000000';
  const asImported = (files: Map<string, Uint8Array>) => {
    for (const id of captureIds) files.set(`captures/${id}/signer.pem`, genuineKey);
  };
  const resignedThread = (edit: (copy: typeof record) => void) => async (files: Map<string, Uint8Array>) => {
    asImported(files);
    const copy = JSON.parse(JSON.stringify(record)) as typeof record & { signer: { keyId: string } };
    edit(copy);
    const bytes = utf8(`${JSON.stringify(copy, null, 2)}\n`);
    files.set(threadFile, bytes);
    files.set(sigFile, await signDer(context.attacker.privateKey, bytes));
  };
  return [
    {
      id: 'thread-member-hash',
      name: 'One member’s capture.json hash in thread.json swapped for another’s, SHA256SUMS rewritten',
      bytes: writeRawZip(await rewriteSums(change(threadFile, edited((r) => (r.members[0]!.captureSha256 = r.members.at(-1)!.captureSha256))))),
      keyHeld: false,
      file: sigFile,
    },
    { id: 'thread-order', name: 'The members of thread.json put in another order, SHA256SUMS rewritten', bytes: writeRawZip(await rewriteSums(change(threadFile, edited((r) => r.members.reverse())))), keyHeld: false, file: sigFile },
    {
      id: 'thread-counts',
      name: 'The platform’s reply count in thread.json changed, SHA256SUMS rewritten',
      bytes: writeRawZip(await rewriteSums(change(threadFile, edited((r) => (r.counts.repliesCounted = r.counts.repliesCaptured ?? null))))),
      keyHeld: false,
      file: sigFile,
    },
    {
      id: 'thread-sig-swapped',
      name: 'thread.json.sig replaced by a capture record’s signature, SHA256SUMS rewritten',
      bytes: writeRawZip(await rewriteSums(change(sigFile, entries.find((e) => e.name === `captures/${captureIds[0]}/capture.json.sig`)!.data))),
      keyHeld: false,
      file: sigFile,
    },
    {
      id: 'thread-member-removed',
      name: 'A member capture removed from the bundle, SHA256SUMS rewritten',
      bytes: writeRawZip(await rewriteSums(entries.filter((e) => !e.name.startsWith(`captures/${lastMember}/`)))),
      keyHeld: false,
      file: threadFile,
    },
    {
      id: 'thread-unlisted',
      name: 'A second thread record added that the manifest does not list, SHA256SUMS rewritten',
      bytes: writeRawZip(
        await rewriteSums([
          ...entries,
          { name: `threads/${otherThread}/thread.json`, data: edited((r) => (r.id = otherThread)) },
          { name: `threads/${otherThread}/thread.json.sig`, data: entries.find((e) => e.name === sigFile)!.data },
        ]),
      ),
      keyHeld: false,
      file: `threads/${otherThread}/thread.json`,
    },
    {
      id: 'thread-resigned',
      name: 'thread.json signed again by another key naming it, the bundle signed again by that key',
      bytes: await resealBundle(genuine, context.attacker.signer, { files: resignedThread((r) => ((r as typeof r & { signer: { keyId: string } }).signer.keyId = context.attacker.signer.keyId)) }),
      keyHeld: true,
      file: threadFile,
    },
    {
      id: 'thread-member-twice',
      name: 'A member listed twice in thread.json, signed again by another key, the bundle too',
      bytes: await resealBundle(genuine, context.attacker.signer, {
        files: resignedThread((r) => {
          (r as typeof r & { signer: { keyId: string } }).signer.keyId = context.attacker.signer.keyId;
          r.members.push({ ...r.members.at(-1)! });
        }),
      }),
      keyHeld: true,
      file: threadFile,
    },
  ];
}
