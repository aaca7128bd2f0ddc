// The one UI text catalogue of the web app: zh-CN first, English second. No i18n library:
// `t(key, vars)` looks a key up in the active language and fills `{name}` placeholders.
// Official terms (categories, grades, statuses, report kinds, roles) come from src/domain so that
// each name lives in one place (docs/GLOSSARY.md); they are merged in below under typed keys.
import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { CATEGORY_LABELS, GRADE_LABELS } from '../../domain/incidents/types';
import { REPORT_KIND_LABELS, STATUS_LABELS } from '../../domain/incidents/lifecycle';
import { ROLE_LABELS } from '../../domain/access/permissions';
import { JURISDICTION_LEVEL_LABELS } from '../../domain/shared/jurisdiction';
import { planMessages } from '../features/plans/messages';
import { responseMessages } from '../features/responses/messages';
import { adminMessages } from '../features/admin/messages';
import { warningMessages } from '../features/warnings/messages';
import { resourceMessages } from '../features/resources/messages';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

const zhBase = {
  'app.name': '守望',
  'app.subtitle': '基层应急管理',
  'app.loading': '正在加载…',
  'app.retry': '重试',

  'nav.board': '事件看板',
  'nav.new': '新建事件',
  'nav.map': '事件地图',
  'nav.users': '用户管理',
  'nav.organisations': '单位管理',
  'nav.menu': '菜单',

  'header.logout': '退出登录',
  'header.logoutConfirm': '确定退出登录？',
  'header.language': '语言',
  'header.loggedOut': '已退出登录',

  'live.connected': '实时',
  'live.connecting': '连接中',
  'live.disconnected': '已断开',
  'live.connectedTip': '实时推送已连接，事件变化会自动刷新',
  'live.disconnectedTip': '实时推送已断开，正在自动重连；页面数据可能不是最新',
  'live.overdueTitle': '信息报告超时：{title}',
  'live.overdueOpen': '查看事件',

  'common.ok': '确定',
  'common.cancel': '取消',
  'common.save': '保存',
  'common.edit': '编辑',
  'common.submit': '提交',
  'common.create': '新建',
  'common.search': '搜索',
  'common.reset': '重置',
  'common.all': '全部',
  'common.unknown': '未知',
  'common.none': '无',
  'common.actions': '操作',
  'common.loadMore': '加载更多',
  'common.noMore': '已全部加载',
  'common.saved': '已保存',
  'common.optional': '选填',
  'common.back': '返回',
  'common.refresh': '刷新',
  'common.person': '{n} 人',
  'common.yuan': '{n} 元',
  'common.drill': '演练',
  'common.collapse': '收起',

  'error.network': '网络异常，无法连接服务器，请稍后重试',
  'error.unexpected': '操作失败：{msg}',
  'error.loadFailed': '加载失败',
  'error.sessionExpired': '登录已失效，请重新登录',
  'error.notFound': '页面不存在',
  'error.notFoundDesc': '您访问的页面不存在或已被移除。',
  'error.forbidden': '无权访问',
  'error.forbiddenDesc': '您的账号没有访问此页面的权限。',
  'error.backHome': '返回事件看板',

  'login.title': '登录守望',
  'login.subtitle': '基层应急管理平台',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.welcome': '欢迎，{name}',

  'incident.title': '标题',
  'incident.category': '事件类别',
  'incident.type': '事件类型',
  'incident.grade': '事件等级',
  'incident.status': '状态',
  'incident.jurisdiction': '辖区',
  'incident.occurredAt': '发生时间',
  'incident.reportedAt': '接报时间',
  'incident.description': '事件描述',
  'incident.location': '位置',
  'incident.lat': '纬度',
  'incident.lon': '经度',
  'incident.address': '地址',
  'incident.reportingOrganisation': '报送单位',
  'incident.overdueReports': '逾期报告',
  'incident.overdueCount': '{n} 项逾期',
  'incident.impact': '影响情况',
  'incident.gradeNone': '未定级',
  'incident.gradeNoneOrUngraded': '未定级 / 不分级',
  'incident.ungraded': '不分级',
  'incident.provisional': '暂定',
  'incident.manualGrade': '人工定级',
  'incident.needsManualGrade': '需人工定级',
  'incident.noLocation': '无坐标',

  'impact.deaths': '死亡',
  'impact.missing': '下落不明',
  'impact.seriousInjuries': '重伤（含急性工业中毒）',
  'impact.minorInjuries': '轻伤',
  'impact.directLossYuan': '直接经济损失（元）',
  'impact.affected': '受影响人数',
  'impact.evacuated': '转移安置人数',
  'impact.unknownHint': '留空表示「未知」，与 0 不同：确认没有伤亡或损失时请填 0。数字随时可以续报更正。',
  'impact.unknownPlaceholder': '未知',
  'impact.unknownTag': '未知',
  'impact.zeroTag': '确认为 0',
  'impact.wan': '约 {n} 万元',
  'impact.unitPerson': '人',
  'impact.unitYuan': '元',
  'impact.yi': '约 {n} 亿元',

  'board.title': '事件看板',
  'board.filterCategory': '类别',
  'board.filterGrade': '等级',
  'board.filterStatus': '状态',
  'board.filterJurisdiction': '辖区（含下级）',
  'board.filterTime': '发生时间',
  'board.filterQ': '搜索标题',
  'board.statusOpen': '未结束',
  'board.gradeNone': '不分级 / 未定级',
  'board.empty': '当前条件下没有事件',
  'board.count': '已显示 {n} 起',
  'board.newIncident': '新建事件',
  'board.updatedLive': '实时更新',
  'board.filters': '筛选',

  'new.title': '新建事件（接报）',
  'new.basic': '基本情况',
  'new.where': '地点',
  'new.impact': '影响情况',
  'new.gradePreview': '等级预判',
  'new.submit': '提交接报',
  'new.created': '事件已登记',
  'new.categoryRequired': '请选择事件类别',
  'new.typeRequired': '请选择事件类型',
  'new.titleRequired': '请输入标题（至少 2 个字）',
  'new.occurredAtRequired': '请选择发生时间',
  'new.occurredAtFuture': '发生时间不能晚于当前时间',
  'new.jurisdictionRequired': '请选择辖区',
  'new.pickCategoryFirst': '请先选择事件类别',
  'new.titlePlaceholder': '如：某某镇某某村化工厂爆炸',
  'new.descriptionPlaceholder': '现场情况、已采取的措施、信息来源等',
  'new.latLonBoth': '经度和纬度需同时填写',
  'new.locationHint': '选填。可只填地址；坐标为 WGS84（GPS）经纬度，须同时填写。',
  'new.useMyLocation': '使用当前位置',

  'grade.previewTitle': '按当前数字预判',
  'grade.basedOn': '依据：{article}',
  'grade.provisionalHint': '部分数字未知，等级可能随续报上调',
  'grade.ungradedHint': '社会安全事件不分级（突发事件应对法 第三条）',
  'grade.manualHint': '该类型按相应专项应急预案由人工定级',
  'grade.noFigures': '尚未填写可定级的数字（死亡、下落不明、重伤、直接经济损失）',
  'grade.pickType': '选择类别和类型后显示预判等级',
  'grade.override': '人工定级',
  'grade.overrideReason': '定级理由',
  'grade.overrideReasonRequired': '请说明定级理由（至少 2 个字）',
  'grade.overrideGradeRequired': '请选择等级',
  'grade.overrideClear': '清除人工定级（恢复自动计算）',
  'grade.overrideSubmit': '确认定级',
  'grade.overrideSaved': '等级已更新',
  'grade.overrideBy': '{by} 于 {at} 人工定级：{reason}',
  'grade.computed': '自动计算等级',
  'grade.upgradeFlagged': '等级上调',
  'grade.upgradeFlaggedDesc': '根据最新数字，事件等级已于 {at} 按规则上调为{grade}，请按新等级报告。',
  'grade.upgradeFlaggedManualDesc': '{by} 已于 {at} 人工上调事件等级为{grade}，请按新等级报告。',
  'grade.upgradeHidden': '按规则应上调等级',
  'grade.upgradeHiddenDesc': '根据最新数字（{at}），按规则应定为{computed}，高于现行人工定级{grade}。请重新确认定级。',

  'detail.back': '返回看板',
  'detail.notFound': '事件不存在或不在您的辖区范围内',
  'detail.transition': '状态变更',
  'detail.transitionTo': '转为「{status}」',
  'detail.reopen': '重新打开',
  'detail.transitionNote': '说明（选填）',
  'detail.transitionDone': '状态已变更为「{status}」',
  'detail.editImpact': '更新数字',
  'detail.impactSaved': '影响数字已更新',
  'detail.impactNoChange': '数字没有变化',
  'detail.info': '事件信息',
  'detail.timeline': '时间线',
  'detail.timelineEmpty': '暂无记录',
  'detail.system': '系统',
  'detail.reports': '信息报告时限',
  'detail.reportsEmpty': '当前没有需要报告的时限',
  'detail.fileReport': '填报',
  'detail.fileAdhoc': '报送其他报告',
  'detail.filedReports': '已报送的报告',
  'detail.filedEmpty': '尚未报送报告',

  'clock.remaining': '倒计时 {time}',
  'clock.overdue': '已超时 {n} 分钟',
  'clock.overdueLong': '已超时 {h} 小时 {m} 分钟',
  'clock.filed': '已报送 {at}',
  'clock.filedLate': '逾期报送 {at}',
  'clock.due': '时限 {at}',
  'clock.noDeadline': '无固定时限',
  'clock.recipient.county': '县级',
  'clock.recipient.city': '市级',
  'clock.recipient.province': '省级',
  'clock.recipient.national': '国家级',

  'report.title': '填报 — {label}',
  'report.titleAdhoc': '报送报告',
  'report.kind': '报告类型',
  'report.recipientLevel': '报送层级',
  'report.recipient': '报送对象',
  'report.recipientPlaceholder': '如：县应急管理局',
  'report.unitProfile': '（一）事故发生单位概况',
  'report.timeAndPlace': '（二）事故发生的时间、地点以及事故现场情况',
  'report.briefHistory': '（三）事故的简要经过',
  'report.measuresTaken': '（五）已经采取的措施',
  'report.other': '（六）其他应当报告的情况',
  'report.casualtiesNote': '伤亡人数和直接经济损失按事件当前的影响数字自动附入报告（第十二条第四项）。',
  'report.article': '依据《生产安全事故报告和调查处理条例》第十二条',
  'report.timeAndPlaceRequired': '请填写时间、地点、现场情况',
  'report.briefHistoryRequired': '请填写简要经过',
  'report.filed': '报告已报送',
  'report.filedBy': '{by} 报送于 {at}',

  'map.title': '事件地图',
  'map.openOnly': '未结束',
  'map.all': '全部',
  'map.noTiles': '离线底图：显示辖区边界与点位',
  'map.boundary.import': '导入边界',
  'map.boundary.drop': '拖入或点击选择 GeoJSON 文件',
  'map.boundary.hint': '经纬度坐标（WGS84/CGCS2000），要素属性含区划代码（code、adcode、XZQDM 或 区划代码）；只更新本辖区，不超过 50 MB',
  'map.boundary.saving': '正在匹配区划并保存边界…',
  'map.boundary.refused': '文件未导入，未做任何更改',
  'map.boundary.done': '已导入 {n} 个行政区划的边界',
  'map.boundary.unknown': '库中没有的区划代码',
  'map.boundary.outOfScope': '不在本辖区（未更改）',
  'map.boundary.withoutCode': '没有区划代码的要素',
  'map.boundary.none': '尚无辖区边界：管理员可点“导入边界”上传 GeoJSON，离线地图即显示边界与名称',
  'map.withoutLocation': '{n} 起事件无坐标，未在地图上显示',
  'map.empty': '没有可显示的点位',
  'map.layer.depot': '仓库',
  'map.layer.team': '救援队伍',
  'map.layer.shelter': '避难场所',
  'map.open': '查看详情',

  'users.title': '用户管理',
  'users.create': '新建用户',
  'users.username': '用户名',
  'users.displayName': '姓名',
  'users.password': '初始密码',
  'users.passwordHint': '至少 10 位',
  'users.usernameRule': '用户名为 3–64 位字母、数字、点、下划线或连字符',
  'users.roles': '角色',
  'users.organisation': '单位',
  'users.phone': '电话',
  'users.status': '状态',
  'users.enabled': '启用',
  'users.disabled': '已停用',
  'users.disable': '停用',
  'users.enable': '启用',
  'users.disableConfirm': '停用后该用户将无法登录，确定停用？',
  'users.created': '用户已创建',
  'users.updated': '用户已更新',
  'users.empty': '暂无用户',
  'users.self': '（本人）',

  'orgs.title': '单位管理',
  'orgs.create': '新建单位',
  'orgs.name': '单位名称',
  'orgs.kind': '单位类型',
  'orgs.jurisdiction': '所属辖区',
  'orgs.contactPhone': '联系电话',
  'orgs.created': '单位已创建',
  'orgs.empty': '暂无单位',
  'orgs.kind.government': '政府',
  'orgs.kind.department': '部门',
  'orgs.kind.enterprise': '企业',
  'orgs.kind.community': '社区 / 村',
  'orgs.kind.team': '救援队伍',
} as const;

