// Row types of the tables created by migrations/. Booleans are 0/1, instants ISO-8601 UTC text, JSON as text.
export interface JurisdictionRow { code: string; name: string; level: string; parent_code: string | null; path: string; lat: number | null; lon: number | null }
/** A jurisdiction's boundary: a GeoJSON Polygon or MultiPolygon (WGS84), simplified for display. */
export interface JurisdictionBoundaryRow { code: string; geometry: string; updated_at: string }
export interface OrganisationRow { id: string; name: string; kind: string; jurisdiction_code: string; scope_path: string; contact_phone: string; created_at: string }
export interface UserRow { id: string; username: string; display_name: string; password_hash: string; roles: string; organisation_id: string; phone: string; disabled: number; created_at: string }
export interface SessionRow { token_hash: string; user_id: string; csrf_token: string; created_at: string; expires_at: string }
export interface ApiTokenRow { token_hash: string; user_id: string; name: string; created_at: string }
export interface IncidentRow {
  id: string; category: string; type_code: string; title: string; description: string;
  occurred_at: string; reported_at: string; lat: number | null; lon: number | null; address: string;
  jurisdiction_code: string; scope_path: string; reporting_org_id: string | null;
  deaths: number | null; missing: number | null; serious_injuries: number | null; minor_injuries: number | null;
  direct_loss_yuan: number | string | null; affected: number | null; evacuated: number | null;
  casualty_changes: string; status: string; closed_at: string | null;
  grade: string | null; computed_grade: string | null; grade_mode: string; grade_provisional: number; grade_basis: string;
  override_grade: string | null; override_reason: string | null; override_by: string | null; override_at: string | null;
  graded_at: string | null; upgrade_flagged_at: string | null; overdue_reports: number; next_due_at: string | null; is_drill: number;
  version: number; created_by: string | null; created_at: string; updated_at: string;
}
export interface IdempotencyRow { user_id: string; key: string; incident_id: string; request_hash: string; created_at: string }
export interface ReportRow {
  id: string; incident_id: string; kind: string; requirement_key: string | null; recipient_level: string | null;
  recipient: string; unit_profile: string; time_and_place: string; brief_history: string; measures_taken: string; other: string;
  impact_snapshot: string; grade_snapshot: string | null; filed_at: string; filed_by: string;
}
export interface OverdueNoticeRow { incident_id: string; requirement_key: string; noticed_at: string }
export interface EventRow {
  id: string; incident_id: string | null; type: string; at: string; actor_id: string | null; actor_name: string | null;
  jurisdiction_code: string; scope_path: string; summary: string; data: string;
}

export interface RuleSettingsRow { jurisdiction_code: string; settings: string; updated_at: string; updated_by: string }

export interface PlanRow {
  id: string; title: string; kind: string; owner_type: string; jurisdiction_code: string; scope_path: string;
  organisation_id: string | null; draft: string | null; current_version_id: string | null;
  created_by: string; created_at: string; updated_at: string; version: number;
}
export interface PlanVersionRow { id: string; plan_id: string; no: number; label: string; content: string; issued_on: string; approver: string; issued_by: string; created_at: string }
export interface PlanRecordRow { id: string; plan_id: string; kind: string; on_date: string; note: string; by_name: string; created_at: string }
export interface ResponseRow {
  id: string; incident_id: string; plan_id: string; plan_version_id: string; level_key: string; status: string; roles: string;
  activated_at: string; activated_by: string; expected_duration_hours: number | null; measures: string; lifted_at: string | null;
  conditions_met: string; jurisdiction_code: string; scope_path: string; version: number;
}
export interface TaskRow {
  id: string; response_id: string; incident_id: string; template_key: string; level_key: string; title: string; role_title: string | null;
  assignee_kind: string | null; assignee_id: string | null; assignee_name: string | null; due_at: string; status: string;
  checklist: string; feedback_required: number; signed_at: string | null; signed_by: string | null; done_at: string | null;
  scope_path: string; created_at: string; updated_at: string; version: number; overdue_noticed_at?: string | null;
}
export interface TaskProgressRow { id: string; task_id: string; at: string; by_id: string; by_name: string; text: string; status: string }
export interface AttachmentRow { id: string; progress_id: string; filename: string; mime: string; size: number; sha256: string; content: Buffer; scope_path: string; created_at: string }
export interface NotificationRow { id: string; user_id: string; incident_id: string | null; response_id: string | null; task_id: string | null; text: string; created_at: string; read_at: string | null }

export interface SensorRow {
  id: string; name: string; kind: string; unit: string; lat: number | null; lon: number | null; jurisdiction_code: string; scope_path: string;
  organisation_id: string | null; interval_seconds: number; token_hash: string; last_reading_at: string | null; last_value: number | null; offline_since: string | null; created_at: string;
}
export interface ReadingRow { sensor_id: string; at: string; value: number; received_at: string }
export interface WarningRuleRow {
  id: string; name: string; template: string; type_code: string; definition: string; sensor_ids: string; auto_issue: number; enabled: number;
  jurisdiction_code: string; scope_path: string; created_by: string; created_at: string;
}
export interface WarningRow {
  id: string; type_code: string; category: string; level: string; status: string; origin: string; onset: string; expires: string | null;
  area_desc: string; jurisdiction_codes: string; headline: string; description: string; instruction: string; issuer: string;
  issued_at: string | null; lifted_at: string | null; rule_id: string | null; sensor_id: string | null; incident_id: string | null;
  identifier: string; cap: string | null; basis: string; jurisdiction_code: string; scope_path: string;
  created_by: string; created_at: string; updated_at: string; version: number; escalated_at?: string | null;
}
export interface WarningAckRow { warning_id: string; user_id: string; organisation_id: string; at: string }

