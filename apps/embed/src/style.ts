/** The banner's own styles, scoped by its class so the host page's rules and ours do not mix. */
export const STYLE = `.privet-banner{position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:80vh;overflow:auto;box-sizing:border-box;padding:1rem 1.25rem;background:#fff;color:#1a1a1a;border-top:2px solid #1a1a1a;font:16px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.2)}
.privet-banner:focus{outline:3px solid #1d4ed8;outline-offset:-3px}
.privet-banner h2{font-size:1.25rem;margin:0}
.privet-banner .privet-head{display:flex;justify-content:space-between;gap:1rem;align-items:center}
.privet-banner fieldset{border:1px solid #767676;margin:.5rem 0;padding:.5rem}
.privet-banner .privet-switch{display:flex;gap:.5rem;align-items:flex-start;margin:.25rem 0}
.privet-banner .privet-actions{display:flex;flex-wrap:wrap;gap:.5rem}
.privet-banner .privet-actions button{flex:1 1 10rem}
.privet-banner button{font:inherit;padding:.5rem 1rem;border:2px solid #1a1a1a;border-radius:4px;background:#fff;color:#1a1a1a;cursor:pointer}
.privet-banner button:focus-visible,.privet-banner input:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.privet-banner [role=alert]:empty{display:none}`;