export type BaseKey = keyof typeof zhBase;

const enBase: Record<BaseKey, string> = {
  'app.name': 'Shouwang',
  'app.subtitle': 'Grassroots emergency management',
  'app.loading': 'Loading…',
  'app.retry': 'Retry',

  'nav.board': 'Incident board',
  'nav.new': 'New incident',
  'nav.map': 'Incident map',
  'nav.users': 'Users',
  'nav.organisations': 'Organisations',
  'nav.menu': 'Menu',

  'header.logout': 'Log out',
  'header.logoutConfirm': 'Log out now?',
  'header.language': 'Language',
  'header.loggedOut': 'Logged out',

  'live.connected': 'Live',
  'live.connecting': 'Connecting',
  'live.disconnected': 'Offline',
  'live.connectedTip': 'Live updates connected: changes appear automatically',
  'live.disconnectedTip': 'Live updates disconnected, reconnecting; data on screen may be stale',
  'live.overdueTitle': 'Report overdue: {title}',
  'live.overdueOpen': 'Open incident',

  'common.ok': 'OK',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.edit': 'Edit',
  'common.submit': 'Submit',
  'common.create': 'Create',
  'common.search': 'Search',
  'common.reset': 'Reset',
  'common.all': 'All',
  'common.unknown': 'Unknown',
  'common.none': 'None',
  'common.actions': 'Actions',
  'common.loadMore': 'Load more',
  'common.noMore': 'All loaded',
  'common.saved': 'Saved',
  'common.optional': 'optional',
  'common.back': 'Back',
  'common.refresh': 'Refresh',
  'common.person': '{n}',
  'common.yuan': '¥{n}',
  'common.drill': 'Drill',
  'common.collapse': 'Hide',

  'error.network': 'Network error: cannot reach the server. Please try again.',
  'error.unexpected': 'Failed: {msg}',
  'error.loadFailed': 'Failed to load',
  'error.sessionExpired': 'Your session has expired. Please log in again.',
  'error.notFound': 'Page not found',
  'error.notFoundDesc': 'The page you requested does not exist.',
  'error.forbidden': 'Forbidden',
  'error.forbiddenDesc': 'Your account may not open this page.',
  'error.backHome': 'Back to the board',

  'login.title': 'Log in to Shouwang',
  'login.subtitle': 'Grassroots emergency management',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.usernameRequired': 'Please enter your username',
  'login.passwordRequired': 'Please enter your password',
  'login.welcome': 'Welcome, {name}',

  'incident.title': 'Title',
  'incident.category': 'Category',
  'incident.type': 'Type',
  'incident.grade': 'Grade',
  'incident.status': 'Status',
  'incident.jurisdiction': 'Jurisdiction',
  'incident.occurredAt': 'Occurred at',
  'incident.reportedAt': 'Reported at',
  'incident.description': 'Description',
  'incident.location': 'Location',
  'incident.lat': 'Latitude',
  'incident.lon': 'Longitude',
  'incident.address': 'Address',
  'incident.reportingOrganisation': 'Reporting organisation',
  'incident.overdueReports': 'Overdue reports',
  'incident.overdueCount': '{n} overdue',
  'incident.impact': 'Impact',
  'incident.gradeNone': 'Not graded yet',
  'incident.gradeNoneOrUngraded': 'Not graded / n/a',
  'incident.ungraded': 'Not graded (n/a)',
  'incident.provisional': 'Provisional',
  'incident.manualGrade': 'Graded by hand',
  'incident.needsManualGrade': 'Needs manual grading',
  'incident.noLocation': 'No coordinates',

  'impact.deaths': 'Deaths',
  'impact.missing': 'Missing',
  'impact.seriousInjuries': 'Serious injuries (incl. acute industrial poisoning)',
  'impact.minorInjuries': 'Minor injuries',
  'impact.directLossYuan': 'Direct economic loss (yuan)',
  'impact.affected': 'Affected',
  'impact.evacuated': 'Evacuated',
  'impact.unknownHint': 'Leave a figure empty when it is unknown; that is not the same as 0. Enter 0 only when confirmed. Figures can be corrected later.',
  'impact.unknownPlaceholder': 'Unknown',
  'impact.unknownTag': 'Unknown',
  'impact.zeroTag': 'Confirmed 0',
  'impact.wan': '≈ {n} × 10k yuan',
  'impact.unitPerson': 'people',
  'impact.unitYuan': 'yuan',
  'impact.yi': '≈ {n} × 100M yuan',

  'board.title': 'Incident board',
  'board.filterCategory': 'Category',
  'board.filterGrade': 'Grade',
  'board.filterStatus': 'Status',
  'board.filterJurisdiction': 'Jurisdiction (incl. below)',
  'board.filterTime': 'Occurred',
  'board.filterQ': 'Search titles',
  'board.statusOpen': 'Open',
  'board.gradeNone': 'Not graded',
  'board.empty': 'No incidents match the filters',
  'board.count': '{n} shown',
  'board.newIncident': 'New incident',
  'board.updatedLive': 'Live',
  'board.filters': 'Filters',

  'new.title': 'New incident',
  'new.basic': 'Basics',
  'new.where': 'Place',
  'new.impact': 'Impact',
  'new.gradePreview': 'Grade preview',
  'new.submit': 'Submit report',
  'new.created': 'Incident recorded',
  'new.categoryRequired': 'Please choose a category',
  'new.typeRequired': 'Please choose a type',
  'new.titleRequired': 'Please enter a title (2 characters or more)',
  'new.occurredAtRequired': 'Please choose when it happened',
  'new.occurredAtFuture': 'The time cannot be in the future',
  'new.jurisdictionRequired': 'Please choose a jurisdiction',
  'new.pickCategoryFirst': 'Choose a category first',
  'new.titlePlaceholder': 'e.g. Chemical plant explosion in X village',
  'new.descriptionPlaceholder': 'Situation on site, measures taken, source of information…',
  'new.latLonBoth': 'Enter both latitude and longitude',
  'new.locationHint': 'Optional. An address alone is fine; WGS84 (GPS) coordinates go in pairs.',
  'new.useMyLocation': 'Use my location',

  'grade.previewTitle': 'Grade from the current figures',
  'grade.basedOn': 'Basis: {article}',
  'grade.provisionalHint': 'Some figures are unknown; the grade may rise in later reports',
  'grade.ungradedHint': 'Social safety incidents are not graded (Emergency Response Law art. 3)',
  'grade.manualHint': 'This type is graded by hand under its specific plan',
  'grade.noFigures': 'No gradable figure yet (deaths, missing, serious injuries, direct loss)',
  'grade.pickType': 'Choose category and type to see the grade',
  'grade.override': 'Set grade by hand',
  'grade.overrideReason': 'Reason',
  'grade.overrideReasonRequired': 'Please give a reason (2 characters or more)',
  'grade.overrideGradeRequired': 'Please choose a grade',
  'grade.overrideClear': 'Clear (back to the computed grade)',
  'grade.overrideSubmit': 'Set grade',
  'grade.overrideSaved': 'Grade updated',
  'grade.overrideBy': 'Set by {by} at {at}: {reason}',
  'grade.computed': 'Computed grade',
  'grade.upgradeFlagged': 'Grade raised',
  'grade.upgradeFlaggedDesc': 'The latest figures raised the grade to {grade} by the rules at {at}. Report at the new grade.',
  'grade.upgradeFlaggedManualDesc': '{by} raised the grade to {grade} by hand at {at}. Report at the new grade.',
  'grade.upgradeHidden': 'The rules call for a higher grade',
  'grade.upgradeHiddenDesc': 'By the latest figures ({at}) the rules give {computed}, above the grade set by hand ({grade}). Please confirm the grade.',

  'detail.back': 'Back to the board',
  'detail.notFound': 'Incident not found or outside your jurisdiction',
  'detail.transition': 'Change status',
  'detail.transitionTo': 'Mark “{status}”',
  'detail.reopen': 'Reopen',
  'detail.transitionNote': 'Note (optional)',
  'detail.transitionDone': 'Status is now “{status}”',
  'detail.editImpact': 'Update figures',
  'detail.impactSaved': 'Figures updated',
  'detail.impactNoChange': 'Nothing changed',
  'detail.info': 'Details',
  'detail.timeline': 'Timeline',
  'detail.timelineEmpty': 'Nothing recorded yet',
  'detail.system': 'System',
  'detail.reports': 'Reporting deadlines',
  'detail.reportsEmpty': 'No reporting deadline at the moment',
  'detail.fileReport': 'File',
  'detail.fileAdhoc': 'File another report',
  'detail.filedReports': 'Filed reports',
  'detail.filedEmpty': 'No report filed yet',

  'clock.remaining': '{time} left',
  'clock.overdue': 'Overdue by {n} min',
  'clock.overdueLong': 'Overdue by {h} h {m} min',
  'clock.filed': 'Filed {at}',
  'clock.filedLate': 'Filed late {at}',
  'clock.due': 'Due {at}',
  'clock.noDeadline': 'No fixed deadline',
  'clock.recipient.county': 'County',
  'clock.recipient.city': 'City',
  'clock.recipient.province': 'Province',
  'clock.recipient.national': 'National',

  'report.title': 'File — {label}',
  'report.titleAdhoc': 'File a report',
  'report.kind': 'Report kind',
  'report.recipientLevel': 'Recipient level',
  'report.recipient': 'Recipient',
  'report.recipientPlaceholder': 'e.g. County emergency management bureau',
  'report.unitProfile': '(1) Profile of the unit where it happened',
  'report.timeAndPlace': '(2) Time, place and situation on site',
  'report.briefHistory': '(3) Brief account',
  'report.measuresTaken': '(5) Measures already taken',
  'report.other': '(6) Other matters to report',
  'report.casualtiesNote': 'Casualties and direct loss are attached from the incident’s current figures (art. 12 (4)).',
  'report.article': 'Regulation on production-safety accident reporting, art. 12',
  'report.timeAndPlaceRequired': 'Please describe time, place and the situation',
  'report.briefHistoryRequired': 'Please give a brief account',
  'report.filed': 'Report filed',
  'report.filedBy': 'Filed by {by} at {at}',

  'map.title': 'Incident map',
  'map.openOnly': 'Open',
  'map.all': 'All',
  'map.noTiles': 'Offline map: jurisdiction outlines and points',
  'map.boundary.import': 'Import boundaries',
  'map.boundary.drop': 'Drop a GeoJSON file here or click to choose one',
  'map.boundary.hint': 'Longitude/latitude (WGS84/CGCS2000); each feature carries its division code (code, adcode, XZQDM or 区划代码); only your jurisdiction changes; up to 50 MB',
  'map.boundary.saving': 'Matching divisions and saving outlines…',
  'map.boundary.refused': 'The file was not imported; nothing changed',
  'map.boundary.done': 'Outlines imported for {n} jurisdictions',
  'map.boundary.unknown': 'Codes not in the division tree',
  'map.boundary.outOfScope': 'Outside your jurisdiction (unchanged)',
  'map.boundary.withoutCode': 'Features without a division code',
  'map.boundary.none': 'No outlines yet: an administrator can upload a GeoJSON with “Import boundaries” to draw them on the offline map',
  'map.withoutLocation': '{n} incidents have no coordinates and are not shown',
  'map.empty': 'Nothing to show',
  'map.layer.depot': 'Depot',
  'map.layer.team': 'Team',
  'map.layer.shelter': 'Shelter',
  'map.open': 'Open',

  'users.title': 'Users',
  'users.create': 'New user',
  'users.username': 'Username',
  'users.displayName': 'Name',
  'users.password': 'Initial password',
  'users.passwordHint': '10 characters or more',
  'users.usernameRule': '3–64 letters, digits, dots, underscores or hyphens',
  'users.roles': 'Roles',
  'users.organisation': 'Organisation',
  'users.phone': 'Phone',
  'users.status': 'Status',
  'users.enabled': 'Active',
  'users.disabled': 'Disabled',
  'users.disable': 'Disable',
  'users.enable': 'Enable',
  'users.disableConfirm': 'A disabled user cannot log in. Disable?',
  'users.created': 'User created',
  'users.updated': 'User updated',
  'users.empty': 'No users',
  'users.self': ' (you)',

  'orgs.title': 'Organisations',
  'orgs.create': 'New organisation',
  'orgs.name': 'Name',
  'orgs.kind': 'Kind',
  'orgs.jurisdiction': 'Jurisdiction',
  'orgs.contactPhone': 'Contact phone',
  'orgs.created': 'Organisation created',
  'orgs.empty': 'No organisations',
  'orgs.kind.government': 'Government',
  'orgs.kind.department': 'Department',
  'orgs.kind.enterprise': 'Enterprise',
  'orgs.kind.community': 'Community / village',
  'orgs.kind.team': 'Rescue team',
};

