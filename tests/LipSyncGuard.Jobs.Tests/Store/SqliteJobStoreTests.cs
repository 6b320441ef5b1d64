using LipSyncGuard.Jobs.Store;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Jobs.Tests.Store;

public sealed class SqliteJobStoreTests : SqlJobStoreTests, IDisposable
{
    private readonly TempDir _dir = new("lsg-sqlite-");

    protected override async Task<IJobStore> CreateStoreAsync()
    {
        var store = new SqliteJobStore(_dir.File($"{Guid.NewGuid():N}.db"));
        await store.InitializeAsync();
        return store;
    }

    public void Dispose() => _dir.Dispose();
}
