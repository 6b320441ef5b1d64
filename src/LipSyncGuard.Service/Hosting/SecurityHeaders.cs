namespace LipSyncGuard.Service.Hosting;

/// <summary>Browser hardening headers on every response: no MIME sniffing, no framing, no referrer, and a content
/// security policy that lets pages load only this server's scripts and styles (thumbnails are data: URLs; the page plays the chosen video from a blob: URL).</summary>
public static class SecurityHeaders
{
    /// <summary>The policy of the web page and every API answer.</summary>
    public const string Policy = "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference (/docs) runs Scalar, which configures itself with an inline script and evaluates code.</summary>
    public const string DocsPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Adds the middleware.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase) ? DocsPolicy : Policy;
        return next(context);
    });
}
