namespace LipSyncGuard.Analysis;

/// <summary>What the engine scores with, for <c>GET /api/model</c> and the CLI.</summary>
/// <param name="Name">Scorer name.</param>
/// <param name="Version">Version of the scorer's file or pipeline.</param>
/// <param name="Mode"><c>sync-only</c> or <c>model</c>.</param>
/// <param name="Threshold">Manipulation probability at or above which a video is called fake.</param>
/// <param name="Description">What it detects and what it does not.</param>
/// <param name="Provenance">Data and command it was fitted with.</param>
/// <param name="Components">Models loaded, with their sources and licences.</param>
public sealed record ModelCard(string Name, string Version, string Mode, double Threshold, string Description, string Provenance, IReadOnlyList<string> Components)
{
    /// <summary>The trained detector's full card (architecture, data, recipe, held-out metrics, threshold); null in
    /// sync-only mode.</summary>
    public Detection.DetectorCard? Detector { get; init; }

    /// <summary>The cue verdict's card (features, weights, operating points, the held-out-source evaluation); null unless
    /// in cue mode.</summary>
    public Detection.Cues.CueFusion? Cues { get; init; }
}
