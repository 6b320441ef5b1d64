using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using LipSyncGuard.Service.Problems;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LipSyncGuard.Service.Hosting;

/// <summary>Optional API keys (<c>LipSync__ApiKeys</c>): when set, every <c>/api/</c> request needs one in
/// <c>X-Api-Key</c> (401 <c>unauthorized</c> otherwise) and each key gets <c>RequestsPerMinute</c> (429
/// <c>rate_limited</c> past it). Health, the page and the documentation stay open.</summary>
public static class ApiKeys
{
    /// <summary>The header name.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>The OpenAPI security scheme name.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>Registers the per-key limiter (a fixed one-minute window per key).</summary>
    public static IServiceCollection AddApiKeyLimits(this IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var options = context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value;
            if (options.RequestsPerMinute == 0 || options.ApiKeyList().Count == 0 || !IsApi(context.Request.Path)) return RateLimitPartition.GetNoLimiter("open");
            return RateLimitPartition.GetFixedWindowLimiter(context.Request.Headers[Header].ToString(), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.RequestsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
            context.HttpContext.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var perMinute = context.HttpContext.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.RequestsPerMinute;
            await MediaProblems.Problem(StatusCodes.Status429TooManyRequests, "rate_limited", $"this API key made more than {perMinute} requests in a minute; retry in {retry} s")
                .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
        };
    });

    /// <summary>Adds the key check (after CORS, so a refused browser call still reads its 401; before the limiter, which
    /// counts per valid key).</summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var keys = context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.ApiKeyList();
        if (keys.Count == 0 || !IsApi(context.Request.Path) || HttpMethods.IsOptions(context.Request.Method) || IsKnown(keys, context.Request.Headers[Header].ToString()))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        context.Response.Headers.WWWAuthenticate = Scheme;
        await MediaProblems.Problem(StatusCodes.Status401Unauthorized, "unauthorized", $"send a valid API key in the {Header} header")
            .ExecuteAsync(context).ConfigureAwait(false);
    });

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    // Constant-time comparison: the time to refuse a key says nothing about how much of it was right.
    private static bool IsKnown(IReadOnlyList<string> keys, string sent)
    {
        var bytes = Encoding.UTF8.GetBytes(sent);
        var known = false;
        foreach (var key in keys) known |= CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), bytes);
        return known && bytes.Length > 0;
    }
}
