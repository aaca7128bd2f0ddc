// 生成情况报告/续报: Word for editing and sending up, PDF for printing; the server compiles them from the record.
import { Button, Space } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';

export function SitrepButtons({ incidentId }: { incidentId: string }) {
  const { t } = useI18n();
  const href = (f: 'docx' | 'pdf') => `/api/incidents/${encodeURIComponent(incidentId)}/sitrep.${f}`;
  return (
    <Space wrap data-testid="sitrep-buttons">
      <Button icon={<FileWordOutlined />} href={href('docx')} download>{t('sitrep.docx')}</Button>
      <Button icon={<FilePdfOutlined />} href={href('pdf')} download>{t('sitrep.pdf')}</Button>
    </Space>
  );
}
