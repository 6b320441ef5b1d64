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
}
