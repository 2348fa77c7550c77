"""Self-contained HTML pages: a report with its plan laid on it, and a diff or track of two reports.

One file each, with inline CSS and script only (no network, no fonts, opens from disk). Every piece
of report text goes through ``esc``; the item data the script reads is JSON inside a
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, so report text such as
``</script>`` or ``</html>`` is shown, never run. No whitespace is written between the tags inside
a paragraph: in Chinese a space is a visible gap, so markup sits only at span boundaries.
"""

from __future__ import annotations

import bisect
import html
import itertools
import json
from collections.abc import Iterable, Sequence
from typing import Any

from govplan import __version__
from govplan.models import Commitment, Plan, Project, Section
from govplan.normalize import LineIndex
from govplan.view import (
    Item,
    Mark,
    Node,
    Page,
    PageParagraph,
    TocEntry,
    commitment_fields,
    heading_end,
    paragraphs,
    place,
    project_fields,
)

KIND_LABELS = {"heading": "headings", "topic": "topics", "commitment": "commitments", "project": "projects"}
KIND_CLASS = {"heading": "h", "topic": "t", "commitment": "c", "project": "p"}


def esc(text: str) -> str:
    """Text for HTML content or a quoted attribute: &, <, >, " and ' escaped."""
    return html.escape(text, quote=True)


def json_script(data: Any, element_id: str) -> str:
    """Data for the page's script: JSON that cannot end its <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for ch, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, code)
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def anchor(prefix: str, item_id: str) -> str:
    """The HTML id of an item's (first) highlighted element."""
    return f"{prefix}{item_id}"


# --- the text with its highlights -----------------------------------------------------------------


class _Marks:
    """How marks are written: the id prefix, per-item classes and rows, and the ids already used."""

    def __init__(
        self,
        prefix: str,
        classes: dict[str, str] | None,
        rows: dict[str, str] | None,
        titles: dict[str, str] | None = None,
    ) -> None:
        self.prefix, self.classes, self.rows, self.titles = prefix, classes or {}, rows or {}, titles or {}
        self.seen: set[str] = set()


def render_nodes(text: str, nodes: Iterable[Node], out: list[str], how: _Marks) -> None:
    """Append the HTML of nodes: plain text escaped, each highlight a <mark> with its data-id."""
    for node in nodes:
        if isinstance(node, tuple):
            out.append(esc(text[node[0] : node[1]]))
            continue
        out.append(_open_mark(node, how))
        render_nodes(text, node.children, out, how)
        out.append("</mark>")


def _open_mark(m: Mark, how: _Marks) -> str:
    it = m.item
    cls = how.classes.get(it.id) or KIND_CLASS[it.kind]
    attrs = [f'class="hl {cls}"', f'data-id="{esc(it.id)}"']
    if it.id not in how.seen:  # the first piece is the one links jump to
        how.seen.add(it.id)
        attrs.append(f'id="{esc(anchor(how.prefix, it.id))}"')
        if it.id in how.rows:  # a diff's highlight links back to its row of the table
            attrs.append(f'data-row="{esc(how.rows[it.id])}"')
    if m.parts > 1:
        attrs.append(f'data-part="{m.part}/{m.parts}"')
    if it.id in how.titles:  # the two-text pages show an item's fields as its tooltip
        attrs.append(f'title="{esc(how.titles[it.id])}"')
    if it.domains:
        attrs.append(f'data-d="{esc(" ".join(it.domains))}"')
    attrs.append('tabindex="0"')
    return f"<mark {' '.join(attrs)}>"


def render_paragraphs(
    text: str,
    paras: Sequence[PageParagraph],
    prefix: str = "at-",
    classes: dict[str, str] | None = None,
    rows: dict[str, str] | None = None,
    titles: dict[str, str] | None = None,
) -> str:
    """The paragraphs as <p> elements, each with its first line number."""
    out: list[str] = []
    how = _Marks(prefix, classes, rows, titles)
    for p in paras:
        cls = f' class="hd hd{p.heading}"' if p.heading else ""
        out.append(f'<p id="{prefix}L{p.line}" data-line="{p.line}"{cls}>')
        render_nodes(text, p.nodes, out, how)
        out.append("</p>\n")
    return "".join(out)


