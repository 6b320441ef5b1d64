using System.Text.Json;
using System.Text.Json.Serialization;
using LipSyncGuard.Analysis;
using LipSyncGuard.Service.Health;
using LipSyncGuard.Service.Hosting;
using LipSyncGuard.Service.Jobs;
using LipSyncGuard.Service.LipSync;
using LipSyncGuard.Service.ModelInfo;
using LipSyncGuard.Service.Problems;
using LipSyncGuard.Service.Telemetry;
using LipSyncGuard.Service.Uploads;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
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
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var options = context.Configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>() ?? new ServiceOptions();
            // Kestrel's own cap sits just above ours so our handler answers with a ProblemDetails 413 first.
            kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes + (1 << 20);
            // A client that trickles its headers or body is dropped instead of holding a connection and a temp file.
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(options.HeadersTimeoutSeconds);
            kestrel.Limits.MinRequestBodyDataRate = options.MinUploadBytesPerSecond > 0 ? new MinDataRate(options.MinUploadBytesPerSecond, TimeSpan.FromSeconds(10)) : null;
        });
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Apply);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = AnalysisJson.Options.PropertyNamingPolicy;
            // Numbers are JSON numbers, never strings (the web default also reads "1" as 1, which the schema then has to say).
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new FiniteNumbers());
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddSingleton<UploadStore>();
        builder.Services.AddSingleton<AnalysisSlots>();
        builder.Services.AddSingleton(services =>
        {
            var service = services.GetRequiredService<IOptions<ServiceOptions>>().Value;
            var options = LipSyncAnalyzerOptions.FromEnvironment().ForConcurrentAnalyses(service.MaxConcurrentAnalyses);
            return new LipSyncAnalyzer(options.WithWeights(service.Weights));
        });
        builder.Services.AddJobs();
        builder.Services.AddMetricsExport();
        builder.Services.AddOpenApiContract();
        builder.Services.AddApiKeyLimits();
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<ServiceOptions>>((cors, service) =>
        {
            var origins = service.Value.CorsOriginList();
            if (origins.Count > 0)
            {
                cors.AddDefaultPolicy(policy => policy.WithOrigins([.. origins]).WithMethods("GET", "POST", "DELETE")
                    .WithHeaders("Content-Type", ApiKeys.Header, RequestIds.Header, "Idempotency-Key").WithExposedHeaders(RequestIds.Header, "Retry-After", "Location"));
            }
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        // Leftovers of dead instances go at start, not at the first upload.
        app.Services.GetRequiredService<UploadStore>();
        app.UseRequestIds();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseCors();
        app.UseApiKeys();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", scalar => scalar
            .WithTitle("LipSyncGuard API")
            .WithFavicon("/favicon.ico")
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp()
            .HideClientButton()
            .HideDeveloperTools());
        app.MapLipSync();
        app.MapReports();
        app.MapJobs();
        app.MapHealth();
        app.MapMetrics();
        app.MapModelInfo();
        return app;
    }

    private static string WebRoot() => Path.Combine(AppContext.BaseDirectory, "wwwroot");
}
