import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Select, Space, Tag } from 'antd';
import type { Organisation } from '../../../contracts/admin';
import { api, useApiError, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useUser } from '../../app/session';
import { JurisdictionSelect } from '../../components/JurisdictionSelect';
import { ORGANISATION_KIND_KEYS, ORGANISATION_KIND_LIST, type OrganisationKind } from './orgKinds';
import { useAdminList } from './useAdminList';
import { AdminListCard, CreateModal } from './AdminListCard';

type Values = { name: string; kind: OrganisationKind; jurisdictionCode: string; contactPhone?: string };

const loadOrganisations = () => api.organisations();

/** The fields of an organisation, shared by the create and edit dialogs. */
function OrganisationFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}>
        <Input maxLength={100} data-testid="org-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true }]}>
        <Select options={ORGANISATION_KIND_LIST.map((k) => ({ value: k, label: t(ORGANISATION_KIND_KEYS[k]) }))} data-testid="org-kind" />
      </Form.Item>
      <Form.Item name="jurisdictionCode" label={t('orgs.jurisdiction')} rules={[{ required: true }]}>
        <JurisdictionSelect style={{ width: '100%' }} data-testid="org-jurisdiction" />
      </Form.Item>
      <Form.Item name="contactPhone" label={t('orgs.contactPhone')}>
        <Input maxLength={40} inputMode="tel" data-testid="org-phone" />
      </Form.Item>
    </>
  );
}

function CreateOrganisationModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (o: Organisation) => void }) {
  const { t } = useI18n();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const { submit, busy } = useFormSubmit(form, (v) => api.createOrganisation({ ...v, contactPhone: v.contactPhone?.trim() ?? '' }), {
    success: t('orgs.created'),
    onDone: (created) => {
      onCreated(created);
      onClose();
    },
  });

  return (
    <CreateModal open={open} title={t('orgs.create')} busy={busy} onOk={submit} onClose={onClose}>
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ jurisdictionCode: user.jurisdiction.code }} data-testid="org-form">
        <OrganisationFields />
      </Form>
    </CreateModal>
  );
}

function EditOrganisationModal({ org, onClose, onSaved }: { org: Organisation | null; onClose: () => void; onSaved: (o: Organisation) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { submit, busy } = useFormSubmit(form, (v) => api.patchOrganisation(org!.id, { ...v, name: v.name.trim(), contactPhone: v.contactPhone?.trim() ?? '' }), {
    success: t('orgs.updated'),
    onDone: (saved) => {
      onSaved(saved);
      onClose();
    },
  });
  return (
    <CreateModal open={org !== null} title={org ? t('orgs.editTitle', { name: org.name }) : ''} busy={busy} onOk={submit} onClose={onClose} okText={t('common.save')}>
      {org && (
        <Form<Values> form={form} layout="vertical" preserve={false} initialValues={org} data-testid="org-edit-form">
          <OrganisationFields />
        </Form>
      )}
    </CreateModal>
  );
}

/** Delete after a confirmation; the server refuses (409, with the reason) while users or records refer to it. */
function DeleteOrganisation({ org, onDeleted }: { org: Organisation; onDeleted: (id: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiError();
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await api.deleteOrganisation(org.id);
      void message.success(t('orgs.deleted'));
      onDeleted(org.id);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={t('orgs.deleteConfirm')} onConfirm={remove} okText={t('common.ok')} cancelText={t('common.cancel')}>
      <Button size="small" danger loading={busy} data-testid="org-delete">
        {t('orgs.delete')}
      </Button>
    </Popconfirm>
  );
}

export default function OrganisationsPage() {
  const { t } = useI18n();
  const list = useAdminList(loadOrganisations);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Organisation | null>(null);

  useEffect(() => {
    document.title = `${t('orgs.title')} · ${t('app.name')}`;
  }, [t]);

  return (
    <div className="sw-page">
      <AdminListCard<Organisation>
        title={t('orgs.title')}
        createLabel={t('orgs.create')}
        testId="org"
        emptyText={t('orgs.empty')}
        list={list}
        onCreate={() => setCreating(true)}
        columns={[
          { title: t('orgs.name'), dataIndex: 'name', key: 'name' },
          { title: t('orgs.kind'), dataIndex: 'kind', key: 'kind', render: (k: OrganisationKind) => <Tag>{t(ORGANISATION_KIND_KEYS[k])}</Tag> },
          { title: t('orgs.jurisdiction'), dataIndex: 'jurisdictionName', key: 'jurisdiction' },
          { title: t('orgs.contactPhone'), dataIndex: 'contactPhone', key: 'phone', render: (p: string) => p || '—' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, o) => (
              <Space>
                <Button size="small" onClick={() => setEditing(o)} data-testid="org-edit">
                  {t('common.edit')}
                </Button>
                <DeleteOrganisation org={o} onDeleted={(id) => list.setItems((cur) => (cur ?? []).filter((x) => x.id !== id))} />
              </Space>
            ),
          },
        ]}
      />
      <CreateOrganisationModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(o) => list.setItems((cur) => (cur ? [...cur, o] : [o]))}
      />
      <EditOrganisationModal
        org={editing}
        onClose={() => setEditing(null)}
        onSaved={(o) => list.setItems((cur) => (cur ?? []).map((x) => (x.id === o.id ? o : x)))}
      />
    </div>
  );
}
