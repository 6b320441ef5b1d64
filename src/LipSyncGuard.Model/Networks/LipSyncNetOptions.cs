using System.Text.Json.Serialization;

namespace LipSyncGuard.Model.Networks;

/// <summary>Shape of <see cref="LipSyncNet"/> and the window geometry it consumes. Saved into every checkpoint and model
/// card, and checked when one is loaded, so training and inference see the same world.</summary>
public sealed record LipSyncNetOptions
{
    /// <summary>The shipped size: 96 px crops read as 40 px grey inside, a 3×5×5 3D front end, 16/32/64 channels, 64-wide
    /// embeddings (40 px and 3 frames instead of 48 px and 5 cut the visual encoder, ~70 % of inference time, by ~30 %;
    /// docs/benchmarks.md).</summary>
    public static LipSyncNetOptions Default { get; } = new();

    /// <summary>A small variant for tests and smoke runs (32 px inside, 8/16/32 channels).</summary>
    public static LipSyncNetOptions Tiny { get; } = new()
    {
        Size = "tiny", InputSize = 32, VisualChannels = [8, 16, 32], AudioChannels = [8, 16, 32], Embedding = 32, LipEmbedding = 8, FusionWidth = 48,
    };

    /// <summary>Name of the size preset (<c>default</c>, <c>tiny</c>).</summary>
    public string Size { get; init; } = "default";

    /// <summary>Video frames per window (25 = 1 s at 25 fps).</summary>
    public int Frames { get; init; } = 25;

    /// <summary>Side of the mouth crops given to the model (the <c>MouthCropper</c> output).</summary>
    public int CropSize { get; init; } = 96;

    /// <summary>Side the crops are pooled to (grey) before the 3D front end: lip motion survives, cost drops 4×.</summary>
    public int InputSize { get; init; } = 40;

    /// <summary>Mel bins per mel frame.</summary>
    public int MelBins { get; init; } = 80;

    /// <summary>Lip features per frame: the six kinematic distances plus a trusted-landmarks flag.</summary>
    public int LipFeatures { get; init; } = 7;

    /// <summary>Channels of the visual front end and its two residual blocks.</summary>
    public IReadOnlyList<int> VisualChannels { get; init; } = [16, 32, 64];

    /// <summary>Frames the visual 3D front end sees at once (odd): the window of lip motion behind each frame's embedding.</summary>
    public int VisualTemporalKernel { get; init; } = 3;

    /// <summary>Channels of the audio front end and its two residual blocks.</summary>
    public IReadOnlyList<int> AudioChannels { get; init; } = [16, 32, 64];

    /// <summary>Width of the per-frame visual and audio embeddings (compared by the sync head).</summary>
    public int Embedding { get; init; } = 64;

    /// <summary>Width of the per-frame landmark embedding.</summary>
    public int LipEmbedding { get; init; } = 16;

    /// <summary>Width of the fusion's temporal model.</summary>
    public int FusionWidth { get; init; } = 96;

    /// <summary>Dropout before the classifier's last layer.</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>Which visual streams the classifier reads beside the audio: <c>both</c> (shipped), <c>crops</c> or
    /// <c>landmarks</c> (the ablation of docs/benchmarks.md). The layer shapes do not change, so every variant loads the
    /// same pretrained encoders.</summary>
    public string Inputs { get; init; } = "both";

    /// <summary>True when the classifier reads the mouth crops.</summary>
    [JsonIgnore]
    public bool ReadsCrops => Inputs is "both" or "crops";

    /// <summary>True when the classifier reads the lip kinematics.</summary>
    [JsonIgnore]
    public bool ReadsLandmarks => Inputs is "both" or "landmarks";

    /// <summary>Mel frames per window.</summary>
    [JsonIgnore]
    public int MelFrames => Frames * 4;

    /// <summary>The preset named <paramref name="size"/>.</summary>
    public static LipSyncNetOptions ForSize(string size) => size.Trim().ToLowerInvariant() switch
    {
        "default" or "small" => Default,
        "tiny" => Tiny,
        _ => throw new ArgumentException($"model size '{size}' is unknown: expected default or tiny", nameof(size)),
    };

    /// <summary>Throws when a setting is out of range.</summary>
    public LipSyncNetOptions Validate()
    {
        if (Frames is < 5 or > 250) throw new ArgumentOutOfRangeException(nameof(Frames), Frames, "must be in 5…250");
        if (CropSize is < 16 or > 512) throw new ArgumentOutOfRangeException(nameof(CropSize), CropSize, "must be in 16…512");
        if (InputSize < 16 || InputSize > CropSize || InputSize % 4 != 0)
            throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, $"must be a multiple of 4 in 16…{CropSize}");
        if (MelBins is < 16 or > 256) throw new ArgumentOutOfRangeException(nameof(MelBins), MelBins, "must be in 16…256");
        if (LipFeatures is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(LipFeatures), LipFeatures, "must be in 1…64");
        if (VisualChannels.Count != 3 || VisualChannels.Any(c => c is < 1 or > 1024))
            throw new ArgumentOutOfRangeException(nameof(VisualChannels), string.Join(",", VisualChannels), "expected 3 channel counts in 1…1024");
        if (AudioChannels.Count != 3 || AudioChannels.Any(c => c is < 1 or > 1024))
            throw new ArgumentOutOfRangeException(nameof(AudioChannels), string.Join(",", AudioChannels), "expected 3 channel counts in 1…1024");
        if (VisualTemporalKernel is < 1 or > 9 || VisualTemporalKernel % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(VisualTemporalKernel), VisualTemporalKernel, "must be odd, in 1…9");
        if (Embedding is < 4 or > 1024) throw new ArgumentOutOfRangeException(nameof(Embedding), Embedding, "must be in 4…1024");
        if (LipEmbedding is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(LipEmbedding), LipEmbedding, "must be in 1…256");
        if (FusionWidth is < 4 or > 2048) throw new ArgumentOutOfRangeException(nameof(FusionWidth), FusionWidth, "must be in 4…2048");
        if (Dropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "must be in [0, 1)");
        if (Inputs is not ("both" or "crops" or "landmarks"))
            throw new ArgumentOutOfRangeException(nameof(Inputs), Inputs, "must be both, crops or landmarks");
        return this;
    }

    /// <summary>True when both describe the same network (same layer shapes and window geometry).</summary>
    public bool SameArchitecture(LipSyncNetOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Frames == other.Frames && CropSize == other.CropSize && InputSize == other.InputSize && MelBins == other.MelBins
            && LipFeatures == other.LipFeatures && VisualChannels.SequenceEqual(other.VisualChannels) && VisualTemporalKernel == other.VisualTemporalKernel && AudioChannels.SequenceEqual(other.AudioChannels)
            && Embedding == other.Embedding && LipEmbedding == other.LipEmbedding && FusionWidth == other.FusionWidth;
    }
}
