import { previousInChain } from '../environments/environmentStore';
import { hasSucceeded } from '../releases/releaseStore';
import type { Gate } from './gate';

/** `promotion-order`: the version has a succeeded release in the previous environment of the chain. */
export const promotionOrderGate: Gate = {
  name: 'promotion-order',
  async evaluate({ db, version, environment, chain }) {
    const previous = previousInChain(chain, environment);
    if (!previous) return { gate: 'promotion-order', passed: true, reason: `${environment.name} is the first environment of the chain` };
    return (await hasSucceeded(db, previous.name, version.tag))
      ? { gate: 'promotion-order', passed: true, reason: `${version.tag} succeeded in ${previous.name}` }
      : { gate: 'promotion-order', passed: false, reason: `${version.tag} has no succeeded release in ${previous.name}; deploy it there first` };
  },
};