export interface WebhookRow { id: string; name: string; url: string; secret: string; enabled: number; jurisdiction_code: string; scope_path: string; created_by: string; created_at: string }
export interface WebhookDeliveryRow {
  id: string; webhook_id: string; warning_id: string; event: string; payload: string; status: string; attempts: number; next_attempt_at: string;
  last_error: string | null; created_at: string; delivered_at: string | null;
}

export interface ItemRow { id: string; code: string; name: string; category: string; unit: string; spec: string; created_at: string }
export interface DepotRow {
  id: string; name: string; address: string; lat: number | null; lon: number | null; jurisdiction_code: string; scope_path: string;
  organisation_id: string | null; contact_name: string; contact_phone: string; created_at: string;
}
export interface StockRow {
  id: string; depot_id: string; item_id: string; batch: string; expires_on: string | null; quantity: number; scope_path: string; updated_at: string; expiry_noticed_at: string | null;
}
export interface StockMinimumRow { depot_id: string; item_id: string; minimum: number; low_since: string | null; scope_path: string }
export interface StockMovementRow {
  id: string; kind: string; item_id: string; batch: string; from_depot_id: string | null; to_depot_id: string | null; quantity: number; reason: string;
  incident_id: string | null; actor_id: string; actor_name: string; at: string; scope_path: string;
}
export interface TeamRow {
  id: string; name: string; kind: string; headcount: number; skills: string; equipment: string; status: string; lat: number | null; lon: number | null;
  contact_name: string; contact_phone: string; jurisdiction_code: string; scope_path: string; organisation_id: string | null; created_at: string;
}
export interface ExpertRow { id: string; name: string; field: string; title: string; employer: string; phone: string; jurisdiction_code: string; scope_path: string; created_at: string }
export interface EquipmentRow {
  id: string; name: string; kind: string; model: string; plate: string; status: string; depot_id: string | null; team_id: string | null;
  lat: number | null; lon: number | null; jurisdiction_code: string; scope_path: string; created_at: string;
}
export interface ShelterRow {
  id: string; name: string; kind: string; capacity: number; occupancy: number; area_m2: number | null; facilities: string; address: string;
  lat: number | null; lon: number | null; status: string; jurisdiction_code: string; scope_path: string; created_at: string;
}

export interface ResourceRequestRow {
  id: string; incident_id: string; response_id: string | null; kind: string; item_id: string | null; team_kind: string | null; description: string;
  quantity: number; unit: string; destination: string; lat: number | null; lon: number | null; priority: number; needed_by: string | null; status: string;
  note: string; created_by: string; created_at: string; updated_at: string; jurisdiction_code: string; scope_path: string;
}
export interface DispatchOrderRow {
  id: string; request_id: string; depot_id: string | null; team_id: string | null; batch: string; quantity: number; status: string; eta_minutes: number | null;
  allocation_id: string | null; created_by: string; created_at: string; updated_at: string; scope_path: string;
}

export interface AllocationProposalRow { id: string; problem: string; result: string; created_by: string; created_at: string; accepted_at: string | null; scope_path: string }

export interface Database {
  allocation_proposals: AllocationProposalRow;
  resource_requests: ResourceRequestRow;
  dispatch_orders: DispatchOrderRow;
  items: ItemRow;
  depots: DepotRow;
  stock: StockRow;
  stock_minimums: StockMinimumRow;
  stock_movements: StockMovementRow;
  teams: TeamRow;
  experts: ExpertRow;
  equipment: EquipmentRow;
  shelters: ShelterRow;
  webhooks: WebhookRow;
  webhook_deliveries: WebhookDeliveryRow;
  sensors: SensorRow;
  readings: ReadingRow;
  warning_rules: WarningRuleRow;
  warnings: WarningRow;
  warning_acks: WarningAckRow;
  plans: PlanRow;
  plan_versions: PlanVersionRow;
  plan_records: PlanRecordRow;
  responses: ResponseRow;
  tasks: TaskRow;
  task_progress: TaskProgressRow;
  attachments: AttachmentRow;
  notifications: NotificationRow;
  rule_settings: RuleSettingsRow;
  jurisdictions: JurisdictionRow;
  jurisdiction_boundaries: JurisdictionBoundaryRow;
  organisations: OrganisationRow;
  users: UserRow;
  sessions: SessionRow;
  api_tokens: ApiTokenRow;
  incidents: IncidentRow;
  idempotency_keys: IdempotencyRow;
  reports: ReportRow;
  report_overdue_notices: OverdueNoticeRow;
  events: EventRow;
}
