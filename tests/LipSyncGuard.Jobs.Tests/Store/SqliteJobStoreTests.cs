using LipSyncGuard.Jobs.Store;
using LipSyncGuard.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LipSyncGuard.Jobs.Tests.Store;

public sealed class SqliteJobStoreTests : SqlJobStoreTests, IDisposable
{
    private readonly TempDir _dir = new("lsg-sqlite-");

    protected override async Task<IJobStore> CreateStoreAsync(string? before = null)
    {
        var path = _dir.File($"{Guid.NewGuid():N}.db");
        if (before is not null)
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = before;
            await command.ExecuteNonQueryAsync();
        }
        var store = new SqliteJobStore(path);
        await store.InitializeAsync();
        return store;
    }

    public void Dispose() => _dir.Dispose();
}
