// 文档结构与要素检查: the section tree of the document, and whether the headings carry the elements
// GB/T 29639-2020 and 88号令 ask for (checked live on the kind chosen in 基本信息).
import { useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Form, Row, Table, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { checkElements, GBT29639_ELEMENTS, ORDER88_ELEMENTS, type ElementCheck } from '../../../../domain/plans/elements';
import type { PlanKind, PlanSection } from '../../../../domain/plans/model';
import { useI18n } from '../../../app/i18n';

function toTree(sections: PlanSection[], prefix = ''): TreeDataNode[] {
  return sections.map((s, i) => {
    const key = `${prefix}${i}`;
    return { key, title: `${s.number} ${s.heading}`.trim() || '—', children: toTree(s.children, `${key}.`) };
  });
}

function find(sections: PlanSection[], key: string): PlanSection | null {
  let list = sections;
  let node: PlanSection | null = null;
  for (const part of key.split('.')) {
    node = list[Number(part)] ?? null;
    if (!node) return null;
    list = node.children;
  }
  return node;
}

function ElementsTable({ title, rows, testId }: { title: string; rows: ElementCheck[]; testId: string }) {
  const { t } = useI18n();
  const missing = rows.filter((r) => !r.present && !r.optional).length;
  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 12 }}
      extra={rows.length > 0 && (missing ? <Tag color="error">{t('plans.elements.missingCount', { n: missing })}</Tag> : <Tag color="success">{t('plans.elements.complete')}</Tag>)}
      data-testid={testId}
    >
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('plans.elements.noneRequired')}</Typography.Text>
      ) : (
        <Table<ElementCheck>
          size="small"
          rowKey={(r) => `${r.clause}-${r.name}`}
          pagination={false}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('plans.elements.present'),
              key: 'present',
              width: 90,
              render: (_: unknown, r) =>
                r.present ? (
                  <Tag icon={<CheckCircleFilled />} color="success">
                    {t('plans.elements.yes')}
                  </Tag>
                ) : (
                  <Tag icon={<CloseCircleFilled />} color={r.optional ? 'default' : 'error'}>
                    {r.optional ? t('plans.elements.optionalMissing') : t('plans.elements.no')}
                  </Tag>
                ),
            },
            { title: t('plans.elements.name'), dataIndex: 'name', key: 'name' },
            { title: t('plans.elements.clause'), dataIndex: 'clause', key: 'clause' },
            { title: t('plans.elements.foundIn'), dataIndex: 'foundIn', key: 'foundIn', render: (v: string | null) => v ?? '—' },
          ]}
        />
      )}
    </Card>
  );
}

export function StructureTab() {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const kind = Form.useWatch(['content', 'kind'], form) as PlanKind | undefined;
  const sections = (Form.useWatch(['content', 'sections'], { form, preserve: true }) as PlanSection[] | undefined) ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  const tree = useMemo(() => toTree(sections), [sections]);
  const gbt = useMemo(() => (kind ? checkElements(kind, sections, GBT29639_ELEMENTS) : []), [kind, sections]);
  const o88 = useMemo(() => (kind ? checkElements(kind, sections, ORDER88_ELEMENTS) : []), [kind, sections]);
  const node = selected ? find(sections, selected) : null;

  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('plans.structure.sections')} style={{ marginBottom: 12 }}>
          {sections.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.structure.noSections')} />
          ) : (
            <>
              <Tree treeData={tree} defaultExpandAll selectedKeys={selected ? [selected] : []} onSelect={(keys) => setSelected(keys[0] ? String(keys[0]) : null)} />
              {node && (
                <div style={{ marginTop: 12, padding: 12, background: '#fafafa', borderRadius: 8 }}>
                  <Typography.Text strong>{`${node.number} ${node.heading}`}</Typography.Text>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8, marginBottom: 0, maxHeight: 320, overflow: 'auto' }}>
                    {node.text || t('plans.structure.noText')}
                  </Typography.Paragraph>
                </div>
              )}
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('plans.elements.hint')} />
        <ElementsTable title={t('plans.elements.gbt')} rows={gbt} testId="elements-gbt" />
        <ElementsTable title={t('plans.elements.order88')} rows={o88} testId="elements-88" />
      </Col>
    </Row>
  );
}
