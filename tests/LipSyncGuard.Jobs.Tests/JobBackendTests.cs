using LipSyncGuard.Analysis;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Jobs.Tests;

public sealed class JobBackendTests : IDisposable
{
    private readonly TempDir _dir = new("lsg-backend-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SweepAsync_AfterRetention_DeletesExpiredJobsAndOrphanVideosOnly()
    {
        await using var backend = new JobBackend(new JobsOptions { StoragePath = _dir.File("storage"), RetentionHours = 24 }, "test");
        var source = _dir.File("clip.mp4");
        await File.WriteAllBytesAsync(source, new byte[1024]);
        async Task<JobRecord> SubmitAsync()
        {
            var job = JobRecord.New(new JobRequest("clip.mp4", AnalysisOptions.Default), DateTimeOffset.UtcNow);
            await backend.SubmitFileAsync(job, source);
            return job;
        }

        var live = await SubmitAsync();
        var ended = await SubmitAsync();
        await backend.Store.CancelAsync(ended.Id);
        var orphan = Guid.NewGuid().ToString("N");
        await backend.Storage.ImportAsync(orphan, source);
        var arriving = Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(backend.Storage.PartialPathFor(arriving), new byte[10]);
        var now = DateTimeOffset.UtcNow.AddHours(25);
        File.SetLastWriteTimeUtc(backend.Storage.PathFor(orphan), now.UtcDateTime.AddHours(-1));
        File.SetLastWriteTimeUtc(backend.Storage.PartialPathFor(arriving), now.UtcDateTime.AddSeconds(-5));

        var deleted = await backend.SweepAsync(now);

        Assert.Equal(2, deleted);
        Assert.Null(await backend.Store.GetAsync(ended.Id));
        Assert.False(File.Exists(backend.Storage.PathFor(ended.Id)));
        Assert.False(File.Exists(backend.Storage.PathFor(orphan)));
        Assert.True(File.Exists(backend.Storage.PathFor(live.Id)));
        Assert.True(File.Exists(backend.Storage.PartialPathFor(arriving)));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("")]
    public void PathFor_NotAJobId_Throws(string id)
    {
        var storage = new JobStorage(_dir.File("storage"));

        Assert.Throws<ArgumentException>(() => storage.PathFor(id));
    }
}
