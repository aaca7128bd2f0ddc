import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Select, Space, Tag } from 'antd';
import type { Organisation, User } from '../../../contracts/admin';
import { ROLES, type Role } from '../../../domain/access/permissions';
import { api, useApiError, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useUser } from '../../app/session';
import { useAdminList } from './useAdminList';
import { AdminListCard, CreateModal } from './AdminListCard';

type Values = { username: string; displayName: string; password: string; roles: Role[]; organisationId: string; phone?: string };

const loadUsers = () => api.users();

function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (u: User) => void }) {
  const { t } = useI18n();
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
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
          <Select
            loading={orgs === null}
            showSearch={{ optionFilterProp: 'label' }}
            options={(orgs ?? []).map((o) => ({ value: o.id, label: `${o.name} · ${o.jurisdictionName}` }))}
            data-testid="user-organisation"
          />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input maxLength={40} inputMode="tel" />
        </Form.Item>
      </Form>
    </CreateModal>
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
          { title: t('common.actions'), key: 'actions', render: (_: unknown, u) => <ToggleDisabled user={u} onChanged={replace} /> },
        ]}
      />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => list.setItems((cur) => (cur ? [...cur, u] : [u]))}
      />
    </div>
  );
}
