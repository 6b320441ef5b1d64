namespace LipSyncGuard.Media;

/// <summary>The one exception the media layer throws for files it cannot or will not read.</summary>
public sealed class MediaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MediaException(MediaErrorCode code, string message, Exception? inner = null)
        : base(message, inner) => Code = code;

    /// <summary>What went wrong, machine-readable.</summary>
    public MediaErrorCode Code { get; }

    /// <summary>The snake_case wire name of <see cref="Code"/>.</summary>
    public string CodeName => Code.ToCode();
}
