// The LipSyncGuard page: upload with progress, then the verdict with its reasons, the video with the timeline under it
// (click a window to seek), the flagged moments with their mouth strips, the faces, and the case report download.
// No external code; the video plays from the local file (a blob URL), never from the server.
(() => {
  const $ = id => document.getElementById(id);
  const form = $('upload'), input = $('file');
  const pct = p => (p == null ? '–' : `${(100 * p).toFixed(0)}%`);
  // Long videos (by size) go through the jobs API: no connection held for minutes, and a real progress bar.
  const JOB_BYTES = 10 * 1024 * 1024;
  const SVG = 'http://www.w3.org/2000/svg';
  const colours = ['#2f6fed', '#d9480f', '#2b8a3e', '#862e9c', '#e67700'];
  const labels = { consistent: 'Consistent with the speech', inconclusive: 'Inconclusive', manipulated: 'Likely manipulated', not_judged: 'Not judged' };
  let current = null, currentFile = null, videoUrl = null;

  form.addEventListener('click', e => { if (e.target.tagName !== 'SELECT' && e.target.tagName !== 'OPTION') input.click(); });
  form.addEventListener('dragover', e => { e.preventDefault(); form.classList.add('over'); });
  form.addEventListener('dragleave', () => form.classList.remove('over'));
  form.addEventListener('drop', e => { e.preventDefault(); form.classList.remove('over'); if (e.dataTransfer.files.length) upload(e.dataTransfer.files[0]); });
  input.addEventListener('change', () => { if (input.files.length) upload(input.files[0]); });
  $('report').addEventListener('click', downloadReport);

  function upload(file) {
    $('error').hidden = true; $('result').hidden = true; $('progress').hidden = false;
    $('bar').value = 0; $('status').textContent = `Uploading ${file.name}…`;
    const data = new FormData();
    data.append('video_file', file);
    data.append('select_strategy', $('select').value);
    // Empty: the server's own point (LIPSYNC_OPERATING_POINT).
    if ($('point').value) data.append('operating_point', $('point').value);
    const viaJob = file.size > JOB_BYTES;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', viaJob ? '/api/jobs' : '/api/lip-sync');
    xhr.responseType = 'json';
    xhr.upload.onprogress = e => { if (e.lengthComputable) $('bar').value = 100 * e.loaded / e.total; };
    xhr.upload.onload = () => { $('bar').removeAttribute('value'); $('status').textContent = 'Analysing…'; };
    xhr.onerror = () => fail('The server could not be reached.');
    xhr.onload = () => {
      if (viaJob && xhr.status === 202 && xhr.response) return poll(xhr.response.id, file);
      $('progress').hidden = true;
      if (xhr.status === 200 && xhr.response) { currentFile = file; render(xhr.response); }
      else fail(xhr.response && xhr.response.detail ? `${xhr.response.title}: ${xhr.response.detail}` : `The server answered ${xhr.status}.`);
    };
    xhr.send(data);
  }

  async function poll(id, file) {
    try {
      const job = await (await fetch(`/api/jobs/${id}`)).json();
      if (job.state === 'succeeded') { $('progress').hidden = true; currentFile = file; return render(job.result); }
      if (job.state === 'failed') return fail(`${job.error.title}: ${job.error.detail}`);
      if (job.state === 'cancelled') return fail('The job was cancelled.');
      $('bar').value = 100 * job.progress;
      $('status').textContent = job.state === 'queued' ? 'Queued…' : `Analysing… ${pct(job.progress)}`;
      setTimeout(() => poll(id, file), 1000);
    } catch { fail('The server could not be reached.'); }
  }

  function fail(message) { $('progress').hidden = true; $('error').textContent = message; $('error').hidden = false; }

  function render(r) {
    current = r;
    const verdict = $('verdict');
    verdict.className = 'verdict ' + r.verdict;
    verdict.textContent = labels[r.verdict] + (r.verdict === 'not_judged' ? '' : ` (manipulation ${pct(r.manipulation_probability)})`);
    const reasons = $('reasons'); reasons.replaceChildren();
    // What decided it: the worst judged selected face's cue and its strongest flagged moment, then the reasons.
    const decider = r.faces.find(f => f.selected && f.verdict === r.verdict && f.manipulation_probability != null);
    if (decider && r.verdict !== 'not_judged') {
      const top = decider.flagged && decider.flagged[0];
      reasons.append(reasonItem({ code: 'cue', message: `face ${decider.track_id}: ${decider.cue === 'none' ? 'no cue flags it' : `flagged by ${decider.cue}`}` +
        (top ? `, strongest at ${top.start_s.toFixed(1)}–${top.end_s.toFixed(1)} s (${pct(top.manipulation_probability)})` : '') + `; judged on ${decider.analysed_s.toFixed(1)} s` }));
    }
    for (const reason of r.reasons) reasons.append(reasonItem(reason));
    const t = r.thresholds || { inconclusive: r.threshold, manipulated: r.threshold };
    $('summary').textContent = `${r.video.width}×${r.video.height}, ${r.video.duration_s.toFixed(1)} s (${r.video.analysed_s.toFixed(1)} s analysed) · mode ${r.model.mode}${r.operating_point ? `, ${r.operating_point} operating point` : ''} · manipulated at ≥ ${pct(t.manipulated)}, inconclusive from ${pct(t.inconclusive)} · ${r.processing_ms} ms`;
    const warnings = $('warnings'); warnings.replaceChildren();
    for (const w of r.warnings.filter(w => !r.reasons.some(x => `${x.code}: ${x.message}` === w))) { const li = document.createElement('li'); li.textContent = w; warnings.append(li); }
    const faces = $('faces'); faces.replaceChildren();
    for (const f of r.faces) faces.append(faceCard(f));
    if (videoUrl) URL.revokeObjectURL(videoUrl);
    videoUrl = currentFile ? URL.createObjectURL(currentFile) : null;
    if (videoUrl) $('video').src = videoUrl;
    $('report-status').textContent = '';
    $('result').hidden = false;
    const selected = r.faces.filter(f => f.selected);
    drawTimeline(selected, r.video.duration_s, t);
    showEvidence(selected);
    showLimits();
  }

  // The loaded model's weak spots in its own words — the cue verdict's, written by its fit from held-out figures, or the
  // trained detector's card — fetched once; left hidden if the card cannot be read.
  let limits = null;
  async function showLimits() {
    try {
      if (!limits) {
        const card = await (await fetch('/api/model')).json();
        limits = (card.cues && card.cues.limitations) || (card.detector && card.detector.limitations) || [];
      }
      $('limit-list').replaceChildren(...limits.map(text => { const li = document.createElement('li'); li.textContent = text; return li; }));
      $('limits').hidden = limits.length === 0;
    } catch { $('limits').hidden = true; }
  }

  function reasonItem(reason) {
    const li = document.createElement('li');
    const code = document.createElement('code'); code.textContent = reason.code;
    li.append(code, ' ', reason.message);
    return li;
  }

  function seek(seconds) { const v = $('video'); if (!v.src) return; v.currentTime = seconds; v.play().catch(() => {}); }

  function faceCard(f) {
    const card = document.createElement('div');
    card.className = 'face' + (f.selected ? ' selected' : '');
    card.dataset.trackId = f.track_id;
    const img = document.createElement('img');
    img.alt = `face ${f.track_id}`;
    if (f.thumbnail) img.src = f.thumbnail;
    const dl = document.createElement('dl');
    const row = (k, v) => { const dt = document.createElement('dt'); dt.textContent = k; const dd = document.createElement('dd'); dd.textContent = v; dl.append(dt, dd); };
    row('face', `#${f.track_id}${f.selected ? ' (selected)' : ''}${f.fallback ? ' (centre crop)' : ''}`);
    row('verdict', (labels[f.verdict] || f.verdict).toLowerCase());
    row('manipulation', pct(f.manipulation_probability));
    row('sync score', pct(f.sync_score));
    row('AV offset', f.av_offset_ms == null ? '–' : `${f.av_offset_ms.toFixed(0)} ms`);
    row('mouth texture', pct(f.texture_probability));
    row('cue', f.cue);
    row('time', `${f.start_s.toFixed(1)}–${f.end_s.toFixed(1)} s (${(f.analysed_s || 0).toFixed(1)} s judged)`);
    card.append(img, dl);
    if (f.reasons && f.reasons.length) {
      const ul = document.createElement('ul'); ul.className = 'reasons';
      for (const reason of f.reasons) ul.append(reasonItem(reason));
      card.append(ul);
    }
    return card;
  }

  function el(name, attributes, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
    parent.append(node);
    return node;
  }

  function drawTimeline(faces, duration, t) {
    const svg = $('timeline'); svg.replaceChildren();
    const W = 640, H = 160, left = 34, top = 8, bottom = 20;
    const x = s => left + (W - left - 6) * s / Math.max(duration, 0.001);
    const y = p => top + (1 - p) * (H - top - bottom);
    for (const p of [0, 0.5, 1]) {
      el('line', { x1: left, x2: W, y1: y(p), y2: y(p), stroke: '#d5d9e0' }, svg);
      el('text', { x: 2, y: y(p) + 4, 'font-size': 10, fill: '#5b6475' }, svg).textContent = pct(p);
    }
    for (const p of new Set([t.inconclusive, t.manipulated]))
      el('line', { x1: left, x2: W, y1: y(p), y2: y(p), stroke: '#b33', 'stroke-dasharray': '4 3' }, svg);
    el('text', { x: left, y: H - 5, 'font-size': 10, fill: '#5b6475' }, svg).textContent = '0 s';
    el('text', { x: W - 40, y: H - 5, 'font-size': 10, fill: '#5b6475' }, svg).textContent = `${duration.toFixed(1)} s`;
    faces.forEach((f, i) => {
      const colour = colours[i % colours.length];
      for (const w of f.timeline) {
        const p = w.manipulation_probability;
        const x0 = x(w.start_s), width = Math.max(2, (x(w.end_s) - x0) / 2);
        const flagged = w.judged && p != null && p >= t.inconclusive;
        const rect = el('rect', {
          x: x0, y: p == null ? top : y(p), width, height: p == null ? H - top - bottom : y(0) - y(p),
          fill: p == null ? 'rgba(150,150,150,.2)' : w.judged ? colour : 'none', 'fill-opacity': 0.6,
          stroke: flagged ? '#c92a2a' : p == null ? 'none' : colour, 'stroke-width': flagged ? 2 : 1,
          class: 'window' + (flagged ? ' flagged' : ''), 'data-start': w.start_s,
        }, svg);
        el('title', {}, rect).textContent = `face ${f.track_id}, ${w.start_s.toFixed(2)}–${w.end_s.toFixed(2)} s: ${pct(p)}` +
          (w.judged ? '' : p == null ? ' (not judged: no speech or no trusted mouth)' : ` (not judged: ${w.not_judged_reason || 'no speech'})`);
        rect.addEventListener('click', () => seek(w.start_s));
      }
    });
    const cursor = el('line', { x1: left, x2: left, y1: top, y2: H - bottom, stroke: '#1d2330' }, svg);
    $('video').ontimeupdate = () => { const cx = x($('video').currentTime); cursor.setAttribute('x1', cx); cursor.setAttribute('x2', cx); };
  }

  function showEvidence(faces) {
    const panel = $('evidence'); panel.replaceChildren();
    const heading = document.createElement('h3'); heading.textContent = 'Flagged moments'; panel.append(heading);
    const items = faces.flatMap(f => (f.flagged || []).map(w => ({ face: f.track_id, w })))
      .sort((a, b) => b.w.manipulation_probability - a.w.manipulation_probability);
    if (!items.length) { const p = document.createElement('p'); p.textContent = 'No judged window reaches the inconclusive threshold.'; panel.append(p); return; }
    for (const { face, w } of items) {
      const item = document.createElement('button'); item.type = 'button'; item.className = 'moment';
      const head = document.createElement('b');
      head.textContent = `face ${face} · ${w.start_s.toFixed(1)}–${w.end_s.toFixed(1)} s · ${pct(w.manipulation_probability)} · ${w.cue}`;
      item.append(head);
      if (w.mouth_strip) { const img = document.createElement('img'); img.src = w.mouth_strip; img.alt = 'mouth crops across the window'; item.append(img); }
      const check = document.createElement('span'); check.textContent = w.check; item.append(check);
      item.addEventListener('click', () => seek(w.start_s));
      panel.append(item);
    }
  }

  async function downloadReport() {
    if (!current) return;
    $('report-status').textContent = 'Preparing…';
    const name = currentFile ? `?name=${encodeURIComponent(currentFile.name)}` : '';
    const response = await fetch(`/api/lip-sync/report${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(current) });
    if (!response.ok) { $('report-status').textContent = `The server answered ${response.status}.`; return; }
    const blob = await response.blob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${(currentFile ? currentFile.name.replace(/\.[^.]*$/, '') : 'video')}.case.html`;
    link.id = 'report-link';
    document.body.append(link); link.click(); link.remove();
    $('report-status').textContent = 'Downloaded.';
  }
})();
