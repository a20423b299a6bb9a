import { Inject, Injectable } from '@nestjs/common';
import { VACCINE_CATALOGUE } from '../command-metadata';
import type { VaccineCatalogue } from '../domain/vaccine-catalogue';

@Injectable()
export class ListVaccinesHandler {
  constructor(@Inject(VACCINE_CATALOGUE) private readonly catalogue: VaccineCatalogue) {}

  execute() {
    return { version: this.catalogue.version, publishedOn: this.catalogue.publishedOn, items: this.catalogue.products };
  }
}
