// Incident map. With a tile URL injected by the server (window.__SHOUWANG__.tileUrl) it draws that
// basemap; without one it is a tile-free map that works with no internet: a neutral background,
// the outlines of the user's jurisdiction and its children (imported from the installation's GeoJSON),
// their points as labelled dots, and the incidents on top.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Card, Checkbox, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Incident } from '../../contracts/incidents';
import type { BoundaryCollection, Jurisdiction } from '../../contracts/jurisdictions';
import { BoundaryImportButton } from './BoundaryImport';
import { GRADES } from '../../domain/incidents/model';
import { api, useApiError } from '../app/api';
import { useI18n } from '../app/i18n';
import { useLiveEvent } from '../app/live';
import { useCan, useUser } from '../app/session';
import { GRADE_COLORS } from '../app/theme';
import { useGradeText } from '../components/GradeTag';
import { loadJurisdictionChildren } from '../components/JurisdictionSelect';
import { toDisplayCoords } from './coords';
import { incidentMarkerStyle, OVERDUE_HEX } from './markerStyle';
import type { SensorDto, WarningDtoT } from '../../contracts/client';
import { WARNING_LEVEL_LABELS, type WarningLevel } from '../../domain/warnings/model';

type ResourceKind = 'depot' | 'team' | 'shelter';
interface MapResource { kind: ResourceKind; name: string; location: { lat: number; lon: number } | null; detail: string }
const RESOURCE_LOOK: Record<ResourceKind, { letter: string; colour: string }> = {
  depot: { letter: '库', colour: '#7c4dff' },
  team: { letter: '队', colour: '#13a8a8' },
  shelter: { letter: '避', colour: '#389e0d' },
};

/** 红橙黄蓝 as on the signals (突发事件应对法 第六十三条). */
const WARNING_HEX: Record<WarningLevel, string> = { red: '#cf1322', orange: '#fa8c16', yellow: '#fadb14', blue: '#1677ff' };

const MAX_INCIDENTS = 1000;
const CHINA_CENTRE: L.LatLngTuple = [35, 105];

function tileConfig() {
  const c = typeof window !== 'undefined' ? window.__SHOUWANG__ : undefined;
  const url = c?.tileUrl?.trim();
  return url ? { url, attribution: c?.tileAttribution ?? '', gcj02: c?.tileCoords === 'gcj02' } : null;
}

