namespace LipSyncGuard.Service.Problems;

/// <summary>What every ProblemDetails answer carries, whoever wrote it (our handlers, routing's 404/405/415, the rate
/// limiter, the exception handler): a machine-readable <c>code</c>, the <c>trace_id</c> echoed in <c>X-Request-Id</c>,
/// and no absolute server path in <c>detail</c>.</summary>
public static class ProblemDefaults
{
    /// <summary>Completes <paramref name="context"/>'s problem (used as <c>ProblemDetailsOptions.CustomizeProblemDetails</c>).</summary>
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (!problem.Extensions.TryGetValue("code", out var code) || code is not string { Length: > 0 })
            problem.Extensions["code"] = CodeFor(status);
        // One id per request under one name: the framework's W3C "traceId" is replaced by the id clients see in X-Request-Id.
        problem.Extensions.Remove("traceId");
        problem.Extensions["trace_id"] = context.HttpContext.TraceIdentifier;
        if (problem.Detail is not null) problem.Detail = ServerPaths.Scrub(problem.Detail);
    }

    /// <summary>The code for a status the framework answered without one.</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status408RequestTimeout => "request_timeout",
        StatusCodes.Status413PayloadTooLarge => "upload_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        >= 500 => "internal_error",
        _ => $"http_{status}",
    };
}
