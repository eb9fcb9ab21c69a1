// The bundle writer's inputs, and (from utils/evidence/) the captures it takes and the verifier's options and report.

export type {
  AnnotatedScreenshot,
  BundleCaptureSource,
  BundleSigner,
  BundleStamp,
  BundleTsaChain,
  ScreenshotAnnotator,
  WriteProgress as BundleProgress,
  WriteInput as WriteBundleInput,
} from '../../evidence/capture-source';

export type {
  SignerVerdict,
  StampAnchor,
  TrustedKey,
  VerifiedCaptureSummary,
  VerifiedTimestamp,
  VerifyCheck,
  VerifyOptions,
  VerifyReport,
} from '../../evidence/verify-types';
