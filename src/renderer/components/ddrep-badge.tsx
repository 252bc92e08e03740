// A small label naming how a DDRep-job sample was made (DDRep / SDS / SJC), on result and gallery cards.
import { DDREP_METHOD_LABEL, DDREP_METHODS, type DdrepMethod } from '../../shared';

export function DdrepBadge({ method }: { method: string }) {
  const known = (DDREP_METHODS as readonly string[]).includes(method);
  const label = known ? DDREP_METHOD_LABEL[method as DdrepMethod] : method;
  return (
    <span className={`method-badge method-${known ? method : 'other'}`} data-testid="ddrep-method-badge" data-method={method} title={`Sampled from the image prior with ${label}`}>
      {label}
    </span>
  );
}
