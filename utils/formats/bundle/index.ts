// The evidence bundle module's public face: write a bundle, verify one, and the types both use.

export { writeBundle } from './bundle-writer';
export { verifyBundle } from './bundle-verifier';
export { BundleError, type BundleErrorCode } from '../../evidence/errors';
export type {
  BundleCaptureSource,
  BundleProgress,
  BundleSigner,
  BundleStamp,
  BundleTsaChain,
  VerifiedTimestamp,
  VerifyCheck,
  VerifyOptions,
  VerifyReport,
  WriteBundleInput,
} from './types';
