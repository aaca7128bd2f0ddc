// The allocation optimiser (issue 5 §6): meet many requests for many items from many depots at the least weighted
// travel time, unmet units penalised by the request's priority. Pure: it builds linear programmes and reads their
// solutions; the caller supplies the LP solver (HiGHS in a worker thread on the server, src/server/modules/allocation).
//
// Items share no capacity (no truck space, loading crews or budgets are modelled), so the problem is one independent
// transportation problem per item, and its optimum is the sum of theirs. For one item:
//   minimise    Σ x[s,d] · minutes(s,d)  +  Σ short[d] · penalty(priority of d)
//   subject to  Σ_d x[s,d] ≤ available[s]            each depot's stock of the item
//               Σ_s x[s,d] + short[d] = quantity[d]   each request is met, or its shortfall is counted
//               x, short ≥ 0; the arc x[s,d] exists only if now + minutes(s,d) ≤ neededBy[d]
// The constraint matrix is a transportation matrix, which is totally unimodular: with whole-unit stock and quantities
// every vertex is integral, so the simplex optimum of the LP is already a whole-unit allocation and no
// branch-and-bound is needed. `interpret` still rounds and checks it rather than assume it.
//
// Scale: 1 000 depots × 500 requests is 500 000 arcs per item, most of them absurd (the far side of the county).
// `optimise` generates columns: it starts from the greedy allocation's arcs and each request's (and each depot's)
// nearest arcs, solves, and prices every omitted allowed arc with the duals (reduced cost = minutes − u[request] −
// v[depot]); arcs with negative reduced cost are added and the LP re-solved until none is left. Then the duals are
// feasible for the full LP, so the result is its exact optimum (bench/allocation.ts checks it against the full LP).
// The greedy allocation is also handed to the solver as its starting basis: primal simplex then only improves on it.
//
// One item's problem (ItemSpec with its trip table, ItemProblem) is plain typed arrays and its column generation
// (solveItem) needs nothing else, so the server runs whole items in worker threads; `combine` reads their solutions.
import type { UtcInstant } from '../shared/time';
import { PRIORITIES, type Priority } from './requests';
import { DEFAULT_TRAVEL, greatCircleMatrix, type GeoPoint, type TravelSettings } from './travel';

// ---------- priorities and penalties ----------

// A request's priority (requests.ts): 1 the most urgent.
export type { Priority };

export type PriorityWeights = Readonly<Record<Priority, number>>;

/**
 * An unmet unit of priority p costs weights[p] × unit, where unit = the longest trip in the problem (whole minutes,
 * rounded up) + 1 minute. The rule `checkWeights` enforces: weights[4] ≥ 1 and every level at least 1 above the next
 * less urgent one. Then
 *  - every penalty exceeds every trip: no unit is left unmet while a depot that can reach it in time has stock left
 *    (sending that unit lowers the cost by penalty − minutes > 0);
 *  - two levels' penalties differ by more than any trip: a depot's unit goes to the more urgent of two requests it can
 *    reach in time (moving it over changes the cost by at most one trip minus the difference of penalties, < 0).
 * The defaults keep 9 units or more between levels, so the more urgent request also wins exchanges that pass a unit
 * through up to 9 depots (each adds at most one trip).
 * Configurable: a jurisdiction may weigh its levels differently within the rule.
 */
export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = { 1: 1000, 2: 100, 3: 10, 4: 1 };

export function checkWeights(w: PriorityWeights): string[] {
  const errors: string[] = [];
  if (!(w[4] >= 1)) errors.push('“一般”优先级的缺额权重须不小于 1');
  for (const p of [1, 2, 3] as const) {
    if (!(w[p] >= w[(p + 1) as Priority] + 1)) errors.push(`“${PRIORITIES[p].zh}”的缺额权重须比“${PRIORITIES[(p + 1) as Priority].zh}”至少大 1`);
  }
  return errors;
}

// ---------- the problem as data ----------

/** Stock of one item at one depot; several rows for one depot and item (batches) are added up. */
export interface Supply {
  depotId: string;
  location: GeoPoint;
  itemId: string;
  /** Whole units that may be sent. */
  available: number;
}

export interface Demand {
  requestId: string;
  location: GeoPoint;
  itemId: string;
  /** Whole units. */
  quantity: number;
  priority: Priority;
  /** Latest arrival; a depot that cannot arrive by then does not serve the request. None: no deadline. */
  neededBy?: UtcInstant | null;
}

