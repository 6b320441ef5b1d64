using Xunit;

namespace LipSyncGuard.Testing.Services;

/// <summary>One PostgreSQL cluster and one RabbitMQ node for the whole test run (each test takes its own database or
/// virtual host). Started on first use, so tests that skip never pay for them (a skip, once raised, is raised again
/// for every test that asks). Each test project shares it through its own collection definition.</summary>
public sealed class ServersFixture : IAsyncLifetime
{
    private readonly Lazy<Task<PostgresServer>> _postgres = new(PostgresServer.StartAsync);
    private readonly Lazy<Task<RabbitMqServer>> _rabbit = new(RabbitMqServer.StartAsync);

    public Task<PostgresServer> PostgresAsync() => _postgres.Value;

    public Task<RabbitMqServer> RabbitAsync() => _rabbit.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_postgres.IsValueCreated && _postgres.Value.IsCompletedSuccessfully) await (await _postgres.Value).DisposeAsync();
        if (_rabbit.IsValueCreated && _rabbit.Value.IsCompletedSuccessfully) await (await _rabbit.Value).DisposeAsync();
    }
}
