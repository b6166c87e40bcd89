//! The browser side of the islands (DESIGN "Progressive enhancement,
//! islands"): pages are complete HTML from the server; only the parts that
//! must react in the browser are `#[island]` components, and the wasm that
//! runs them is fetched only by a page that has one.

use leptos::prelude::*;

/// The loader in the page's head. Leptos' own `HydrationScripts` preloads
/// the bundle on every page; this one looks for islands first, so a help
/// article, the sign-in page or a plain list downloads no wasm at all. It
/// hydrates each island (and the server-rendered children inside it) the
/// way Leptos' islands script does, then marks the body `data-hydrated`
/// (end-to-end tests wait for it; a page without islands is marked at once).
#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    let (js, wasm) = bundle_files(&options);
    let pkg = options.site_pkg_dir.to_string();
    let script = LOADER
        .replace("JS_URL", &format!("/{pkg}/{js}"))
        .replace("WASM_URL", &format!("/{pkg}/{wasm}"));
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script> }
}

/// Islands are hydrated in document order; an island's server-rendered
/// children (`leptos-children`) are handed their owner before the islands
/// inside them hydrate.
///
/// Live regions (`data-live="<event stream>"`, see `ui::live`) are
/// server-rendered parts that follow the server: on every event of their
/// stream, and on every (re)connection in case one was missed, the page is
/// fetched again and each region replaced by its new version. A region the
/// reader has typed into is not replaced (their words stay); its note
/// (`data-live-note`) says the page changed instead. A region that differs
/// only by its forms' fresh keys is left alone, and a `<details>` the reader
/// opened stays open in the new version (its `data-testid` or `id` names it).
const LOADER: &str = r#"(()=>{
let pending=0;const step=()=>{if(--pending===0)document.body.setAttribute('data-hydrated','true')};
let mod=null;const load=()=>mod||(mod=import('JS_URL').then(async m=>{await m.default({module_or_path:'WASM_URL'});m.hydrate();return m}));
const hydrateIn=async root=>{if(!root.querySelector('leptos-island'))return;const m=await load();const owners=[];
const walk=async n=>{if(n.nodeType!==1)return;const tag=n.localName;
if(tag==='leptos-island'){const f=m[n.dataset.component];if(f){const o=owners[owners.length-1];if(o)o();const r=f(n);if(r&&r.then)await r}}
if(tag==='leptos-children'){owners.push(n.$$on_hydrate);for(const c of n.children)await walk(c);owners.pop()}
else for(const c of n.children)await walk(c)};await walk(root)};
const bare=el=>{const c=el.cloneNode(true);c.querySelectorAll('input[name=key]').forEach(i=>i.removeAttribute('value'));return c.innerHTML};
const same=(a,b)=>bare(a)===bare(b);const key=d=>d.dataset.testid||d.id;
const watch=r=>r.addEventListener('input',()=>{r.dataset.dirty='1'});
const live=()=>{const first=document.querySelector('[data-live]');if(!first||!window.EventSource)return;
pending++;let opened=false;
const refresh=async()=>{try{const res=await fetch(location.href,{headers:{accept:'text/html'}});if(!res.ok)return;
const doc=new DOMParser().parseFromString(await res.text(),'text/html');
for(const r of document.querySelectorAll('[data-live-id]')){const n=doc.querySelector('[data-live-id="'+r.dataset.liveId+'"]');
if(!n||same(n,r))continue;if(r.dataset.dirty){const note=r.querySelector('[data-live-note]');if(note)note.hidden=false;continue}
const open=[...r.querySelectorAll('details[open]')].map(key).filter(Boolean);
for(const d of n.querySelectorAll('details'))if(open.includes(key(d)))d.open=true;
r.replaceWith(n);watch(n);await hydrateIn(n)}}catch(e){}};
document.querySelectorAll('[data-live-id]').forEach(watch);
const src=new EventSource(first.dataset.live);
src.addEventListener('open',()=>{refresh().then(()=>{if(!opened){opened=true;step()}})});
for(const e of ['message','step'])src.addEventListener(e,refresh)};
const start=()=>{pending++;live();hydrateIn(document.body).finally(step)};
if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',start);else start()})()"#;

/// The content-hashed names of the JS glue and the wasm (`hash.txt` beside
/// the server binary, written by scripts/build-site.sh), read once.
fn bundle_files(options: &LeptosOptions) -> (String, String) {
    use std::sync::OnceLock;
    static FILES: OnceLock<(String, String)> = OnceLock::new();
    FILES
        .get_or_init(|| {
            let name = options.output_name.to_string();
            let hashes = if options.hash_files {
                std::env::current_exe()
                    .ok()
                    .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
                    .and_then(|path| std::fs::read_to_string(path).ok())
                    .unwrap_or_default()
            } else {
                String::new()
            };
            let hash_of = |kind: &str| {
                hashes.lines().find_map(|line| {
                    let (file, hash) = line.split_once(':')?;
                    (file.trim() == kind).then(|| hash.trim().to_string())
                })
            };
            match (hash_of("js"), hash_of("wasm")) {
                (Some(js), Some(wasm)) => (format!("{name}.{js}.js"), format!("{name}.{wasm}.wasm")),
                _ => (format!("{name}.js"), format!("{name}_bg.wasm")),
            }
        })
        .clone()
}
