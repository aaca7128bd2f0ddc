import { useCallback, useEffect, useState } from 'react';
import { App, Button, Divider, Drawer, Empty, Form, Input, List, Popconfirm, Select, Space, Tag, Typography, type SelectProps } from 'antd';
import type { Organisation, User } from '../../../contracts/admin';
import type { ApiToken } from '../../../contracts/auth';
import { ROLES, type Role } from '../../../domain/access/permissions';
import { api, useApiError, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useUser } from '../../app/session';
import { formatTime } from '../../app/time';
import { useAdminList } from './useAdminList';
import { AdminListCard, CreateModal } from './AdminListCard';

type Values = { username: string; displayName: string; password: string; roles: Role[]; organisationId: string; phone?: string };
type EditValues = Pick<Values, 'displayName' | 'roles' | 'organisationId' | 'phone'>;

const loadUsers = () => api.users();

/** The organisations the admin may put a user in (their subtree), loaded while a dialog is open. */
function useOrganisations(open: boolean) {
  const onError = useApiError();
  const [orgs, setOrgs] = useState<Organisation[] | null>(null);
  useEffect(() => {
    if (!open) return;
    let alive = true;
    api
      .organisations()
      .then((o) => alive && setOrgs(o))
      .catch((e: unknown) => {
        if (!alive) return;
        setOrgs([]);
        onError(e);
      });
    return () => {
      alive = false;
    };
  }, [open, onError]);
  return orgs;
}

/** Inside a Form.Item: the item's value and onChange pass through to the Select (a wrapper that drops them leaves the field empty). */
function OrganisationSelect({ orgs, testId, ...field }: { orgs: Organisation[] | null; testId: string } & Omit<SelectProps<string>, 'options'>) {
  return (
    <Select
      {...field}
      loading={orgs === null}
      showSearch={{ optionFilterProp: 'label' }}
      options={(orgs ?? []).map((o) => ({ value: o.id, label: `${o.name} · ${o.jurisdictionName}` }))}
      data-testid={testId}
    />
  );
}

function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (u: User) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const orgs = useOrganisations(open);

  const { submit, busy } = useFormSubmit(form, (v) => api.createUser({ ...v, username: v.username.trim(), phone: v.phone?.trim() ?? '' }), {
    success: t('users.created'),
    onDone: (created) => {
      onCreated(created);
      onClose();
    },
  });

  return (
    <CreateModal open={open} title={t('users.create')} busy={busy} onOk={submit} onClose={onClose}>
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ roles: ['reporter'] }} data-testid="user-form" autoComplete="off">
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: t('users.usernameRule') }]}
        >
          <Input maxLength={64} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, max: 64 }]}>
          <Input maxLength={64} data-testid="user-displayName" />
        </Form.Item>
        <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHint')} rules={[{ required: true, min: 10, max: 256 }]}>
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} data-testid="user-roles" />
        </Form.Item>
        <Form.Item name="organisationId" label={t('users.organisation')} rules={[{ required: true }]}>
          <OrganisationSelect orgs={orgs} testId="user-organisation" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input maxLength={40} inputMode="tel" />
        </Form.Item>
      </Form>
    </CreateModal>
  );
}

