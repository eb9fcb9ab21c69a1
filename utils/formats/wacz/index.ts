// The WACZ module's public face: write a WACZ, verify one (or any PostProof evidence file), and what to tell users.

export { writeWacz, type DatapackageStamp, type WriteWaczInput } from './wacz-writer';
export { verifyWacz } from './wacz-verifier';
export { isWacz, verifyEvidenceFile } from '../verify-any';
export { REPLAY_NOTICE } from './verify-guide';
