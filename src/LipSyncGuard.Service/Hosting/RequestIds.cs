namespace LipSyncGuard.Service.Hosting;

/// <summary>Gives every request an id, answered in <c>X-Request-Id</c> and used as ProblemDetails' <c>trace_id</c> and
/// in the logs: the caller's own id when it sends a sane one (so its logs and ours join), else a new one.</summary>
public static class RequestIds
{
    /// <summary>The header name.</summary>
    public const string Header = "X-Request-Id";

    private const int MaxLength = 64;

    /// <summary>Adds the middleware (first, so even early errors carry the id).</summary>
    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var sent = context.Request.Headers[Header].ToString();
        context.TraceIdentifier = IsSane(sent) ? sent : Guid.NewGuid().ToString("N");
        context.Response.Headers[Header] = context.TraceIdentifier;
        return next(context);
    });

    // Echoed into headers and logs, so only short ids of safe characters are taken.
    private static bool IsSane(string id) =>
        id.Length is > 0 and <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