/** The API tokens of a user, each revocable (the secret is never shown again). */
function UserTokens({ user }: { user: User }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiError();
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const load = useCallback(() => {
    api.apiTokens(user.id).then(setTokens, (e: unknown) => {
      setTokens([]);
      onError(e);
    });
  }, [user.id, onError]);
  useEffect(load, [load]);
  const revoke = async (id: string) => {
    try {
      await api.revokeApiToken(id);
      void message.success(t('users.revoked'));
      setTokens((cur) => (cur ?? []).filter((x) => x.id !== id));
    } catch (e) {
      onError(e);
      load();
    }
  };
  return (
    <List<ApiToken>
      size="small"
      loading={tokens === null}
      dataSource={tokens ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.tokensEmpty')} /> }}
      data-testid="user-tokens"
      renderItem={(tk) => (
        <List.Item
          data-testid="user-token"
          actions={[
            <Popconfirm key="revoke" title={t('users.revokeConfirm')} onConfirm={() => revoke(tk.id)} okText={t('common.ok')} cancelText={t('common.cancel')}>
              <Button size="small" danger data-testid="user-token-revoke">
                {t('users.revoke')}
              </Button>
            </Popconfirm>,
          ]}
        >
          <List.Item.Meta title={tk.name} description={t('users.tokenCreated', { at: formatTime(tk.createdAt) })} />
        </List.Item>
      )}
    />
  );
}

/** Edit a user: profile (name, phone, roles, organisation), an admin password reset, their API tokens. */
function EditUserDrawer({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: (u: User) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<EditValues>();
  const [pwForm] = Form.useForm<{ password: string }>();
  const orgs = useOrganisations(user !== null);

  useEffect(() => {
    if (user) form.setFieldsValue({ displayName: user.displayName, roles: user.roles, organisationId: user.organisationId, phone: user.phone });
    pwForm.resetFields();
  }, [user, form, pwForm]);

  const profile = useFormSubmit(form, (v) => api.patchUser(user!.id, { ...v, displayName: v.displayName.trim(), phone: v.phone?.trim() ?? '' }), {
    success: t('users.updated'),
    onDone: (u) => {
      onSaved(u);
      onClose();
    },
  });
  const reset = useFormSubmit(pwForm, (v) => api.patchUser(user!.id, { password: v.password }), {
    success: t('users.resetDone'),
    onDone: (u) => {
      onSaved(u);
      pwForm.resetFields();
    },
  });

  return (
    <Drawer
      open={user !== null}
      onClose={onClose}
      title={user ? t('users.editTitle', { name: user.displayName }) : ''}
      size="large"
      destroyOnHidden
      data-testid="user-edit"
      extra={
        <Button type="primary" loading={profile.busy} onClick={profile.submit} data-testid="user-edit-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form<EditValues> form={form} layout="vertical" data-testid="user-edit-form" autoComplete="off">
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, max: 64 }]}>
          <Input maxLength={64} data-testid="user-edit-displayName" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input maxLength={40} inputMode="tel" data-testid="user-edit-phone" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} data-testid="user-edit-roles" />
        </Form.Item>
        <Form.Item name="organisationId" label={t('users.organisation')} rules={[{ required: true }]}>
          <OrganisationSelect orgs={orgs} testId="user-edit-organisation" />
        </Form.Item>
      </Form>
      <Divider titlePlacement="start">{t('users.resetPassword')}</Divider>
      <Typography.Paragraph type="secondary">{t('users.resetHint')}</Typography.Paragraph>
      <Form form={pwForm} layout="inline" autoComplete="off">
        <Form.Item name="password" label={t('users.newPassword')} extra={t('users.passwordHint')} rules={[{ required: true, min: 10, max: 256 }]}>
          <Input.Password autoComplete="new-password" data-testid="user-reset-password" />
        </Form.Item>
        <Form.Item>
          <Button danger loading={reset.busy} onClick={reset.submit} data-testid="user-reset">
            {t('users.resetPassword')}
          </Button>
        </Form.Item>
      </Form>
      <Divider titlePlacement="start">{t('users.tokens')}</Divider>
      {user && <UserTokens user={user} />}
    </Drawer>
  );
}

function ToggleDisabled({ user, onChanged }: { user: User; onChanged: (u: User) => void }) {
  const { t } = useI18n();
  const me = useUser();
  const { message } = App.useApp();
  const onError = useApiError();
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      const updated = await api.patchUser(user.id, { disabled: !user.disabled });
      void message.success(t('users.updated'));
      onChanged(updated);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  if (user.id === me.id) return null; // nobody locks themselves out
  if (user.disabled)
    return (
      <Button size="small" loading={busy} onClick={toggle} data-testid="user-enable">
        {t('users.enable')}
      </Button>
    );
  return (
    <Popconfirm title={t('users.disableConfirm')} onConfirm={toggle} okText={t('common.ok')} cancelText={t('common.cancel')}>
      <Button size="small" danger loading={busy} data-testid="user-disable">
        {t('users.disable')}
      </Button>
    </Popconfirm>
  );
}

export default function UsersPage() {
  const { t } = useI18n();
  const me = useUser();
  const list = useAdminList(loadUsers);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);

  useEffect(() => {
    document.title = `${t('users.title')} · ${t('app.name')}`;
  }, [t]);

  const replace = (u: User) => list.setItems((cur) => (cur ?? []).map((x) => (x.id === u.id ? u : x)));

  return (
    <div className="sw-page">
      <AdminListCard<User>
        title={t('users.title')}
        createLabel={t('users.create')}
        testId="user"
        emptyText={t('users.empty')}
        list={list}
        onCreate={() => setCreating(true)}
        columns={[
          { title: t('users.username'), dataIndex: 'username', key: 'username' },
          {
            title: t('users.displayName'),
            key: 'displayName',
            render: (_: unknown, u) => (
              <span>
                {u.displayName}
                {u.id === me.id ? t('users.self') : ''}
              </span>
            ),
          },
          {
            title: t('users.roles'),
            key: 'roles',
            render: (_: unknown, u) => (
              <Space size={[0, 4]} wrap>
                {u.roles.map((r) => (
                  <Tag key={r} color={r === 'admin' ? 'magenta' : undefined}>
                    {t(`role.${r}`)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('users.organisation'), dataIndex: 'organisationName', key: 'org' },
          { title: t('users.phone'), dataIndex: 'phone', key: 'phone', render: (p: string) => p || '—', responsive: ['md'] },
          {
            title: t('users.status'),
            key: 'status',
            render: (_: unknown, u) => (u.disabled ? <Tag color="error">{t('users.disabled')}</Tag> : <Tag color="success">{t('users.enabled')}</Tag>),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, u) => (
              <Space>
                <Button size="small" onClick={() => setEditing(u)} data-testid="user-edit-open">
                  {t('users.edit')}
                </Button>
                <ToggleDisabled user={u} onChanged={replace} />
              </Space>
            ),
          },
        ]}
      />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => list.setItems((cur) => (cur ? [...cur, u] : [u]))}
      />
      <EditUserDrawer user={editing} onClose={() => setEditing(null)} onSaved={replace} />
    </div>
  );
}