# --- the view page --------------------------------------------------------------------------------

CSS = """
:root{--h:#d0ebff;--hb:#1971c2;--t:#fff3bf;--tb:#e67700;--c:#d3f9d8;--cb:#2b8a3e;--p:#f3d9fa;--pb:#9c36b5;
--add:#d3f9d8;--addb:#2b8a3e;--del:#ffe3e3;--delb:#c92a2a;--chg:#fff3bf;--chgb:#e67700;--ink:#212529;--mute:#6c757d;
--line:#dee2e6;--bg:#fff;--panel:#f8f9fa}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:var(--bg);font:16px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC",
"Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif}
a{color:#1864ab}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;z-index:9;background:#fff;padding:4px 8px}
header.top{padding:12px 20px 8px;border-bottom:1px solid var(--line);background:var(--panel)}
header.top h1{font-size:1.3rem;margin:0 0 2px}
.facts{margin:0;color:var(--mute);font-size:.85rem}
.facts span+span::before{content:" · "}
.bar{display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center;margin-top:8px;font-size:.9rem}
.bar fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center}
.bar legend{float:left;margin-right:6px;color:var(--mute);padding:0}
.key{display:inline-flex;align-items:center;gap:4px;cursor:pointer;white-space:nowrap}
.key i{display:inline-block;width:1.6em;height:1em;border-radius:2px}
.key b{font-weight:600;color:var(--mute)}
.warnings{margin:10px 20px 0;border:1px solid #ffd8a8;background:#fff9db;border-radius:6px;padding:6px 12px;font-size:.9rem}
.warnings.ok{border-color:var(--line);background:var(--panel);color:var(--mute)}
.warnings ul{margin:4px 0;padding-left:1.2em}
.warnings code{background:#ffe8cc;padding:0 3px;border-radius:3px}
.wrap{display:grid;grid-template-columns:minmax(240px,22rem) minmax(0,1fr);gap:0 28px;padding:0 20px}
nav#toc{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;padding:12px 4px 40px 0;font-size:.88rem}
nav#toc summary{font-weight:600;cursor:pointer;margin-bottom:4px}
nav#toc ol{list-style:none;margin:0;padding-left:0}
nav#toc ol ol{padding-left:1em;border-left:1px solid var(--line);margin-left:.3em}
nav#toc a{display:flex;gap:6px;justify-content:space-between;text-decoration:none;color:var(--ink);padding:2px 4px;border-radius:4px}
nav#toc a:hover{background:#e7f5ff}
nav#toc a[aria-current]{background:#e7f5ff;box-shadow:inset 3px 0 0 var(--hb)}
nav#toc a:focus-visible{outline:2px solid var(--hb)}
nav#toc .tt{overflow:hidden;text-overflow:ellipsis;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
nav#toc .lv1>a{font-weight:600;margin-top:6px}
.cntkey{margin:0 0 6px;color:var(--mute);font-size:.78rem;display:flex;gap:6px;align-items:center;flex-wrap:wrap}
.cnt{display:flex;gap:3px;flex:none;align-items:flex-start}
.cnt i{font-style:normal;font-size:.75rem;min-width:1.6em;text-align:center;border-radius:3px;padding:0 3px;line-height:1.5}
.cnt .c{background:var(--c)}.cnt .p{background:var(--p)}.cnt .t{background:var(--t)}
main#doc{max-width:48rem;padding:8px 0 60vh 3.2em;font-size:1.05rem;line-height:1.9}
main#doc p{position:relative;margin:0 0 .7em;white-space:pre-wrap;line-break:strict;overflow-wrap:anywhere}
main#doc p::before{content:attr(data-line);position:absolute;left:-3.4em;width:2.8em;text-align:right;color:#adb5bd;
font-size:.72rem;line-height:2.6;user-select:none}
main#doc p.hd{margin-top:1.2em;scroll-margin-top:12px}
main#doc p.hd1{font-size:1.2em;font-weight:700}
main#doc p.hd2{font-weight:700}
main#doc p.hd3{font-weight:600}
mark.hl{color:inherit;background:none;border-radius:2px;scroll-margin-top:40vh;-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark.hl:focus{outline:2px solid #1c7ed6;outline-offset:1px}
mark.hl.on{box-shadow:0 0 0 2px rgba(33,37,41,.45)}
mark.h{background:var(--h);border-bottom:2px solid var(--hb);scroll-margin-top:12px}
mark.t{background:var(--t);border-bottom:2px dotted var(--tb)}
mark.c{background:var(--c);border-bottom:2px solid var(--cb)}
mark.p{background:var(--p);border-bottom:3px double var(--pb)}
mark.add{background:var(--add);border-bottom:2px solid var(--addb)}
mark.del{background:var(--del);border-bottom:2px solid var(--delb);text-decoration:line-through;text-decoration-color:var(--delb)}
mark.chg{background:var(--chg);border-bottom:2px solid var(--chgb)}
mark.met,mark.exceeded,mark.completed{background:var(--add);border-bottom:2px solid var(--addb)}
mark.missed{background:var(--del);border-bottom:2px solid var(--delb)}
mark.reported,mark.progressed{background:var(--chg);border-bottom:2px dashed var(--chgb)}
mark.silent{background:#e9ecef;border-bottom:2px dotted var(--mute)}
.key .h{background:var(--h);border-bottom:2px solid var(--hb)}.key .t{background:var(--t);border-bottom:2px dotted var(--tb)}
.key .c{background:var(--c);border-bottom:2px solid var(--cb)}.key .p{background:var(--p);border-bottom:3px double var(--pb)}
body.off-heading mark.h,body.off-topic mark.t,body.off-commitment mark.c,body.off-project mark.p{background:none;border-bottom-color:transparent}
#card{position:fixed;right:16px;bottom:16px;width:min(26rem,calc(100vw - 32px));max-height:60vh;overflow:auto;background:#fff;
border:1px solid #adb5bd;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.18);padding:10px 14px;font-size:.88rem;z-index:5}
#card[hidden]{display:none}
#card .kind{display:inline-block;font-size:.75rem;font-weight:600;padding:0 6px;border-radius:3px;margin-right:6px}
#card .kind.commitment{background:var(--c)}#card .kind.project{background:var(--p)}#card .kind.topic{background:var(--t)}
#card .kind.heading{background:var(--h)}
#card q{display:block;margin:6px 0;font-size:.95rem;quotes:"「" "」"}
#card dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:6px 0 0}
#card dt{color:var(--mute)}#card dd{margin:0;overflow-wrap:anywhere}
#card .in{color:var(--mute);font-size:.8rem;margin-top:6px}
#card button{float:right;border:0;background:none;font-size:1.1rem;cursor:pointer;line-height:1}
@media (max-width:760px){
 .wrap{display:block;padding:0 12px}
 nav#toc{position:static;max-height:none;padding:8px 0;border-bottom:1px solid var(--line)}
 main#doc{padding-left:0;font-size:1rem}
 main#doc p::before{display:none}
 header.top{padding:10px 12px}.warnings{margin:8px 12px 0}
 #card{left:8px;right:8px;bottom:8px;width:auto;max-height:45vh}
 a.totoc{display:block;position:fixed;left:10px;bottom:10px;z-index:4;background:#fff;border:1px solid #adb5bd;
 border-radius:6px;padding:4px 10px;text-decoration:none;font-size:.85rem;box-shadow:0 2px 8px rgba(0,0,0,.15)}
}
a.totoc{display:none}
@media print{
 nav#toc,#card,.skip,a.totoc,.bar input,.bar label:last-child{display:none}
 .wrap{display:block;padding:0}main#doc{max-width:none;padding:0 0 0 3em}
 header.top{background:none}
}
"""

