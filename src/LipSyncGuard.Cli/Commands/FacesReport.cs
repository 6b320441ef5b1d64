using LipSyncGuard.Faces;

namespace LipSyncGuard.Cli.Commands;

/// <summary>The <c>faces --json</c> document.</summary>
/// <param name="File">The input.</param>
/// <param name="Kind">image or video.</param>
/// <param name="Frames">Frames scanned.</param>
/// <param name="FramesWithFaces">Detector frames with at least one face.</param>
/// <param name="Selection">Selection mode.</param>
/// <param name="Fallback">True when no face was found (mouth crops use the centre fallback).</param>
/// <param name="FlickerTracks">Tracks dropped as flicker (shorter than 10 frames or mostly interpolated).</param>
/// <param name="Tracks">Every track kept.</param>
/// <param name="Annotated">Annotated picture or video, when asked for.</param>
/// <param name="MouthSheet">Mouth contact sheet, when annotating.</param>
public sealed record FacesReport(
    string File, string Kind, long Frames, long FramesWithFaces, TrackSelection Selection, bool Fallback, int FlickerTracks,
    IReadOnlyList<TrackReport> Tracks, string? Annotated, string? MouthSheet)
{
    /// <summary>Builds the report.</summary>
    public static FacesReport From(string file, bool isImage, FaceAnalysis analysis, TrackSelection selection, PreviewFiles? preview,
        IReadOnlyDictionary<int, List<FramePoints>>? landmarks = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var selected = analysis.Selected.Select(t => t.Id).ToHashSet();
        var tracks = analysis.Tracks.Select(t => new TrackReport(t.Id, t.StartFrame, t.EndFrame, t.Length, t.DetectedFrames, Round(t.MeanBox), MathF.Round(t.MeanScore, 3), selected.Contains(t.Id))
        {
            Landmarks = landmarks?.GetValueOrDefault(t.Id),
        }).ToList();
        return new FacesReport(Path.GetFullPath(file), isImage ? "image" : "video", analysis.FrameCount, analysis.FramesWithFaces, selection, analysis.NoFace, analysis.FlickerTracks, tracks, preview?.Annotated, preview?.MouthSheet);
    }

    private static BoxReport Round(FaceBox b) => new(MathF.Round(b.X, 1), MathF.Round(b.Y, 1), MathF.Round(b.Width, 1), MathF.Round(b.Height, 1));
}