export interface AllocationProblem {
  /** Departures leave now (loading time is not modelled). */
  now: UtcInstant;
  supplies: readonly Supply[];
  demands: readonly Demand[];
  travel?: TravelSettings;
  weights?: PriorityWeights;
}

export interface Allocation {
  requestId: string;
  depotId: string;
  itemId: string;
  quantity: number;
  km: number;
  minutes: number;
}

/** no_stock: no depot holds the item; too_late: none can arrive before needed-by; short: those that can are emptied. */
export type UnmetCode = 'no_stock' | 'too_late' | 'short';

export interface Unmet {
  requestId: string;
  itemId: string;
  quantity: number;
  code: UnmetCode;
  /** zh-CN, for the dispatcher. */
  reason: string;
}

export interface AllocationResult {
  allocations: Allocation[];
  unmet: Unmet[];
  /** travelCost + penaltyCost: the objective. */
  cost: number;
  /** Σ units × minutes. */
  travelCost: number;
  /** Σ unmet units × penalty(priority). */
  penaltyCost: number;
}

export class AllocationInputError extends Error {
  constructor(readonly errors: { path: string; message: string }[]) {
    super(`调配数据有误：${errors.map((e) => `${e.path}：${e.message}`).join('；')}`);
  }
}

// ---------- prepared form: sorted, indexed, travel times computed once ----------

interface PreparedDemand extends Demand {
  /** Index of its location in Prepared.points. */
  point: number;
  /** Minutes from now until needed-by (Infinity without one). */
  budget: number;
  /** Cost of one unmet unit. */
  penalty: number;
}

/**
 * One item's transportation problem, self-contained (typed arrays: it goes to a worker thread as it is). Rows:
 * supplies 0..S−1 (depots holding the item), then demands S..S+D−1.
 */
export interface ItemSpec {
  itemId: string;
  /** Supply row → index in Prepared.depots. */
  depot: Int32Array;
  available: Float64Array;
  /** Demand row → index in Prepared.demands. */
  demand: Int32Array;
  /** Demand row → index in Prepared.points. */
  point: Int32Array;
  /** Demand row → minutes until needed-by. */
  budget: Float64Array;
  /** Demand row → units asked, priority, cost of one unmet unit. */
  quantity: Float64Array;
  priority: Uint8Array;
  penalty: Float64Array;
}

/** An item with its own table of trips, minutes[d × S + s] (allowed only within budget[d]): see withTrips. */
export interface ItemProblem extends ItemSpec {
  minutes: Float64Array;
}