JS = """
(function(){
"use strict";
var data=JSON.parse(document.getElementById("govplan-data").textContent);
var items=data.items,card=document.getElementById("card"),body=document.body,pinned=null;
var NAMES={heading:"heading",topic:"topic",commitment:"commitment",project:"project"};
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
function lit(id,on){document.querySelectorAll(".hl.on").forEach(function(e){e.classList.remove("on");});
 if(on)document.querySelectorAll('[data-id="'+CSS.escape(id)+'"]').forEach(function(e){e.classList.add("on");});}
function show(m){
 var id=m.getAttribute("data-id"),it=items[id];if(!it)return;
 card.replaceChildren();
 var close=el("button",null,"\\u00d7");close.setAttribute("aria-label","Close");close.addEventListener("click",hide);
 card.appendChild(close);
 var head=el("div");head.appendChild(el("span","kind "+it.k,NAMES[it.k]||it.k));
 head.appendChild(el("code",null,id));head.appendChild(document.createTextNode(" \\u00b7 line "+it.l));
 card.appendChild(head);card.appendChild(el("q",null,it.t));
 var dl=el("dl");it.f.forEach(function(f){dl.appendChild(el("dt",null,f[0]));dl.appendChild(el("dd",null,f[1]));});
 card.appendChild(dl);
 var outer=[],p=m.parentElement;
 while(p&&p.id!=="doc"){if(p.hasAttribute&&p.hasAttribute("data-id")&&p.getAttribute("data-id")!==id){
  var o=items[p.getAttribute("data-id")];if(o)outer.push((NAMES[o.k]||o.k)+" "+p.getAttribute("data-id"));}p=p.parentElement;}
 if(outer.length)card.appendChild(el("div","in","inside: "+outer.join(", ")));
 card.hidden=false;lit(id,true);
}
function hide(){card.hidden=true;pinned=null;lit(null,false);}
var doc=document.getElementById("doc");
doc.addEventListener("mouseover",function(e){var m=e.target.closest("mark[data-id]");if(m)show(m);});
doc.addEventListener("mouseleave",function(){if(pinned&&document.contains(pinned))show(pinned);else hide();});
doc.addEventListener("focusin",function(e){var m=e.target.closest("mark[data-id]");if(m){pinned=m;show(m);}});
doc.addEventListener("click",function(e){var m=e.target.closest("mark[data-id]");if(m){pinned=m;show(m);}});
document.addEventListener("keydown",function(e){if(e.key==="Escape")hide();});
document.querySelectorAll("input[data-kind]").forEach(function(cb){cb.addEventListener("change",function(){
 body.classList.toggle("off-"+cb.getAttribute("data-kind"),!cb.checked);});});
var sel=document.getElementById("domain"),dst=document.getElementById("domain-style");
if(sel)sel.addEventListener("change",function(){var v=sel.value;dst.textContent=v?
 'mark.hl:not(.h):not([data-d~="'+CSS.escape(v)+'"]){background:none;border-bottom-color:transparent}':"";});
var toc=document.getElementById("toc");
if(toc)toc.addEventListener("click",function(e){var a=e.target.closest('a[href^="#"]');if(!a)return;
 var t=document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));if(!t)return;
 e.preventDefault();t.scrollIntoView({block:"start"});t.focus({preventScroll:true});hide();
 if(history.replaceState)history.replaceState(null,"",a.getAttribute("href"));});
if(toc&&window.IntersectionObserver){var links={},cur=null;
 toc.querySelectorAll('a[href^="#at-"]').forEach(function(a){links[a.getAttribute("href").slice(1)]=a;});
 var io=new IntersectionObserver(function(es){es.forEach(function(e){
  if(!e.isIntersecting)return;var a=links[e.target.id];if(!a||a===cur)return;
  if(cur)cur.removeAttribute("aria-current");cur=a;a.setAttribute("aria-current","location");
  if(getComputedStyle(toc).position==="sticky")a.scrollIntoView({block:"nearest"});});},{rootMargin:"0px 0px -70% 0px"});
 document.querySelectorAll("#doc mark.h[id]").forEach(function(h){io.observe(h);});}
})();
"""


