using Xunit;

namespace LipSyncGuard.Cli.Tests;

public sealed class CliAppTests
{
    [Theory]
    [InlineData(0, 3, CliApp.Ok)]
    [InlineData(1, 3, CliApp.SomeFailed)]
    [InlineData(2, 3, CliApp.SomeFailed)]
    [InlineData(3, 3, CliApp.BadInput)]
    public void FolderExitCode_FailedOfTotal_ZeroOnlyWhenNoneFailed(int failed, int total, int expected) =>
        Assert.Equal(expected, CliApp.FolderExitCode(failed, total));

    [Fact]
    public void Describe_ShippedFileMissing_OneFileMissingLineAndEnvironmentExitCode()
    {
        var (code, line) = CliApp.Describe(new FileNotFoundException("sync model '/opt/lipsync/models/sync-landmarks.json' not found\n(run ./setup.sh)"));

        Assert.Equal(CliApp.InternalError, code);
        Assert.Equal("error: file_missing: sync model '/opt/lipsync/models/sync-landmarks.json' not found (run ./setup.sh)", line);
    }

    [Fact]
    public void Describe_LandmarkModelMissing_ModelsMissingLine()
    {
        var (code, line) = CliApp.Describe(new LipSyncGuard.Faces.Landmarks.LandmarkModelMissingException("dlib landmark model '/x.dat' not found; run ./setup.sh"));

        Assert.Equal(CliApp.InternalError, code);
        Assert.Equal("error: models_missing: dlib landmark model '/x.dat' not found; run ./setup.sh", line);
    }
}
