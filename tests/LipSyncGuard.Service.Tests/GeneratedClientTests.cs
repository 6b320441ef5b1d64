using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;
using Xunit;

namespace LipSyncGuard.Service.Tests;

/// <summary>What an integrator does: generate a client from the served OpenAPI document with a real generator (NSwag),
/// compile it, and call the running service through it.</summary>
public sealed class GeneratedClientTests
{
    [Fact]
    public async Task NSwagClient_BundledSample_CompilesAndReturnsTypedFields()
    {
        await using var integrator = await Integrator.ConnectAsync();

        var result = await integrator.AnalyzeAsync(await File.ReadAllBytesAsync(Uploads.Sample()), "all", "sensitive");

        var probability = Property(result, "manipulation_probability");
        Assert.Equal(typeof(double), probability.PropertyType);
        Assert.InRange((double)probability.GetValue(result)!, 0, 1);
        Assert.Equal(typeof(bool), Property(result, "is_real").PropertyType);
        // The operating point went out as the generated enum's wire name and came back applied.
        Assert.Equal("sensitive", Property(result, "operating_point").GetValue(result));
        var faces = ((System.Collections.IEnumerable)Property(result, "faces").GetValue(result)!).Cast<object>().ToList();
        var face = Assert.Single(faces);
        var sync = Property(face, "sync_score");
        Assert.Equal(typeof(double?), sync.PropertyType);
        Assert.InRange((double)sync.GetValue(face)!, 0, 1);
        Assert.True((bool)Property(face, "selected").GetValue(face)!);
        Assert.NotEmpty((System.Collections.IEnumerable)Property(face, "timeline").GetValue(face)!);
    }

    [Fact]
    public async Task NSwagClient_TextUpload_ThrowsProblemWithCodeAndTraceId()
    {
        await using var integrator = await Integrator.ConnectAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => integrator.AnalyzeAsync("not a video"u8.ToArray(), null, null));

        Assert.Equal("ApiException`1", error.GetType().Name);
        Assert.Equal(415, (int)error.GetType().GetProperty("StatusCode")!.GetValue(error)!);
        var problem = error.GetType().GetProperty("Result")!.GetValue(error)!;
        Assert.Equal("unsupported_format", Property(problem, "code").GetValue(problem));
        Assert.Matches("^[0-9a-f]{32}$", (string)Property(problem, "trace_id").GetValue(problem)!);
    }

    private static async Task<object> GenerateClientAsync(string json, HttpClient http)
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(json);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "LipSyncGuardClient",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            // The client calls whatever HttpClient.BaseAddress says, as integrators configure it.
            UseBaseUrl = false,
            CSharpGeneratorSettings = { Namespace = "Integrator", JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson },
        };
        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Integrator", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var assembly = new MemoryStream();
        var emit = compilation.Emit(assembly);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var loaded = new AssemblyLoadContext("integrator", isCollectible: true).LoadFromStream(new MemoryStream(assembly.ToArray()));
        var type = loaded.GetType("Integrator.LipSyncGuardClient")!;
        return Activator.CreateInstance(type, http)!;
    }

    // Generated property names vary by generator; the wire name is the contract.
    private static PropertyInfo Property(object instance, string wireName) =>
        instance.GetType().GetProperties().Single(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name == wireName);

    /// <summary>A running service and the client generated from its document.</summary>
    private sealed class Integrator(LiveService service, HttpClient http, object client) : IAsyncDisposable
    {
        private readonly MethodInfo _analyze = client.GetType().GetMethods().Where(m => m.Name == "AnalyzeLipSyncAsync").MinBy(m => m.GetParameters().Length)!;

        public static async Task<Integrator> ConnectAsync()
        {
            var service = await LiveService.StartAsync();
            var http = service.Client();
            return new Integrator(service, http, await GenerateClientAsync(await http.GetStringAsync("/openapi/v1.json"), http));
        }

        public Task<object> AnalyzeAsync(byte[] video, string? strategy, string? operatingPoint) =>
            InvokeAsync(_analyze, client, Arguments(_analyze, video, strategy, operatingPoint));

        public async ValueTask DisposeAsync()
        {
            http.Dispose();
            await service.DisposeAsync();
        }
    }

    // The upload as the generated signature takes it: a FileParameter for video_file, the strategy and the operating point
    // as the generated enums.
    private static object?[] Arguments(MethodInfo analyze, byte[] video, string? strategy, string? operatingPoint) =>
    [
        .. analyze.GetParameters().Select(p => p.Name switch
        {
            "video_file" => Activator.CreateInstance(p.ParameterType, new MemoryStream(video), "clip.mp4", "video/mp4"),
            "select_strategy" when strategy is not null => EnumValue(p.ParameterType, strategy),
            "operating_point" when operatingPoint is not null => EnumValue(p.ParameterType, operatingPoint),
            _ => null,
        }),
    ];

    private static object EnumValue(Type type, string wire)
    {
        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        return Enum.GetValues(enumType).Cast<object>().First(v =>
            enumType.GetField(v.ToString()!)!.GetCustomAttribute<System.Runtime.Serialization.EnumMemberAttribute>()?.Value == wire);
    }

    private static async Task<object> InvokeAsync(MethodInfo method, object client, object?[] arguments)
    {
        var task = (Task)method.Invoke(client, arguments)!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task)!;
    }

}
