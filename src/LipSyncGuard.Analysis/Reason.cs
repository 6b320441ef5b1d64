namespace LipSyncGuard.Analysis;

/// <summary>Why a verdict is what it is, or what limits it.</summary>
/// <param name="Code">Machine code (<see cref="ReasonCodes"/>).</param>
/// <param name="Message">One plain sentence for a person.</param>
public sealed record Reason(string Code, string Message)
{
    /// <summary>The <c>code: message</c> line of the result's <c>warnings</c>.</summary>
    public override string ToString() => $"{Code}: {Message}";
}
