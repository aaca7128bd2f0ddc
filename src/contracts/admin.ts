import { z } from 'zod';
import { ROLES } from '../domain/access/permissions';

export const ORGANISATION_KINDS = ['government', 'department', 'enterprise', 'community', 'team'] as const;

export const Organisation = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  jurisdictionCode: z.string(),
  jurisdictionName: z.string(),
  contactPhone: z.string(),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationCreate = z
  .object({
    name: z.string().trim().min(2, '名称至少 2 个字').max(100),
    kind: z.enum(ORGANISATION_KINDS, '请选择单位类型'),
    jurisdictionCode: z.string().regex(/^\d{6}(\d{3}){0,2}$/, '须为行政区划代码'),
    contactPhone: z.string().trim().max(40).default(''),
  })
  .strict();

/** PATCH /api/organisations/:id: any of the fields of a new organisation; the jurisdiction must stay in the caller's scope. */
export const OrganisationPatch = OrganisationCreate.extend({ contactPhone: z.string().trim().max(40) }).partial().strict();

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  organisationId: z.string(),
  organisationName: z.string(),
  jurisdictionCode: z.string(),
  phone: z.string(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

const password = z.string().min(10, '密码至少 10 位').max(256);

export const UserCreate = z
  .object({
    username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,64}$/, '用户名为 3–64 位字母、数字、点、下划线或连字符'),
    displayName: z.string().trim().min(1, '请输入姓名').max(64),
    password,
    roles: z.array(z.enum(ROLES, '未知角色')).min(1, '至少选择一个角色'),
    organisationId: z.string().min(1, '请选择单位'),
    phone: z.string().trim().max(40).default(''),
  })
  .strict();

export const UserPatch = z
  .object({
    displayName: z.string().trim().min(1).max(64).optional(),
    password: password.optional(),
    roles: z.array(z.enum(ROLES, '未知角色')).min(1, '至少选择一个角色').optional(),
    phone: z.string().trim().max(40).optional(),
    organisationId: z.string().min(1, '请选择单位').max(64).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