type Labels = Record<string, { zh: string; en: string }>;
type LabelKeys<P extends string, L> = `${P}.${Extract<keyof L, string>}`;

function fromDomain<P extends string, L extends Labels>(prefix: P, labels: L, side: 'zh' | 'en'): Record<LabelKeys<P, L>, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) out[`${prefix}.${k}`] = v[side];
  return out as Record<LabelKeys<P, L>, string>;
}

function domainTerms(side: 'zh' | 'en') {
  return {
    ...fromDomain('category', CATEGORY_LABELS, side),
    ...fromDomain('grade', GRADE_LABELS, side),
    ...fromDomain('status', STATUS_LABELS, side),
    ...fromDomain('reportKind', REPORT_KIND_LABELS, side),
    ...fromDomain('role', ROLE_LABELS, side),
    ...fromDomain('level', JURISDICTION_LEVEL_LABELS, side),
  };
}

// Feature screens keep their texts beside them (features/*/messages.ts); they join the catalogue here.
type FeatureKey = keyof typeof planMessages.zh | keyof typeof responseMessages.zh | keyof typeof adminMessages.zh | keyof typeof warningMessages.zh | keyof typeof resourceMessages.zh;
export type MessageKey = BaseKey | keyof ReturnType<typeof domainTerms> | FeatureKey;

