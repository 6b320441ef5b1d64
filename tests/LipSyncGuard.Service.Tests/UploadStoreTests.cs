using System.Diagnostics;
using LipSyncGuard.Service.Uploads;
using LipSyncGuard.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace LipSyncGuard.Service.Tests;

/// <summary>Instances sharing an upload folder: each cleans up after dead processes only.</summary>
public sealed class UploadStoreTests
{
    [Fact]
    public void Create_SharedFolder_DeadOwnersFilesRemovedLiveOwnersKept()
    {
        using var folder = new TempDir("lsg-store-");
        using var live = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        var dead = Process.Start(new ProcessStartInfo("sleep", "0.3"))!;
        var deadStart = dead.StartTime;
        dead.WaitForExit();
        var deadFile = folder.File($"{dead.Id}-{UploadStore.StartSecond(deadStart)}-{Guid.NewGuid():N}.upload");
        var liveFile = folder.File($"{live.Id}-{UploadStore.StartSecond(live.StartTime)}-{Guid.NewGuid():N}.upload");
        var reusedPidFile = folder.File($"{live.Id}-{UploadStore.StartSecond(live.StartTime) - 3600}-{Guid.NewGuid():N}.upload");
        var foreignFile = folder.File("notes.upload");
        foreach (var f in new[] { deadFile, liveFile, reusedPidFile, foreignFile }) File.WriteAllText(f, "x");

        _ = new UploadStore(Options.Create(new ServiceOptions { UploadDirectory = folder.Path }));

        Assert.False(File.Exists(deadFile), "a dead process's upload is left");
        Assert.False(File.Exists(reusedPidFile), "an upload of an earlier process with a reused id is left");
        Assert.True(File.Exists(liveFile), "another live instance's in-flight upload was deleted");
        Assert.True(File.Exists(foreignFile));
        live.Kill();
        dead.Dispose();
    }

    [Fact]
    public async Task ServiceStart_DeadInstanceLeftover_RemovedBeforeAnyRequest()
    {
        var dead = Process.Start(new ProcessStartInfo("sleep", "0.3"))!;
        var deadStart = dead.StartTime;
        dead.WaitForExit();
        using var folder = new TempDir("lsg-start-");
        var leftover = folder.File($"{dead.Id}-{UploadStore.StartSecond(deadStart)}-{Guid.NewGuid():N}.upload");
        await File.WriteAllTextAsync(leftover, "x");

        await using var app = ServiceHost.Create(["--urls", "http://127.0.0.1:0", "--LipSync:UploadDirectory", folder.Path]);
        await app.StartAsync();

        Assert.False(File.Exists(leftover));
        await app.StopAsync();
        dead.Dispose();
    }

    [Fact]
    public void Create_Upload_NamedForThisProcess()
    {
        using var folder = new TempDir("lsg-name-");
        var store = new UploadStore(Options.Create(new ServiceOptions { UploadDirectory = folder.Path }));

        var name = Path.GetFileName(store.Create().Path);

        Assert.StartsWith($"{Environment.ProcessId}-", name);
    }
}
