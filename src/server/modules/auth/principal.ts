import type { Role } from '../../../domain/access/permissions';

/** Who is calling: the user, their roles, and the jurisdiction subtree they may see and change. */
export interface Principal {
  userId: string;
  username: string;
  name: string;
  roles: Role[];
  organisationId: string;
  organisationName: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  jurisdictionLevel: string;
  scopePath: string;
}
