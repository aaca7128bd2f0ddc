import type { Organisation } from '../../../contracts/admin';
import type { MessageKey } from '../../app/i18n';

export type OrganisationKind = Organisation['kind'];

// Kept as a Record so that a kind added to the contract fails the type check here until labelled.
export const ORGANISATION_KIND_KEYS: Record<OrganisationKind, MessageKey> = {
  government: 'orgs.kind.government',
  department: 'orgs.kind.department',
  enterprise: 'orgs.kind.enterprise',
  community: 'orgs.kind.community',
  team: 'orgs.kind.team',
};

export const ORGANISATION_KIND_LIST = Object.keys(ORGANISATION_KIND_KEYS) as OrganisationKind[];
