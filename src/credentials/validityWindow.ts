import { failedCheck, type Check } from './verificationReport.ts';
import { detail } from './checkMessages.ts';
import { parseDateTime, vcVersion } from './vcDataModel.ts';
import type { Json } from './verifierDeps.ts';

/**
 * Whether now is inside the credential's validity period: validFrom/validUntil (VC 2.0, both
 * optional), or issuanceDate/expirationDate (VC 1.1). Their form is the data model's concern;
 * a date that cannot be read is reported here too, since no window can be told from it.
 */
export function validityWindow(c: Json, now: Date): Check {
  const v11 = vcVersion(c) === '1.1';
  const [fromField, untilField] = v11 ? ['issuanceDate', 'expirationDate'] : ['validFrom', 'validUntil'];
  const from = parseDateTime(c[fromField], { zoneOptional: v11 });
  const until = parseDateTime(c[untilField], { zoneOptional: v11 });
  if (c[fromField] !== undefined && Number.isNaN(from))
    return failedCheck('validity_window', 'invalid_date', detail('dateNotDateTime', { field: fromField }));
  if (c[untilField] !== undefined && Number.isNaN(until))
    return failedCheck('validity_window', 'invalid_date', detail('dateNotDateTime', { field: untilField }));
  if (from > now.getTime())
    return failedCheck(
      'validity_window',
      'not_yet_valid',
      detail('notYetValid', { date: String(c[fromField]) }),
    );
  if (until <= now.getTime())
    return failedCheck('validity_window', 'expired', detail('expiredOn', { date: String(c[untilField]) }));
  return { id: 'validity_window', ok: true };
}