def _page(title: str, body: str, data: dict[str, Any]) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="govplan {esc(__version__)}">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n"
        '<style id="domain-style"></style>\n</head>\n<body>\n'
        '<a class="skip" href="#doc">Skip to the text</a>\n'
        f"{body}"
        '<aside id="card" hidden role="status" aria-live="polite"></aside>\n'
        f"{json_script(data, 'govplan-data')}\n<script>{JS}</script>\n</body>\n</html>\n"
    )


def _item_data(items: Iterable[Item]) -> dict[str, Any]:
    return {
        it.id: {"k": it.kind, "t": it.text, "l": it.line, "f": [list(f) for f in it.fields]} for it in items
    }


def _warnings(warnings: Sequence[Any], paras: Sequence[PageParagraph], prefix: str = "at-") -> str:
    if not warnings:
        return '<section class="warnings ok" aria-label="Warnings">No parser warnings.</section>\n'
    firsts = [p.line for p in paras]  # a warning links to the paragraph its line falls in
    rows = []
    for w in warnings:
        k = bisect.bisect_right(firsts, w.line) - 1
        at = f' <a href="#{prefix}L{firsts[k]}">line {w.line}</a>' if w.line and k >= 0 else ""
        rows.append(f"<li><code>{esc(w.code)}</code> {esc(w.message)}{at}</li>")
    n = len(warnings)
    return (
        f'<section class="warnings" aria-label="Warnings"><strong>{n} warning{"s" * (n != 1)}</strong>'
        f"<ul>{''.join(rows)}</ul></section>\n"
    )


