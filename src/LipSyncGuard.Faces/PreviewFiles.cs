namespace LipSyncGuard.Faces;

/// <summary>Files written by <see cref="FacePreview"/>.</summary>
/// <param name="Annotated">The annotated picture or video.</param>
/// <param name="MouthSheet">The contact sheet of mouth crops of the (first) selected track, or of fallback crops.</param>
public sealed record PreviewFiles(string Annotated, string MouthSheet);