export interface Prepared {
  /** Sorted by id. */
  depots: { id: string; location: GeoPoint }[];
  /** Distinct request locations. */
  points: GeoPoint[];
  /** Travel minutes from depot j to point p: minutes[p × depots + j]. */
  minutes: Float64Array;
  kmPerMinute: number;
  /** Sorted by requestId, then itemId; only those with a quantity. */
  demands: PreparedDemand[];
  /** Sorted by itemId: every item requested. */
  items: ItemSpec[];
  /** Penalty unit, minutes (see DEFAULT_PRIORITY_WEIGHTS). */
  unit: number;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isWhole = (n: number) => Number.isInteger(n) && n >= 0;
const validPoint = (g: GeoPoint) => Number.isFinite(g?.lat) && Number.isFinite(g?.lon) && Math.abs(g.lat) <= 90 && Math.abs(g.lon) <= 180;

/** Checks the input and puts it in a canonical order, so the same problem in any order gives the same answer. */
export function prepare(problem: AllocationProblem): Prepared {
  const travel = problem.travel ?? DEFAULT_TRAVEL;
  const weights = problem.weights ?? DEFAULT_PRIORITY_WEIGHTS;
  const errors: { path: string; message: string }[] = [];
  const now = Date.parse(problem.now);
  if (!Number.isFinite(now)) errors.push({ path: 'now', message: '时间格式无效' });
  if (!(travel.roadFactor > 0) || !(travel.speedKmh > 0)) errors.push({ path: 'travel', message: '道路系数和车速须为正数' });
  for (const m of checkWeights(weights)) errors.push({ path: 'weights', message: m });

  const depotAt = new Map<string, GeoPoint>();
  const stock = new Map<string, Map<string, number>>(); // item → depot → units
  problem.supplies.forEach((s, i) => {
    if (!isWhole(s.available)) errors.push({ path: `supplies[${i}].available`, message: '可用数量须为非负整数' });
    if (!validPoint(s.location)) errors.push({ path: `supplies[${i}].location`, message: '仓库坐标无效' });
    const at = depotAt.get(s.depotId);
    if (at && (at.lat !== s.location.lat || at.lon !== s.location.lon)) errors.push({ path: `supplies[${i}].location`, message: `仓库 ${s.depotId} 有两个不同的坐标` });
    depotAt.set(s.depotId, s.location);
    const perDepot = stock.get(s.itemId) ?? stock.set(s.itemId, new Map()).get(s.itemId)!;
    perDepot.set(s.depotId, (perDepot.get(s.depotId) ?? 0) + s.available);
  });
  const seen = new Set<string>();
  problem.demands.forEach((d, i) => {
    if (!isWhole(d.quantity)) errors.push({ path: `demands[${i}].quantity`, message: '需求数量须为非负整数' });
    if (!(d.priority in PRIORITIES)) errors.push({ path: `demands[${i}].priority`, message: '优先级须为 1（特急）至 4（一般）' });
    if (!validPoint(d.location)) errors.push({ path: `demands[${i}].location`, message: '需求地点坐标无效' });
    if (d.neededBy != null && !Number.isFinite(Date.parse(d.neededBy))) errors.push({ path: `demands[${i}].neededBy`, message: '时间格式无效' });
    const key = `${d.requestId}\u0000${d.itemId}`;
    if (seen.has(key)) errors.push({ path: `demands[${i}]`, message: `需求 ${d.requestId} 重复列出物资 ${d.itemId}` });
    seen.add(key);
  });
  if (errors.length) throw new AllocationInputError(errors);

  const depots = [...depotAt].map(([id, location]) => ({ id, location })).sort((a, b) => byId(a.id, b.id));
  const depotIndex = new Map(depots.map((d, i) => [d.id, i]));
  const pointIndex = new Map<string, number>();
  const points: GeoPoint[] = [];
  const sorted = problem.demands.filter((d) => d.quantity > 0).sort((a, b) => byId(a.requestId, b.requestId) || byId(a.itemId, b.itemId));
  const located = sorted.map((d) => {
    const key = `${d.location.lat},${d.location.lon}`;
    if (!pointIndex.has(key)) pointIndex.set(key, points.push(d.location) - 1);
    return { ...d, point: pointIndex.get(key)!, budget: d.neededBy == null ? Infinity : (Date.parse(d.neededBy) - now) / 60_000 };
  });

  // Distances only depend on locations: one great circle per (request location, depot), shared by all items.
  const perKm = 60 * (travel.roadFactor / travel.speedKmh);
  const minutes = greatCircleMatrix(
    depots.map((d) => d.location),
    points,
  );
  let longest = 0;
  for (let k = 0; k < minutes.length; k++) {
    const m = (minutes[k]! *= perKm);
    if (m > longest) longest = m;
  }
  const unit = Math.ceil(longest) + 1;
  const demands = located.map((d) => ({ ...d, penalty: weights[d.priority] * unit }));

  const itemIds = [...new Set(demands.map((d) => d.itemId))].sort(byId);
  const rowsOf = new Map<string, number[]>(itemIds.map((id) => [id, []]));
  demands.forEach((d, i) => rowsOf.get(d.itemId)!.push(i));
  const items = itemIds.map((itemId): ItemSpec => {
    const held = [...(stock.get(itemId) ?? [])].filter(([, n]) => n > 0).map(([id, n]) => [depotIndex.get(id)!, n] as const);
    held.sort((a, b) => a[0] - b[0]);
    const demand = Int32Array.from(rowsOf.get(itemId)!);
    return {
      itemId,
      depot: Int32Array.from(held, (h) => h[0]),
      available: Float64Array.from(held, (h) => h[1]),
      demand,
      point: Int32Array.from(demand, (i) => demands[i]!.point),
      budget: Float64Array.from(demand, (i) => demands[i]!.budget),
      quantity: Float64Array.from(demand, (i) => demands[i]!.quantity),
      priority: Uint8Array.from(demand, (i) => demands[i]!.priority),
      penalty: Float64Array.from(demand, (i) => demands[i]!.penalty),
    };
  });
  return { depots, points, minutes, kmPerMinute: travel.speedKmh / 60, demands, items, unit };
}

/**
 * The item with its own table of trips (from Prepared.minutes and the number of depots): the loops over all its arcs
 * (greedy, pricing) then read one array in order.
 */
export function withTrips(it: ItemSpec, minutes: Float64Array, nDepots: number): ItemProblem {
  const S = it.depot.length;
  const table = new Float64Array(it.point.length * S);
  for (let d = 0, k = 0; d < it.point.length; d++) {
    const from = it.point[d]! * nDepots;
    for (let s = 0; s < S; s++) table[k++] = minutes[from + it.depot[s]!]!;
  }
  return { ...it, minutes: table };
}

/** Every item with its trips (the in-process path: tests, benchmarks). */
export const itemProblems = (p: Prepared) => p.items.map((it) => withTrips(it, p.minutes, p.depots.length));

const arcMinutes = (it: ItemProblem, s: number, d: number) => it.minutes[d * it.depot.length + s]!;
/** The same trip read from the prepared problem (no trip table needed). */
const tripMinutes = (p: Prepared, it: ItemSpec, s: number, d: number) => p.minutes[it.point[d]! * p.depots.length + it.depot[s]!]!;

// ---------- LP as data (the shape HiGHS's ModelData and addCols take; this file imports no solver) ----------

export interface CscMatrix {
  format: 'csc';
  numRows: number;
  numCols: number;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}
export interface LpColumns {
  cost: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  matrix: CscMatrix;
}
/** minimise colCost·x subject to rowLower ≤ A x ≤ rowUpper, colLower ≤ x ≤ colUpper. */
export interface LpModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  matrix: CscMatrix;
}
export interface LpResult {
  /** 'optimal' or the solver's name for what happened instead. */
  status: string;
  objective: number;
  colValue: ArrayLike<number>;
  /** Row duals y with reduced cost = cost − Aᵀy (HiGHS's convention). */
  rowDual: ArrayLike<number>;
  /** The solver could not start from the basis given (it solved from scratch instead). */
  basisRefused?: boolean;
}
/** Simplex basis statuses as HiGHS numbers them: 0 at lower bound, 1 basic, 2 at upper bound. */
export interface LpBasis {
  colStatus: Int32Array;
  rowStatus: Int32Array;
}
/** One open LP: `solve` appends columns (if any) and re-solves, warm from the previous basis. */
export interface LpSession {
  solve(columns?: LpColumns): LpResult;
  close(): void;
}
/** Opens an LP; with `basis` (a primal feasible one) the first solve starts from it. */
export type OpenLp = (model: LpModel, basis?: LpBasis) => LpSession;

