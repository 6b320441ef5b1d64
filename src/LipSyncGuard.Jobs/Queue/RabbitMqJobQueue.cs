using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace LipSyncGuard.Jobs.Queue;

/// <summary>Job ids on RabbitMQ: a durable queue of persistent messages published with confirms, consumed with
/// manual acknowledgements and a prefetch of one per slot. A worker that dies leaves its unacknowledged deliveries to
/// the broker, which redelivers them; a rejected delivery goes, through the queue's dead-letter settings, to
/// <see cref="DeadLetterQueue"/>. The client's automatic recovery reconnects after a broker restart and re-registers
/// the consumer.</summary>
public sealed class RabbitMqJobQueue : IJobQueue
{
    /// <summary>The work queue.</summary>
    public const string WorkQueue = "lipsync.jobs";

    /// <summary>Where failed jobs are parked (inspect with <c>rabbitmqctl list_queues</c>).</summary>
    public const string DeadLetterQueue = "lipsync.jobs.dead";

    private readonly ConnectionFactory _factory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _publisher;

    /// <summary>Uses the broker at <paramref name="uri"/> (<c>amqp://user:password@host:5672/vhost</c>).</summary>
    public RabbitMqJobQueue(Uri uri, string clientName, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        _factory = new ConnectionFactory
        {
            Uri = uri,
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            // A restarted broker is usually back within seconds; the default 5 s wait would idle the workers.
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        _logger = logger ?? NullLogger.Instance;
        Name = $"rabbitmq {uri.Host}:{(uri.Port > 0 ? uri.Port : 5672)}";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool IsInProcess => false;

    /// <inheritdoc />
    public async Task PublishAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var body = Encoding.ASCII.GetBytes(jobId);
        var properties = new BasicProperties { Persistent = true, MessageId = jobId, ContentType = "text/plain" };
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Guard(async () =>
            {
                if (_publisher is not { IsOpen: true })
                {
                    var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
                    _publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
                }
                // With confirm tracking the call returns once the broker has written the persistent message.
                await _publisher.BasicPublishAsync(string.Empty, WorkQueue, mandatory: true, properties, body, cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task ConsumeAsync(int slots, JobHandler handler, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slots, ushort.MaxValue);
        var connection = await ConnectWithRetriesAsync(cancellationToken).ConfigureAwait(false);
        if (connection is null) return;
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: (ushort)slots), CancellationToken.None).ConfigureAwait(false);
        await channel.BasicQosAsync(0, (ushort)slots, false, CancellationToken.None).ConfigureAwait(false);
        var inFlight = new CountdownEvent(1);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            inFlight.AddCount();
            try
            {
                var id = Encoding.ASCII.GetString(delivery.Body.Span);
                JobOutcome outcome;
                try
                {
                    outcome = await handler(new JobDelivery(id, delivery.Redelivered), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "Handler failed on job {JobId}; releasing it", id);
                    outcome = JobOutcome.Release;
                }
                await SettleAsync(channel, delivery.DeliveryTag, outcome, id).ConfigureAwait(false);
            }
            finally
            {
                inFlight.Signal();
            }
        };
        var tag = await channel.BasicConsumeAsync(WorkQueue, autoAck: false, consumer, CancellationToken.None).ConfigureAwait(false);
        _logger.LogInformation("Consuming {Queue} on {Broker} with {Slots} slot(s)", WorkQueue, Name, slots);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutdown: stop new deliveries, let the running handlers release their jobs, then close.
        }
        try
        {
            await channel.BasicCancelAsync(tag, false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (IsBrokerFailure(e))
        {
            _logger.LogWarning("Could not cancel the consumer ({Error}); the broker requeues its deliveries when the channel closes", e.Message);
        }
        inFlight.Signal();
        await Task.Run(() => inFlight.Wait(TimeSpan.FromMinutes(1)), CancellationToken.None).ConfigureAwait(false);
        try
        {
            await channel.CloseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (IsBrokerFailure(e))
        {
            _logger.LogDebug("Channel already closed: {Error}", e.Message);
        }
    }

    /// <inheritdoc />
    public Task<QueueCounts> CountAsync(CancellationToken cancellationToken = default) => Guard(async () =>
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var ready = await channel.QueueDeclarePassiveAsync(WorkQueue, cancellationToken).ConfigureAwait(false);
        var dead = await channel.QueueDeclarePassiveAsync(DeadLetterQueue, cancellationToken).ConfigureAwait(false);
        return new QueueCounts(ready.MessageCount, dead.MessageCount);
    });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_publisher is not null) await _publisher.DisposeAsync().ConfigureAwait(false);
        if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task SettleAsync(IChannel channel, ulong tag, JobOutcome outcome, string id)
    {
        try
        {
            switch (outcome)
            {
                case JobOutcome.Done:
                    await channel.BasicAckAsync(tag, false, CancellationToken.None).ConfigureAwait(false);
                    break;
                case JobOutcome.Release:
                    await channel.BasicNackAsync(tag, false, requeue: true, CancellationToken.None).ConfigureAwait(false);
                    break;
                default:
                    await channel.BasicRejectAsync(tag, requeue: false, CancellationToken.None).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception e) when (IsBrokerFailure(e))
        {
            // The channel went down with the broker: the broker requeues the delivery and the next attempt sees the
            // job's final state in the store and only acknowledges it.
            _logger.LogWarning("Could not {Outcome} job {JobId} ({Error}); it will be redelivered", outcome, id, e.Message);
        }
    }

    private async Task<IConnection?> ConnectWithRetriesAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                return await ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (JobsUnavailableException e)
            {
                _logger.LogWarning("{Broker} is unreachable ({Error}); retrying in 2 s", Name, e.InnerException?.Message);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return null;
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing) return existing;
        try
        {
            var connection = await _factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                await channel.QueueDeclareAsync(DeadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
                var arguments = new Dictionary<string, object?> { ["x-dead-letter-exchange"] = string.Empty, ["x-dead-letter-routing-key"] = DeadLetterQueue };
                await channel.QueueDeclareAsync(WorkQueue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            connection.ConnectionShutdownAsync += (_, e) =>
            {
                _logger.LogWarning("Connection to {Broker} lost ({Reason}); recovering", Name, e.ReplyText);
                return Task.CompletedTask;
            };
            connection.RecoverySucceededAsync += (_, _) =>
            {
                _logger.LogInformation("Connection to {Broker} recovered", Name);
                return Task.CompletedTask;
            };
            if (Interlocked.CompareExchange(ref _connection, connection, null) is { } winner)
            {
                // Another caller connected at the same time: keep one connection.
                await connection.DisposeAsync().ConfigureAwait(false);
                return winner;
            }
            return connection;
        }
        catch (Exception e) when (IsBrokerFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new JobsUnavailableException("broker", e);
        }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (IsBrokerFailure(e))
        {
            throw new JobsUnavailableException("broker", e);
        }
    }

    private static bool IsBrokerFailure(Exception e) =>
        e is RabbitMQClientException or OperationInterruptedException or IOException or System.Net.Sockets.SocketException or TimeoutException;
}
