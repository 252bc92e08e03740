// A small coloured label for the kind of a workspace item.
import type { ItemKind } from '../../shared';
import { kindLabel } from '../lib';

export function KindBadge({ kind }: { kind: ItemKind }) {
  return <span className={`kind-badge kind-${kind}`} data-testid="kind-badge">{kindLabel(kind)}</span>;
}
