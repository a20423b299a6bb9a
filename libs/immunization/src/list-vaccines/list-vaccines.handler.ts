import type { VaccineCatalogue } from '../domain/vaccine-catalogue';

export class ListVaccinesHandler {
  constructor(private readonly catalogue: VaccineCatalogue) {}

  execute() {
    return { version: this.catalogue.version, publishedOn: this.catalogue.publishedOn, items: this.catalogue.products };
  }
}