async function loadIncidents(openOnly: boolean): Promise<Incident[]> {
  const out: Incident[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listIncidents({ limit: 200, cursor, ...(openOnly ? { status: 'open' as const } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < MAX_INCIDENTS);
  return out;
}

const MAX_EXPANDED_CHILDREN = 40;

interface Point extends Jurisdiction {
  /** 0: the user's own jurisdiction and its children (labelled); 1: the level below (small dots). */
  depth: 0 | 1;
}

/** The user's jurisdiction, its children and (for a modest number of children) grandchildren. */
async function loadPoints(rootCode: string): Promise<Point[]> {
  const [top, children] = await Promise.all([api.jurisdictions().catch(() => []), loadJurisdictionChildren(rootCode).catch(() => [])]);
  const expand = children.length <= MAX_EXPANDED_CHILDREN ? children.filter((c) => c.hasChildren) : [];
  const grand = (await Promise.all(expand.map((c) => loadJurisdictionChildren(c.code).catch(() => [])))).flat();
  const byCode = new Map<string, Point>();
  for (const j of grand) byCode.set(j.code, { ...j, depth: 1 });
  for (const j of [...top, ...children]) byCode.set(j.code, { ...j, depth: 0 });
  return [...byCode.values()].filter((j) => j.lat !== null && j.lon !== null);
}

export default function IncidentMap() {
  const { t, lang } = useI18n();
  const gradeText = useGradeText();
  const user = useUser();
  const navigate = useNavigate();
  const onError = useApiError();
  const tiles = useMemo(tileConfig, []);
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const incidentLayer = useRef<L.LayerGroup | null>(null);
  const pointLayer = useRef<L.LayerGroup | null>(null);
  const boundaryLayer = useRef<L.LayerGroup | null>(null);
  const ownBounds = useRef<L.LatLngBounds | null>(null);
  const warningLayer = useRef<L.LayerGroup | null>(null);
  const resourceLayer = useRef<L.LayerGroup | null>(null);
  const can = useCan();
  const [resources, setResources] = useState<MapResource[]>([]);
  const [shown, setShown] = useState<ResourceKind[]>(['depot', 'team', 'shelter']);
  const [warnings, setWarnings] = useState<WarningDtoT[]>([]);
  const [sensors, setSensors] = useState<SensorDto[]>([]);
  const fitted = useRef(false);
  const [openOnly, setOpenOnly] = useState(true);
  const [incidents, setIncidents] = useState<Incident[] | null>(null);
  const [points, setPoints] = useState<Point[] | null>(null);
  const [boundaries, setBoundaries] = useState<BoundaryCollection | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    document.title = `${t('map.title')} · ${t('app.name')}`;
  }, [t]);

  // Create the map once.
  useEffect(() => {
    if (!box.current) return;
    const map = L.map(box.current, { zoomControl: true, attributionControl: Boolean(tiles?.attribution), preferCanvas: true });
    if (tiles) L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }).addTo(map);
    map.setView(CHINA_CENTRE, 4);
    L.control.scale({ imperial: false }).addTo(map);
    boundaryLayer.current = L.layerGroup().addTo(map);
    pointLayer.current = L.layerGroup().addTo(map);
    warningLayer.current = L.layerGroup().addTo(map);
    resourceLayer.current = L.layerGroup().addTo(map);
    incidentLayer.current = L.layerGroup().addTo(map);
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [tiles]);

  useEffect(() => {
    let alive = true;
    loadPoints(user.jurisdiction.code).then((p) => alive && setPoints(p));
    api.boundaries().then((b) => alive && setBoundaries(b), () => alive && setBoundaries({ type: 'FeatureCollection', features: [] }));
    return () => {
      alive = false;
    };
  }, [user.jurisdiction.code, reload]);

  useEffect(() => {
    let alive = true;
    setIncidents(null);
    loadIncidents(openOnly)
      .then((x) => alive && setIncidents(x))
      .catch((e: unknown) => {
        if (!alive) return;
        setIncidents([]);
        onError(e);
      });
    return () => {
      alive = false;
    };
  }, [openOnly, onError]);

  // Warnings in force (and the sensors that may raise them), kept current by the live stream.
  const loadWarnings = useMemo(() => () => {
    api.warnings('issued').then(setWarnings, () => undefined);
    api.sensors().then(setSensors, () => undefined);
  }, []);
  useEffect(loadWarnings, [loadWarnings]);
  useLiveEvent('warning', loadWarnings);

  useLiveEvent('incident', (i) => {
    setIncidents((cur) => {
      if (cur === null) return cur;
      const rest = cur.filter((x) => x.id !== i.id);
      return openOnly && i.status === 'closed' ? rest : [i, ...rest];
    });
  });

  const toLatLng = useMemo(
    () =>
      (lat: number, lon: number): L.LatLngTuple =>
        toDisplayCoords(lat, lon, tiles?.gcj02 ?? false),
    [tiles],
  );

  // Outlines: the user's own jurisdiction drawn firmly, its children lightly filled, each named on hover.
  useEffect(() => {
    const layer = boundaryLayer.current;
    if (!layer || !boundaries) return;
    layer.clearLayers();
    ownBounds.current = null;
    L.geoJSON(boundaries as GeoJSON.FeatureCollection, {
      coordsToLatLng: (c) => L.latLng(toLatLng(c[1]!, c[0]!)),
      style: (f) => (f?.properties.own
        ? { color: '#434343', weight: 2, fill: false, interactive: false }
        : { color: '#8c8c8c', weight: 1, fillColor: '#d9d9d9', fillOpacity: 0.25 }),
      onEachFeature: (f, l) => {
        if (f.properties.own) ownBounds.current = (l as L.Polygon).getBounds();
        else l.bindTooltip(String(f.properties.name), { sticky: true });
      },
    }).addTo(layer);
  }, [boundaries, toLatLng]);

  // Jurisdiction dots with labels.
  useEffect(() => {
    const layer = pointLayer.current;
    if (!layer || !points) return;
    layer.clearLayers();
    for (const p of points) {
      if (p.lat === null || p.lon === null) continue;
      const top = p.depth === 0;
      L.circleMarker(toLatLng(p.lat, p.lon), {
        radius: top ? 4 : 2,
        color: '#595959',
        weight: 1,
        fillColor: top ? '#595959' : '#bfbfbf',
        fillOpacity: 0.9,
      })
        .bindTooltip(p.name, top ? { permanent: !tiles, direction: 'right', className: 'sw-map-label', offset: [4, 0] } : { direction: 'top' })
        .addTo(layer);
    }
  }, [points, tiles, toLatLng]);

  // A warning as a translucent disc in its colour: at the sensor that raised it, else over each place it covers.
  useEffect(() => {
    const layer = warningLayer.current;
    if (!layer) return;
    layer.clearLayers();
    for (const s of sensors) {
      if (!s.location) continue;
      L.circleMarker(toLatLng(s.location.lat, s.location.lon), { radius: 4, color: s.online ? '#389e0d' : '#8c8c8c', weight: 2, fillOpacity: 0.6 })
        .bindTooltip(`${s.name}：${s.lastValue === null ? '—' : `${s.lastValue} ${s.unit}`}`, { direction: 'top' })
        .addTo(layer);
    }
    for (const w of warnings) {
      const sensor = w.sensorId ? sensors.find((x) => x.id === w.sensorId && x.location) : undefined;
      const spots = sensor?.location
        ? [sensor.location]
        : w.jurisdictionCodes.flatMap((c) => points?.filter((p) => p.code === c && p.lat !== null && p.lon !== null).map((p) => ({ lat: p.lat!, lon: p.lon! })) ?? []);
      for (const spot of spots)
        // A screen-sized disc, so the colour is seen at any zoom.
        L.circleMarker(toLatLng(spot.lat, spot.lon), { radius: 16, color: WARNING_HEX[w.level], weight: 2, fillColor: WARNING_HEX[w.level], fillOpacity: 0.35 })
          .bindTooltip(`${w.typeLabel}${WARNING_LEVEL_LABELS[w.level].zh}预警：${w.headline}`, { direction: 'top' })
          .addTo(layer);
    }
  }, [warnings, sensors, points, toLatLng]);

  // Incident markers coloured by grade (a red ring when reports are overdue), with a popup linking to the detail page.
  useEffect(() => {
    const layer = incidentLayer.current;
    if (!layer || !incidents) return;
    layer.clearLayers();
    for (const i of incidents) {
      if (!i.location || i.location.lat === null || i.location.lon === null) continue;
      const popup = document.createElement('div');
      const title = document.createElement('strong');
      title.textContent = i.title;
      const meta = document.createElement('div');
      meta.textContent = `${i.category === 'social_safety' ? t('incident.ungraded') : i.grade ? gradeText(i.grade) : t('incident.gradeNone')} · ${t(`status.${i.status}`)}`;
      if (i.overdueReports > 0) {
        const overdue = document.createElement('div');
        overdue.className = 'sw-overdue';
        overdue.textContent = t('incident.overdueCount', { n: i.overdueReports });
        meta.append(overdue);
      }
      const link = document.createElement('a');
      link.href = `/incidents/${i.id}`;
      link.textContent = t('map.open');
      link.addEventListener('click', (e) => {
        e.preventDefault();
        navigate(`/incidents/${i.id}`);
      });
      popup.append(title, meta, link);
      const style = incidentMarkerStyle(i);
      const at = toLatLng(i.location.lat, i.location.lon);
      if (style.ring) L.circleMarker(at, { ...style.ring, interactive: false }).addTo(layer);
      L.circleMarker(at, style.dot).bindPopup(popup).addTo(layer);
    }
  }, [incidents, t, gradeText, navigate, toLatLng, lang]);

  // Fit to everything once both layers have loaded.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || fitted.current || incidents === null || points === null || boundaries === null) return;
    // The outline of one's own jurisdiction, when there is one (drawn just above), is the frame people expect.
    if (ownBounds.current) {
      fitted.current = true;
      map.fitBounds(ownBounds.current, { padding: [16, 16] });
      return;
    }
    const coords: L.LatLngTuple[] = [
      ...incidents.flatMap((i) => (i.location && i.location.lat !== null && i.location.lon !== null ? [toLatLng(i.location.lat, i.location.lon)] : [])),
      ...points.flatMap((p) => (p.lat !== null && p.lon !== null ? [toLatLng(p.lat, p.lon)] : [])),
      ...sensors.flatMap((x) => (x.location ? [toLatLng(x.location.lat, x.location.lon)] : [])),
    ];
    if (coords.length === 0) return;
    fitted.current = true;
    if (coords.length === 1 && coords[0]) map.setView(coords[0], 13);
    else map.fitBounds(L.latLngBounds(coords), { padding: [32, 32], maxZoom: 15 });
  }, [incidents, points, sensors, boundaries, toLatLng]);

  // Depots, teams and shelters (应急资源), each kind its own letter and colour, switchable.
  useEffect(() => {
    if (!can('resource.read')) return;
    let alive = true;
    Promise.all([api.depots(), api.teams(), api.shelters()]).then(([d, tm, sh]) => alive && setResources([
      ...d.map((x) => ({ kind: 'depot' as const, name: x.name, location: x.location, detail: x.address })),
      ...tm.map((x) => ({ kind: 'team' as const, name: x.name, location: x.location, detail: `${x.headcount} 人` })),
      ...sh.map((x) => ({ kind: 'shelter' as const, name: x.name, location: x.location, detail: `${x.occupancy}/${x.capacity} 人` })),
    ]), () => undefined);
    return () => {
      alive = false;
    };
  }, [can]);
  useEffect(() => {
    const layer = resourceLayer.current;
    if (!layer) return;
    layer.clearLayers();
    for (const r of resources) {
      if (!r.location || !shown.includes(r.kind)) continue;
      const look = RESOURCE_LOOK[r.kind];
      L.marker(toLatLng(r.location.lat, r.location.lon), {
        icon: L.divIcon({ className: 'sw-resource-marker', html: `<span style="background:${look.colour}">${look.letter}</span>`, iconSize: [18, 18] }),
      }).bindTooltip(`${t(`map.layer.${r.kind}`)}：${r.name}${r.detail ? `（${r.detail}）` : ''}`).addTo(layer);
    }
  }, [resources, shown, toLatLng, t]);

  const withoutLocation = incidents?.filter((i) => !i.location).length ?? 0;
  const nothing = incidents !== null && points !== null && points.length === 0 && incidents.every((i) => !i.location) && sensors.every((x) => !x.location);

  return (
    <div className="sw-page">
      <Card
        size="small"
        title={t('map.title')}
        extra={
          <Segmented<'open' | 'all'>
            value={openOnly ? 'open' : 'all'}
            onChange={(v) => setOpenOnly(v === 'open')}
            options={[
              { value: 'open', label: t('map.openOnly') },
              { value: 'all', label: t('map.all') },
            ]}
            data-testid="map-scope"
          />
        }
      >
        <Space wrap style={{ marginBottom: 8 }}>
          {GRADES.map((g) => (
            <Tag key={g} color={GRADE_COLORS[g].tag}>
              {gradeText(g)}
            </Tag>
          ))}
          <Tag>{t('incident.gradeNoneOrUngraded')}</Tag>
          <span className="sw-overdue" data-testid="map-legend-overdue">
            <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: '50%', border: `3px solid ${OVERDUE_HEX}`, verticalAlign: -2 }} />{' '}
            {t('incident.overdueReports')}
          </span>
          {resources.length > 0 && (
            <Checkbox.Group value={shown} onChange={(v) => setShown(v as ResourceKind[])} data-testid="map-resource-layers"
              options={(['depot', 'team', 'shelter'] as const).map((k) => ({ value: k, label: <span><span className="sw-resource-dot" style={{ background: RESOURCE_LOOK[k].colour }}>{RESOURCE_LOOK[k].letter}</span>{t(`map.layer.${k}`)}</span> }))} />
          )}
          {warnings.length > 0 && <Tag color="orange" data-testid="map-warnings">{t('warn.active')} {warnings.length}</Tag>}
          {!tiles && <Typography.Text type="secondary">{t('map.noTiles')}</Typography.Text>}
          {can('jurisdiction.manage') && <BoundaryImportButton onImported={() => { fitted.current = false; setReload((n) => n + 1); }} />}
          {incidents === null && <Spin size="small" />}
        </Space>
        {withoutLocation > 0 && (
          <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('map.withoutLocation', { n: withoutLocation })} />
        )}
        {nothing && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('map.empty')} />}
        {!tiles && boundaries !== null && boundaries.features.length === 0 && (
          <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('map.boundary.none')} data-testid="map-no-boundaries" />
        )}
        <div ref={box} className={tiles ? 'sw-map' : 'sw-map sw-map-offline'} data-testid="incident-map" />
      </Card>
    </div>
  );
}
