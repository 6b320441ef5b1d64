using System.Text.Json;
using System.Threading.RateLimiting;
using LipSyncGuard.Analysis;
using LipSyncGuard.Service.Health;
using LipSyncGuard.Service.LipSync;
using LipSyncGuard.Service.ModelInfo;
using LipSyncGuard.Service.Problems;
using LipSyncGuard.Service.Uploads;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace LipSyncGuard.Service;

/// <summary>Builds the web application; used by <c>Program</c>, <c>lipsync serve</c> and the tests.</summary>
public static class ServiceHost
{
    /// <summary>The default address: loopback, port 8000.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8000";

    /// <summary>Creates the configured application.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebRoot() });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.Services.AddOptions<ServiceOptions>().Bind(builder.Configuration.GetSection(ServiceOptions.Section)).Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        // Kestrel's own cap sits just above ours so our handler answers with a ProblemDetails 413 first.
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>()?.MaxUploadBytes + (1 << 20) ?? new ServiceOptions().MaxUploadBytes + (1 << 20));
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = AnalysisJson.Options.PropertyNamingPolicy;
            o.SerializerOptions.NumberHandling = AnalysisJson.Options.NumberHandling;
        });
        builder.Services.AddSingleton<UploadStore>();
        builder.Services.AddSingleton(services =>
        {
            var options = LipSyncAnalyzerOptions.FromEnvironment();
            var weights = services.GetRequiredService<IOptions<ServiceOptions>>().Value.Weights;
            return new LipSyncAnalyzer(weights is null ? options : options with { DetectorPath = weights });
        });
        builder.Services.AddOpenApi();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(LipSyncEndpoints.ConcurrencyPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value;
                return RateLimitPartition.GetConcurrencyLimiter("analysis", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = options.MaxConcurrentAnalyses,
                    QueueLimit = options.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value;
                context.HttpContext.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await MediaProblems.Problem(StatusCodes.Status429TooManyRequests, "busy", $"all {options.MaxConcurrentAnalyses} analysis slots and the queue are full; retry in {options.RetryAfterSeconds} s")
                    .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs");
        app.MapLipSync();
        app.MapReports();
        app.MapHealth();
        app.MapModelInfo();
        return app;
    }

    private static string WebRoot() => Path.Combine(AppContext.BaseDirectory, "wwwroot");
}
