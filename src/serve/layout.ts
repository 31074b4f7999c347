import { html } from 'hono/html';

type Html = ReturnType<typeof html>;

/** The workbench's stylesheet, served as /static/workbench.css (the CSP allows no inline style). */
export const STYLE = `
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:0;color:#1d2327;background:#fafafa}
header{background:#7a1f1f;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.5rem;align-items:center}
header a{color:#fff;text-decoration:none}header a.on{text-decoration:underline}
main{max-width:1100px;margin:1rem auto;padding:0 1rem}
form.search input[type=search]{width:60%;font-size:1.1rem;padding:.4rem}
.hit{margin:.8rem 0;padding:.6rem;background:#fff;border:1px solid #ddd;border-radius:4px}
.hit .meta,.muted{color:#666;font-size:.9rem}
.layout{display:flex;gap:1.5rem}.facets{min-width:190px;font-size:.9rem}.facets h3{margin:.8rem 0 .2rem;font-size:.95rem}
.facets ul{list-style:none;padding:0;margin:0}.results{flex:1}
mark.hl{background:#ffe58a}
.text{white-space:pre-wrap;line-height:1.8;background:#fff;padding:1rem;border:1px solid #ddd}
mark.mechanism{background:#ffd6d6}mark.metric{background:#d6ecff}mark.person{background:#dff5d8}mark.org{background:#eadcff}
.legend mark{padding:0 .3rem;margin-right:.4rem}
.flag{border-left:4px solid #c77;padding:.3rem .6rem;margin:.3rem 0;background:#fff}
.flag.info{border-color:#7a7}
table{border-collapse:collapse;background:#fff;font-size:.9rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}
textarea{width:100%;font-family:monospace;font-size:.95rem}
.error{background:#fde2e2;border:1px solid #d66;padding:.6rem;white-space:pre-wrap}
.variants{display:flex;gap:1rem;flex-wrap:wrap}.variants div{background:#fff;border:1px solid #ddd;padding:.5rem}
.chart{max-width:700px}#sql-result td{white-space:pre-wrap}
`;

/** The page frame: navigation, styles, and the page's own body (already escaped by `html`). */
export function page(title: string, active: 'search' | 'sql' | 'doc' | 'mechanism', body: Html | Html[], scripts: string[] = []): Html {
  const nav = (href: string, key: string, label: string) => html`<a href="${href}" class="${active === key ? 'on' : ''}">${label}</a>`;
  return html`<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>${title} · cppcc workbench</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="stylesheet" href="/static/workbench.css"></head>
<body><header><strong>cppcc workbench</strong>${nav('/', 'search', 'Search')}${nav('/sql', 'sql', 'SQL')}</header>
<main>${body}</main>${scripts.map((s) => html`<script src="${s}"></script>`)}</body></html>`;
}

export function errorBox(message: string): Html {
  return html`<div class="error" role="alert">${message}</div>`;
}
