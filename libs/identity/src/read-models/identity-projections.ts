import type { Projection, ReadModelStore } from '@vaxledger/kernel';
import { AccountRequestsProjection } from './account-requests.projection';
import { AccountsProjection } from './accounts.projection';
import { FacilitiesProjection } from './facilities.projection';
import { IdentityViews } from './identity-views';
import { SignInsProjection } from './sign-ins.projection';

/** identity's read models, for the live pipeline and for `projections rebuild`. */
export function identityProjectionsFor(views: IdentityViews): Projection[] {
  return [
    new FacilitiesProjection(views),
    new AccountsProjection(views),
    new AccountRequestsProjection(views),
    new SignInsProjection(views),
  ];
}

export function identityProjections(infra: { readModels: ReadModelStore }): Projection[] {
  return identityProjectionsFor(new IdentityViews(infra.readModels));
}