/** Arcs of one item: parallel lists of supply rows and demand rows (0-based within their kind). */
export interface Arcs {
  supply: number[];
  demand: number[];
}

const push = (arcs: Arcs, s: number, d: number) => {
  arcs.supply.push(s);
  arcs.demand.push(d);
};

/** Columns for arcs, each with +1 in its supply row and in its demand row. */
export function arcColumns(it: ItemProblem, arcs: Arcs): LpColumns {
  const n = arcs.supply.length;
  const S = it.depot.length;
  const starts = new Int32Array(n + 1);
  const indices = new Int32Array(2 * n);
  const cost = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const s = arcs.supply[k]!;
    const d = arcs.demand[k]!;
    indices[2 * k] = s;
    indices[2 * k + 1] = S + d;
    starts[k + 1] = 2 * k + 2;
    cost[k] = arcMinutes(it, s, d);
  }
  const matrix: CscMatrix = { format: 'csc', numRows: S + it.demand.length, numCols: n, starts, indices, values: new Float64Array(2 * n).fill(1) };
  return { cost, lower: new Float64Array(n), upper: new Float64Array(n).fill(Infinity), matrix };
}

/** The item's LP: one shortfall column per demand (columns 0..D−1, cost = its penalty), then the arcs. */
export function itemLp(it: ItemProblem, arcs: Arcs): LpModel {
  const S = it.depot.length;
  const D = it.demand.length;
  const a = arcColumns(it, arcs);
  const n = D + arcs.supply.length;
  const starts = new Int32Array(n + 1);
  const indices = new Int32Array(D + a.matrix.indices.length);
  for (let d = 0; d < D; d++) {
    indices[d] = S + d;
    starts[d + 1] = d + 1;
  }
  indices.set(a.matrix.indices, D);
  for (let k = 1; k <= arcs.supply.length; k++) starts[D + k] = D + a.matrix.starts[k]!;
  const colCost = new Float64Array(n);
  colCost.set(it.penalty);
  colCost.set(a.cost, D);
  const quantity = it.quantity;
  return {
    numCols: n,
    numRows: S + D,
    colCost,
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(Infinity),
    rowLower: Float64Array.from([...new Array<number>(S).fill(-Infinity), ...quantity]),
    rowUpper: Float64Array.from([...it.available, ...quantity]),
    matrix: { format: 'csc', numRows: S + D, numCols: n, starts, indices, values: new Float64Array(indices.length).fill(1) },
  };
}

