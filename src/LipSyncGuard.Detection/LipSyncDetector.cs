using LipSyncGuard.Data;
using LipSyncGuard.Model.Checkpoints;
using LipSyncGuard.Model.Networks;

namespace LipSyncGuard.Detection;

/// <summary>A trained <see cref="LipSyncNet"/> with its card: scores 1 s windows (mouth crops, log-mel, lip
/// kinematics) as probabilities of manipulation. The card beside the weights (<c>NAME.json</c> or
/// <c>model_card.json</c>) gives the calibrated threshold and what the model was trained and tested on.</summary>
public sealed class LipSyncDetector : IDisposable
{
    private readonly LipSyncNet _net;
    private readonly Lock _gate = new();

    private LipSyncDetector(LipSyncNet net, DetectorCard card, string path)
    {
        _net = net;
        Card = card;
        WeightsPath = path;
    }

    /// <summary>The weights file.</summary>
    public string WeightsPath { get; }

    /// <summary>The model card.</summary>
    public DetectorCard Card { get; }

    /// <summary>Video-level threshold calibrated by <c>evaluate --calibrate</c>.</summary>
    public double Threshold => Card.Threshold;

    /// <summary>The window geometry the network was trained on.</summary>
    public LipSyncNetOptions Network => _net.Options;

    /// <summary>The card of <paramref name="weightsPath"/>: <c>NAME.json</c> beside <c>NAME.safetensors</c> (how models
    /// ship), else the training folder's <c>model_card.json</c>.</summary>
    public static string CardPath(string weightsPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(weightsPath);
        var named = Path.ChangeExtension(weightsPath, ".json");
        return File.Exists(named) ? named : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(weightsPath))!, DetectorCard.FileName);
    }

    /// <summary>Loads weights and card; throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/>
    /// with a readable message when either is missing or does not match.</summary>
    public static LipSyncDetector Load(string weightsPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(weightsPath);
        if (!File.Exists(weightsPath)) throw new FileNotFoundException($"detector weights '{weightsPath}' do not exist", weightsPath);
        var cardPath = CardPath(weightsPath);
        if (!File.Exists(cardPath)) throw new FileNotFoundException($"detector weights '{weightsPath}' have no model card ({Path.GetFileName(cardPath)})", cardPath);
        var card = DetectorCard.Load(cardPath);
        var options = ModelCheckpoint.ReadOptions(weightsPath) ?? card.Network;
        var net = new LipSyncNet(options);
        try
        {
            ModelCheckpoint.Load(net, weightsPath, requireAll: true);
        }
        catch (CheckpointMismatchException e)
        {
            net.Dispose();
            throw new InvalidDataException($"detector weights '{weightsPath}': {e.Message}", e);
        }
        net.eval();
        return new LipSyncDetector(net, card, weightsPath);
    }

    /// <summary>Probability of manipulation per window (one network at a time: TorchSharp modules are not re-entrant).</summary>
    public IReadOnlyList<double> Score(IReadOnlyList<SampleWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0) return [];
        lock (_gate) return WindowScorer.Score(_net, windows);
    }

    /// <summary>Releases the network's tensors.</summary>
    public void Dispose() => _net.Dispose();
}
