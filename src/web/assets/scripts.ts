// Small page scripts, served as static, content-hashed files (the Content-Security-Policy forbids
// inline scripts). Each one only enhances a page that already works without JavaScript.

/**
 * Evidence autosave on the earner's application page (form[data-autosave]): after a pause in
 * typing, the typed parts are sent to the form's save address (files are left to the buttons)
 * and a visible status says "Saving…", "Saved at 14:02" or why not. Leaving the page with
 * changes that are not saved yet asks first (beforeunload). Without JavaScript the page's Save
 * and Submit buttons send everything typed.
 */
export const AUTOSAVE_JS = `(function () {
  var form = document.querySelector('form[data-autosave]');
  if (!form || !window.fetch || !window.FormData) return;
  var status = form.querySelector('[data-autosave-status]');
  var dirty = false, timer = null, saving = false, again = false, leaving = false;
  function say(text) { if (status) status.textContent = text; }
  function fields() {
    var data = new FormData();
    var controls = form.querySelectorAll('textarea[name^=part], input[name^=part]');
    for (var i = 0; i < controls.length; i++) data.append(controls[i].name, controls[i].value);
    return data;
  }
  function save() {
    timer = null;
    if (saving) { again = true; return; }
    saving = true; again = false;
    var sentDirty = dirty;
    dirty = false;
    say('Saving…');
    var token = form.querySelector('input[name=_csrf]');
    fetch(form.getAttribute('data-autosave'), { method: 'POST', body: fields(), credentials: 'same-origin', headers: { accept: 'application/json', 'x-csrf-token': token ? token.value : '' } })
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
      .then(function (r) {
        if (r.ok) {
          var now = new Date();
          say('Saved at ' + String(now.getHours()).padStart(2, '0') + ':' + String(now.getMinutes()).padStart(2, '0') + '.');
        } else {
          dirty = dirty || sentDirty;
          var e = r.body && r.body.error;
          var why = e && e.fields ? Object.keys(e.fields).map(function (k) { return e.fields[k]; }).join(' ') : (e && e.message);
          say('Not saved: ' + (why || 'please try again.'));
        }
      })
      .catch(function () { dirty = dirty || sentDirty; say('Not saved: check your connection. Your text is still here.'); })
      .then(function () { saving = false; if (again) save(); });
  }
  function changed() {
    dirty = true;
    say('Unsaved changes…');
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, Number(form.getAttribute('data-autosave-pause')) || 1500);
  }
  form.addEventListener('input', function (event) {
    if (event.target && /^part/.test(event.target.name || '')) changed();
  });
  form.addEventListener('change', function (event) {
    if (event.target && event.target.type === 'file' && event.target.files && event.target.files.length) { dirty = true; say('Choose “Save draft” to upload the file.'); }
  });
  // The buttons send everything typed (and chosen files) with the form itself.
  form.addEventListener('submit', function () { leaving = true; if (timer) clearTimeout(timer); });
  window.addEventListener('beforeunload', function (event) {
    if (leaving || (!dirty && !saving)) return;
    event.preventDefault();
    event.returnValue = 'You have changes that are not saved yet.';
    return event.returnValue;
  });
})();
`;

/**
 * Copy buttons: every element with data-copy-from="<id of a textarea, input or code>" becomes
 * a button that copies that text and says so; without JavaScript the buttons stay hidden and
 * the text stays selectable.
 */
export const COPY_JS = `(function () {
  var buttons = document.querySelectorAll('[data-copy-from]');
  for (var i = 0; i < buttons.length; i++) (function (button) {
    var source = document.getElementById(button.getAttribute('data-copy-from'));
    if (!source) return;
    var label = button.textContent;
    var note = document.createElement('span');
    note.setAttribute('role', 'status');
    note.className = 'muted';
    button.insertAdjacentElement('afterend', note);
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = 'value' in source ? source.value : source.textContent;
      var copied = button.getAttribute('data-copied') || 'Copied';
      var done = function () { note.textContent = ' ' + copied + '.'; button.textContent = copied; setTimeout(function () { button.textContent = label; note.textContent = ''; }, 3000); };
      var fallback = function () {
        if (source.select) { source.focus(); source.select(); }
        try { document.execCommand('copy'); done(); } catch (e) { note.textContent = ' Select the text and copy it.'; }
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
      else fallback();
    });
  })(buttons[i]);
})();
`;

/**
 * The micro-credential design form: sections marked data-earning-modes="a b" are shown only while
 * the earning mode select (#f-earningMode) has one of those values.
 */
export const DESIGN_FORM_JS = `(function () {
  var select = document.getElementById('f-earningMode');
  if (!select) return;
  var sections = document.querySelectorAll('[data-earning-modes]');
  function follow() {
    for (var i = 0; i < sections.length; i++) sections[i].hidden = sections[i].getAttribute('data-earning-modes').split(' ').indexOf(select.value) < 0;
  }
  select.addEventListener('change', follow);
  follow();
})();
`;

/**
 * The bulk award upload form (form[data-stream-upload]): when scripts run, the file is sent as the body of a
 * streamed request to the JSON API (no size cap, memory flat on the server) instead of multipart.
 */
export const BULK_AWARD_JS = `document.addEventListener('DOMContentLoaded', function () {
  var form = document.querySelector('form[data-stream-upload]');
  if (!form || !window.fetch) return;
  form.addEventListener('submit', function (event) {
    var input = form.querySelector('input[type=file]');
    var file = input && input.files && input.files[0];
    if (!file) return;
    event.preventDefault();
    var status = form.querySelector('[data-upload-status]');
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    var say = function (name, fallback) { return form.getAttribute('data-' + name) || fallback; };
    status.textContent = say('uploading', 'Uploading {file}…').replace('{file}', file.name);
    var mc = form.querySelector('select[name=microCredential]').value;
    var url = form.getAttribute('data-stream-upload') + '?microCredential=' + encodeURIComponent(mc) + '&fileName=' + encodeURIComponent(file.name);
    fetch(url, { method: 'POST', body: file, credentials: 'same-origin', headers: { 'content-type': 'text/csv', accept: 'application/json', 'x-csrf-token': form.querySelector('input[name=_csrf]').value } })
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
      .then(function (r) {
        if (r.ok) { window.location.href = r.body.page; return; }
        status.textContent = (r.body && r.body.error && r.body.error.message) || say('upload-failed', 'The upload failed.');
        button.disabled = false;
      })
      .catch(function () { status.textContent = say('upload-offline', 'The upload failed; check the connection and try again.'); button.disabled = false; });
  });
});
`;

/** The scripts by file name under /assets/ (served content-hashed by ./assets/registry.ts). */
export const PAGE_SCRIPTS = {
  'evidence-autosave.js': AUTOSAVE_JS,
  'copy.js': COPY_JS,
  'design-form.js': DESIGN_FORM_JS,
  'bulk-award.js': BULK_AWARD_JS,
} as const;
export type PageScript = keyof typeof PAGE_SCRIPTS;