/** Every allowed arc: the full (unpruned) LP is itemLp(p, it, allArcs(it)). */
export function allArcs(it: ItemProblem): Arcs {
  const arcs: Arcs = { supply: [], demand: [] };
  for (let d = 0; d < it.demand.length; d++) {
    for (let s = 0; s < it.depot.length; s++) {
      if (arcMinutes(it, s, d) <= it.budget[d]!) push(arcs, s, d);
    }
  }
  return arcs;
}

/**
 * The k entries with the smallest key, ascending (ties: the one offered first): an insertion buffer, reused from one
 * scan to the next (`size = 0`). These scans run over every arc, so nothing in them allocates.
 */
class Smallest {
  readonly keys: Float64Array;
  readonly rows: Int32Array;
  size = 0;
  constructor(readonly k: number) {
    this.keys = new Float64Array(k);
    this.rows = new Int32Array(k);
  }
  offer(key: number, row: number) {
    const { keys, rows } = this;
    let i = this.size;
    if (i === this.k) {
      if (key >= keys[i - 1]!) return;
      i--;
    } else this.size++;
    for (; i > 0 && keys[i - 1]! > key; i--) {
      keys[i] = keys[i - 1]!;
      rows[i] = rows[i - 1]!;
    }
    keys[i] = key;
    rows[i] = row;
  }
}

/**
 * The starting columns: each demand's k nearest depots and each depot's k nearest demands (allowed arcs only). The
 * second half matters when requests crowd around one place: their nearest depots are all the same few, and without
 * arcs from the rest of the county the first LPs could not see most of the stock.
 */
export function nearestArcs(it: ItemProblem, k: number): Arcs & { allowed: number } {
  const S = it.depot.length;
  const D = it.demand.length;
  const arcs: Arcs = { supply: [], demand: [] };
  const taken = new Uint8Array(S * D);
  const take = (s: number, d: number) => {
    if (taken[d * S + s]) return;
    taken[d * S + s] = 1;
    push(arcs, s, d);
  };
  const bySupply = Array.from({ length: S }, () => new Smallest(k));
  const best = new Smallest(k);
  const minutes = it.minutes;
  let allowed = 0;
  for (let d = 0; d < D; d++) {
    const budget = it.budget[d]!;
    best.size = 0;
    for (let s = 0, row = d * S; s < S; s++) {
      const m = minutes[row + s]!;
      if (m > budget) continue;
      allowed++;
      best.offer(m, s);
      bySupply[s]!.offer(m, d);
    }
    for (let i = 0; i < best.size; i++) take(best.rows[i]!, d);
  }
  bySupply.forEach((b, s) => {
    for (let i = 0; i < b.size; i++) take(s, b.rows[i]!);
  });
  return { ...arcs, allowed };
}

/** Reduced costs below this are negative; the objective then differs from the optimum by < 1e-6 × units moved. */
const PRICING_TOLERANCE = 1e-6;

/**
 * Prices every allowed arc not yet in the LP (`inModel[d × S + s]`) with the duals: reduced cost =
 * minutes − u[d] − v[s], u the demand row's dual, v ≤ 0 the supply row's. Returns up to `perDemand` most negative
 * arcs per demand; none means the current LP optimum is optimal for the full LP.
 */
export function priceArcs(it: ItemProblem, rowDual: ArrayLike<number>, inModel: Uint8Array, perDemand: number): Arcs {
  const S = it.depot.length;
  const arcs: Arcs = { supply: [], demand: [] };
  const best = new Smallest(perDemand);
  const minutes = it.minutes;
  for (let d = 0; d < it.demand.length; d++) {
    const u = rowDual[S + d]!;
    const budget = it.budget[d]!;
    best.size = 0;
    for (let s = 0, row = d * S; s < S; s++) {
      const m = minutes[row + s]!;
      // v ≤ 0, so minutes ≥ u already rules the arc out: the cheap test first.
      if (m >= u || m > budget || inModel[row + s]) continue;
      const rc = m - u - rowDual[s]!;
      if (rc < -PRICING_TOLERANCE) best.offer(rc, s);
    }
    for (let i = 0; i < best.size; i++) push(arcs, best.rows[i]!, d);
  }
  return arcs;
}

// ---------- reading a solution ----------

/** Units on each arc of one item (parallel to arcs). */
export interface ItemFlows {
  arcs: Arcs;
  flow: ArrayLike<number>;
}

