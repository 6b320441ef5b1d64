using LipSyncGuard.Media;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

/// <summary>ONNX Runtime 1.29+ keeps a device id and a queue of usage events for Microsoft under the user's cache folder
/// unless told not to before its environment is created: a run of ours must leave none (<see cref="NativeEnvironment"/>).</summary>
public sealed class OnnxRuntimeTelemetryTests
{
    /// <summary>The variables by which ONNX Runtime 1.31 recognises a CI runner or its own tests (the names in its library).</summary>
    private static readonly string[] CiMarkers =
    [
        "CI", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "TRAVIS", "JENKINS_URL", "CODEBUILD_BUILD_ID", "BUILDKITE",
        "TEAMCITY_VERSION", "APPVEYOR", "BITBUCKET_BUILD_NUMBER", "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", "ORT_RUNNING_UNIT_TESTS",
    ];

    private static string Sample => Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");

    [Theory]
    [InlineData(null, false)] // our default: off
    [InlineData("0", true)]   // a user who turned it on explicitly keeps it (and shows this test sees the queue when there is one)
    public async Task Faces_TelemetryVariable_QueueOnlyWhenTheUserAskedForIt(string? setting, bool expectQueue)
    {
        using var home = new TempDir();

        // ONNX Runtime keeps quiet by itself on a CI runner: without these, neither case would show anything.
        var environment = CiMarkers.ToDictionary(name => name, string? (_) => null);
        environment["HOME"] = home.Path;
        environment["XDG_CACHE_HOME"] = null;
        environment[NativeEnvironment.OnnxRuntimeTelemetryVariable] = setting;

        var result = await LipsyncProcess.RunAsync(environment, "faces", Sample, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var queue = Path.Combine(home.Path, ".cache", "Microsoft", "DeveloperTools", ".onnxruntime");
        Assert.Equal(expectQueue, Directory.Exists(queue));
    }
}
