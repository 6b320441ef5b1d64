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

    /// <summary>An options record's range error in the words of the command line: the setting named as its flag
    /// (<c>KeyFrameEvery</c> → <c>--key-frame-every</c>, or as <paramref name="flags"/> renames it), then what it must be.</summary>
    public static UsageException OutOfRange(ArgumentOutOfRangeException error, IReadOnlyDictionary<string, string>? flags = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var name = error.ParamName ?? "";
        var flag = flags is not null && flags.TryGetValue(name, out var renamed) ? renamed
            : "--" + System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z0-9])(?=[A-Z])", "-").ToLowerInvariant();
        return new UsageException($"{flag}: {error.ActualValue} {error.Message.Split(" (Parameter")[0]}");
    }
}