def _toc(entries: Sequence[TocEntry]) -> str:
    if not entries:
        return ""
    out = ["<ol>"]
    for e in entries:
        it = e.item
        counts = "".join(
            f'<i class="{KIND_CLASS[k]}" title="{n} {KIND_LABELS[k]}">{n}</i>'
            for k, n in e.counts.items()
            if n
        )
        out.append(
            f'<li class="lv{it.level}"><a href="#{esc(anchor("at-", it.id))}"><span class="tt">{esc(it.text.strip())}</span>'
            f'<span class="cnt">{counts}</span></a>{_toc(e.children)}</li>'
        )
    out.append("</ol>")
    return "".join(out)


COUNT_KEY = (
    '<p class="cntkey">items per section: <span class="cnt"><i class="c">commitments</i><i class="p">projects</i>'
    '<i class="t">topics</i></span></p>'
)


def render_view(page: Page) -> str:
    """The page of one report: its text with every item highlighted, headings beside it."""
    counts = page.counts()
    keys = "".join(
        f'<label class="key"><input type="checkbox" data-kind="{k}" checked><i class="{KIND_CLASS[k]}"></i>'
        f"{KIND_LABELS[k]} <b>{counts[k]}</b></label>"
        for k in ("heading", "topic", "commitment", "project")
    )
    domains = "".join(
        f'<option value="{esc(k)}">{esc(page.domain_labels.get(k, k))} ({n})</option>'
        for k, n in page.domain_counts().items()
    )
    facts = "".join(f'<span title="{esc(k)}">{esc(v)}</span>' for k, v in page.facts)
    header = (
        f'<header class="top"><h1>{esc(page.title)}</h1><p class="facts">{facts}</p>'
        f'<div class="bar"><fieldset><legend>Highlight</legend>{keys}</fieldset>'
        f'<label>Domain <select id="domain"><option value="">all domains</option>{domains}</select></label>'
        "</div></header>\n"
    )
    toc = _toc(page.toc) or "<p>No headings found.</p>"
    body = (
        header
        + _warnings(page.warnings, page.paragraphs)
        + '<div class="wrap">\n'
        + f'<nav id="toc" aria-label="Headings"><details open><summary>Headings</summary>{COUNT_KEY}{toc}</details></nav>\n'
        + f'<main id="doc" lang="zh-Hans" tabindex="-1">\n{render_paragraphs(page.text, page.paragraphs)}</main>\n'
        + "</div>\n"
        + '<a class="totoc" href="#toc">↑ Headings</a>\n'
    )
    return _page(f"{page.title} · govplan view", body, {"items": _item_data(page.items)})


