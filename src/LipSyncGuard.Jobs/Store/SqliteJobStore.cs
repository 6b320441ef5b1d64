using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace LipSyncGuard.Jobs.Store;

/// <summary>Jobs in one SQLite file: the embedded default, for one machine (the service and its in-process workers).</summary>
public sealed class SqliteJobStore : SqlJobStore
{
    private readonly string _connectionString;

    /// <summary>Uses (and creates) the database file at <paramref name="path"/>.</summary>
    public SqliteJobStore(string path, TimeProvider? clock = null) : base(clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        // Writers wait for each other (busy timeout) rather than fail: the API and the workers share the file.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 15 }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override string Name => $"sqlite {Path}";

    /// <inheritdoc />
    protected override string Setup => "PRAGMA journal_mode = WAL;\n";

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        // Pooled connections hold the file open; release them so the folder can be deleted.
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
