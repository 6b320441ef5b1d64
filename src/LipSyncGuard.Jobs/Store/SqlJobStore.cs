using System.Data.Common;
using System.Globalization;
using LipSyncGuard.Analysis;
using LipSyncGuard.Faces;

namespace LipSyncGuard.Jobs.Store;

/// <summary>The job table in plain SQL that SQLite (3.35+) and PostgreSQL both run — <c>ON CONFLICT DO NOTHING</c>,
/// <c>RETURNING</c>, times as Unix milliseconds — so the two stores differ only in how they connect.</summary>
public abstract class SqlJobStore : IJobStore
{
    private const string Columns = "id, state, progress, file_name, selection, max_faces, idempotency_key, callback_url, attempts, attempt, "
        + "created_ms, started_ms, finished_ms, result, error_code, error_status, error_detail, operating_point";

    private const string Live = "state IN ('queued', 'running')";

    private const string Owned = "state = 'running' AND attempt = @attempt";

    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>Creates the store.</summary>
    protected SqlJobStore(TimeProvider? clock) => _clock = clock ?? TimeProvider.System;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>An open connection.</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Statements run before the table is created (SQLite's journal mode, PostgreSQL's lock).</summary>
    protected abstract string Setup { get; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => RunAsync(_ => Task.FromResult(true), cancellationToken);

    private async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // One command, so PostgreSQL runs the setup (a lock against a worker creating the table at the same time)
        // and the statements in one implicit transaction.
        await ExecuteAsync(connection, Setup + """
            CREATE TABLE IF NOT EXISTS lipsync_jobs (
                id TEXT PRIMARY KEY,
                state TEXT NOT NULL,
                progress DOUBLE PRECISION NOT NULL,
                file_name TEXT NOT NULL,
                selection TEXT NOT NULL,
                max_faces INTEGER NOT NULL,
                idempotency_key TEXT UNIQUE,
                callback_url TEXT,
                attempts INTEGER NOT NULL,
                attempt TEXT,
                created_ms BIGINT NOT NULL,
                updated_ms BIGINT NOT NULL,
                started_ms BIGINT,
                finished_ms BIGINT,
                result TEXT,
                error_code TEXT,
                error_status INTEGER,
                error_detail TEXT,
                operating_point TEXT);
            CREATE INDEX IF NOT EXISTS lipsync_jobs_state_created ON lipsync_jobs (state, created_ms);
            CREATE INDEX IF NOT EXISTS lipsync_jobs_finished ON lipsync_jobs (finished_ms);
            """, [], cancellationToken).ConfigureAwait(false);
        await AddColumnAsync(connection, "operating_point", "TEXT", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a column that tables created by earlier versions lack, keeping their jobs. Plain SQL (SQLite has no
    /// <c>ADD COLUMN IF NOT EXISTS</c>): look, add, and when another process added it in between, look again.</summary>
    private static async Task AddColumnAsync(DbConnection connection, string column, string type, CancellationToken cancellationToken)
    {
        if (await HasColumnAsync(connection, column, cancellationToken).ConfigureAwait(false)) return;
        try
        {
            await ExecuteAsync(connection, $"ALTER TABLE lipsync_jobs ADD COLUMN {column} {type}", [], cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            if (!await HasColumnAsync(connection, column, cancellationToken).ConfigureAwait(false)) throw;
        }
    }

    private static async Task<bool> HasColumnAsync(DbConnection connection, string column, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT * FROM lipsync_jobs LIMIT 0", []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < reader.FieldCount; i++)
            if (string.Equals(reader.GetName(i), column, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <inheritdoc />
    public Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, CancellationToken cancellationToken = default) => RunAsync(async connection =>
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var inserted = await ExecuteAsync(connection,
            "INSERT INTO lipsync_jobs (id, state, progress, file_name, selection, max_faces, operating_point, idempotency_key, callback_url, attempts, created_ms, updated_ms) "
            + "VALUES (@id, @state, 0, @file, @selection, @max_faces, @point, @key, @callback, 0, @created, @now) ON CONFLICT DO NOTHING",
            [("id", job.Id), ("state", job.State.ToName()), ("file", job.Request.FileName), ("selection", job.Request.Options.Selection.ToString().ToLowerInvariant()),
             ("max_faces", job.Request.Options.MaxFaces), ("point", job.Request.Options.OperatingPoint), ("key", job.Request.IdempotencyKey), ("callback", job.Request.CallbackUrl?.AbsoluteUri),
             ("created", job.CreatedUtc.ToUnixTimeMilliseconds()), ("now", now)], cancellationToken).ConfigureAwait(false);
        if (inserted == 1) return (job, true);
        // Same id (a retried submission) or same idempotency key: the job already there.
        var existing = await QueryAsync(connection, $"SELECT {Columns} FROM lipsync_jobs WHERE id = @id OR idempotency_key = @key",
            [("id", job.Id), ("key", job.Request.IdempotencyKey)], cancellationToken).ConfigureAwait(false);
        return existing.Count == 1 ? (existing[0], false) : throw new InvalidOperationException($"job {job.Id} was neither inserted nor found by its id or idempotency key");
    }, cancellationToken);

    /// <inheritdoc />
    public Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        SingleAsync($"SELECT {Columns} FROM lipsync_jobs WHERE id = @id", [("id", id)], cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JobRecord>> ListAsync(JobState? state = null, int limit = 100, CancellationToken cancellationToken = default) => RunAsync(connection =>
        state is { } s
            ? QueryAsync(connection, $"SELECT {Columns} FROM lipsync_jobs WHERE state = @state ORDER BY created_ms DESC, id LIMIT @limit", [("state", s.ToName()), ("limit", limit)], cancellationToken)
            : QueryAsync(connection, $"SELECT {Columns} FROM lipsync_jobs ORDER BY created_ms DESC, id LIMIT @limit", [("limit", limit)], cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<JobRecord?> StartAsync(string id, string attempt, CancellationToken cancellationToken = default) => SingleAsync(
        $"UPDATE lipsync_jobs SET state = 'running', attempts = attempts + 1, attempt = @attempt, progress = 0, started_ms = @now, updated_ms = @now WHERE id = @id AND {Live} RETURNING {Columns}",
        [("id", id), ("attempt", attempt), ("now", Now())], cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReportProgressAsync(string id, string attempt, double progress, CancellationToken cancellationToken = default) => UpdateAsync(
        $"UPDATE lipsync_jobs SET progress = @progress, updated_ms = @now WHERE id = @id AND {Owned}",
        [("id", id), ("attempt", attempt), ("progress", Math.Clamp(progress, 0, 1)), ("now", Now())], cancellationToken);

    /// <inheritdoc />
    public Task<bool> SucceedAsync(string id, string attempt, string resultJson, CancellationToken cancellationToken = default) => UpdateAsync(
        $"UPDATE lipsync_jobs SET state = 'succeeded', progress = 1, result = @result, finished_ms = @now, updated_ms = @now WHERE id = @id AND {Owned}",
        [("id", id), ("attempt", attempt), ("result", resultJson), ("now", Now())], cancellationToken);

    /// <inheritdoc />
    public Task<bool> FailAsync(string id, string? attempt, JobError error, CancellationToken cancellationToken = default) => UpdateAsync(
        "UPDATE lipsync_jobs SET state = 'failed', error_code = @code, error_status = @status, error_detail = @detail, finished_ms = @now, updated_ms = @now "
        + $"WHERE id = @id AND {(attempt is null ? Live : Owned)}",
        [("id", id), ("attempt", attempt), ("code", error.Code), ("status", error.Status), ("detail", error.Detail), ("now", Now())], cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(string id, string attempt, CancellationToken cancellationToken = default) => UpdateAsync(
        $"UPDATE lipsync_jobs SET state = 'queued', attempt = NULL, progress = 0, updated_ms = @now WHERE id = @id AND {Owned}",
        [("id", id), ("attempt", attempt), ("now", Now())], cancellationToken);

    /// <inheritdoc />
    public Task<bool> CancelAsync(string id, CancellationToken cancellationToken = default) => UpdateAsync(
        $"UPDATE lipsync_jobs SET state = 'cancelled', finished_ms = @now, updated_ms = @now WHERE id = @id AND {Live}",
        [("id", id), ("now", Now())], cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        UpdateAsync("DELETE FROM lipsync_jobs WHERE id = @id", [("id", id)], cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> DeleteFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken = default) => RunAsync(async connection =>
    {
        await using var command = Command(connection, "DELETE FROM lipsync_jobs WHERE finished_ms < @before RETURNING id", [("before", finishedBefore.ToUnixTimeMilliseconds())]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) ids.Add(reader.GetString(0));
        return (IReadOnlyList<string>)ids;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<JobState, long>> CountAsync(CancellationToken cancellationToken = default) => RunAsync(async connection =>
    {
        await using var command = Command(connection, "SELECT state, COUNT(*) FROM lipsync_jobs GROUP BY state", []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = Enum.GetValues<JobState>().ToDictionary(s => s, _ => 0L);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (JobStates.TryParse(reader.GetString(0), out var state)) counts[state] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }
        return (IReadOnlyDictionary<JobState, long>)counts;
    }, cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<JobRecord?> SingleAsync(string sql, (string, object?)[] parameters, CancellationToken cancellationToken) => RunAsync(async connection =>
    {
        var rows = await QueryAsync(connection, sql, parameters, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }, cancellationToken);

    private Task<bool> UpdateAsync(string sql, (string, object?)[] parameters, CancellationToken cancellationToken) =>
        RunAsync(async connection => await ExecuteAsync(connection, sql, parameters, cancellationToken).ConfigureAwait(false) == 1, cancellationToken);

    private async Task<T> RunAsync<T>(Func<DbConnection, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_schemaReady) await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            return await action(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or TimeoutException or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
        {
            throw new JobsUnavailableException("database", e);
        }
    }

    /// <summary>Creates the table on first use, so a database that was down when the host started is set up once it
    /// answers.</summary>
    private async Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady) return;
            await CreateSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<JobRecord>> QueryAsync(DbConnection connection, string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<JobRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) rows.Add(Read(reader));
        return rows;
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static JobRecord Read(DbDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
        var options = AnalysisOptions.Default with
        {
            Selection = Enum.Parse<TrackSelection>(r.GetString(4), ignoreCase: true),
            MaxFaces = r.GetInt32(5),
            OperatingPoint = Text(17),
        };
        var request = new JobRequest(r.GetString(3), options) { IdempotencyKey = Text(6), CallbackUrl = Text(7) is { } url ? new Uri(url) : null };
        if (!JobStates.TryParse(r.GetString(1), out var state)) throw new InvalidDataException($"job {r.GetString(0)} has an unknown state '{r.GetString(1)}'");
        return new JobRecord(r.GetString(0), state, r.GetDouble(2), request, r.GetInt32(8), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)))
        {
            Attempt = Text(9),
            StartedUtc = Time(11),
            FinishedUtc = Time(12),
            ResultJson = Text(13),
            Error = Text(14) is { } code ? new JobError(code, r.GetInt32(15), Text(16) ?? "") : null,
        };
    }
}
