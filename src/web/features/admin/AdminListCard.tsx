// The shared shell of an administration list: title, "create" button, load error or table.
import type { ReactNode } from 'react';
import { Button, Card, Empty, Modal, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { LoadError } from '../../app/status';
import type { useAdminList } from './useAdminList';

interface Props<T extends { id: string }> {
  title: string;
  createLabel: string;
  /** Prefix of the test ids: `<prefix>-create` on the button, `<prefix>-row` on each row. */
  testId: string;
  emptyText: string;
  list: ReturnType<typeof useAdminList<T>>;
  columns: TableColumnsType<T>;
  onCreate: () => void;
}

export function AdminListCard<T extends { id: string }>({ title, createLabel, testId, emptyText, list, columns, onCreate }: Props<T>) {
  return (
    <Card
      title={title}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid={`${testId}-create`}>
          {createLabel}
        </Button>
      }
    >
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (
        <Table<T>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
          onRow={(r) => ({ 'data-testid': `${testId}-row`, 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
          columns={columns}
        />
      )}
    </Card>
  );
}

/** The "create" dialog of an administration list. */
/** A form in a dialog: 新建 by default, 保存 (okText) when it edits. */
export function CreateModal({ open, title, busy, onOk, onClose, okText, children }: { open: boolean; title: string; busy: boolean; onOk: () => void; onClose: () => void; okText?: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={onOk} confirmLoading={busy} okText={okText ?? t('common.create')} cancelText={t('common.cancel')} destroyOnHidden>
      {children}
    </Modal>
  );
}