const CATALOGUE: Record<Lang, Record<MessageKey, string>> = {
  'zh-CN': { ...zhBase, ...domainTerms('zh'), ...planMessages.zh, ...responseMessages.zh, ...adminMessages.zh, ...warningMessages.zh, ...resourceMessages.zh },
  en: { ...enBase, ...domainTerms('en'), ...planMessages.en, ...responseMessages.en, ...adminMessages.en, ...warningMessages.en, ...resourceMessages.en },
};

export type Vars = Record<string, string | number>;
export type TFunction = (key: MessageKey, vars?: Vars) => string;

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = CATALOGUE[lang][key] ?? CATALOGUE['zh-CN'][key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

const STORAGE_KEY = 'shouwang.lang';

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage unavailable (private mode): fall through to the default
  }
  return 'zh-CN';
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
  /** Pick the active side of a domain label `{ zh, en }`. */
  pick: (label: { zh: string; en: string }) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children, onChange }: { children: ReactNode; onChange?: (lang: Lang) => void }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback(
    (next: Lang) => {
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // ignore: the choice then lasts for this tab only
      }
      document.documentElement.lang = next;
      onChange?.(next);
      setLangState(next);
    },
    [onChange],
  );
  const value = useMemo<I18nValue>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      pick: (label) => (lang === 'en' ? label.en : label.zh),
    }),
    [lang, setLang],
  );
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside <I18nProvider>');
  return v;
}

/** The tiny typed translation hook: `const t = useT(); t('nav.board')`. */
export function useT(): TFunction {
  return useI18n().t;
}
