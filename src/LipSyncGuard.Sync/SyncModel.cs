using System.Text.Json;
using System.Text.Json.Serialization;
using LipSyncGuard.Faces;

namespace LipSyncGuard.Sync;

/// <summary>A fitted audio → lip-kinematics regression with its calibration: predicts, for every frame, the
/// (standardised) lip motion the sound implies. Small enough to ship as JSON.</summary>
public sealed record SyncModel
{
    /// <summary>Format version of the JSON file.</summary>
    /// <remarks>2 added lip velocities, canonical projections and windowed curves to the options and the model; 3 added
    /// hidden units (a format-2 file reads as a model without them); 4 the margin's contrast with the off-zero peak
    /// (earlier files: the median alone); 6 the audio features (earlier files read log-mel).</remarks>
    public const int CurrentFormat = 6;

    /// <summary>File format version.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The options it was fitted with.</summary>
    public required SyncOptions Options { get; init; }

    /// <summary>Audio values per frame it expects.</summary>
    public required int AudioWidth { get; init; }

    /// <summary>Lip values per frame it predicts.</summary>
    public required int LipWidth { get; init; }

    /// <summary>Ridge weights, row-major [((2·context+1)·audioWidth + hiddenUnits) × lipWidth].</summary>
    public required float[] Weights { get; init; }

    /// <summary>Canonical projection of the predicted scoring channels, row-major [channels × components]; empty when
    /// <see cref="SyncOptions.CanonicalComponents"/> is 0. Channels = LipWidth, doubled with <see cref="SyncOptions.LipVelocity"/>.</summary>
    public float[] PredictionProjection { get; init; } = [];

    /// <summary>Canonical projection of the real lips' scoring channels, same shape as <see cref="PredictionProjection"/>.</summary>
    public float[] LipProjection { get; init; } = [];

    /// <summary>Scoring channels per frame before projection.</summary>
    [JsonIgnore]
    public int Channels => Options.LipVelocity ? 2 * LipWidth : LipWidth;

    /// <summary>Logistic calibration of the sync margin into a probability of being in sync: p = σ(A·margin + B).</summary>
    public required double CalibrationA { get; init; }

    /// <summary>See <see cref="CalibrationA"/>.</summary>
    public required double CalibrationB { get; init; }

    /// <summary>Where it came from: data, clip counts, date, command.</summary>
    public string Provenance { get; init; } = "";

    /// <summary>The face following the landmarks it was fitted on were found with (<c>FaceAnalysisOptions.KeyFrameEvery</c>;
    /// 1, a whole-frame search of every frame, for models that do not say): the sync-only mode analyses the same way.</summary>
    public int KeyFrameEvery { get; init; } = 1;

    /// <summary>Whether those faces were followed between key frames by their 68 points rather than on detector crops
    /// (false for models that do not say).</summary>
    public bool FollowByPoints { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads a model written by <see cref="Save"/>; a clear error for a missing or foreign file.</summary>
    public static SyncModel Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"sync model '{path}' not found (run ./setup.sh, or fit one with 'lipsync fit-sync')", path);
        var model = JsonSerializer.Deserialize<SyncModel>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"'{path}' is empty");
        if (model.Format is < 2 or > CurrentFormat) throw new InvalidDataException($"'{path}' has sync model format {model.Format}; this build reads 2…{CurrentFormat}");
        // Options a file's format did not have yet would otherwise read as the current defaults.
        if (model.Format == 2) model = model with { Options = model.Options with { HiddenUnits = 0 } };
        if (model.Format <= 3) model = model with { Options = model.Options with { ContrastWeight = 0 } };
        if (model.Format <= 4) model = model with { Options = model.Options with { LateAudioToleranceFrames = model.Options.ZeroLagToleranceFrames } };
        if (model.Format <= 5) model = model with { Options = model.Options with { Audio = SyncAudio.LogMel } };
        model.Options.Validate();
        if (model.KeyFrameEvery is < 1 or > FaceAnalysisOptions.MaxKeyFrameEvery)
            throw new InvalidDataException($"'{path}': key_frame_every {model.KeyFrameEvery} is outside 1…{FaceAnalysisOptions.MaxKeyFrameEvery}");
        var rows = new AudioFeatures(model.Options, model.AudioWidth).Width;
        if (model.Weights.Length != rows * model.LipWidth) throw new InvalidDataException($"'{path}' has {model.Weights.Length} weights, expected {rows * model.LipWidth}");
        var projection = model.Channels * model.Options.CanonicalComponents;
        if (model.PredictionProjection.Length != projection || model.LipProjection.Length != projection)
            throw new InvalidDataException($"'{path}' has projections of {model.PredictionProjection.Length} and {model.LipProjection.Length} values, expected {projection}");
        return model;
    }

    /// <summary>Writes the model atomically (temp file + rename).</summary>
    public void Save(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        File.Move(temp, path, overwrite: true);
    }

    // Built on first use and kept: the random layer is regenerated from its seed, which costs more than one short clip.
    // Rebuilt when a `with` copy changed the options or the audio width; two threads racing build it twice, harmlessly.
    private AudioFeatures? _features;

    [JsonIgnore]
    internal AudioFeatures Features =>
        _features is { } f && f.Matches(Options, AudioWidth) ? f : _features = new AudioFeatures(Options, AudioWidth);

    /// <summary>Predicted standardised lip values for every frame of <paramref name="track"/> (row-major, LipWidth per frame).</summary>
    public float[] Predict(SyncTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (track.AudioWidth != AudioWidth) throw new ArgumentException($"track has {track.AudioWidth} audio values per frame; the model expects {AudioWidth} ({Options.Audio})", nameof(track));
        var audio = TrackNormalizer.Standardize(track.Audio, AudioWidth, null);
        var features = Features;
        var prediction = new float[track.FrameCount * LipWidth];
        var width = features.Width;
        var rows = new float[Math.Min(AudioFeatures.BlockFrames, track.FrameCount) * width];
        for (var first = 0; first < track.FrameCount; first += AudioFeatures.BlockFrames)
        {
            var count = Math.Min(AudioFeatures.BlockFrames, track.FrameCount - first);
            features.Rows(audio, track.FrameCount, first, count, rows);
            for (var f = 0; f < count; f++)
            {
                var row = rows.AsSpan(f * width, width);
                var output = prediction.AsSpan((first + f) * LipWidth, LipWidth);
                for (var i = 0; i < row.Length; i++)
                {
                    var x = row[i];
                    if (x == 0) continue;
                    var w = Weights.AsSpan(i * LipWidth, LipWidth);
                    for (var k = 0; k < LipWidth; k++) output[k] += x * w[k];
                }
            }
        }
        return prediction;
    }
}
