// Deliberately public (no login): the active warnings as a plain zh-CN page that works on any phone without
// JavaScript, as JSON, and as an Atom feed whose entries link their CAP 1.2 documents.
import type { FastifyPluginAsync } from 'fastify';
import type { WarningService } from './warnings.service';
import { AppError } from '../../errors';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const COLOURS: Record<string, string> = { red: '#cf1322', orange: '#d46b08', yellow: '#d4b106', blue: '#096dd9' };
const beijing = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '—');

export const publicWarningRoutes =
  (svc: WarningService): FastifyPluginAsync =>
  async (app) => {
    const base = (req: { protocol: string; host: string }) => `${req.protocol}://${req.host}`;

    app.get('/public/warnings.json', { schema: { tags: ['public'], summary: '生效中的预警（公开，无需登录）' } }, async () => svc.publicActive());

    app.get('/public/warnings', { schema: { hide: true } }, async (_req, reply) => {
      const list = await svc.publicActive();
      const items = list.length
        ? list.map((w) => `<article style="border-left:6px solid ${COLOURS[w.level] ?? '#999'}">
  <h2>${esc(w.headline)}</h2>
  <p class="meta"><strong style="color:${COLOURS[w.level] ?? '#333'}">${esc(w.typeLabel)}${esc(w.levelLabel)}预警</strong> · ${esc(w.issuer)} · 发布时间 ${beijing(w.issuedAt)}</p>
  <p><b>可能影响范围：</b>${esc(w.areaDesc)}</p>
  <p><b>起始时间：</b>${beijing(w.onset)}${w.expires ? `，<b>预计结束：</b>${beijing(w.expires)}` : ''}</p>
  ${w.description ? `<p>${esc(w.description)}</p>` : ''}
  <p><b>应当采取的措施：</b>${esc(w.instruction)}</p>
</article>`).join('\n')
        : '<p class="none">当前没有生效中的预警。</p>';
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>生效中的预警信息 · 守望</title>
<link rel="alternate" type="application/atom+xml" title="预警信息" href="/public/warnings.atom">
<style>body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:760px;margin:0 auto;padding:12px;color:#222;background:#f5f5f5}
article{background:#fff;margin:12px 0;padding:10px 14px;border-radius:6px}h1{font-size:1.3em}h2{font-size:1.1em;margin:.3em 0}.meta{color:#555;font-size:.9em}.none{color:#555}</style>
</head><body><h1>生效中的预警信息</h1><p class="meta">更新于 ${beijing(new Date().toISOString())}（北京时间）· <a href="/public/warnings.atom">订阅（Atom）</a></p>
${items}
</body></html>`);
    });

    // /public/cap/<id>.xml (CAP 1.2) and /public/cap/<id>.gbt35965.xml (the Chinese profile).
    app.get('/public/cap/:file', { schema: { tags: ['public'], summary: '预警的 CAP 1.2 / GB/T 35965.1 文档（公开）' } }, async (req, reply) => {
      const m = /^([0-9a-f-]{36})(\.gbt35965)?\.xml$/.exec((req.params as { file: string }).file);
      const xml = m ? await svc.publicCapXml(m[1]!, m[2] ? 'gbt' : 'cap') : null;
      if (!xml) throw new AppError('not_found', 'not_found', '预警不存在或未发布');
      return reply.type('application/cap+xml; charset=utf-8').send(xml);
    });

    app.get('/public/warnings.atom', { schema: { tags: ['public'], summary: '生效中的预警（Atom，条目链接 CAP 1.2）' } }, async (req, reply) => {
      const list = await svc.publicActive();
      const root = base(req);
      const updated = list[0]?.updatedAt ?? new Date().toISOString();
      const entries = list.map((w) => `  <entry>
    <id>urn:shouwang:warning:${esc(w.identifier)}</id>
    <title>${esc(w.headline)}</title>
    <updated>${esc(w.updatedAt)}</updated>
    <author><name>${esc(w.issuer)}</name></author>
    <summary>${esc(`${w.typeLabel}${w.levelLabel}预警。可能影响范围：${w.areaDesc}。应当采取的措施：${w.instruction}`)}</summary>
    <link rel="alternate" type="application/cap+xml" href="${root}/public/cap/${esc(w.id)}.xml"/>
  </entry>`).join('\n');
      return reply.type('application/atom+xml; charset=utf-8').send(`<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${root}/public/warnings.atom</id>
  <title>生效中的预警信息</title>
  <updated>${esc(updated)}</updated>
  <link rel="self" href="${root}/public/warnings.atom"/>
${entries}
</feed>
`);
    });
  };
