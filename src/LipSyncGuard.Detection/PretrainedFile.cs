namespace LipSyncGuard.Detection;

/// <summary>The weights a run started from, as its card records them: where, relative, so a card names no machine's
/// folders and still leads to the file once the folder moves; and which, by hash, so a replaced or retrained file of
/// the same name is told apart.</summary>
/// <param name="Path">Relative to the card's folder when the file lies below it; else to the repository root (the
/// nearest folder above the card holding <c>.git</c>) when the file lies below that; else to the card's folder with
/// <c>..</c> steps. Separators are <c>/</c>.</param>
/// <param name="Sha256">SHA-256 of the file, lower-case hex.</param>
public sealed record PretrainedFile(string Path, string Sha256);
