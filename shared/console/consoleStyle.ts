/**
 * The console's whole stylesheet, inlined in the page (no external asset): a 1200 px page of
 * white panels on a light grey ground, compact tables, badges coloured like the timeline kinds.
 */
export const CONSOLE_STYLE = `*{box-sizing:border-box}
body{font:13px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f3f4f6;color:#1f2937}
main{max-width:1200px;margin:0 auto;padding:20px 24px 32px}
header.top{display:flex;gap:20px;align-items:stretch;margin-bottom:16px}
.title{flex:1}h1{font-size:22px;margin:4px 0 2px}.title p{margin:0 0 10px}
nav a{display:inline-block;margin:0 6px 4px 0;padding:2px 10px;border:1px solid #d1d5db;border-radius:12px;background:#fff;color:#374151;text-decoration:none}
.production{width:560px;background:#fff;border:1px solid #e5e7eb;border-left:6px solid #2e7d32;border-radius:6px;padding:10px 14px}
.production.none{border-left-color:#9ca3af}.production .label{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:#6b7280}
.production .version{font-size:26px;font-weight:700;line-height:1.1;color:#14532d}.production .reason{margin-top:4px;color:#374151}
.panel{background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:12px 16px 16px;margin:0 0 16px}
h2{font-size:16px;margin:0 0 8px}.note{margin:0 0 8px;color:#6b7280}.muted{color:#6b7280}
.empty{margin:4px 0;padding:10px 12px;background:#f9fafb;border:1px dashed #d1d5db;border-radius:4px;color:#6b7280;font-style:italic}
.figure{margin:0 0 10px}svg{display:block}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f9fafb;font-weight:600;color:#4b5563;font-size:12px}tbody tr:hover{background:#f9fafb}
.time,.actor{white-space:nowrap;color:#4b5563;font-variant-numeric:tabular-nums}.num{font-variant-numeric:tabular-nums}
.reason,.summary{overflow-wrap:anywhere}ul.reasons{margin:0;padding-left:16px}
.kind,.status,.action{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap;color:#fff}
.kind-registered{background:#78909c}.kind-promoted{background:#2e7d32}.kind-rejected{background:#c62828}.kind-rolled_back{background:#ef6c00}
.status-firing,.action-retrain{background:#c62828}.status-resolved{background:#2e7d32}.action-other{background:#6b7280}
.bad{color:#b91c1c;font-weight:600}.good{color:#15803d}.warn{color:#a16207}tr.drifted{background:#fef2f2}
dl.facts{display:flex;flex-wrap:wrap;gap:4px 28px;margin:0 0 10px}dl.facts dt{font-size:11px;color:#6b7280;text-transform:uppercase;letter-spacing:.04em}dl.facts dd{margin:0;font-size:14px}
ul.latest{margin:0;padding-left:18px;columns:2}
.figures{display:flex;gap:16px}figure{margin:0}figcaption{font-weight:600;margin:0 0 4px;color:#374151}
footer{color:#9ca3af;font-size:12px;text-align:center}`;
