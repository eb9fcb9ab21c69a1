// The source a record names, for reading its witness again offline (the verifier, the CLI, verify.html).
import type { WitnessSource } from './source';
import { WITNESS_SOURCES } from './sources/index';

export function witnessSourceById(id: string): WitnessSource | undefined {
  return WITNESS_SOURCES.find((source) => source.id === id);
}
