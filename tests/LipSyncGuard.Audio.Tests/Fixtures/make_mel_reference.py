#!/usr/bin/python3
"""Makes the log-mel reference fixtures for LogMelSpectrogramTests, once, with torchaudio (an implementation
independent of ours). Debian 12: apt-get install python3-torchaudio (torchaudio 0.13.1, torch 1.13.1).

  /usr/bin/python3 make_mel_reference.py        (in this folder) writes:
    mel_input.f32          1.2 s of test signal, 16 kHz mono, float32 little-endian
    mel_reflect.f32        its log-mel with center=True, pad_mode="reflect" (our default), frames × 80, float32 LE
    mel_zero.f32           the same with pad_mode="constant" (MelPadding.Zero)
    mel_reference.json     the settings, shapes and library versions
"""
import json

import numpy as np
import torch
import torchaudio

SR, N_FFT, WIN, HOP, MELS = 16000, 512, 400, 160, 80

rng = np.random.default_rng(20240605)
t = np.arange(int(1.2 * SR)) / SR
# A signal that exercises every bin and the floor: a 100 Hz → 7 kHz chirp, a 1 kHz tone burst, a noise burst,
# a stretch of exact silence, and a click.
chirp = 0.3 * np.sin(2 * np.pi * (100 * t + (7000 - 100) / (2 * 1.2) * t ** 2))
tone = 0.5 * np.sin(2 * np.pi * 1000 * t) * ((t > 0.2) & (t < 0.5))
noise = 0.1 * rng.standard_normal(t.size) * ((t > 0.6) & (t < 0.8))
signal = chirp * (t < 0.9) + tone + noise
signal[int(0.95 * SR):int(1.05 * SR)] = 0
signal[int(1.1 * SR)] = 0.9
x = signal.astype(np.float32)
x.tofile("mel_input.f32")

for pad_mode, name in (("reflect", "mel_reflect.f32"), ("constant", "mel_zero.f32")):
    transform = torchaudio.transforms.MelSpectrogram(
        sample_rate=SR, n_fft=N_FFT, win_length=WIN, hop_length=HOP, f_min=0.0, f_max=8000.0, n_mels=MELS,
        window_fn=torch.hann_window, power=2.0, center=True, pad_mode=pad_mode, norm="slaney", mel_scale="slaney")
    transform = transform.double()
    mel = transform(torch.from_numpy(x.astype(np.float64)))  # [mels, frames]
    log_mel = torch.log(torch.clamp(mel, min=1e-10)).T.contiguous()  # [frames, mels]
    log_mel.numpy().astype(np.float32).tofile(name)
    frames = log_mel.shape[0]

json.dump({
    "tool": f"torchaudio {torchaudio.__version__}, torch {torch.__version__}",
    "transform": "MelSpectrogram(n_fft=512, win_length=400, hop_length=160, n_mels=80, f_min=0, f_max=8000, "
                 "window_fn=hann_window (periodic), power=2, center=True, norm='slaney', mel_scale='slaney'), "
                 "float64, then log(clamp(min=1e-10)), stored as float32 [frames, mels]",
    "sample_rate": SR, "samples": int(x.size), "frames": int(frames), "mels": MELS,
}, open("mel_reference.json", "w"), indent=2)
print("frames", frames)
