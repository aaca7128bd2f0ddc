import { useEffect, useState } from 'react';
import { Form, Input, Select, Tag } from 'antd';
import type { Organisation } from '../../../contracts/admin';
import { api, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useUser } from '../../app/session';
import { JurisdictionSelect } from '../../components/JurisdictionSelect';
import { ORGANISATION_KIND_KEYS, ORGANISATION_KIND_LIST, type OrganisationKind } from './orgKinds';
import { useAdminList } from './useAdminList';
import { AdminListCard, CreateModal } from './AdminListCard';

type Values = { name: string; kind: OrganisationKind; jurisdictionCode: string; contactPhone?: string };

const loadOrganisations = () => api.organisations();

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
      </Form>
    </CreateModal>
  );
}

export default function OrganisationsPage() {
  const { t } = useI18n();
  const list = useAdminList(loadOrganisations);
  const [creating, setCreating] = useState(false);

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
        ]}
      />
      <CreateOrganisationModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(o) => list.setItems((cur) => (cur ? [...cur, o] : [o]))}
      />
    </div>
  );
}
