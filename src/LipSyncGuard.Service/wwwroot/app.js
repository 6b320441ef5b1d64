// The LipSyncGuard page: upload with progress, then render the verdict, the faces and the timeline. No external code.
(() => {
  const $ = id => document.getElementById(id);
  const form = $('upload'), input = $('file');
  const pct = p => (p == null ? '–' : `${(100 * p).toFixed(0)}%`);
  // Long videos (by size) go through the jobs API: no connection held for minutes, and a real progress bar.
  const JOB_BYTES = 10 * 1024 * 1024;

  form.addEventListener('click', e => { if (e.target.tagName !== 'SELECT' && e.target.tagName !== 'OPTION') input.click(); });
  form.addEventListener('dragover', e => { e.preventDefault(); form.classList.add('over'); });
  form.addEventListener('dragleave', () => form.classList.remove('over'));
  form.addEventListener('drop', e => { e.preventDefault(); form.classList.remove('over'); if (e.dataTransfer.files.length) upload(e.dataTransfer.files[0]); });
  input.addEventListener('change', () => { if (input.files.length) upload(input.files[0]); });

  function upload(file) {
    $('error').hidden = true; $('result').hidden = true; $('progress').hidden = false;
    $('bar').value = 0; $('status').textContent = `Uploading ${file.name}…`;
    const data = new FormData();
    data.append('video_file', file);
    data.append('select_strategy', $('select').value);
    const viaJob = file.size > JOB_BYTES;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', viaJob ? '/api/jobs' : '/api/lip-sync');
    xhr.responseType = 'json';
    xhr.upload.onprogress = e => { if (e.lengthComputable) $('bar').value = 100 * e.loaded / e.total; };
    xhr.upload.onload = () => { $('bar').removeAttribute('value'); $('status').textContent = 'Analysing…'; };
    xhr.onerror = () => fail('The server could not be reached.');
    xhr.onload = () => {
      if (viaJob && xhr.status === 202 && xhr.response) return poll(xhr.response.id);
      $('progress').hidden = true;
      if (xhr.status === 200 && xhr.response) render(xhr.response);
      else fail(xhr.response && xhr.response.detail ? `${xhr.response.title}: ${xhr.response.detail}` : `The server answered ${xhr.status}.`);
    };
    xhr.send(data);
  }

  async function poll(id) {
    try {
      const job = await (await fetch(`/api/jobs/${id}`)).json();
      if (job.state === 'succeeded') { $('progress').hidden = true; return render(job.result); }
      if (job.state === 'failed') return fail(`${job.error.title}: ${job.error.detail}`);
      if (job.state === 'cancelled') return fail('The job was cancelled.');
      $('bar').value = 100 * job.progress;
      $('status').textContent = job.state === 'queued' ? 'Queued…' : `Analysing… ${pct(job.progress)}`;
      setTimeout(() => poll(id), 1000);
    } catch { fail('The server could not be reached.'); }
  }

  function fail(message) { $('progress').hidden = true; $('error').textContent = message; $('error').hidden = false; }

  function render(r) {
    const verdict = $('verdict');
    verdict.className = 'verdict ' + (r.is_fake ? 'fake' : 'real');
    verdict.textContent = r.is_fake ? `Likely manipulated (${pct(r.manipulation_probability)})` : `Consistent with the speech (${pct(r.confidence)} real)`;
    $('summary').textContent = `${r.video.width}×${r.video.height}, ${r.video.duration_s.toFixed(1)} s · mode ${r.model.mode} · threshold ${pct(r.threshold)} · ${r.processing_ms} ms`;
    const warnings = $('warnings'); warnings.replaceChildren();
    for (const w of r.warnings) { const li = document.createElement('li'); li.textContent = w; warnings.append(li); }
    const faces = $('faces'); faces.replaceChildren();
    for (const f of r.faces) faces.append(faceCard(f));
    $('result').hidden = false;
    drawTimeline(r.faces.filter(f => f.selected), r.video.duration_s);
  }

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
    row('manipulation', pct(f.manipulation_probability));
    row('sync score', pct(f.sync_score));
    row('AV offset', f.av_offset_ms == null ? '–' : `${f.av_offset_ms.toFixed(0)} ms`);
    row('mouth texture', pct(f.texture_probability));
    row('cue', f.cue);
    row('time', `${f.start_s.toFixed(1)}–${f.end_s.toFixed(1)} s`);
    card.append(img, dl);
    return card;
  }

  function drawTimeline(faces, duration) {
    const canvas = $('timeline'), g = canvas.getContext('2d');
    const W = canvas.width, H = canvas.height, left = 40, bottom = 24, top = 10;
    g.clearRect(0, 0, W, H);
    g.font = '12px system-ui'; g.fillStyle = '#5b6475'; g.strokeStyle = '#d5d9e0';
    for (const p of [0, 0.5, 1]) {
      const y = top + (1 - p) * (H - top - bottom);
      g.beginPath(); g.moveTo(left, y); g.lineTo(W, y); g.stroke(); g.fillText(pct(p), 4, y + 4);
    }
    const x = t => left + (W - left - 4) * t / Math.max(duration, 0.001);
    g.fillText('0 s', left, H - 6); g.fillText(`${duration.toFixed(1)} s`, W - 40, H - 6);
    const colours = ['#2f6fed', '#d9480f', '#2b8a3e', '#862e9c', '#e67700'];
    faces.forEach((f, i) => {
      for (const w of f.timeline) {
        const x0 = x(w.start_s), x1 = x(w.end_s);
        if (w.manipulation_probability == null) { g.fillStyle = 'rgba(150,150,150,.25)'; g.fillRect(x0, top, x1 - x0, H - top - bottom); continue; }
        const y = top + (1 - w.manipulation_probability) * (H - top - bottom);
        g.fillStyle = colours[i % colours.length]; g.globalAlpha = .55; g.fillRect(x0, y, Math.max(2, (x1 - x0) / 2), H - bottom - y); g.globalAlpha = 1;
      }
      // The sync measure's own view (1 − sync score) as a dashed line: where the bars and the line disagree, the
      // detector is reacting to the mouth pixels rather than to lips and audio drifting apart.
      g.strokeStyle = colours[i % colours.length]; g.setLineDash([4, 3]); g.lineWidth = 1.5; g.beginPath();
      let drawing = false;
      for (const w of f.timeline) {
        if (w.sync_score == null) { drawing = false; continue; }
        const px = x((w.start_s + w.end_s) / 2), py = top + w.sync_score * (H - top - bottom);
        if (drawing) g.lineTo(px, py); else g.moveTo(px, py);
        drawing = true;
      }
      g.stroke(); g.setLineDash([]); g.lineWidth = 1; g.strokeStyle = '#d5d9e0';
    });
    g.fillStyle = '#5b6475';
    g.fillText('bars: manipulation probability per 1 s window · dashed: 1 − sync score', left + 60, H - 6);
  }
})();
