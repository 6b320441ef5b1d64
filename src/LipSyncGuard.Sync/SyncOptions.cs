namespace LipSyncGuard.Sync;

/// <summary>Settings of the audio → lip regression and the lag search. Saved with every fitted <see cref="SyncModel"/>.</summary>
public sealed record SyncOptions
{
    /// <summary>±15 frames of lag (±0.6 s at 25 fps), speech embeddings with ±2 frames of context, 1024 random rectified units beside them,
    /// ridge λ = 3000, speech threshold 0.5; lip positions and velocities, curves averaged over 2 s sub-windows, in sync
    /// within ±2 frames, margin against the median halfway to the peak ≥ 8 frames away. All but lag, context and speech
    /// threshold were chosen by nested cross-validation over people (bench <c>sync-lab</c>; docs/benchmarks.md).</summary>
    public static SyncOptions Default { get; } = new();

    /// <summary>Video frames per second of the shared clock.</summary>
    public double FramesPerSecond { get; init; } = 25;

    /// <summary>Largest audio shift searched, in frames, both ways.</summary>
    public int MaxLagFrames { get; init; } = 15;

    /// <summary>What the regression reads from the soundtrack (saved with the model, so the analysis extracts the same).</summary>
    public SyncAudio Audio { get; init; } = SyncAudio.SpeechEmbedding;

    /// <summary>Audio frames on each side of frame t that predict the lips at t (speech gestures anticipate and trail the
    /// sound by up to ~200 ms). Two: each speech embedding already reads 0.76 s around its frame (six for log-mel rows).</summary>
    public int ContextFrames { get; init; } = 2;

    /// <summary>Rectified random projections of the audio context added to the ridge's inputs (0 = a linear map from
    /// the audio context alone); see <see cref="AudioFeatures"/>.</summary>
    public int HiddenUnits { get; init; } = 1024;

    /// <summary>Seed of those projections (saved with the model: the layer is regenerated from it).</summary>
    public int HiddenSeed { get; init; } = 1;

    /// <summary>Ridge penalty on the standardised features.</summary>
    public double Lambda { get; init; } = 3000;

    /// <summary>Frames whose speech probability is below this are not scored (silence says little about sync).</summary>
    public float SpeechThreshold { get; init; } = 0.5f;

    /// <summary>Fewest scored frame pairs for a lag's correlation to count.</summary>
    public int MinPairs { get; init; } = 20;

    /// <summary>Length of the span a timeline window is scored over (centred on the window): 1 s windows are too short
    /// for a stable correlation, so each is judged with this much context.</summary>
    public int WindowContextFrames { get; init; } = 75;

    /// <summary>Also correlate lip velocities (central differences of the predicted and the real lips, standardised per
    /// track): motion peaks are sharper in time than positions, so the right lag stands out more clearly.</summary>
    public bool LipVelocity { get; init; } = true;

    /// <summary>Canonical components kept (0 = correlate every lip channel with equal weight): the lip-space directions
    /// the audio predicts best, fitted on the real tracks, replace the raw channels.</summary>
    public int CanonicalComponents { get; init; }

    /// <summary>Frames of the sub-windows whose correlation curves are averaged into a span's curve (0 = one correlation
    /// over the whole span). Local correlation keeps one loud or badly tracked stretch from dominating the clip.</summary>
    public int CurveWindowFrames { get; init; } = 50;

    /// <summary>Hop between those sub-windows.</summary>
    public int CurveHopFrames { get; init; } = 12;

    /// <summary>Divide the margin by the spread (standard deviation) of the correlation curve over lags, so a clip whose
    /// curve wanders a lot needs a higher peak.</summary>
    public bool NormalizeMargin { get; init; }

    /// <summary>What the margin compares the near-zero correlation with: the median over all lags moved this far (0…1)
    /// towards the best correlation at lags at least <see cref="ContrastLagFrames"/> from 0. A clip with shifted audio
    /// has its peak out there, a clip whose lips follow the sound at no lag (voice-over, music, a poorly tracked face)
    /// has none, and the median alone cannot tell those two apart; the off-zero peak alone loses swapped audio, whose
    /// curve is flat, among real speech, whose neighbouring lags correlate too.</summary>
    public double ContrastWeight { get; init; } = 0.5;

