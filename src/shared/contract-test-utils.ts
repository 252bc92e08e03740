// Test helper for the contract's tests: the StudioError that the service-facing parse throws for a
// startJob argument (and a failure when the argument is accepted).
import { StudioError, parseArgs } from './index';

export function startJobRefusal(raw: unknown): StudioError {
  try {
    parseArgs('startJob', raw);
  } catch (e) {
    if (e instanceof StudioError) return e;
    throw e;
  }
  throw new Error(`startJob accepted ${JSON.stringify(raw)}`);
}