# --- diff and track pages -------------------------------------------------------------------------

SIDE_CSS = """
.sides{display:grid;grid-template-columns:1fr 1fr;gap:0 20px;padding:0 20px}
.side h2{font-size:1rem;margin:12px 0 4px}
.tables{max-height:42vh;overflow:auto;border-bottom:1px solid var(--line)}
.side .doc{max-height:52vh;overflow:auto;border:1px solid var(--line);border-radius:6px;padding:8px 12px 40vh 3.4em;line-height:1.85}
.side .doc p{position:relative;margin:0 0 .6em;white-space:pre-wrap;line-break:strict;overflow-wrap:anywhere}
.side .doc p::before{content:attr(data-line);position:absolute;left:-3.4em;width:2.8em;text-align:right;color:#adb5bd;font-size:.72rem;line-height:2.6}
.side .none{color:var(--mute)}
table.changes{border-collapse:collapse;margin:8px 20px;font-size:.88rem;width:calc(100% - 40px)}
table.changes th,table.changes td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
table.changes th{background:var(--panel)}
table.changes tr.sel td{background:#e7f5ff}
.tag{display:inline-block;padding:0 6px;border-radius:3px;font-size:.78rem;font-weight:600}
.tag.added,.tag.met,.tag.exceeded,.tag.completed{background:var(--add)}
.tag.removed,.tag.missed{background:var(--del)}
.tag.changed,.tag.reported,.tag.progressed{background:var(--chg)}
.tag.silent{background:#e9ecef}
h2.cat{font-size:1.05rem;margin:16px 20px 0}
@media (max-width:760px){.sides{grid-template-columns:1fr;padding:0 12px}table.changes{margin:8px 12px;width:calc(100% - 24px)}}
"""

SIDE_JS = """
(function(){
"use strict";
function go(id){var t=document.getElementById(id);if(!t)return;var box=t.closest(".doc");
 if(box){box.scrollTop+=t.getBoundingClientRect().top-box.getBoundingClientRect().top-40;}
 t.classList.add("on");}
document.addEventListener("click",function(e){
 var a=e.target.closest("a[data-go]");
 if(a){e.preventDefault();document.querySelectorAll(".hl.on").forEach(function(x){x.classList.remove("on");});
  a.getAttribute("data-go").split(" ").forEach(go);
  document.querySelectorAll("tr.sel").forEach(function(r){r.classList.remove("sel");});
  var tr=a.closest("tr");if(tr)tr.classList.add("sel");return;}
 var m=e.target.closest("mark[data-row]");
 if(m){var r=document.getElementById(m.getAttribute("data-row"));if(r){r.scrollIntoView({block:"center"});
  document.querySelectorAll("tr.sel").forEach(function(x){x.classList.remove("sel");});r.classList.add("sel");}}
});
document.addEventListener("keydown",function(e){if(e.key==="Enter"&&e.target.matches("mark[data-row]"))e.target.click();});
})();
"""


