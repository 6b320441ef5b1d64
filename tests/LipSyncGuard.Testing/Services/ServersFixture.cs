using Xunit;

namespace LipSyncGuard.Testing.Services;

/// <summary>One PostgreSQL cluster and one RabbitMQ node for the whole test run (each test takes its own database or
/// virtual host). Started on first use, so tests that skip never pay for them. Each test project shares it through its
/// own collection definition.</summary>
public sealed class ServersFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PostgresServer? _postgres;
    private RabbitMqServer? _rabbit;

    public async Task<PostgresServer> PostgresAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _postgres ??= await PostgresServer.StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<RabbitMqServer> RabbitAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _rabbit ??= await RabbitMqServer.StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        if (_rabbit is not null) await _rabbit.DisposeAsync();
    }
}
