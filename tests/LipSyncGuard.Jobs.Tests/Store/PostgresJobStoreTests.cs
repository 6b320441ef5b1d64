using LipSyncGuard.Jobs.Store;
using LipSyncGuard.Testing.Services;
using Npgsql;
using Xunit;

namespace LipSyncGuard.Jobs.Tests.Store;

[Collection(ServersCollection.Name)]
public sealed class PostgresJobStoreTests(ServersFixture servers) : SqlJobStoreTests
{
    protected override async Task<IJobStore> CreateStoreAsync(string? before = null)
    {
        var postgres = await servers.PostgresAsync();
        var database = await postgres.NewDatabaseAsync();
        if (before is not null)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(before, connection);
            await command.ExecuteNonQueryAsync();
        }
        var store = new PostgresJobStore(database);
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