class _Side:
    """One report of a two-report page: its text and the items to highlight on it."""

    def __init__(self, prefix: str, label: str, plan: Plan | None, text: str | None) -> None:
        self.prefix, self.label, self.plan, self.text = prefix, label, plan, text
        self.lines = LineIndex(text or "")
        self.items: dict[str, Item] = {}
        self.classes: dict[str, str] = {}
        self.rows: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        self.sections: dict[str, Section] = {s.id: s for s in plan.walk_sections()} if plan else {}

    def add(self, obj: Any, tag: str, row: str) -> str | None:
        """Highlight a commitment, project or section (by id) of this side; its anchor, or None."""
        if self.text is None or obj is None:
            return None
        text = self.text
        if isinstance(obj, Commitment | Project):
            kind = "commitment" if isinstance(obj, Commitment) else "project"
            s, e = obj.span
            fields = commitment_fields(obj, {}) if isinstance(obj, Commitment) else project_fields(obj, {})
        else:
            sec = self.sections.get(getattr(obj, "id", ""))
            if sec is None:
                return None
            kind, s, e, fields = "heading", sec.span[0], heading_end(text, sec), [("title", sec.title)]
        if not (0 <= s < e <= len(text)):
            return None
        if obj.id not in self.items:
            line = self.lines.line_of(s)
            self.items[obj.id] = Item(obj.id, kind, s, e, text[s:e], line, fields=tuple(fields))
            self.classes[obj.id] = tag
            self.rows[obj.id] = row
            self.titles[obj.id] = "\n".join(f"{k}: {v}" for k, v in fields)
        return anchor(self.prefix, obj.id)

    def html(self) -> str:
        head = f"<h2>{esc(self.label)}</h2>"
        if self.text is None:
            why = "the report text is not available: give reports, or plan files with their source reports beside them"
            return f'<section class="side">{head}<p class="none">{esc(why)}.</p></section>'
        marks = place(list(self.items.values()))
        paras = paragraphs(self.text, marks)
        body = render_paragraphs(self.text, paras, self.prefix, self.classes, self.rows, self.titles)
        return f'<section class="side">{head}<div class="doc">{body}</div></section>'


def _links(*anchors: str | None) -> str:
    got = [a for a in anchors if a]
    if not got:
        return ""
    names = " + ".join(("earlier" if a.startswith("a-") else "later") for a in got)
    return f'<a href="#{esc(got[0])}" data-go="{esc(" ".join(got))}">{names}</a>'


def _value(c: Commitment | None) -> str:
    if c is None:
        return ""
    return f"{c.raw}" if not c.metric else f"{c.metric} {c.raw}"


def _two_page(title: str, summary: str, tables: str, left: _Side, right: _Side, data: dict[str, Any]) -> str:
    body = (
        f'<header class="top"><h1>{esc(title)}</h1><p class="facts">{summary}</p></header>\n'
        f'<div class="tables">{tables}</div>\n'
        f'<div class="sides">{left.html()}{right.html()}</div>\n'
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="govplan {esc(__version__)}">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}{SIDE_CSS}</style>\n</head>\n<body>\n{body}"
        f"{json_script(data, 'govplan-data')}\n<script>{SIDE_JS}</script>\n</body>\n</html>\n"
    )


def _table(caption: str, header: Sequence[str], rows: Sequence[str]) -> str:
    if not rows:
        return f'<h2 class="cat">{esc(caption)}</h2><p style="margin:4px 20px">None.</p>\n'
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    return (
        f'<h2 class="cat">{esc(caption)}</h2><table class="changes"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>\n"
    )


def _row(row_id: str, tag: str, cells: Sequence[str], links: str) -> str:
    tds = "".join(f"<td>{esc(c)}</td>" for c in cells)
    return f'<tr id="{esc(row_id)}"><td><span class="tag {esc(tag)}">{esc(tag)}</span></td>{tds}<td>{links}</td></tr>'