const INTEGRAL = 1e-6;
const fmt = (m: number) => String(Math.max(0, Math.round(m)));

function unmetReason(p: Prepared, it: ItemSpec, d: number): { code: UnmetCode; reason: string } {
  const S = it.depot.length;
  if (S === 0) return { code: 'no_stock', reason: '库存不足：没有仓库存有该物资' };
  const budget = it.budget[d]!;
  let inTime = 0;
  let fastest = Infinity;
  for (let s = 0; s < S; s++) {
    const m = tripMinutes(p, it, s, d);
    if (m <= budget) inTime++;
    fastest = Math.min(fastest, m);
  }
  if (inTime === 0) {
    return {
      code: 'too_late',
      reason: budget <= 0 ? '无法在需求时限前送达：需求时限已过' : `无法在需求时限前送达：最近的有库存仓库需 ${fmt(fastest)} 分钟，距时限仅 ${fmt(budget)} 分钟`,
    };
  }
  const late = S - inTime;
  return { code: 'short', reason: `库存不足：能在需求时限前送达的 ${inTime} 个仓库库存已全部调配` + (late ? `（另有 ${late} 个仓库无法按时送达）` : '') };
}

/**
 * The allocation from flows per item (parallel to p.items): rounds each flow, refusing a fractional one (the LP
 * optimum must be integral, see the top of this file), checks stock and quantities, and prices the result.
 */
export function interpret(p: Prepared, flows: readonly ItemFlows[]): AllocationResult {
  const allocations: Allocation[] = [];
  const unmet: Unmet[] = [];
  let travelCost = 0;
  let penaltyCost = 0;
  const perDemand: { d: ItemSpec; row: number; parts: Allocation[]; served: number }[] = [];
  p.items.forEach((it, i) => {
    const { arcs, flow } = flows[i]!;
    const S = it.depot.length;
    const sent = new Float64Array(S);
    const rows = Array.from(it.demand, (_, row) => ({ d: it, row, parts: [] as Allocation[], served: 0 }));
    for (let k = 0; k < arcs.supply.length; k++) {
      const x = Math.round(flow[k]!);
      if (Math.abs(flow[k]! - x) > INTEGRAL) throw new Error(`物资 ${it.itemId} 的解不是整数（${flow[k]}），无法作为调配方案`);
      if (x === 0) continue;
      const s = arcs.supply[k]!;
      const r = rows[arcs.demand[k]!]!;
      const minutes = tripMinutes(p, it, s, r.row);
      const dem = p.demands[it.demand[r.row]!]!;
      sent[s]! += x;
      r.served += x;
      r.parts.push({ requestId: dem.requestId, depotId: p.depots[it.depot[s]!]!.id, itemId: it.itemId, quantity: x, km: minutes * p.kmPerMinute, minutes });
    }
    sent.forEach((n, s) => {
      if (n > it.available[s]!) throw new Error(`物资 ${it.itemId} 在仓库 ${p.depots[it.depot[s]!]!.id} 调出 ${n}，超过可用 ${it.available[s]}`);
    });
    perDemand.push(...rows);
  });
  // Output in the canonical demand order; a request's depots nearest first.
  perDemand.sort((a, b) => a.d.demand[a.row]! - b.d.demand[b.row]!);
  for (const { d: it, row, parts, served } of perDemand) {
    const dem = p.demands[it.demand[row]!]!;
    if (served > dem.quantity) throw new Error(`需求 ${dem.requestId} 的物资 ${it.itemId} 调配 ${served}，超过需求 ${dem.quantity}`);
    parts.sort((a, b) => a.minutes - b.minutes || byId(a.depotId, b.depotId));
    for (const a of parts) {
      allocations.push(a);
      travelCost += a.quantity * a.minutes;
    }
    if (served < dem.quantity) {
      const short = dem.quantity - served;
      unmet.push({ requestId: dem.requestId, itemId: it.itemId, quantity: short, ...unmetReason(p, it, row) });
      penaltyCost += short * dem.penalty;
    }
  }
  return { allocations, unmet, cost: travelCost + penaltyCost, travelCost, penaltyCost };
}

// ---------- greedy nearest-first: the baseline a dispatcher would do by hand ----------