    /// <summary>Where "away from 0" starts for <see cref="ContrastWeight"/>, in frames.</summary>
    public int ContrastLagFrames { get; init; } = 8;

    /// <summary>Lags within this many frames of 0 count as in sync for the margin (real recordings are often a frame or
    /// two off after re-encoding; broadcast tolerance is about ±2 frames).</summary>
    public int ZeroLagToleranceFrames { get; init; } = 2;

    /// <summary>Audio that comes this many frames after the mouth still counts as in sync (7 = 280 ms): capture and
    /// encoding chains often leave genuine recordings' audio 100–300 ms late, and their lips match the speech at that lag.
    /// Such a clip is in sync at an offset (reported as <see cref="SyncResult.OffsetMs"/>), not manipulated. Early audio
    /// gets only <see cref="ZeroLagToleranceFrames"/>: sound reaching the recorder before the picture does not happen
    /// naturally. The contrast baseline (<see cref="ContrastWeight"/>) is then read beyond the window's edges.</summary>
    public int LateAudioToleranceFrames { get; init; } = 7;

    /// <summary>Throws when a setting is out of range.</summary>
    public SyncOptions Validate()
    {
        if (!Enum.IsDefined(Audio)) throw new ArgumentOutOfRangeException(nameof(Audio), Audio, "unknown audio features");
        if (FramesPerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(FramesPerSecond), FramesPerSecond, "must be positive");
        if (MaxLagFrames is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(MaxLagFrames), MaxLagFrames, "must be in 1…100");
        if (ContextFrames is < 0 or > 25) throw new ArgumentOutOfRangeException(nameof(ContextFrames), ContextFrames, "must be in 0…25");
        if (HiddenUnits is < 0 or > 4096) throw new ArgumentOutOfRangeException(nameof(HiddenUnits), HiddenUnits, "must be in 0…4096");
        if (Lambda < 0) throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "must not be negative");
        if (SpeechThreshold is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(SpeechThreshold), SpeechThreshold, "must be in 0…1");
        if (MinPairs < 3) throw new ArgumentOutOfRangeException(nameof(MinPairs), MinPairs, "must be at least 3");
        if (WindowContextFrames < 2 * MaxLagFrames) throw new ArgumentOutOfRangeException(nameof(WindowContextFrames), WindowContextFrames, "must be at least twice MaxLagFrames");
        if (CanonicalComponents is < 0 or > 24) throw new ArgumentOutOfRangeException(nameof(CanonicalComponents), CanonicalComponents, "must be in 0…24");
        if (CurveWindowFrames != 0 && CurveWindowFrames < MinPairs) throw new ArgumentOutOfRangeException(nameof(CurveWindowFrames), CurveWindowFrames, "must be 0 or at least MinPairs");
        if (ZeroLagToleranceFrames < 0 || ZeroLagToleranceFrames > MaxLagFrames / 2) throw new ArgumentOutOfRangeException(nameof(ZeroLagToleranceFrames), ZeroLagToleranceFrames, "must be in 0…MaxLagFrames/2");
        if (ContrastWeight is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(ContrastWeight), ContrastWeight, "must be in 0…1");
        if (ContrastLagFrames <= ZeroLagToleranceFrames || ContrastLagFrames > MaxLagFrames)
            throw new ArgumentOutOfRangeException(nameof(ContrastLagFrames), ContrastLagFrames, "must be in ZeroLagToleranceFrames+1…MaxLagFrames");
        if (LateAudioToleranceFrames < ZeroLagToleranceFrames || LateAudioToleranceFrames + ContrastLagFrames - ZeroLagToleranceFrames > MaxLagFrames)
            throw new ArgumentOutOfRangeException(nameof(LateAudioToleranceFrames), LateAudioToleranceFrames, "must be in ZeroLagToleranceFrames…MaxLagFrames − (ContrastLagFrames − ZeroLagToleranceFrames)");
        if (CurveHopFrames < 1) throw new ArgumentOutOfRangeException(nameof(CurveHopFrames), CurveHopFrames, "must be positive");
        return this;
    }
}
