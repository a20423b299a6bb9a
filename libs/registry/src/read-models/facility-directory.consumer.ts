/**
 * Facilities as identity announces them on `vaxledger.identity.organisation.v1`. The registry never reads
 * identity's storage; it keeps this small directory so the importer can take a facility code and province
 * admins' scope can be checked for a receiving facility. Any organisation message whose data carries a
 * `facilityId` and a `provinceCode` (and usually a `code`) updates it.
 */
import { EventPattern } from '@nestjs/microservices';
import { Topics } from '@vaxledger/contracts';
import type { CloudEvent, ReadModelCollection } from '@vaxledger/kernel';
import type { FacilityDirectoryDocument } from './registry-collections';

export class FacilityDirectoryConsumer {
  constructor(private readonly facilities: ReadModelCollection<FacilityDirectoryDocument>) {}

  @EventPattern(Topics.identityOrganisation, { group: 'facility-directory' })
  async handle(message: CloudEvent): Promise<void> {
    const data = (message.data ?? {}) as Record<string, unknown>;
    if (typeof data.facilityId !== 'string') return;
    const current = await this.facilities.get(data.facilityId);
    const text = (value: unknown, fallback: string | null) => (typeof value === 'string' ? value : fallback);
    const next: FacilityDirectoryDocument = {
      id: data.facilityId,
      code: text(data.code, current?.code ?? null),
      provinceCode: text(data.provinceCode, current?.provinceCode ?? null),
      districtCode: text(data.districtCode, current?.districtCode ?? null),
      version: (current?.version ?? 0) + 1,
    };
    await this.facilities.upsert(next, next.version);
  }
}

/** A facility by id, or by its code when the value is not a known id. */
export async function findFacility(
  facilities: ReadModelCollection<FacilityDirectoryDocument>,
  codeOrId: string,
): Promise<FacilityDirectoryDocument | null> {
  const byId = await facilities.get(codeOrId);
  if (byId) return byId;
  const byCode = await facilities.find({ code: codeOrId }, { limit: 2 });
  return byCode.length === 1 ? byCode[0] : null;
}