/** One item by hand: requests by priority, then the earliest needed-by, each from its nearest depots with stock left. */
function greedyItem(it: ItemProblem) {
  const S = it.depot.length;
  const left = Float64Array.from(it.available);
  const unmet = Float64Array.from(it.quantity);
  const arcs: Arcs = { supply: [], demand: [] };
  const flow: number[] = [];
  const order = Array.from(it.demand, (_, d) => d).sort((a, b) => it.priority[a]! - it.priority[b]! || it.budget[a]! - it.budget[b]! || a - b);
  // The depots that can still serve a request, nearest (then lowest row) on top: a request often empties many small
  // depots, and rescanning all of them for each would cost depots² per request.
  const heap = new MinHeap(S);
  for (const d of order) {
    heap.size = 0;
    const budget = it.budget[d]!;
    for (let s = 0, row = d * S; s < S; s++) {
      const m = it.minutes[row + s]!;
      if (left[s]! > 0 && m <= budget) heap.push(m, s);
    }
    while (unmet[d]! > 0 && heap.size > 0) {
      const s = heap.pop();
      const x = Math.min(unmet[d]!, left[s]!);
      left[s]! -= x;
      unmet[d]! -= x;
      push(arcs, s, d);
      flow.push(x);
    }
  }
  return { arcs, flow, left, unmet };
}

/** A binary min-heap of (key, row), ties broken by the lower row; typed arrays, reused (`size = 0`). */
class MinHeap {
  private readonly keys: Float64Array;
  private readonly rows: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.rows = new Int32Array(capacity);
  }
  private less(i: number, j: number) {
    return this.keys[i]! < this.keys[j]! || (this.keys[i] === this.keys[j] && this.rows[i]! < this.rows[j]!);
  }
  private swap(i: number, j: number) {
    const k = this.keys[i]!;
    const r = this.rows[i]!;
    this.keys[i] = this.keys[j]!;
    this.rows[i] = this.rows[j]!;
    this.keys[j] = k;
    this.rows[j] = r;
  }
  push(key: number, row: number) {
    let i = this.size++;
    this.keys[i] = key;
    this.rows[i] = row;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  /** Removes the top and returns its row. */
  pop(): number {
    const top = this.rows[0]!;
    this.size--;
    this.keys[0] = this.keys[this.size]!;
    this.rows[0] = this.rows[this.size]!;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const c = l + 1 < this.size && this.less(l + 1, l) ? l + 1 : l;
      if (!this.less(c, i)) break;
      this.swap(c, i);
      i = c;
    }
    return top;
  }
}

export function greedy(p: Prepared): AllocationResult {
  return interpret(p, itemProblems(p).map(greedyItem));
}

/**
 * The greedy allocation as a simplex basis of itemLp(p, it, arcs), where arcs begin with the greedy's own. Each greedy
 * step empties a depot or settles a request, so its arcs form a forest (as in the north-west corner rule); a basis
 * adds one slack per tree: the depot with stock left or the request left short (at most one per tree), else any
 * (degenerate, at zero). Undefined if that does not hold.
 */
function greedyBasis(it: ItemProblem, g: ReturnType<typeof greedyItem>, arcCount: number): LpBasis | undefined {
  const S = it.depot.length;
  const D = it.demand.length;
  const root = Int32Array.from({ length: S + D }, (_, i) => i); // union-find over rows
  const find = (x: number) => {
    while (root[x] !== x) x = root[x] = root[root[x]!]!;
    return x;
  };
  const colStatus = new Int32Array(D + arcCount); // shortfalls, then arcs; 0 = at lower bound
  const rowStatus = new Int32Array(S + D);
  for (let k = 0; k < g.flow.length; k++) {
    const a = find(g.arcs.supply[k]!);
    const b = find(S + g.arcs.demand[k]!);
    if (a === b) return undefined;
    root[a] = b;
    colStatus[D + k] = 1;
  }
  const tied = new Uint8Array(S + D);
  const tie = (row: number) => !tied[find(row)] && (tied[find(row)] = 1) === 1;
  for (let s = 0; s < S; s++) rowStatus[s] = 2; // an emptied depot: its row at its upper bound
  for (let s = 0; s < S; s++) if (g.left[s]! > 0 && !tie(s)) return undefined;
  for (let d = 0; d < D; d++) if (g.unmet[d]! > 0 && !tie(S + d)) return undefined;
  for (let s = 0; s < S; s++) if (g.left[s]! > 0 || tie(s)) rowStatus[s] = 1;
  for (let d = 0; d < D; d++) if (g.unmet[d]! > 0 || tie(S + d)) colStatus[d] = 1;
  return { colStatus, rowStatus };
}

// ---------- the optimum by column generation ----------

export interface OptimiseOptions {
  /** Starting columns: each demand's (and each depot's) nearest that can arrive in time. */
  nearest?: number;
  /** Columns added per demand and pricing round (the most negative reduced costs). */
  perDemand?: number;
}

