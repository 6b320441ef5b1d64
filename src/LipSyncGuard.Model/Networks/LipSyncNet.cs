using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LipSyncGuard.Model.Networks;

/// <summary>The detector: <see cref="VisualEncoder"/> and <see cref="AudioEncoder"/> (the encoders that freezing and the
/// encoder learning rate act on), a <see cref="LandmarkEncoder"/>, a <see cref="SyncHead"/>, the <see cref="Fusion"/> and
/// the <see cref="Classifier"/>. Inputs: crops [B, 3, T, H, W] in 0…1, log-mel [B, 1, F, 4T], lips [B, T, F].</summary>
public sealed class LipSyncNet : nn.Module<Tensor, Tensor, Tensor, NetOutput>
{
    /// <summary>Architecture name written into checkpoints and cards.</summary>
    public const string ArchitectureName = "LipSyncNet";

    private readonly VisualEncoder visual;
    private readonly AudioEncoder audio;
    private readonly LandmarkEncoder lips;
    private readonly SyncHead sync;
    private readonly Fusion fusion;
    private readonly Classifier classifier;

    /// <summary>Builds the network for <paramref name="options"/> (null: <see cref="LipSyncNetOptions.Default"/>).</summary>
    public LipSyncNet(LipSyncNetOptions? options = null) : base(ArchitectureName)
    {
        Options = (options ?? LipSyncNetOptions.Default).Validate();
        visual = new VisualEncoder(Options);
        audio = new AudioEncoder(Options);
        lips = new LandmarkEncoder(Options);
        sync = new SyncHead();
        fusion = new Fusion(Options);
        classifier = new Classifier(Options);
        RegisterComponents();
    }

    /// <summary>The validated options.</summary>
    public LipSyncNetOptions Options { get; }

    /// <summary>The visual encoder.</summary>
    public VisualEncoder Visual => visual;

    /// <summary>The audio encoder.</summary>
    public AudioEncoder Audio => audio;

    /// <summary>The landmark branch.</summary>
    public LandmarkEncoder Lips => lips;

    /// <summary>The sync head.</summary>
    public SyncHead Sync => sync;

    /// <summary>The fusion.</summary>
    public Fusion Fusion => fusion;

    /// <summary>The classifier.</summary>
    public Classifier Classifier => classifier;

    /// <summary>The two encoders (the pretrained part).</summary>
    public IReadOnlyList<nn.Module> Encoders => [visual, audio];

    /// <summary>Everything trained at the head learning rate: landmark branch, sync head, fusion, classifier.</summary>
    public IReadOnlyList<nn.Module> HeadModules => [lips, sync, fusion, classifier];

    /// <summary>Number of parameters (trainable or not).</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <inheritdoc/>
    public override NetOutput forward(Tensor crops, Tensor mel, Tensor lipFeatures)
    {
        using var scope = NewDisposeScope();
        var a = audio.forward(mel);
        // A stream the options leave out is zeros, not absent: the fusion keeps one shape for every variant, the weights
        // reading it get no gradient, and the sync similarity of a zero visual embedding is 0.
        var (batch, steps) = (a.shape[0], a.shape[1]);
        var v = Options.ReadsCrops ? visual.forward(crops) : zeros(batch, steps, Options.Embedding, device: a.device);
        var l = Options.ReadsLandmarks ? lips.forward(lipFeatures) : zeros(batch, steps, Options.LipEmbedding, device: a.device);
        var similarity = sync.forward(v, a);
        var frames = cat([v, a, l, similarity.unsqueeze(2)], 2);
        var logit = classifier.forward(fusion.forward(frames));
        var syncLogit = sync.Logit(similarity);
        return new NetOutput(logit.MoveToOuterDisposeScope(), similarity.MoveToOuterDisposeScope(), syncLogit.MoveToOuterDisposeScope());
    }
}
