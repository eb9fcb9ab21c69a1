// The software string written into every capture and bundle.
export function softwareName(version: string): string {
  return `PostProof ${version}`;
}