/**
 * Measured on bench/allocation.ts: the simplex iterations hardly change with these (about 56 000 there), but every
 * column makes each iteration dearer, so few starting columns and few per round are fastest.
 */
export const DEFAULT_OPTIMISE: Required<OptimiseOptions> = { nearest: 2, perDemand: 4 };

export interface OptimiseStats {
  items: number;
  lpSolves: number;
  /** The most pricing rounds any item needed. */
  maxRounds: number;
  /** Arc columns in the final LPs, against all allowed arcs (the full LP). */
  columns: number;
  fullColumns: number;
  /** Items whose LP could not start from the greedy basis. */
  coldStarts: number;
}

/** One item solved: the optimal flows, the greedy ones it started from, and how it went. */
export interface ItemSolution {
  flows: ItemFlows;
  greedy: ItemFlows;
  /** The solver's objective. */
  objective: number;
  rounds: number;
  /** Allowed arcs (columns of the full LP). */
  allowed: number;
  /** Started from the greedy basis. */
  warm: boolean;
}

/** The exact optimum of one item's full LP by column generation (see the top of this file). */
export function solveItem(it: ItemProblem, openLp: OpenLp, options: OptimiseOptions = {}): ItemSolution {
  const o = { ...DEFAULT_OPTIMISE, ...options };
  const S = it.depot.length;
  const D = it.demand.length;
  // Start from the greedy allocation (a primal feasible basis, so the first solve only improves on it) with the
  // nearest arcs around it.
  const g = greedyItem(it);
  const arcs: Arcs = { supply: [], demand: [] };
  const inModel = new Uint8Array(S * D);
  const add = (a: Arcs) =>
    a.supply.forEach((s, k) => {
      const d = a.demand[k]!;
      if (inModel[d * S + s]) return;
      inModel[d * S + s] = 1;
      push(arcs, s, d);
    });
  add(g.arcs);
  const near = nearestArcs(it, o.nearest);
  add(near);
  const basis = greedyBasis(it, g, arcs.supply.length);
  const session = openLp(itemLp(it, arcs), basis);
  try {
    let result = session.solve();
    const warm = basis !== undefined && !result.basisRefused;
    let rounds = 1;
    for (;;) {
      if (result.status !== 'optimal') throw new Error(`物资 ${it.itemId} 的线性规划没有得到最优解（${result.status}）`);
      const priced = priceArcs(it, result.rowDual, inModel, o.perDemand);
      if (priced.supply.length === 0) break;
      add(priced);
      result = session.solve(arcColumns(it, priced));
      rounds++;
    }
    // Columns are shortfalls first, then arcs in the order added.
    const flow = Array.from({ length: arcs.supply.length }, (_, k) => result.colValue[D + k]!);
    return { flows: { arcs, flow }, greedy: { arcs: g.arcs, flow: g.flow }, objective: result.objective, rounds, allowed: near.allowed, warm };
  } finally {
    session.close();
  }
}

/**
 * The allocation from every item's solution (parallel to p.items) and the greedy allocation they started from.
 * `objective` is the solvers'; `result.cost` is recomputed from the rounded allocation and must agree with it.
 */
export function combine(p: Prepared, solved: readonly ItemSolution[]) {
  const result = interpret(
    p,
    solved.map((s) => s.flows),
  );
  const objective = solved.reduce((sum, s) => sum + s.objective, 0);
  if (Math.abs(objective - result.cost) > 1e-6 * Math.max(1, Math.abs(objective))) {
    throw new Error(`调配方案的代价 ${result.cost} 与线性规划目标值 ${objective} 不一致`);
  }
  const stats: OptimiseStats = {
    items: p.items.length,
    lpSolves: solved.reduce((n, s) => n + s.rounds, 0),
    maxRounds: Math.max(0, ...solved.map((s) => s.rounds)),
    columns: solved.reduce((n, s) => n + s.flows.arcs.supply.length, 0),
    fullColumns: solved.reduce((n, s) => n + s.allowed, 0),
    coldStarts: solved.filter((s) => !s.warm).length,
  };
  return {
    result,
    greedy: interpret(
      p,
      solved.map((s) => s.greedy),
    ),
    objective,
    stats,
  };
}

/** The exact optimum of the full LP, item after item in this thread (the server spreads items over workers). */
export function optimise(p: Prepared, openLp: OpenLp, options: OptimiseOptions = {}) {
  return combine(
    p,
    itemProblems(p).map((it) => solveItem(it, openLp, options)),
  );
}