def render_diff_html(
    diff: Any,
    *,
    a: tuple[Plan, str | None] | None = None,
    b: tuple[Plan, str | None] | None = None,
) -> str:
    """A diff (``govplan.diff.PlanDiff``) as a page: the changes, and both texts side by side.

    ``a`` and ``b`` are the two plans with the texts their spans index; without a text its side
    says so and the table still lists every change.
    """
    left = _Side("a-", f"earlier: {diff.a.name}", *(a or (None, None)))
    right = _Side("b-", f"later: {diff.b.name}", *(b or (None, None)))
    tables: list[str] = []
    counts: list[str] = []
    for cat in ("commitments", "projects", "sections"):
        changes = getattr(diff, cat, None)
        if changes is None:
            continue
        rows: list[str] = []
        ids = (f"row-{cat}-{n}" for n in itertools.count(1))
        for ch in changes.changed:
            r = next(ids)
            links = _links(left.add(ch.before, "chg", r), right.add(ch.after, "chg", r))
            cells = [_label(ch.before), _label(ch.after), ", ".join(ch.labels) or ", ".join(ch.fields)]
            rows.append(_row(r, "changed", cells, links))
        for x in changes.removed:
            r = next(ids)
            rows.append(_row(r, "removed", [_label(x), "", ""], _links(left.add(x, "del", r))))
        for x in changes.added:
            r = next(ids)
            rows.append(_row(r, "added", ["", _label(x), ""], _links(right.add(x, "add", r))))
        c = changes.counts()
        counts.append(
            f"<span>{cat}: {c['changed']} changed, {c['added']} added, {c['removed']} removed, {c['unchanged']} unchanged</span>"
        )
        tables.append(_table(cat.capitalize(), ["", "earlier", "later", "how", "in the texts"], rows))
    summary = "".join(counts) or "<span>nothing compared</span>"
    title = f"{diff.a.name} → {diff.b.name} · govplan diff"
    data = {"earlier": _item_data(left.items.values()), "later": _item_data(right.items.values())}
    return _two_page(title, summary, "".join(tables), left, right, data)


def _label(x: Any) -> str:
    if isinstance(x, Commitment):
        return _value(x)
    if isinstance(x, Project):
        return f"{x.name} ({x.action or x.stage})"
    number = getattr(x, "number", "")
    return f"{number} {getattr(x, 'title', '')}".strip() or str(getattr(x, "id", ""))


def render_track_html(
    report: Any,
    *,
    earlier: tuple[Plan, str | None] | None = None,
    later: tuple[Plan, str | None] | None = None,
) -> str:
    """A track report (``govplan.track.TrackReport``) as a page: verdicts, promises and evidence linked.

    Each promise is highlighted on the earlier text and its evidence on the later one, coloured by
    verdict; a row links to both.
    """
    left = _Side("a-", f"earlier plan: {report.earlier.name}", *(earlier or (None, None)))
    right = _Side("b-", f"later review: {report.later.name}", *(later or (None, None)))
    rows: list[str] = []
    for n, chk in enumerate(report.commitments, 1):
        r = f"row-commitments-{n}"
        links = _links(left.add(chk.promise, chk.verdict, r), right.add(chk.evidence, chk.verdict, r))
        rows.append(_row(r, chk.verdict, [_value(chk.promise), _value(chk.evidence), chk.note], links))
    prow: list[str] = []
    for n, pc in enumerate(report.projects, 1):
        r = f"row-projects-{n}"
        links = _links(left.add(pc.project, pc.verdict, r), right.add(pc.evidence, pc.verdict, r))
        prow.append(
            _row(
                r,
                pc.verdict,
                [_label(pc.project), _label(pc.evidence) if pc.evidence else "", pc.note],
                links,
            )
        )
    tables = _table("Commitments", ["verdict", "promise", "review", "note", "in the texts"], rows) + _table(
        "Projects", ["verdict", "project", "review", "note", "in the texts"], prow
    )
    title = f"{report.earlier.name} → {report.later.name} · govplan track"
    data = {"earlier": _item_data(left.items.values()), "later": _item_data(right.items.values())}
    return _two_page(title, f"<span>{esc(report.score_line())}</span>", tables, left, right, data)
