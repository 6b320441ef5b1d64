using LipSyncGuard.Jobs.Store;
using LipSyncGuard.Testing.Services;
using Xunit;

namespace LipSyncGuard.Jobs.Tests.Store;

[Collection(ServersCollection.Name)]
public sealed class PostgresJobStoreTests(ServersFixture servers) : SqlJobStoreTests
{
    protected override async Task<IJobStore> CreateStoreAsync()
    {
        var postgres = await servers.PostgresAsync();
        var store = new PostgresJobStore(await postgres.NewDatabaseAsync());
        await store.InitializeAsync();
        return store;
    }

    [Fact]
    public async Task GetAsync_NoServerListening_ThrowsJobsUnavailable()
    {
        await using var store = new PostgresJobStore($"Host=127.0.0.1;Port={ServerProcess.FreePort()};Username=lipsync;Database=x");
        var e = await Assert.ThrowsAsync<JobsUnavailableException>(() => store.GetAsync("0123456789abcdef0123456789abcdef"));
        Assert.Equal("database", e.Component);
    }
}
