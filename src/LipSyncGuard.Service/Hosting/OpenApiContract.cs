using LipSyncGuard.Service.Problems;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace LipSyncGuard.Service.Hosting;

/// <summary>The OpenAPI document clients generate from: plain (nullable) numbers, ProblemDetails with their <c>code</c>
/// and <c>trace_id</c>, the API-key scheme when keys are on, and this product's title.</summary>
public static class OpenApiContract
{
    /// <summary>Registers the document <c>v1</c> (served at <c>/openapi/v1.json</c>).</summary>
    public static IServiceCollection AddOpenApiContract(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer(DescribeDocument);
        options.AddSchemaTransformer(PlainNumbers);
        options.AddSchemaTransformer(ProblemFields);
        options.AddSchemaTransformer(EnumNames);
    });

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        [ApiTags.LipSync] = "Analyse a video: is the speech in its mouths' own voice?",
        [ApiTags.Model] = "The model in use and its card.",
        [ApiTags.Health] = "Liveness and readiness for orchestrators and load balancers.",
    };

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "LipSyncGuard API",
            Version = "v1",
            Description = "Do the mouths in a video match its speech? Upload a video, get a verdict per video, per face and per second. "
                + "Every error is a ProblemDetails (application/problem+json) with a machine-readable 'code' and the request's 'trace_id' (also in X-Request-Id).",
        };
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            if (tag.Name is not null && TagDescriptions.TryGetValue(tag.Name, out var description)) tag.Description = description;

        // Security is always stated: no requirement ({}) when the API is open, the API key otherwise (health stays open).
        var open = new OpenApiSecurityRequirement();
        if (context.ApplicationServices.GetRequiredService<IOptions<ServiceOptions>>().Value.ApiKeyList().Count == 0)
        {
            document.Security = [open];
            return Task.CompletedTask;
        }
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKeys.Scheme] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeys.Header, Description = "One of the keys in LipSync__ApiKeys." },
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeys.Scheme, document)] = [] }];
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith("/health", StringComparison.Ordinal)) continue;
            foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()) operation.Security = [open];
        }
        return Task.CompletedTask;
    }

    // Results allow NaN in the CLI's JSON, which the framework documents as anyOf [number, "NaN"/"Infinity" strings]; the
    // service writes non-finite numbers as null instead (FiniteNumbers), so a number is a number (nullable where it can
    // be missing: declared nullable, or a card figure that may be undefined).
    private static Task PlainNumbers(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying != typeof(double) && underlying != typeof(float)) return Task.CompletedTask;
        var declaring = context.JsonPropertyInfo?.DeclaringType.Namespace ?? "";
        var nullable = underlying != type || declaring.StartsWith("LipSyncGuard.Training", StringComparison.Ordinal)
            || declaring.StartsWith("LipSyncGuard.Detection", StringComparison.Ordinal) || declaring.StartsWith("LipSyncGuard.Data", StringComparison.Ordinal);
        schema.AnyOf = null;
        schema.OneOf = null;
        schema.Enum = null;
        schema.Pattern = null;
        schema.Type = nullable ? JsonSchemaType.Number | JsonSchemaType.Null : JsonSchemaType.Number;
        schema.Format = underlying == typeof(float) ? "float" : "double";
        return Task.CompletedTask;
    }

    // Enums travel as the names they are written with (e.g. the verdict's "not_judged"), so a generated client's enum
    // parses what the service sends.
    private static Task EnumNames(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (!type.IsEnum) return Task.CompletedTask;
        schema.Enum = [.. type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(
                System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute>(f)?.Name
                ?? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Name)))];
        schema.Type = JsonSchemaType.String;
        return Task.CompletedTask;
    }

    private static Task ProblemFields(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type != typeof(ProblemDetails) || schema.Properties is null) return Task.CompletedTask;
        schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Machine-readable error code (e.g. bad_upload, unsupported_format, no_audio, busy)." };
        schema.Properties["trace_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's id, as in the X-Request-Id header." };
        schema.Required = new HashSet<string> { "code", "trace_id", "status", "title" };
        return Task.CompletedTask;
    }
}
