import type { Principal, RequestOrigin } from '@vaxledger/auth';
import type { VaccineCatalogue } from '../domain/vaccine-catalogue';

export class ListVaccinesHandler {
  constructor(private readonly catalogue: VaccineCatalogue) {}

  /** Any signed-in account may read the catalogue: it names no person. */
  execute(_principal: Principal, _origin: RequestOrigin) {
    return { version: this.catalogue.version, publishedOn: this.catalogue.publishedOn, items: this.catalogue.products };
  }
}
