// The spreadsheet of each resource kind: its columns for the template, the import and the export.
import { EQUIPMENT_KINDS, EQUIPMENT_STATUSES, ITEM_CATEGORIES, SHELTER_KINDS, SHELTER_STATUSES, TEAM_KINDS, TEAM_STATUSES } from '../../../domain/resources/model';
import type { ColumnSpec, SheetSpec } from './xlsx';

const values = (o: Record<string, { zh: string }>) => Object.entries(o).map(([code, v]) => ({ code, label: v.zh }));
const lat: ColumnSpec = { key: 'lat', header: '纬度', headerEn: 'Latitude', type: 'number', min: -90, max: 90, note: 'WGS84，如 30.1523' };
const lon: ColumnSpec = { key: 'lon', header: '经度', headerEn: 'Longitude', type: 'number', min: -180, max: 180, note: 'WGS84，如 102.9341' };
const jurisdiction: ColumnSpec = { key: 'jurisdictionCode', header: '行政区划代码', headerEn: 'Jurisdiction code', type: 'text', required: true, maxLength: 12, note: '6、9 或 12 位，须在本人管辖范围内' };
const phone: ColumnSpec = { key: 'contactPhone', header: '联系电话', headerEn: 'Phone', type: 'text', maxLength: 40 };

export const SHEETS = {
  items: {
    title: '物资目录',
    columns: [
      { key: 'code', header: '物资编码', headerEn: 'Code', type: 'text', required: true, maxLength: 40, note: '字母、数字、点、横线或下划线，不可重复' },
      { key: 'name', header: '物资名称', headerEn: 'Name', type: 'text', required: true, maxLength: 100 },
      { key: 'category', header: '类别', headerEn: 'Category', type: 'enum', required: true, values: values(ITEM_CATEGORIES) },
      { key: 'unit', header: '计量单位', headerEn: 'Unit', type: 'text', required: true, maxLength: 10, note: '如 顶、台、箱、件' },
      { key: 'spec', header: '规格型号', headerEn: 'Specification', type: 'text', maxLength: 200 },
    ],
  },
  depots: {
    title: '仓库',
    columns: [
      { key: 'name', header: '仓库名称', headerEn: 'Name', type: 'text', required: true, maxLength: 100 },
      { key: 'address', header: '地址', headerEn: 'Address', type: 'text', maxLength: 200 },
      jurisdiction, lat, lon,
      { key: 'contactName', header: '联系人', headerEn: 'Contact', type: 'text', maxLength: 40 }, phone,
    ],
  },
  stock: {
    title: '库存',
    columns: [
      { key: 'depot', header: '仓库名称', headerEn: 'Depot', type: 'text', required: true, maxLength: 100, note: '须为已登记、在本人管辖范围内的仓库' },
      { key: 'itemCode', header: '物资编码', headerEn: 'Item code', type: 'text', required: true, maxLength: 40, note: '须为物资目录中的编码' },
      { key: 'batch', header: '批次', headerEn: 'Batch', type: 'text', maxLength: 40 },
      { key: 'expiresOn', header: '有效期至', headerEn: 'Expires on', type: 'date' },
      { key: 'quantity', header: '数量', headerEn: 'Quantity', type: 'int', required: true, min: 1, max: 10_000_000 },
    ],
  },
  teams: {
    title: '救援队伍',
    columns: [
      { key: 'name', header: '队伍名称', headerEn: 'Name', type: 'text', required: true, maxLength: 100 },
      { key: 'kind', header: '队伍类型', headerEn: 'Kind', type: 'enum', required: true, values: values(TEAM_KINDS) },
      { key: 'headcount', header: '人数', headerEn: 'Headcount', type: 'int', required: true, min: 0, max: 100_000 },
      { key: 'skills', header: '专长', headerEn: 'Skills', type: 'text', maxLength: 500, note: '多项用“、”分隔' },
      { key: 'equipment', header: '主要装备', headerEn: 'Equipment', type: 'text', maxLength: 1000 },
      { key: 'status', header: '状态', headerEn: 'Status', type: 'enum', values: values(TEAM_STATUSES), note: '不填为待命' },
      jurisdiction, lat, lon,
      { key: 'contactName', header: '联系人', headerEn: 'Contact', type: 'text', maxLength: 40 }, phone,
    ],
  },
  experts: {
    title: '专家',
    columns: [
      { key: 'name', header: '姓名', headerEn: 'Name', type: 'text', required: true, maxLength: 40 },
      { key: 'field', header: '专业领域', headerEn: 'Field', type: 'text', required: true, maxLength: 100 },
      { key: 'title', header: '职称', headerEn: 'Title', type: 'text', maxLength: 60 },
      { key: 'employer', header: '工作单位', headerEn: 'Employer', type: 'text', maxLength: 100 },
      { key: 'phone', header: '联系电话', headerEn: 'Phone', type: 'text', maxLength: 40 },
      jurisdiction,
    ],
  },
  equipment: {
    title: '装备与车辆',
    columns: [
      { key: 'name', header: '名称', headerEn: 'Name', type: 'text', required: true, maxLength: 100 },
      { key: 'kind', header: '类型', headerEn: 'Kind', type: 'enum', required: true, values: values(EQUIPMENT_KINDS) },
      { key: 'model', header: '型号', headerEn: 'Model', type: 'text', maxLength: 100 },
      { key: 'plate', header: '车牌号', headerEn: 'Plate', type: 'text', maxLength: 20 },
      { key: 'status', header: '状态', headerEn: 'Status', type: 'enum', values: values(EQUIPMENT_STATUSES), note: '不填为可用' },
      jurisdiction, lat, lon,
    ],
  },
  shelters: {
    title: '避难场所',
    columns: [
      { key: 'name', header: '名称', headerEn: 'Name', type: 'text', required: true, maxLength: 100 },
      { key: 'kind', header: '场所类型', headerEn: 'Kind', type: 'enum', required: true, values: values(SHELTER_KINDS) },
      { key: 'capacity', header: '容纳人数', headerEn: 'Capacity', type: 'int', required: true, min: 0, max: 10_000_000 },
      { key: 'occupancy', header: '现有人数', headerEn: 'Occupancy', type: 'int', min: 0, max: 10_000_000 },
      { key: 'areaM2', header: '面积（平方米）', headerEn: 'Area (m²)', type: 'number', min: 0 },
      { key: 'facilities', header: '设施', headerEn: 'Facilities', type: 'text', maxLength: 500, note: '多项用“、”分隔' },
      { key: 'address', header: '地址', headerEn: 'Address', type: 'text', maxLength: 200 },
      { key: 'status', header: '状态', headerEn: 'Status', type: 'enum', values: values(SHELTER_STATUSES), note: '不填为开放' },
      jurisdiction, lat, lon,
    ],
  },
} as const satisfies Record<string, { title: string; columns: SheetSpec }>;
export type SheetKind = keyof typeof SHEETS;
export const SHEET_KINDS = Object.keys(SHEETS) as SheetKind[];
