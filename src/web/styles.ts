/** The one stylesheet, inlined: small, readable, high-contrast, keyboard-visible focus. */
export const styles = `
:root { --ink:#1d2433; --muted:#5a6478; --line:#d7dce5; --bg:#f7f8fb; --accent:#1f5f8b; --accent-ink:#fff; --ok:#1c6b3a; --bad:#a4262c; }
* { box-sizing: border-box; }
body { margin:0; font:16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
a { color:var(--accent); }
:focus-visible { outline:3px solid #f2b705; outline-offset:2px; }
.skip { position:absolute; left:-999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:8px; z-index:10; }
.visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); }
header.top { display:flex; flex-wrap:wrap; gap:16px; align-items:center; padding:10px 24px; background:#fff; border-bottom:1px solid var(--line); }
.brand::before { content:''; display:inline-block; width:0; height:0; border-left:9px solid transparent; border-right:9px solid transparent; border-bottom:14px solid var(--accent); margin-right:6px; }
.brand { font-weight:700; font-size:1.2rem; text-decoration:none; color:var(--ink); }
header nav ul { display:flex; flex-wrap:wrap; gap:8px 16px; list-style:none; margin:0; padding:0; }
.account { margin-left:auto; display:flex; gap:14px; align-items:center; flex-wrap:wrap; }
.switcher { display:flex; gap:6px; align-items:center; }
main { max-width:960px; margin:24px auto; padding:0 24px; }
footer { max-width:960px; margin:48px auto 24px; padding:0 24px; color:var(--muted); font-size:.9rem; }
h1 { font-size:1.8rem; margin:.2em 0 .6em; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:20px; margin-bottom:20px; }
form.stack { display:grid; gap:14px; max-width:480px; }
form.stack > button { justify-self:start; }
.field { display:grid; gap:4px; }
.field label { font-weight:600; }
.hint { color:var(--muted); font-size:.9rem; }
.error-text { color:var(--bad); font-weight:600; font-size:.95rem; }
input[type=text], input[type=email], input[type=password], input[type=url], select, textarea { font:inherit; padding:8px 10px; border:1px solid #8a93a6; border-radius:6px; width:100%; background:#fff; }
[aria-invalid=true] { border-color:var(--bad); border-width:2px; }
button, .button { font:inherit; padding:8px 16px; border-radius:6px; border:1px solid var(--accent); background:var(--accent); color:var(--accent-ink); cursor:pointer; text-decoration:none; display:inline-block; }
button.secondary { background:#fff; color:var(--accent); }
button.danger { background:#fff; color:var(--bad); border-color:var(--bad); }
button.link { background:none; border:none; color:var(--accent); padding:0; text-decoration:underline; }
form.inline { display:inline; }
fieldset { border:1px solid var(--line); border-radius:6px; }
.checks label { display:block; font-weight:400; }
.flash { padding:10px 14px; border-radius:6px; border:1px solid; }
.flash.success { background:#e8f5ec; border-color:var(--ok); }
.flash.info { background:#e8f0f8; border-color:var(--accent); }
.flash.error, .error-summary { background:#fbeaea; border:1px solid var(--bad); padding:10px 14px; border-radius:6px; }
table { width:100%; border-collapse:collapse; background:#fff; }
th, td { text-align:left; padding:8px; border-bottom:1px solid var(--line); vertical-align:top; }
.tag { display:inline-block; padding:1px 8px; border-radius:10px; background:#e8edf5; font-size:.85rem; margin:1px; }
.muted { color:var(--muted); }
pre { white-space:pre-wrap; background:#fff; border:1px solid var(--line); padding:12px; border-radius:6px; }
`;
