namespace LipSyncGuard.Cli;

/// <summary>The user asked for something that cannot be done as asked (exit code 2); printed as
/// <c>error: {Code}: {message}</c>.</summary>
public sealed class UsageException(string message, string code = UsageException.UsageCode) : Exception(message)
{
    /// <summary>The code of a plain usage error.</summary>
    public const string UsageCode = "usage";

    /// <summary>The code of a file or folder that does not exist.</summary>
    public const string NotFoundCode = "not_found";

    /// <summary>The machine-readable code.</summary>
    public string Code { get; } = code;
}
