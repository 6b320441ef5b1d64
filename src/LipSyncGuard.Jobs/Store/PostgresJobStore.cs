using System.Data.Common;
using Npgsql;

namespace LipSyncGuard.Jobs.Store;

/// <summary>Jobs in PostgreSQL: shared by the API instances and the workers of a scaled-out deployment.</summary>
public sealed class PostgresJobStore : SqlJobStore
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Connects with <paramref name="connectionString"/> (Npgsql syntax, e.g.
    /// <c>Host=db;Username=lipsync;Password=…;Database=lipsync</c>).</summary>
    public PostgresJobStore(string connectionString, TimeProvider? clock = null) : base(clock)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // An unreachable database should turn into a quick 503, not a request hanging for the 15 s default.
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.Timeout = 3;
        _dataSource = NpgsqlDataSource.Create(builder);
        Name = $"postgresql {builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    protected override string Setup => "SELECT pg_advisory_xact_lock(7301);\n";

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
